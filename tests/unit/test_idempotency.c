#include <criterion/criterion.h>
#include <string.h>
#include "services/idempotency.h"

static const char FP[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

Test(idempotency, key_is_1_to_255_printable_ascii) {
    char long_key[300];
    memset(long_key, 'k', sizeof long_key);
    long_key[255] = '\0';
    cr_assert(idem_key_ok("5f1c7a52-3b0e-4c44-9d1f-0f6a2b7e9c10"));
    cr_assert(idem_key_ok("a key with spaces ~!"));
    cr_assert(idem_key_ok(long_key));
    long_key[255] = 'k';
    long_key[256] = '\0';
    cr_assert_not(idem_key_ok(long_key));
    cr_assert_not(idem_key_ok(""));
    cr_assert_not(idem_key_ok("tab\there"));
    cr_assert_not(idem_key_ok("caf\xc3\xa9"));
}

Test(idempotency, answer_round_trips_with_headers_and_binary_safe_body) {
    buf_t b;
    buf_init(&b, 1 << 16);
    const char body[] = "{\"id\":7,\"name\":\"a:b\\r\\n\"}";
    idem_record_encode(&b, FP, 201, "Location: /api/v1/pads/7\r\nETag: \"7.1\"\r\n", body, strlen(body));
    idem_record_t r;
    cr_assert_eq(idem_record_decode(b.data, b.len, &r), 0);
    cr_assert_not(r.pending);
    cr_assert_str_eq(r.fp, FP);
    cr_assert_eq(r.status, 201);
    cr_assert_eq(r.headers_len, strlen("Location: /api/v1/pads/7\r\nETag: \"7.1\"\r\n"));
    cr_assert_eq(memcmp(r.headers, "Location: /api/v1/pads/7\r\n", 26), 0);
    cr_assert_eq(r.body_len, strlen(body));
    cr_assert_eq(memcmp(r.body, body, r.body_len), 0);
    buf_free(&b);
}

Test(idempotency, pending_claim_decodes_as_pending) {
    char v[128];
    snprintf(v, sizeof v, "P%s:0011223344556677", FP);
    idem_record_t r;
    cr_assert_eq(idem_record_decode(v, strlen(v), &r), 0);
    cr_assert(r.pending);
    cr_assert_str_eq(r.fp, FP);
}

Test(idempotency, damaged_values_are_refused) {
    char v[256];
    idem_record_t r;
    /* {prefix, with the fingerprint?, suffix} */
    const struct {
        const char *head;
        int fp;
        const char *tail;
    } bad[] = {{"", 0, ""},      {"X", 0, ""},           {"Dshort", 0, ""},  {"D", 1, ""},       {"D", 1, "20"},
               {"D", 1, "201:"}, {"D", 1, "201:99:abc"}, {"D", 1, "2x1:0:"}, {"D", 1, "201:x:"}, {"Q", 1, "201:0:"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(v, sizeof v, "%s%s%s", bad[i].head, bad[i].fp ? FP : "", bad[i].tail);
        cr_assert_eq(idem_record_decode(v, strlen(v), &r), -1, "%s", v);
    }
    snprintf(v, sizeof v, "D%s201:0:", FP);
    cr_assert_eq(idem_record_decode(v, strlen(v), &r), 0, "an empty body is fine");
}
