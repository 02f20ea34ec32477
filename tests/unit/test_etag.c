#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "http/etag.h"

static if_match_t parse(const char *h, char *out) { return if_match_parse(h, 42, out, 400); }

Test(etag, format_is_quoted_id_dot_version) {
    char t[64];
    etag_format(t, sizeof t, "42", "7");
    cr_assert_str_eq(t, "\"42.7\"");
}

Test(etag, absent_or_star_is_no_condition) {
    char v[400];
    cr_assert_eq(parse(NULL, v), IF_MATCH_NONE);
    cr_assert_eq(parse("*", v), IF_MATCH_NONE);
    cr_assert_eq(parse("  * ", v), IF_MATCH_NONE);
}

Test(etag, strong_tags_of_this_object_become_versions) {
    char v[400];
    cr_assert_eq(parse("\"42.3\"", v), IF_MATCH_LIST);
    cr_assert_str_eq(v, "{3}");
    cr_assert_eq(parse("\"42.3\" , \"42.5\",,\"42.9\"", v), IF_MATCH_LIST);
    cr_assert_str_eq(v, "{3,5,9}");
}

Test(etag, weak_foreign_or_odd_tags_match_nothing) {
    char v[400];
    const char *none[] = {"W/\"42.3\"", "\"43.3\"", "\"4.3\"",   "\"42.\"",
                          "\"42.x\"",   "\"\"",     "\"420.3\"", "\"42.99999999999999999999\""};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        cr_assert_eq(parse(none[i], v), IF_MATCH_LIST, "%s", none[i]);
        cr_assert_str_eq(v, "{}", "%s", none[i]);
    }
}

Test(etag, malformed_headers_are_bad) {
    char v[400];
    const char *bad[] = {"",        "   ",    "42.3", "\"42.3", "\"42.3\" \"42.4\"", "\"42.3\", x", "*, \"42.3\"",
                         "\"a b\"", "W/42.3", ","};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(parse(bad[i], v), IF_MATCH_BAD, "%s", bad[i]);
}

Test(etag, more_tags_than_kept_still_parse_and_small_buffers_fail_closed) {
    char v[400], h[1024] = "";
    for (int i = 1; i <= 20; i++) {
        char one[32];
        snprintf(one, sizeof one, "%s\"42.%d\"", i > 1 ? "," : "", i);
        strcat(h, one);
    }
    cr_assert_eq(parse(h, v), IF_MATCH_LIST);
    cr_assert_str_eq(v, "{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16}");
    char tiny[4];
    cr_assert_eq(if_match_parse("\"42.12345\"", 42, tiny, sizeof tiny), IF_MATCH_BAD);
}
