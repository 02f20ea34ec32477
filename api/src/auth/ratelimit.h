/* Fixed-window rate limits in Redis, shared by every instance. Subjects are hashed before they become keys. */
#ifndef NOTEJAM_RATELIMIT_H
#define NOTEJAM_RATELIMIT_H
#include <stddef.h>

typedef enum { RL_OK = 0, RL_LIMITED, RL_UNAVAILABLE } rl_result_t;

typedef struct {
    int remaining; /* hits left in this window (0 when limited) */
    int reset;     /* seconds until the window ends, >= 1: also the Retry-After of a 429 */
} rl_state_t;

/* Counts one hit for (scope, subject). */
rl_result_t ratelimit_hit(const char *scope, const char *subject, int limit, int window_s, rl_state_t *st);

/* Per-account failures (sign-in): only failures count (ratelimit_fail). Under the limit every attempt is admitted;
 * over it, each (account, client) pair gets one attempt per backoff_s, so an attacker elsewhere never locks the
 * owner out for longer than that. *retry_after is set on RL_LIMITED. */
rl_result_t ratelimit_admit(const char *scope, const char *account, const char *client, int limit, int window_s,
                            int backoff_s, int *retry_after);
void ratelimit_fail(const char *scope, const char *account, int window_s);

/* Pure: the draft-ietf-httpapi-ratelimit-headers-10 fields, "RateLimit-Policy: ...\r\nRateLimit: ...\r\n". */
void ratelimit_headers(const char *policy, int limit, int window_s, const rl_state_t *st, char *out, size_t size);
#endif
