/* HMAC-SHA256 for hot paths. OpenSSL 3's one-shot HMAC() looks the algorithm up on every call (~6 us here); this
 * keeps one context per key with the key already absorbed and copies it per call (~2 us). Thread-safe. */
#ifndef NOTEJAM_HMAC_H
#define NOTEJAM_HMAC_H
#include <stddef.h>

#define HMAC_SHA256_LEN 32

/* out receives the 32-byte MAC of msg under key. Returns 0, or -1 if OpenSSL fails. */
int hmac_sha256(const unsigned char *key, size_t key_len, const void *msg, size_t n,
                unsigned char out[HMAC_SHA256_LEN]);
#endif
