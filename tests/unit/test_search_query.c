#include <criterion/criterion.h>
#include <string.h>
#include "http/search_query.h"

static const char *check(const char *q) { return search_query_check(q, strlen(q)); }

Test(search_query, words_split_on_the_three_separators) {
    cr_assert_eq(search_words("one", 3), 1);
    cr_assert_eq(search_words("  one   two ", 12), 2);
    const char *q = "東京\xe3\x80\x80タワー\xc2\xa0night";
    cr_assert_eq(search_words(q, strlen(q)), 3, "ideographic and no-break spaces separate words");
    cr_assert_eq(search_words("a\xe2\x80\x83"
                              "b",
                              5),
                 1, "other spaces (U+2003) do not");
}

Test(search_query, accepts_any_script_and_operators) {
    cr_assert_null(check("Καλημέρα"));
    cr_assert_null(check("東京タワー"));
    cr_assert_null(check("🎉"));
    cr_assert_null(check("!a&b|c:* <-> 'x' \"y\" %_\\"), "tsquery operators, quotes and LIKE wildcards");
}

Test(search_query, refuses_what_cannot_be_searched) {
    cr_assert_str_eq(check(""), "must contain a word");
    cr_assert_str_eq(check(" \xc2\xa0 "), "must contain a word");
    cr_assert_str_eq(check("a b c d e f g h i"), "must have at most 8 words");
    cr_assert_null(check("a b c d e f g h"));
    cr_assert_str_eq(search_query_check("a\0b", 3), "must be UTF-8 text without NUL characters");
    cr_assert_str_eq(check("\xff"), "must be UTF-8 text without NUL characters");
    cr_assert_str_eq(check("a\tb"), "must not contain control characters");
    cr_assert_str_eq(check("a\x7f"), "must not contain control characters");
    char q[SEARCH_Q_BUF];
    memset(q, 'x', 201);
    q[201] = '\0';
    cr_assert_str_eq(check(q), "must be at most 200 characters");
    q[200] = '\0';
    cr_assert_null(check(q));
}
