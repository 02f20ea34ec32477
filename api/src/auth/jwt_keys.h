/* The JWT key ring (kid -> HS256 secret): the first key signs, every key verifies, so keys can rotate. */
#ifndef NOTEJAM_JWT_KEYS_H
#define NOTEJAM_JWT_KEYS_H
#include <stddef.h>

#define JWT_KEYS_MAX      8
#define JWT_KID_MAX       32
#define JWT_KEY_MIN_BYTES 32
#define JWT_KEY_MAX_BYTES 128

typedef struct {
    char kid[JWT_KID_MAX + 1];
    unsigned char key[JWT_KEY_MAX_BYTES];
    size_t key_len;
} jwt_key_t;

typedef struct {
    jwt_key_t keys[JWT_KEYS_MAX];
    int count;
} jwt_ring_t;

/* Parses "kid:base64key[,kid:base64key...]" (standard or url-safe base64). Keys shorter than 32 bytes, duplicate
 * or malformed kids are refused. Returns 0, or -1 with a static reason in *why (never the key). */
int jwt_ring_parse(const char *spec, jwt_ring_t *ring, const char **why);
const jwt_key_t *jwt_ring_find(const jwt_ring_t *ring, const char *kid);
#endif
