/* Fixed-window rate limits in Redis, shared by every instance. */
#ifndef NOTEJAM_RATELIMIT_H
#define NOTEJAM_RATELIMIT_H

typedef enum { RL_OK = 0, RL_LIMITED, RL_UNAVAILABLE } rl_result_t;

/* Counts one hit for (scope, subject); subject is hashed before it becomes a key. *retry_after is set on RL_LIMITED. */
rl_result_t ratelimit_hit(const char *scope, const char *subject, int limit, int window_s, int *retry_after);
#endif
