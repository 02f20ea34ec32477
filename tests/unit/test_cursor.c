#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "http/cursor.h"
#include "util/b64url.h"
#include "util/hmac.h"

/* Rings made of keys a..h (36 bytes each: "key-a-" six times, etc.). */
static cursor_keys_t ring(const char *spec) {
    jwt_ring_t r;
    const char *why = NULL;
    cr_assert_eq(jwt_ring_parse(spec, &r, &why), 0, "%s", why);
    cursor_keys_t k;
    cr_assert_eq(cursor_keys_derive(&r, &k), 0);
    return k;
}
#define A "a:a2V5LWEta2V5LWEta2V5LWEta2V5LWEta2V5LWEta2V5LWEt"
#define B "b:a2V5LWIta2V5LWIta2V5LWIta2V5LWIta2V5LWIta2V5LWIt"
#define C "c:a2V5LWMta2V5LWMta2V5LWMta2V5LWMta2V5LWMta2V5LWMt"

Test(cursor, round_trip_keeps_every_field) {
    cursor_keys_t k = ring(A);
    cursor_t c = {.list = 'N', .order = ORDER_NAME_DESC, .scope = 12, .updated_us = 1795862105207857, .id = 99};
    strcpy(c.name, "Grüße | pipes | 😀");
    char text[CURSOR_TEXT_MAX];
    cr_assert_eq(cursor_encode(&c, &k, text, sizeof text), 0);
    cursor_t d;
    cr_assert_eq(cursor_decode(text, &k, &d), 0);
    cr_assert_eq(d.list, 'N');
    cr_assert_eq(d.order, ORDER_NAME_DESC);
    cr_assert_eq(d.scope, 12);
    cr_assert_eq(d.updated_us, 1795862105207857);
    cr_assert_eq(d.id, 99);
    cr_assert_str_eq(d.name, c.name);
}

Test(cursor, tampered_truncated_or_foreign_cursor_rejected) {
    cursor_keys_t k = ring(A), other = ring(C);
    cursor_t c = {.list = 'P', .order = ORDER_UPDATED_DESC, .updated_us = 5, .id = 1}, d;
    char text[CURSOR_TEXT_MAX];
    cursor_encode(&c, &k, text, sizeof text);
    char bad[CURSOR_TEXT_MAX];
    strcpy(bad, text);
    bad[8] = bad[8] == 'A' ? 'B' : 'A';
    cr_assert_eq(cursor_decode(bad, &k, &d), -1);
    text[strlen(text) - 2] = '\0';
    cr_assert_eq(cursor_decode(text, &k, &d), -1);
    cr_assert_eq(cursor_decode("", &k, &d), -1);
    cr_assert_eq(cursor_decode("not a cursor!", &k, &d), -1);
    cursor_encode(&c, &k, text, sizeof text);
    cr_assert_eq(cursor_decode(text, &other, &d), -1);
}

/* Rotation: ring N signs with a; N+1 adds b in front (b signs tokens, a still verifies); N+2 drops a. During each
 * rollout pods of neighbouring rings serve the same client: a cursor from either must work on the other. */
Test(cursor, neighbouring_key_rings_accept_each_others_cursors) {
    cursor_keys_t rings[] = {ring(A), ring(B "," A), ring(B)};
    cursor_t c = {.list = 'N', .order = ORDER_NAME_ASC, .id = 7}, d;
    strcpy(c.name, "page two");
    char text[CURSOR_TEXT_MAX];
    for (int from = 0; from < 3; from++) {
        cr_assert_eq(cursor_encode(&c, &rings[from], text, sizeof text), 0);
        for (int to = from - 1; to <= from + 1; to++)
            if (to >= 0 && to < 3) cr_assert_eq(cursor_decode(text, &rings[to], &d), 0, "ring %d -> ring %d", from, to);
    }
    cr_assert_eq(cursor_encode(&c, &rings[0], text, sizeof text), 0);
    cr_assert_eq(cursor_decode(text, &rings[2], &d), -1, "rings sharing no key do not");
}

Test(cursor, the_longest_cursor_of_a_full_ring_fits_the_query_limit) {
    cursor_keys_t k =
        ring(A "," B "," C
               ",d:a2V5LWQta2V5LWQta2V5LWQta2V5LWQta2V5LWQta2V5LWQt,e:a2V5LWUta2V5LWUta2V5LWUta2V5LWUta2V5LWUta2V5LWUt,"
               "f:a2V5LWYta2V5LWYta2V5LWYta2V5LWYta2V5LWYta2V5LWYt,g:a2V5LWcta2V5LWcta2V5LWcta2V5LWcta2V5LWcta2V5LWct,"
               "h:a2V5LWgta2V5LWgta2V5LWgta2V5LWgta2V5LWgta2V5LWgt");
    cr_assert_eq(k.count, 8);
    cursor_t c = {.list = 'N', .order = ORDER_NAME_DESC, .scope = INT64_MIN, .updated_us = INT64_MIN, .id = INT64_MIN},
             d;
    for (int i = 0; i < 100; i++)
        memcpy(c.name + 4 * i, "😀", 4);
    char text[CURSOR_TEXT_MAX];
    cr_assert_eq(cursor_encode(&c, &k, text, sizeof text), 0);
    cr_assert_lt(strlen(text), 1024, "openapi.yaml: Cursor maxLength 1024");
    cr_assert_eq(cursor_decode(text, &k, &d), 0);
}

/* Cursors handed out before this format (v1: one MAC by the first key) keep working across the upgrade. */
Test(cursor, v1_cursor_still_decodes) {
    cursor_keys_t k = ring(A);
    unsigned char raw[128];
    int n = snprintf((char *)raw, sizeof raw, "v1|P|0|0|5|1|");
    unsigned char full[HMAC_SHA256_LEN];
    hmac_sha256(k.keys[0], CURSOR_KEY_LEN, raw, (size_t)n, full);
    memcpy(raw + n, full, 16);
    char text[CURSOR_TEXT_MAX];
    cr_assert_geq(b64url_encode(raw, (size_t)n + 16, text, sizeof text), 0);
    cursor_t d;
    cr_assert_eq(cursor_decode(text, &k, &d), 0);
    cr_assert_eq(d.list, 'P');
    cr_assert_eq(d.id, 1);
}

Test(cursor, order_parsing) {
    cr_assert_eq(parse_order(NULL), ORDER_UPDATED_DESC);
    cr_assert_eq(parse_order("name"), ORDER_NAME_ASC);
    cr_assert_eq(parse_order("-name"), ORDER_NAME_DESC);
    cr_assert_eq(parse_order("updated_at"), ORDER_UPDATED_ASC);
    cr_assert_eq(parse_order("-updated_at"), ORDER_UPDATED_DESC);
    cr_assert_eq(parse_order("created_at"), -1);
    cr_assert_eq(parse_order("NAME"), -1);
}
