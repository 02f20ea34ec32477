/* The JWT wrapper must refuse every token libjwt 1.10 alone would let through. */
#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/jwt_keys.h"
#include "auth/jwt_token.h"
#include "util/b64url.h"

#define KEY_B64 "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" /* "0123456789abcdef0123456789abcdef" */
#define NOW     1800000000

static jwt_ring_t ring;
static jwt_policy_t pol = {"notejam", "notejam-api", 30};

static void setup(void) {
    const char *why = NULL;
    cr_assert_eq(jwt_ring_parse("k1:" KEY_B64 ",old:c2Vjb25kLWtleS1zZWNvbmQta2V5LXNlY29uZC1rZXkh", &ring, &why), 0,
                 "%s", why ? why : "");
}

/* Hand-made token: header and payload JSON, signed with HMAC-SHA256 over key (key may be empty). */
static char *forge(const char *header, const char *payload, const char *key, size_t key_len) {
    static char out[4096];
    char h[1024], p[2048], s[128];
    b64url_encode((const unsigned char *)header, strlen(header), h, sizeof h);
    b64url_encode((const unsigned char *)payload, strlen(payload), p, sizeof p);
    char signing[3200];
    snprintf(signing, sizeof signing, "%s.%s", h, p);
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key, (int)key_len, (unsigned char *)signing, strlen(signing), mac, &len);
    b64url_encode(mac, len, s, sizeof s);
    snprintf(out, sizeof out, "%s.%s", signing, s);
    return out;
}

#define GOOD_PAYLOAD                                                                                                   \
    "{\"iss\":\"notejam\",\"aud\":\"notejam-api\",\"sub\":\"7\",\"sid\":\"abc\",\"typ\":\"access\",\"iat\":"           \
    "1800000000,"                                                                                                      \
    "\"nbf\":1800000000,\"exp\":1800000900}"
#define KEY "0123456789abcdef0123456789abcdef"

static jwt_result_t verify(const char *token) {
    jwt_claims_t c;
    return jwt_verify_access(&ring, &pol, token, NOW + 10, &c);
}

TestSuite(jwt, .init = setup);

Test(jwt, issued_token_verifies_with_claims) {
    char *t = jwt_issue_access(&ring, &pol, 42, "sid1", NOW, 900);
    jwt_claims_t c;
    cr_assert_eq(jwt_verify_access(&ring, &pol, t, NOW + 1, &c), JWT_OK);
    cr_assert_eq(c.user_id, 42);
    cr_assert_str_eq(c.sid, "sid1");
    free(t);
}

Test(jwt, forged_good_token_is_accepted_so_the_forge_is_right) {
    cr_assert_eq(verify(forge("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", GOOD_PAYLOAD, KEY, 32)), JWT_OK);
}

Test(jwt, second_key_of_the_ring_verifies) {
    const char *k2 = "second-key-second-key-second-key!";
    cr_assert_eq(verify(forge("{\"alg\":\"HS256\",\"kid\":\"old\"}", GOOD_PAYLOAD, k2, strlen(k2))), JWT_OK);
}

Test(jwt, alg_none_rejected) {
    char h[64], p[512], t[700];
    b64url_encode((const unsigned char *)"{\"alg\":\"none\",\"kid\":\"k1\"}", 25, h, sizeof h);
    b64url_encode((const unsigned char *)GOOD_PAYLOAD, strlen(GOOD_PAYLOAD), p, sizeof p);
    snprintf(t, sizeof t, "%s.%s.", h, p);
    cr_assert_eq(verify(t), JWT_BAD_ALG);
}

Test(jwt, lower_case_hs256_rejected) {
    cr_assert_eq(verify(forge("{\"alg\":\"hs256\",\"kid\":\"k1\"}", GOOD_PAYLOAD, KEY, 32)), JWT_BAD_ALG);
}

Test(jwt, other_algorithms_rejected) {
    cr_assert_eq(verify(forge("{\"alg\":\"HS512\",\"kid\":\"k1\"}", GOOD_PAYLOAD, KEY, 32)), JWT_BAD_ALG);
    cr_assert_eq(verify(forge("{\"alg\":\"RS256\",\"kid\":\"k1\"}", GOOD_PAYLOAD, KEY, 32)), JWT_BAD_ALG);
}

Test(jwt, empty_key_signature_rejected) {
    cr_assert_eq(verify(forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", GOOD_PAYLOAD, "", 0)), JWT_BAD_SIGNATURE);
}

Test(jwt, bad_signature_rejected) {
    cr_assert_eq(
        verify(forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", GOOD_PAYLOAD, "wrong-key-wrong-key-wrong-key-00", 32)),
        JWT_BAD_SIGNATURE);
}

Test(jwt, unknown_or_missing_kid_rejected) {
    cr_assert_eq(verify(forge("{\"alg\":\"HS256\",\"kid\":\"nope\"}", GOOD_PAYLOAD, KEY, 32)), JWT_UNKNOWN_KID);
    cr_assert_eq(verify(forge("{\"alg\":\"HS256\"}", GOOD_PAYLOAD, KEY, 32)), JWT_UNKNOWN_KID);
}

Test(jwt, expired_rejected) {
    char *t = jwt_issue_custom(&ring, &pol, 7, "s", "access", NOW - 1000, NOW - 1000, NOW - 100);
    cr_assert_eq(verify(t), JWT_EXPIRED);
    free(t);
}

Test(jwt, not_yet_valid_rejected) {
    char *t = jwt_issue_custom(&ring, &pol, 7, "s", "access", NOW + 500, NOW + 500, NOW + 1500);
    cr_assert_eq(verify(t), JWT_NOT_YET_VALID);
    free(t);
}

Test(jwt, wrong_issuer_and_audience_rejected) {
    jwt_policy_t other = {"someone-else", "notejam-api", 30};
    char *t = jwt_issue_access(&ring, &other, 7, "s", NOW, 900);
    cr_assert_eq(verify(t), JWT_BAD_ISSUER);
    free(t);
    jwt_policy_t aud = {"notejam", "other-api", 30};
    t = jwt_issue_access(&ring, &aud, 7, "s", NOW, 900);
    cr_assert_eq(verify(t), JWT_BAD_AUDIENCE);
    free(t);
}

Test(jwt, refresh_typed_token_rejected_as_access) {
    char *t = jwt_issue_custom(&ring, &pol, 7, "s", "refresh", NOW, NOW, NOW + 900);
    cr_assert_eq(verify(t), JWT_BAD_TYPE);
    free(t);
}

Test(jwt, garbage_rejected) {
    cr_assert_eq(verify(""), JWT_MALFORMED);
    cr_assert_eq(verify("abc"), JWT_MALFORMED);
    cr_assert_eq(verify("a.b.c"), JWT_MALFORMED);
    cr_assert_eq(verify(forge("[1,2]", GOOD_PAYLOAD, KEY, 32)), JWT_MALFORMED);
    cr_assert_eq(verify(forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{\"sub\":\"7\"}", KEY, 32)), JWT_MALFORMED);
}

Test(jwt, ring_refuses_short_empty_and_bad_keys) {
    jwt_ring_t r;
    const char *why = NULL;
    cr_assert_eq(jwt_ring_parse("k1:c2hvcnQ=", &r, &why), -1);
    cr_assert_str_eq(why, "every key must be at least 32 bytes");
    cr_assert_eq(jwt_ring_parse("", &r, &why), -1);
    cr_assert_eq(jwt_ring_parse("k1:", &r, &why), -1);
    cr_assert_eq(jwt_ring_parse("nokid", &r, &why), -1);
    cr_assert_eq(jwt_ring_parse("k1:" KEY_B64 ",k1:" KEY_B64, &r, &why), -1);
    cr_assert_eq(jwt_ring_parse("k 1:" KEY_B64, &r, &why), -1);
    cr_assert_eq(jwt_ring_parse("k1:***", &r, &why), -1);
}
