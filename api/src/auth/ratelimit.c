#include "auth/ratelimit.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "store/redis_pool.h"
#include "util/secure_random.h"

rl_result_t ratelimit_hit(const char *scope, const char *subject, int limit, int window_s, int *retry_after) {
    rds_conn_t *c = rds_acquire();
    if (!c) return RL_UNAVAILABLE;
    char h[65], key[160], ttl[16];
    sha256_hex(subject, strlen(subject), h);
    long now = (long)time(NULL), window = now / window_s;
    snprintf(key, sizeof key, "nj:rl:%s:%.32s:%ld", scope, h, window);
    snprintf(ttl, sizeof ttl, "%d", window_s + 1);
    const char *incr[] = {"INCR", key}, *exp[] = {"EXPIRE", key, ttl};
    const char **argvs[] = {incr, exp};
    int argcs[] = {2, 3};
    redisReply *replies[2];
    rl_result_t res = RL_UNAVAILABLE;
    if (rds_pipeline(c, RC_RATELIMIT, 2, argcs, argvs, replies) == 0) {
        if (replies[0]->type == REDIS_REPLY_INTEGER) {
            res = replies[0]->integer > limit ? RL_LIMITED : RL_OK;
            *retry_after = (int)((window + 1) * window_s - now);
            if (*retry_after < 1) *retry_after = 1;
        }
        freeReplyObject(replies[0]);
        freeReplyObject(replies[1]);
    }
    rds_release(c);
    return res;
}
