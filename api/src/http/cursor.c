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

int cursor_keys_derive(const jwt_ring_t *ring, cursor_keys_t *out) {
    static const char label[] = "notejam-cursor-v1";
    memset(out, 0, sizeof(*out));
    for (int i = 0; i < ring->count; i++) {
        if (hmac_sha256(ring->keys[i].key, ring->keys[i].key_len, label, sizeof label - 1, out->keys[i]) < 0) return -1;
        out->count++;
    }
    return 0;
}

static int mac(const unsigned char *key, const unsigned char *msg, size_t n, unsigned char *out) {
    unsigned char full[HMAC_SHA256_LEN];
    if (hmac_sha256(key, CURSOR_KEY_LEN, msg, n, full) < 0) return -1;
    memcpy(out, full, MAC_LEN);
    return 0;
}

/* Payload "v2|<macs>|<list>|<order>|<scope>|<updated_us>|<id>|<name>", then one MAC per key. v1 (before key
 * rotation was survivable) has no <macs> field and one MAC, by the first key. */
int cursor_encode(const cursor_t *c, const cursor_keys_t *keys, char *out, size_t out_size) {
    unsigned char raw[CURSOR_NAME_MAX + 128 + JWT_KEYS_MAX * MAC_LEN];
    if (keys->count < 1 || keys->count > JWT_KEYS_MAX) return -1;
    int n = snprintf((char *)raw, sizeof raw, "v2|%d|%c|%d|%" PRId64 "|%" PRId64 "|%" PRId64 "|%s", keys->count,
                     c->list, c->order, c->scope, c->updated_us, c->id, c->name);
    if (n < 0 || (size_t)n + (size_t)keys->count * MAC_LEN > sizeof raw) return -1;
    for (int i = 0; i < keys->count; i++)
        if (mac(keys->keys[i], raw, (size_t)n, raw + n + i * MAC_LEN) < 0) return -1;
    return b64url_encode(raw, (size_t)n + (size_t)keys->count * MAC_LEN, out, out_size) < 0 ? -1 : 0;
}

/* 1 when any of the n_macs MACs after body is one of the keys' MAC of body. */
static int signed_by_ring(const unsigned char *body, size_t len, const unsigned char *macs, int n_macs,
                          const cursor_keys_t *keys) {
    for (int k = 0; k < keys->count; k++) {
        unsigned char want[MAC_LEN];
        if (mac(keys->keys[k], body, len, want) < 0) return 0;
        for (int m = 0; m < n_macs; m++)
            if (CRYPTO_memcmp(want, macs + m * MAC_LEN, MAC_LEN) == 0) return 1;
    }
    return 0;
}

int cursor_decode(const char *s, const cursor_keys_t *keys, cursor_t *out) {
    size_t slen = strlen(s);
    unsigned char raw[CURSOR_TEXT_MAX];
    if (slen == 0 || slen > CURSOR_TEXT_MAX - 1) return -1;
    int n = b64url_decode(s, slen, raw, sizeof raw - 1);
    if (n < 5) return -1;
    int n_macs = 0, v1 = !memcmp(raw, "v1|", 3);
    if (v1)
        n_macs = 1;
    else if (!memcmp(raw, "v2|", 3) && raw[3] >= '1' && raw[3] <= '0' + JWT_KEYS_MAX && raw[4] == '|')
        n_macs = raw[3] - '0';
    else
        return -1;
    if (n <= n_macs * MAC_LEN) return -1;
    size_t body = (size_t)n - (size_t)n_macs * MAC_LEN;
    if (!signed_by_ring(raw, body, raw + body, n_macs, keys)) return -1;
    raw[body] = '\0';
    char list;
    int order, used = 0;
    int64_t scope, updated, id;
    const char *fields = (const char *)raw + (v1 ? 3 : 5);
    if (sscanf(fields, "%c|%d|%" SCNd64 "|%" SCNd64 "|%" SCNd64 "|%n", &list, &order, &scope, &updated, &id, &used) !=
            5 ||
        used == 0)
        return -1;
    const char *name = fields + used;
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
