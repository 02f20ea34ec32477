#include <criterion/criterion.h>
#include <string.h>
#include "http/cursor.h"

static const unsigned char KEY[32] = "cursor-key-cursor-key-cursor-ke";

Test(cursor, round_trip_keeps_every_field) {
    cursor_t c = {.list = 'N', .order = ORDER_NAME_DESC, .scope = 12, .updated_us = 1795862105207857, .id = 99};
    strcpy(c.name, "Grüße | pipes | 😀");
    char text[CURSOR_TEXT_MAX];
    cr_assert_eq(cursor_encode(&c, KEY, sizeof KEY, text, sizeof text), 0);
    cursor_t d;
    cr_assert_eq(cursor_decode(text, KEY, sizeof KEY, &d), 0);
    cr_assert_eq(d.list, 'N');
    cr_assert_eq(d.order, ORDER_NAME_DESC);
    cr_assert_eq(d.scope, 12);
    cr_assert_eq(d.updated_us, 1795862105207857);
    cr_assert_eq(d.id, 99);
    cr_assert_str_eq(d.name, c.name);
}

Test(cursor, tampered_truncated_or_foreign_cursor_rejected) {
    cursor_t c = {.list = 'P', .order = ORDER_UPDATED_DESC, .updated_us = 5, .id = 1}, d;
    char text[CURSOR_TEXT_MAX];
    cursor_encode(&c, KEY, sizeof KEY, text, sizeof text);
    char bad[CURSOR_TEXT_MAX];
    strcpy(bad, text);
    bad[3] = bad[3] == 'A' ? 'B' : 'A';
    cr_assert_eq(cursor_decode(bad, KEY, sizeof KEY, &d), -1);
    text[strlen(text) - 2] = '\0';
    cr_assert_eq(cursor_decode(text, KEY, sizeof KEY, &d), -1);
    cr_assert_eq(cursor_decode("", KEY, sizeof KEY, &d), -1);
    cr_assert_eq(cursor_decode("not a cursor!", KEY, sizeof KEY, &d), -1);
    static const unsigned char other[32] = "another-key-another-key-another";
    cursor_encode(&c, KEY, sizeof KEY, text, sizeof text);
    cr_assert_eq(cursor_decode(text, other, sizeof other, &d), -1);
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
