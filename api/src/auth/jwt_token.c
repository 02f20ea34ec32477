#include "auth/jwt_token.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <jwt.h>
#include <math.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/b64url.h"
#include "util/hmac.h"
#include "util/secure_random.h"

#define TOKEN_MAX 2048

const char *jwt_result_name(jwt_result_t r) {
    static const char *names[] = {"ok",      "malformed",     "bad_alg",    "unknown_kid",  "bad_signature",
                                  "expired", "not_yet_valid", "bad_issuer", "bad_audience", "bad_type"};
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "unknown";
}

char *jwt_issue_custom(const jwt_ring_t *ring, const jwt_policy_t *pol, int64_t user_id, const char *sid,
                       const char *typ, int64_t iat, int64_t nbf, int64_t exp) {
    jwt_t *jwt = NULL;
    char *out = NULL;
    const jwt_key_t *k = &ring->keys[0];
    char sub[24], jti[33];
    if (ring->count < 1) goto out;
    random_hex(jti, 16);
    snprintf(sub, sizeof sub, "%" PRId64, user_id);
    if (jwt_new(&jwt) || jwt_set_alg(jwt, JWT_ALG_HS256, k->key, (int)k->key_len) ||
        jwt_add_header(jwt, "kid", k->kid) || jwt_add_grant(jwt, "iss", pol->issuer) ||
        jwt_add_grant(jwt, "aud", pol->audience) || jwt_add_grant(jwt, "sub", sub) || jwt_add_grant(jwt, "sid", sid) ||
        jwt_add_grant(jwt, "typ", typ) || jwt_add_grant(jwt, "jti", jti) || jwt_add_grant_int(jwt, "iat", (long)iat) ||
        jwt_add_grant_int(jwt, "nbf", (long)nbf) || jwt_add_grant_int(jwt, "exp", (long)exp))
        goto out;
    out = jwt_encode_str(jwt);
out:
    jwt_free(jwt);
    return out;
}

char *jwt_issue_access(const jwt_ring_t *ring, const jwt_policy_t *pol, int64_t user_id, const char *sid, int64_t now,
                       long ttl_s) {
    return jwt_issue_custom(ring, pol, user_id, sid, "access", now, now, now + ttl_s);
}

/* Checks the header ourselves before libjwt sees the token: exact "HS256", a known kid. */
static jwt_result_t check_header(const jwt_ring_t *ring, const char *token, const jwt_key_t **key) {
    const char *dot = strchr(token, '.');
    if (!dot || dot == token || (size_t)(dot - token) > 512) return JWT_MALFORMED;
    unsigned char raw[400];
    int n = b64url_decode(token, (size_t)(dot - token), raw, sizeof raw - 1);
    if (n <= 0) return JWT_MALFORMED;
    raw[n] = '\0';
    cJSON *h = cJSON_ParseWithLength((const char *)raw, (size_t)n);
    jwt_result_t r = JWT_MALFORMED;
    if (!cJSON_IsObject(h)) goto out;
    const cJSON *alg = cJSON_GetObjectItemCaseSensitive(h, "alg");
    const cJSON *kid = cJSON_GetObjectItemCaseSensitive(h, "kid");
    const cJSON *typ = cJSON_GetObjectItemCaseSensitive(h, "typ");
    if (!cJSON_IsString(alg) || strcmp(alg->valuestring, "HS256") != 0) {
        r = JWT_BAD_ALG;
        goto out;
    }
    if (typ && (!cJSON_IsString(typ) || strcmp(typ->valuestring, "JWT") != 0)) goto out;
    if (!cJSON_IsString(kid) || !(*key = jwt_ring_find(ring, kid->valuestring))) {
        r = JWT_UNKNOWN_KID;
        goto out;
    }
    r = JWT_OK;
out:
    cJSON_Delete(h);
    return r;
}

/* The signature over "header.payload" must be the canonical base64url of HMAC-SHA256 under key, as libjwt
 * demands. Done here instead of jwt_decode(), whose one-shot HMAC() and jansson parse were ~10% of the CPU of an
 * authenticated list request. On success payload and payload_len delimit the payload segment. */
static jwt_result_t check_signature(const jwt_key_t *key, const char *token, const char **payload,
                                    size_t *payload_len) {
    const char *dot1 = strchr(token, '.');
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot2 || strchr(dot2 + 1, '.')) return JWT_MALFORMED;
    unsigned char mac[HMAC_SHA256_LEN];
    char want[64];
    if (hmac_sha256(key->key, key->key_len, token, (size_t)(dot2 - token), mac) < 0 ||
        b64url_encode(mac, sizeof mac, want, sizeof want) < 0)
        return JWT_BAD_SIGNATURE;
    size_t want_len = strlen(want);
    if (strlen(dot2 + 1) != want_len || CRYPTO_memcmp(want, dot2 + 1, want_len) != 0) return JWT_BAD_SIGNATURE;
    *payload = dot1 + 1;
    *payload_len = (size_t)(dot2 - dot1 - 1);
    return JWT_OK;
}

static const char *claim_str(const cJSON *claims, const char *name) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(claims, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* An integer claim (exp, nbf); -1 when absent or not an integer. */
static int claim_int(const cJSON *claims, const char *name, long *out) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(claims, name);
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) || fabs(v->valuedouble) > 9007199254740991.0)
        return -1;
    *out = (long)v->valuedouble;
    return 0;
}

jwt_result_t jwt_verify_access(const jwt_ring_t *ring, const jwt_policy_t *pol, const char *token, int64_t now,
                               jwt_claims_t *out) {
    const jwt_key_t *key = NULL;
    const char *payload = NULL;
    size_t payload_len = 0;
    cJSON *claims = NULL;
    if (strlen(token) > TOKEN_MAX) return JWT_MALFORMED;
    jwt_result_t r = check_header(ring, token, &key);
    if (r != JWT_OK) return r;
    if (key->key_len == 0) return JWT_UNKNOWN_KID; /* an empty key would make every signature "valid" */
    if ((r = check_signature(key, token, &payload, &payload_len)) != JWT_OK) return r;

    unsigned char raw[TOKEN_MAX];
    int n = b64url_decode(payload, payload_len, raw, sizeof raw);
    r = JWT_MALFORMED;
    if (n <= 0 || !cJSON_IsObject(claims = cJSON_ParseWithLength((const char *)raw, (size_t)n))) goto out;
    const char *iss = claim_str(claims, "iss"), *aud = claim_str(claims, "aud");
    const char *typ = claim_str(claims, "typ"), *sub = claim_str(claims, "sub"), *sid = claim_str(claims, "sid");
    long exp = 0, nbf = 0;
    if (claim_int(claims, "exp", &exp) < 0 || claim_int(claims, "nbf", &nbf) < 0) goto out;
    if (exp + pol->leeway_s <= now) {
        r = JWT_EXPIRED;
        goto out;
    }
    if (nbf - pol->leeway_s > now) {
        r = JWT_NOT_YET_VALID;
        goto out;
    }
    if (!iss || strcmp(iss, pol->issuer) != 0) {
        r = JWT_BAD_ISSUER;
        goto out;
    }
    if (!aud || strcmp(aud, pol->audience) != 0) {
        r = JWT_BAD_AUDIENCE;
        goto out;
    }
    if (!typ || strcmp(typ, "access") != 0) {
        r = JWT_BAD_TYPE;
        goto out;
    }
    r = JWT_MALFORMED;
    if (!sub || !sid || strlen(sid) >= sizeof out->sid) goto out;
    char *end;
    errno = 0;
    long long uid = strtoll(sub, &end, 10);
    if (errno || *end || uid <= 0) goto out;
    out->user_id = uid;
    out->exp = exp;
    snprintf(out->sid, sizeof out->sid, "%s", sid);
    r = JWT_OK;
out:
    cJSON_Delete(claims);
    return r;
}
