/* The q= search parameter of the note lists: pure checks, no I/O. */
#ifndef NOTEJAM_SEARCH_QUERY_H
#define NOTEJAM_SEARCH_QUERY_H
#include <stddef.h>

#define SEARCH_Q_MAX_CHARS 200
#define SEARCH_MAX_WORDS   8
/* Bytes a valid q can take once decoded (4 per character) plus the NUL. */
#define SEARCH_Q_BUF (SEARCH_Q_MAX_CHARS * 4 + 1)

/* Words of q: runs between spaces, no-break spaces (U+00A0) and ideographic spaces (U+3000), the separators of
 * notejam_search_patterns() in api/migrations/0003_search_export.sql. q must be valid UTF-8. */
int search_words(const char *q, size_t n);
/* Checks a decoded q of n bytes (it may hold NUL bytes). Returns NULL when it can be searched for, else why not. */
const char *search_query_check(const char *q, size_t n);
#endif
