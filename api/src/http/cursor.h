/* Opaque, tamper-proof pagination cursors: the last row's sort key and id, signed with HMAC-SHA256. */
#ifndef NOTEJAM_CURSOR_H
#define NOTEJAM_CURSOR_H
#include <stddef.h>
#include <stdint.h>

typedef enum { ORDER_UPDATED_DESC = 0, ORDER_UPDATED_ASC, ORDER_NAME_ASC, ORDER_NAME_DESC } list_order_t;

/* "name" | "-name" | "updated_at" | "-updated_at"; NULL gives the default. Returns -1 if unknown. */
int parse_order(const char *s);

#define CURSOR_NAME_MAX 404 /* 100 chars x 4 bytes + NUL */
#define CURSOR_TEXT_MAX 768

typedef struct {
    char list;                  /* which list: 'P' pads, 'N' notes */
    int order;                  /* list_order_t it was made for */
    int64_t scope;              /* pad filter (0 = none) it was made for */
    int64_t updated_us;         /* sort key for updated_at orders */
    char name[CURSOR_NAME_MAX]; /* sort key for name orders */
    int64_t id;                 /* tie breaker */
} cursor_t;

/* Writes a NUL-terminated cursor into out. Returns 0, or -1 if out is too small. */
int cursor_encode(const cursor_t *c, const unsigned char *key, size_t key_len, char *out, size_t out_size);
/* Returns 0 when s is a cursor this key signed, else -1 (tampered, truncated, garbage). */
int cursor_decode(const char *s, const unsigned char *key, size_t key_len, cursor_t *out);
#endif
