/* Access tokens: JWT HS256 with kid. libjwt 1.10 trusts the token's header and checks no claim, so the algorithm is
 * pinned here and every claim (exp, nbf, iss, aud, typ, sub) is checked by this wrapper. */
#ifndef NOTEJAM_JWT_TOKEN_H
#define NOTEJAM_JWT_TOKEN_H
#include <stdint.h>
#include "auth/jwt_keys.h"

typedef struct {
    const char *issuer;
    const char *audience;
    long leeway_s; /* clock skew allowed on exp and nbf */
} jwt_policy_t;

typedef struct {
    int64_t user_id;
    char sid[48]; /* session (refresh family) id */
    int64_t exp;
} jwt_claims_t;

typedef enum {
    JWT_OK = 0,
    JWT_MALFORMED,
    JWT_BAD_ALG,
    JWT_UNKNOWN_KID,
    JWT_BAD_SIGNATURE,
    JWT_EXPIRED,
    JWT_NOT_YET_VALID,
    JWT_BAD_ISSUER,
    JWT_BAD_AUDIENCE,
    JWT_BAD_TYPE,
} jwt_result_t;

const char *jwt_result_name(jwt_result_t r);

/* Signs an access token with the ring's first key. Returns a heap string (caller frees) or NULL. */
char *jwt_issue_access(const jwt_ring_t *ring, const jwt_policy_t *pol, int64_t user_id, const char *sid, int64_t now,
                       long ttl_s);
/* Same, with an explicit token type and times: for tests that need refresh-typed or odd tokens. */
char *jwt_issue_custom(const jwt_ring_t *ring, const jwt_policy_t *pol, int64_t user_id, const char *sid,
                       const char *typ, int64_t iat, int64_t nbf, int64_t exp);
jwt_result_t jwt_verify_access(const jwt_ring_t *ring, const jwt_policy_t *pol, const char *token, int64_t now,
                               jwt_claims_t *out);
#endif
