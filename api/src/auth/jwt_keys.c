#include "auth/jwt_keys.h"
#include <openssl/crypto.h>
#include <string.h>
#include "util/b64url.h"

static int kid_char_ok(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

int jwt_ring_parse(const char *spec, jwt_ring_t *ring, const char **why) {
    memset(ring, 0, sizeof(*ring));
    const char *p = spec;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t item_len = end ? (size_t)(end - p) : strlen(p);
        const char *colon = memchr(p, ':', item_len);
        if (!colon || colon == p) {
            *why = "each key must be kid:base64";
            goto fail;
        }
        size_t kid_len = (size_t)(colon - p);
        if (kid_len > JWT_KID_MAX) {
            *why = "a kid is longer than 32 characters";
            goto fail;
        }
        for (size_t i = 0; i < kid_len; i++)
            if (!kid_char_ok(p[i])) {
                *why = "a kid has characters outside [A-Za-z0-9._-]";
                goto fail;
            }
        if (ring->count == JWT_KEYS_MAX) {
            *why = "more than 8 keys";
            goto fail;
        }
        jwt_key_t *k = &ring->keys[ring->count];
        memcpy(k->kid, p, kid_len);
        k->kid[kid_len] = '\0';
        if (jwt_ring_find(ring, k->kid)) {
            *why = "a kid appears twice";
            goto fail;
        }
        /* normalise standard base64 to url-safe and drop padding */
        char b64[256];
        size_t b64_len = 0;
        for (const char *c = colon + 1; c < p + item_len; c++) {
            if (*c == '=') break;
            if (b64_len == sizeof b64 - 1) {
                *why = "a key is longer than 128 bytes";
                goto fail;
            }
            b64[b64_len++] = *c == '+' ? '-' : *c == '/' ? '_' : *c;
        }
        int n = b64url_decode(b64, b64_len, k->key, sizeof k->key);
        OPENSSL_cleanse(b64, sizeof b64);
        if (n < 0) {
            *why = "a key is not valid base64";
            goto fail;
        }
        if (n < JWT_KEY_MIN_BYTES) {
            *why = "every key must be at least 32 bytes";
            goto fail;
        }
        k->key_len = (size_t)n;
        ring->count++;
        p = end ? end + 1 : p + item_len;
    }
    if (ring->count == 0) {
        *why = "no key given";
        goto fail;
    }
    return 0;
fail:
    OPENSSL_cleanse(ring, sizeof(*ring));
    return -1;
}

const jwt_key_t *jwt_ring_find(const jwt_ring_t *ring, const char *kid) {
    for (int i = 0; i < ring->count; i++)
        if (strcmp(ring->keys[i].kid, kid) == 0) return &ring->keys[i];
    return NULL;
}
