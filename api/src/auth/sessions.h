/* Refresh-token sessions in Redis. A session is a family of refresh tokens; each use rotates the token. Only
 * SHA-256 hashes of tokens are stored. Keys: nj:rt:<hash> (token), nj:fam:<sid> (family), nj:ufam:<uid> (user's). */
#ifndef NOTEJAM_SESSIONS_H
#define NOTEJAM_SESSIONS_H
#include <stdint.h>
#include "util/secure_random.h"

typedef enum { SES_OK = 0, SES_UNAVAILABLE, SES_INVALID, SES_EXPIRED, SES_REUSE } ses_result_t;

typedef struct {
    char token[TOKEN_CHARS + 1]; /* the new refresh token (secret: never log) */
    char sid[33];
    int64_t user_id;
} ses_issued_t;

void sessions_configure(long refresh_ttl, long session_max_age);
ses_result_t session_create(int64_t user_id, ses_issued_t *out);
/* Exchanges token for a new one. On SES_REUSE the family is revoked and out->user_id names its user. */
ses_result_t session_rotate(const char *token, ses_issued_t *out);
/* Revokes the family of this token (sign-out). SES_INVALID if the token is unknown. */
ses_result_t session_revoke_by_token(const char *token, int64_t *user_id);
/* Revokes every family of the user except keep_sid (NULL = all). */
ses_result_t session_revoke_user(int64_t user_id, const char *keep_sid);
#endif
