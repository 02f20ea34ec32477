/* Lean JSON writing into a buf_t (hot paths avoid building cJSON trees). */
#ifndef NOTEJAM_JSON_OUT_H
#define NOTEJAM_JSON_OUT_H
#include <stdint.h>
#include "util/buf.h"

/* Appends s (n bytes of valid UTF-8) as a quoted JSON string. */
int json_str_n(buf_t *b, const char *s, size_t n);
int json_str(buf_t *b, const char *s);
/* Appends a JSON string or null. */
int json_str_or_null(buf_t *b, const char *s);
int json_i64(buf_t *b, int64_t v);
/* Appends a quoted RFC 3339 UTC timestamp from Unix microseconds, e.g. "2026-11-28T10:15:02.123456Z". */
int json_time_us(buf_t *b, int64_t unix_us);
/* Formats Unix microseconds as RFC 3339 UTC into out (>= 28 bytes). */
void format_time_us(int64_t unix_us, char *out, size_t out_size);
#endif
