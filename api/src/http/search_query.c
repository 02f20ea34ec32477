#include "http/search_query.h"
#include "http/validate.h"

/* Length of the separator at s (0 if none). */
static size_t separator(const unsigned char *s, size_t left) {
    if (s[0] == ' ') return 1;
    if (left >= 2 && s[0] == 0xc2 && s[1] == 0xa0) return 2;                 /* U+00A0 */
    if (left >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) return 3; /* U+3000 */
    return 0;
}

int search_words(const char *q, size_t n) {
    const unsigned char *s = (const unsigned char *)q;
    int words = 0, in_word = 0;
    for (size_t i = 0; i < n;) {
        size_t sep = separator(s + i, n - i);
        if (sep) {
            in_word = 0;
            i += sep;
            continue;
        }
        if (!in_word) words++;
        in_word = 1;
        i++;
    }
    return words;
}

const char *search_query_check(const char *q, size_t n) {
    if (!utf8_valid(q, n)) return "must be UTF-8 text without NUL characters";
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f) return "must not contain control characters";
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)q[i] & 0xc0) != 0x80;
    if (chars > SEARCH_Q_MAX_CHARS) return "must be at most 200 characters";
    int words = search_words(q, n);
    if (words == 0) return "must contain a word";
    if (words > SEARCH_MAX_WORDS) return "must have at most 8 words";
    return NULL;
}
