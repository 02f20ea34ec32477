#include <criterion/criterion.h>
#include <string.h>
#include "http/validate.h"

Test(validate, utf8) {
    cr_assert(utf8_valid("plain", 5));
    cr_assert(utf8_valid("Grüße 😀 日本", strlen("Grüße 😀 日本")));
    cr_assert_not(utf8_valid("\xff", 1), "invalid byte");
    cr_assert_not(utf8_valid("\xc3", 1), "truncated sequence");
    cr_assert_not(utf8_valid("\xc0\xaf", 2), "overlong");
    cr_assert_not(utf8_valid("\xed\xa0\x80", 3), "surrogate");
    cr_assert_not(utf8_valid("a\0b", 3), "NUL");
    cr_assert_not(utf8_valid("\xf4\x90\x80\x80", 4), "above U+10FFFF");
    cr_assert_eq(utf8_chars("Grüße😀"), 6);
}

Test(validate, json_depth_and_nul) {
    cr_assert_eq(json_depth("{\"a\":[1,{\"b\":2}]}", 17, 32), 3);
    cr_assert_eq(json_depth("\"[[[[\"", 6, 2), 0, "brackets inside strings do not count");
    char deep[100];
    memset(deep, '[', 40);
    memset(deep + 40, ']', 40);
    cr_assert_eq(json_depth(deep, 80, 32), -1);
    cr_assert(json_has_escaped_nul("{\"a\":\"x\\u0000\"}", 15));
    cr_assert_not(json_has_escaped_nul("{\"a\":\"x\\\\u0000\"}", 16), "an escaped backslash then u0000 is text");
}

Test(validate, email) {
    cr_assert_null(validate_email("a@b.co"));
    cr_assert_null(validate_email("first.last+tag@example.org"));
    const char *bad[] = {"",     "ab",      "no-at.example", "@example.org", "a@",       "a@b",
                         "a@b.", "a@@b.co", "a b@c.de",      "a@b..co",      "<a@b.co>", "a@.co"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_not_null(validate_email(bad[i]), "%s", bad[i]);
    char long_email[300];
    memset(long_email, 'a', 260);
    strcpy(long_email + 250, "@example.org");
    cr_assert_not_null(validate_email(long_email));
}

Test(validate, password_counts_characters_not_bytes) {
    cr_assert_not_null(validate_password("1234567"));
    cr_assert_null(validate_password("12345678"));
    cr_assert_null(validate_password("ééééééé1"), "8 characters in 15 bytes");
    char long_pw[200];
    memset(long_pw, 'x', 129);
    long_pw[129] = '\0';
    cr_assert_not_null(validate_password(long_pw));
    long_pw[128] = '\0';
    cr_assert_null(validate_password(long_pw));
}

Test(validate, names_are_trimmed_and_bounded) {
    size_t start, len;
    cr_assert_null(validate_name("  Work  ", &start, &len));
    cr_assert_eq(start, 2);
    cr_assert_eq(len, 4);
    cr_assert_not_null(validate_name("   ", &start, &len));
    cr_assert_not_null(validate_name("", &start, &len));
    char n[500] = "";
    for (int i = 0; i < 100; i++)
        strcat(n, "é");
    cr_assert_null(validate_name(n, &start, &len), "100 two-byte characters are fine");
    strcat(n, "x");
    cr_assert_not_null(validate_name(n, &start, &len));
}

Test(validate, ids_and_limits) {
    cr_assert_eq(parse_id("42", 2), 42);
    cr_assert_eq(parse_id("0", 1), -1);
    cr_assert_eq(parse_id("007", 3), -1);
    cr_assert_eq(parse_id("-1", 2), -1);
    cr_assert_eq(parse_id("1e3", 3), -1);
    cr_assert_eq(parse_id("99999999999999999999", 20), -1);
    cr_assert_eq(parse_limit(NULL), 50);
    cr_assert_eq(parse_limit("1"), 1);
    cr_assert_eq(parse_limit("100"), 100);
    cr_assert_eq(parse_limit("101"), -1);
    cr_assert_eq(parse_limit("0"), -1);
    cr_assert_eq(parse_limit("ten"), -1);
}
