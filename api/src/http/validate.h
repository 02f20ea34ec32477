/* Pure input validation: UTF-8, emails, passwords, names, ids, query parameters. */
#ifndef NOTEJAM_VALIDATE_H
#define NOTEJAM_VALIDATE_H
#include <stddef.h>
#include <stdint.h>

/* Field limits: the same numbers as openapi.yaml's Email, Password, Name and NoteText schemas and the web app's
 * LIMITS (web/src/lib/validate.js); tests/contract/limits.test.mjs fails when they differ. */
#define PASSWORD_MIN    8
#define PASSWORD_MAX    128
#define NAME_MAX_CHARS  100
#define TEXT_MAX_CHARS  20000
#define EMAIL_MIN_BYTES 3
#define EMAIL_MAX_BYTES 254
#define JSON_MAX_DEPTH  32
/* A limit inside a message: "must be at most " LIMIT_STR(NAME_MAX_CHARS) " characters". */
#define LIMIT_STR_(n) #n
#define LIMIT_STR(n)  LIMIT_STR_(n)

/* The largest valid note body: every character written as a JSON escape of a surrogate pair (12 bytes per
 * character), plus room for the keys. NOTEJAM_MAX_BODY's default must not be below it (tests/unit/test_config.c). */
#define NOTE_BODY_MAX_BYTES ((TEXT_MAX_CHARS + NAME_MAX_CHARS) * 12 + 1024)

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates) without NUL bytes. */
int utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8. */
size_t utf8_chars(const char *s);
/* Maximum nesting of arrays/objects in JSON text (strings skipped); returns depth, or -1 if it exceeds max. */
int json_depth(const char *s, size_t n, int max);
/* 1 if the JSON text contains an escaped NUL (\u0000), which C strings cannot carry. */
int json_has_escaped_nul(const char *s, size_t n);

/* Each returns NULL when valid, else a static message for the client. */
const char *validate_email(const char *email);
const char *validate_password(const char *password);
/* Name after trimming: start and len describe the trimmed part. */
const char *validate_name(const char *name, size_t *start, size_t *len);
const char *validate_text(const char *text);

/* Positive decimal id without sign, leading zeros, or overflow; -1 if invalid. */
int64_t parse_id(const char *s, size_t n);
/* limit in 1..100; returns -1 when invalid. NULL means the default (50). */
int parse_limit(const char *s);
#endif
