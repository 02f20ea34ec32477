/* Random tokens and SHA-256 digests used for refresh tokens, reset tokens and request ids. */
#ifndef NOTEJAM_SECURE_RANDOM_H
#define NOTEJAM_SECURE_RANDOM_H
#include <stddef.h>

#define TOKEN_BYTES 32
#define TOKEN_CHARS 43 /* base64url of 32 bytes */

/* 256 random bits as base64url into out (>= 44 bytes). */
void random_token(char out[TOKEN_CHARS + 1]);
/* n random bytes as lowercase hex into out (>= 2n+1 bytes). */
void random_hex(char *out, size_t n);
/* A request id: 32 lowercase hex characters, unique but not secret (a random 64-bit prefix per thread, then a
 * counter), so the hot path makes no getrandom() system call per request. */
void request_id_new(char out[33]);
/* SHA-256 of data as lowercase hex into out[65]. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* SHA-256 raw digest. */
void sha256_raw(const void *data, size_t n, unsigned char out[32]);
#endif
