/* libFuzzer target: access-token verification with a fixed key ring. Even first byte: the input is the token
 * (what any client can send; nothing passes without the key). Odd first byte: the input is "header\npayload" JSON
 * that the harness signs with a ring key, so claim parsing and checks are reached too. Whatever is accepted must
 * carry a positive user id and a bounded session id. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "auth/jwt_keys.h"
#include "auth/jwt_token.h"
#include "util/b64url.h"

#define NOW 1800000000

static jwt_ring_t ring;
static const jwt_policy_t pol = {"notejam", "notejam-api", 30};

static void setup(void) {
    const char *why = NULL;
    /* "fuzz1": 32 bytes "fuzz signing key number one 1234"; "fuzz2": a second key of the ring */
    if (!ring.count && jwt_ring_parse("fuzz1:ZnV6eiBzaWduaW5nIGtleSBudW1iZXIgb25lIDEyMzQ=,"
                                      "fuzz2:c2Vjb25kIGZ1enoga2V5IG9mIHRoZSByaW5nLCAzMiBi",
                                      &ring, &why) < 0)
        abort();
}

static void verify(const char *token) {
    jwt_claims_t c;
    memset(&c, 0, sizeof c);
    if (jwt_verify_access(&ring, &pol, token, NOW, &c) == JWT_OK &&
        (c.user_id <= 0 || strnlen(c.sid, sizeof c.sid) >= sizeof c.sid))
        abort();
}

/* header.payload signed with the first key, as the issuer would. */
static void forge_and_verify(const char *header, size_t hn, const char *payload, size_t pn) {
    size_t cap = (hn + pn) / 3 * 4 + 128;
    char *tok = malloc(cap);
    int a = b64url_encode((const unsigned char *)header, hn, tok, cap);
    if (a < 0) goto out;
    tok[a] = '.';
    int b = b64url_encode((const unsigned char *)payload, pn, tok + a + 1, cap - (size_t)a - 1);
    if (b < 0) goto out;
    size_t signed_len = (size_t)a + 1 + (size_t)b;
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), ring.keys[0].key, (int)ring.keys[0].key_len, (unsigned char *)tok, signed_len, mac, &len);
    tok[signed_len] = '.';
    if (b64url_encode(mac, len, tok + signed_len + 1, cap - signed_len - 1) < 0) goto out;
    verify(tok);
out:
    free(tok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    setup();
    if (size < 1 || size > 4096) return 0;
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    if (data[0] % 2 == 0) {
        verify(s);
    } else {
        char *nl = memchr(s, '\n', size - 1);
        if (nl) forge_and_verify(s, (size_t)(nl - s), nl + 1, size - 2 - (size_t)(nl - s));
    }
    free(s);
    return 0;
}
