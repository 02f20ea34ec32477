/* Accounts and sessions: sign-up, sign-in, refresh, sign-out, password reset and change, account deletion.
 * No HTTP here: handlers map these results to responses. */
#ifndef NOTEJAM_AUTH_SERVICE_H
#define NOTEJAM_AUTH_SERVICE_H
#include <stdint.h>
#include "auth/sessions.h"

typedef enum {
    AS_OK = 0,
    AS_BAD_CREDENTIALS, /* wrong email or password (never says which) */
    AS_EMAIL_TAKEN,
    AS_UNAVAILABLE,     /* PostgreSQL, Redis or the hashing slots are unavailable: 503 */
    AS_ERROR,           /* unexpected: 500 */
    AS_SESSION_INVALID, /* refresh token unknown, revoked or expired */
    AS_SESSION_REUSED,  /* a rotated refresh token came back: family revoked */
    AS_NOT_FOUND,
    AS_BAD_RESET_TOKEN,
    AS_LIMITED, /* a per-account limit: 429 with the Retry-After given */
} as_result_t;

#define EMAIL_KEY_MAX 1024 /* lower(email) as PostgreSQL computes it (may grow beyond the email's bytes) */

typedef struct {
    int64_t id;
    char email[256];
    int64_t created_us;
} user_t;

typedef struct {
    user_t user;
    char *access_token; /* heap: free with auth_tokens_free */
    ses_issued_t session;
} auth_tokens_t;

void auth_tokens_free(auth_tokens_t *t);
as_result_t auth_signup(const char *email, const char *password, auth_tokens_t *out);
/* client: the caller's address, for the per-account back-off (ratelimit_admit). */
as_result_t auth_signin(const char *email, const char *password, const char *client, auth_tokens_t *out,
                        int *retry_after);
as_result_t auth_refresh(const char *refresh_token, auth_tokens_t *out);
as_result_t auth_signout(const char *refresh_token);
/* Always "accepted" for the caller (AS_LIMITED aside); creates and mails a reset token when the account exists. */
as_result_t auth_forgot(const char *email, int *retry_after);
as_result_t auth_reset(const char *token, const char *new_password);
as_result_t account_get(int64_t user_id, user_t *out);
/* Checks the current password, sets the new one, revokes the user's other sessions and returns fresh tokens. */
as_result_t account_change_password(int64_t user_id, const char *current, const char *new_password, auth_tokens_t *out);
as_result_t account_delete(int64_t user_id, const char *password);
#endif
