/* Base64url without padding (RFC 4648 section 5). */
#ifndef NOTEJAM_B64URL_H
#define NOTEJAM_B64URL_H
#include <stddef.h>
/* Encoded length for n bytes (without NUL). */
size_t b64url_encoded_len(size_t n);
/* Writes b64url_encoded_len(n) chars plus NUL into out (out_size must fit). Returns length or -1. */
int b64url_encode(const unsigned char *in, size_t n, char *out, size_t out_size);
/* Decodes into out; rejects padding, bad chars and non-canonical trailing bits. Returns bytes or -1. */
int b64url_decode(const char *in, size_t n, unsigned char *out, size_t out_size);
#endif
