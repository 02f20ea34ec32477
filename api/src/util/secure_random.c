#include "util/secure_random.h"
#include <openssl/sha.h>
#include <sodium.h>
#include <stdint.h>
#include "util/b64url.h"

void random_token(char out[TOKEN_CHARS + 1]) {
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    b64url_encode(raw, sizeof raw, out, TOKEN_CHARS + 1);
    sodium_memzero(raw, sizeof raw);
}

static void hex_of(const unsigned char *raw, size_t n, char *out) {
    static const char hex[] = "0123456789abcdef"; /* snprintf per byte cost more than the random bytes */
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[2 * n] = '\0';
}

void random_hex(char *out, size_t n) {
    unsigned char raw[64];
    if (n > sizeof raw) n = sizeof raw;
    randombytes_buf(raw, n);
    hex_of(raw, n, out);
}

void request_id_new(char out[33]) {
    static __thread uint64_t state[2]; /* random prefix, counter */
    static __thread int seeded;
    if (!seeded) {
        randombytes_buf(state, sizeof state);
        seeded = 1;
    }
    state[1]++;
    unsigned char raw[16];
    for (int i = 0; i < 8; i++) {
        raw[i] = (unsigned char)(state[0] >> (56 - 8 * i));
        raw[8 + i] = (unsigned char)(state[1] >> (56 - 8 * i));
    }
    hex_of(raw, sizeof raw, out);
}

void sha256_raw(const void *data, size_t n, unsigned char out[32]) { SHA256(data, n, out); }

void sha256_hex(const void *data, size_t n, char out[65]) {
    unsigned char d[32];
    SHA256(data, n, d);
    hex_of(d, sizeof d, out);
}
