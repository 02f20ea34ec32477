/* Opaque, tamper-proof pagination cursors: the last row's sort key and id, signed with HMAC-SHA256 under every key
 * of the ring, so a cursor survives a key rotation and a rollout where pods hold neighbouring rings. */
#ifndef NOTEJAM_CURSOR_H
#define NOTEJAM_CURSOR_H
#include <stddef.h>
#include <stdint.h>
#include "auth/jwt_keys.h"

typedef enum { ORDER_UPDATED_DESC = 0, ORDER_UPDATED_ASC, ORDER_NAME_ASC, ORDER_NAME_DESC } list_order_t;

/* "name" | "-name" | "updated_at" | "-updated_at"; NULL gives the default. Returns -1 if unknown. */
int parse_order(const char *s);

#define CURSOR_NAME_MAX 404 /* 100 chars x 4 bytes + NUL */
#define CURSOR_TEXT_MAX 1024
#define CURSOR_KEY_LEN  32

typedef struct {
    char list;                  /* which list: 'P' pads, 'N' notes */
    int order;                  /* list_order_t it was made for */
    int64_t scope;              /* pad filter (0 = none) it was made for */
    int64_t updated_us;         /* sort key for updated_at orders */
    char name[CURSOR_NAME_MAX]; /* sort key for name orders */
    int64_t id;                 /* tie breaker */
} cursor_t;

/* One cursor key per JWT key, in the ring's order (derived: cursors are tamper-proof, not secret). */
typedef struct {
    unsigned char keys[JWT_KEYS_MAX][CURSOR_KEY_LEN];
    int count;
} cursor_keys_t;

/* Derives the cursor keys of a JWT key ring. Returns 0, or -1 if OpenSSL fails. */
int cursor_keys_derive(const jwt_ring_t *ring, cursor_keys_t *out);
/* Writes a NUL-terminated cursor signed with every key into out. Returns 0, or -1 if out is too small. */
int cursor_encode(const cursor_t *c, const cursor_keys_t *keys, char *out, size_t out_size);
/* Returns 0 when s carries a signature by any of the keys, else -1 (tampered, truncated, garbage, foreign). */
int cursor_decode(const char *s, const cursor_keys_t *keys, cursor_t *out);
#endif
