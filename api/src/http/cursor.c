#include "http/cursor.h"
#include <inttypes.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/b64url.h"
#include "util/hmac.h"

#define MAC_LEN 16

int parse_order(const char *s) {
    if (!s) return ORDER_UPDATED_DESC;
    if (!strcmp(s, "-updated_at")) return ORDER_UPDATED_DESC;
    if (!strcmp(s, "updated_at")) return ORDER_UPDATED_ASC;
    if (!strcmp(s, "name")) return ORDER_NAME_ASC;
    if (!strcmp(s, "-name")) return ORDER_NAME_DESC;
    return -1;
}

static int mac(const unsigned char *key, size_t key_len, const unsigned char *msg, size_t n, unsigned char *out) {
    unsigned char full[HMAC_SHA256_LEN];
    if (hmac_sha256(key, key_len, msg, n, full) < 0) return -1;
    memcpy(out, full, MAC_LEN);
    return 0;
}

/* Payload: "v1|<list>|<order>|<scope>|<updated_us>|<id>|<name>" followed by the MAC. */
int cursor_encode(const cursor_t *c, const unsigned char *key, size_t key_len, char *out, size_t out_size) {
    unsigned char raw[CURSOR_NAME_MAX + 128];
    int n = snprintf((char *)raw, sizeof raw, "v1|%c|%d|%" PRId64 "|%" PRId64 "|%" PRId64 "|%s", c->list, c->order,
                     c->scope, c->updated_us, c->id, c->name);
    if (n < 0 || (size_t)n + MAC_LEN > sizeof raw) return -1;
    if (mac(key, key_len, raw, (size_t)n, raw + n) < 0) return -1;
    return b64url_encode(raw, (size_t)n + MAC_LEN, out, out_size) < 0 ? -1 : 0;
}

int cursor_decode(const char *s, const unsigned char *key, size_t key_len, cursor_t *out) {
    size_t slen = strlen(s);
    unsigned char raw[CURSOR_TEXT_MAX];
    if (slen == 0 || slen > CURSOR_TEXT_MAX - 1) return -1;
    int n = b64url_decode(s, slen, raw, sizeof raw - 1);
    if (n <= MAC_LEN) return -1;
    size_t body = (size_t)n - MAC_LEN;
    unsigned char want[MAC_LEN];
    if (mac(key, key_len, raw, body, want) < 0 || CRYPTO_memcmp(want, raw + body, MAC_LEN) != 0) return -1;
    raw[body] = '\0';
    char list;
    int order, used = 0;
    int64_t scope, updated, id;
    if (sscanf((char *)raw, "v1|%c|%d|%" SCNd64 "|%" SCNd64 "|%" SCNd64 "|%n", &list, &order, &scope, &updated, &id,
               &used) != 5 ||
        used == 0)
        return -1;
    const char *name = (const char *)raw + used;
    if (strlen(name) >= CURSOR_NAME_MAX || order < 0 || order > 3) return -1;
    memset(out, 0, sizeof(*out));
    out->list = list;
    out->order = order;
    out->scope = scope;
    out->updated_us = updated;
    out->id = id;
    memcpy(out->name, name, strlen(name) + 1);
    return 0;
}
