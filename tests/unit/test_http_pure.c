/* Small pure pieces of the HTTP layer: client IP, request ids, content types, Redis URLs, base64url, JSON output. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include "http/fields.h"
#include "http/pipeline.h"
#include "store/redis_pool.h"
#include "util/b64url.h"
#include "util/json_out.h"
#include "util/secure_random.h"

Test(http_pure, client_ip_honours_trusted_hops_only) {
    char ip[64];
    client_ip("10.0.0.5", "1.2.3.4, 5.6.7.8", 0, ip, sizeof ip);
    cr_assert_str_eq(ip, "10.0.0.5");
    client_ip("10.0.0.5", "1.2.3.4, 5.6.7.8", 1, ip, sizeof ip);
    cr_assert_str_eq(ip, "5.6.7.8");
    client_ip("10.0.0.5", "1.2.3.4, 5.6.7.8", 2, ip, sizeof ip);
    cr_assert_str_eq(ip, "1.2.3.4");
    client_ip("10.0.0.5", "5.6.7.8", 2, ip, sizeof ip);
    cr_assert_str_eq(ip, "10.0.0.5", "fewer entries than hops");
    client_ip("10.0.0.5", "evil<script>", 1, ip, sizeof ip);
    cr_assert_str_eq(ip, "10.0.0.5", "garbage ignored");
}

Test(http_pure, request_ids_and_content_types) {
    cr_assert(request_id_ok("abc-123_x.y"));
    cr_assert_not(request_id_ok(""));
    cr_assert_not(request_id_ok("has space"));
    cr_assert_not(request_id_ok("line\nbreak"));
    char long_id[80];
    memset(long_id, 'a', 65);
    long_id[65] = '\0';
    cr_assert_not(request_id_ok(long_id));
    cr_assert(content_type_is_json("application/json"));
    cr_assert(content_type_is_json("Application/JSON; charset=utf-8"));
    cr_assert_not(content_type_is_json("application/jsonp"));
    cr_assert_not(content_type_is_json("text/plain"));
    cr_assert_not(content_type_is_json(NULL));
}

static void *ids_of_a_thread(void *out) {
    for (int i = 0; i < 1000; i++)
        request_id_new((char *)out + 33 * i);
    return NULL;
}

Test(http_pure, generated_request_ids_are_32_hex_and_unique_across_threads) {
    static char ids[2][1000 * 33];
    pthread_t t[2];
    for (int k = 0; k < 2; k++)
        pthread_create(&t[k], NULL, ids_of_a_thread, ids[k]);
    for (int k = 0; k < 2; k++)
        pthread_join(t[k], NULL);
    for (int a = 0; a < 2000; a++) {
        const char *x = ids[a / 1000] + 33 * (a % 1000);
        cr_assert_eq(strlen(x), 32);
        cr_assert_eq(strspn(x, "0123456789abcdef"), 32, "%s", x);
        cr_assert(request_id_ok(x));
        for (int b = a + 1; b < 2000; b++)
            cr_assert_str_neq(x, ids[b / 1000] + 33 * (b % 1000));
    }
}

Test(http_pure, redis_urls) {
    char host[64], user[32], pw[64];
    int port, db;
    cr_assert_eq(rds_parse_url("redis://127.0.0.1:6380/2", host, 64, &port, user, 32, pw, 64, &db), 0);
    cr_assert_str_eq(host, "127.0.0.1");
    cr_assert_eq(port, 6380);
    cr_assert_eq(db, 2);
    cr_assert_eq(rds_parse_url("redis://:s3cret@cache", host, 64, &port, user, 32, pw, 64, &db), 0);
    cr_assert_str_eq(pw, "s3cret");
    cr_assert_eq(port, 6379);
    cr_assert_eq(rds_parse_url("http://x", host, 64, &port, user, 32, pw, 64, &db), -1);
    cr_assert_eq(rds_parse_url("redis://host:99999", host, 64, &port, user, 32, pw, 64, &db), -1);
    cr_assert_eq(rds_parse_url("redis://host/99", host, 64, &port, user, 32, pw, 64, &db), -1);
}

Test(http_pure, base64url_round_trip_and_rejects) {
    const unsigned char in[] = {0xfb, 0xff, 0x00, 0x10, 0x41};
    char enc[16];
    unsigned char dec[16];
    cr_assert_eq(b64url_encode(in, 5, enc, sizeof enc), 7);
    cr_assert_eq(b64url_decode(enc, 7, dec, sizeof dec), 5);
    cr_assert_eq(memcmp(in, dec, 5), 0);
    cr_assert_eq(b64url_decode("ab=", 3, dec, sizeof dec), -1);
    cr_assert_eq(b64url_decode("a", 1, dec, sizeof dec), -1);
    cr_assert_eq(b64url_decode("ab+/", 4, dec, sizeof dec), -1);
}

Test(http_pure, json_strings_escape_controls_and_keep_unicode) {
    buf_t b;
    buf_init(&b, 256);
    json_str(&b, "a\"b\\c\n\x01 😀 </script>");
    cr_assert_str_eq(b.data, "\"a\\\"b\\\\c\\n\\u0001 😀 </script>\"");
    buf_reset(&b);
    json_time_us(&b, 0);
    cr_assert_str_eq(b.data, "\"1970-01-01T00:00:00.000000Z\"");
    buf_free(&b);
}

Test(http_pure, buffers_refuse_to_grow_past_their_cap) {
    buf_t b;
    buf_init(&b, 8);
    cr_assert_eq(buf_puts(&b, "12345678"), 0);
    cr_assert_eq(buf_putc(&b, '9'), -1);
    cr_assert(b.failed);
    buf_free(&b);
}

Test(http_pure, field_helpers_report_types_unknowns_and_duplicates) {
    static const char *const allowed[] = {"name", "pad_id", NULL};
    cJSON *j = cJSON_Parse("{\"name\":5,\"pad_id\":1.5,\"colour\":\"red\"}");
    field_errors_t e = {0};
    cr_assert_eq(fields_check(j, allowed, &e), 0);
    cr_assert_eq(e.count, 1);
    cr_assert_str_eq(e.items[0].field, "colour");
    cr_assert_null(field_string(j, "name", 1, &e));
    int present;
    int64_t id;
    cr_assert_eq(field_id_or_null(j, "pad_id", &present, &id, &e), -1);
    cr_assert_eq(e.count, 3);
    cJSON_Delete(j);
    j = cJSON_Parse("{\"name\":\"a\",\"name\":\"b\"}");
    cr_assert_eq(fields_check(j, allowed, &e), -1, "duplicate keys refused");
    cJSON_Delete(j);
    j = cJSON_Parse("{\"pad_id\":null}");
    field_errors_t e2 = {0};
    cr_assert_eq(field_id_or_null(j, "pad_id", &present, &id, &e2), 0);
    cr_assert(present);
    cr_assert_eq(id, 0);
    cJSON_Delete(j);
}
