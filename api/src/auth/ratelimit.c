#include "auth/ratelimit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/redis_pool.h"
#include "util/secure_random.h"

static void window_key(const char *scope, const char *subject, int window_s, long now, char *key, size_t size) {
    char h[65];
    sha256_hex(subject, strlen(subject), h);
    snprintf(key, size, "nj:rl:%s:%.32s:%ld", scope, h, now / window_s);
}

static int seconds_left(int window_s, long now) {
    int left = (int)((now / window_s + 1) * window_s - now);
    return left < 1 ? 1 : left;
}

/* INCR key and set its expiry; *count gets the new value. */
static rl_result_t incr(rds_conn_t *c, const char *key, int ttl_s, long long *count) {
    char ttl[16];
    snprintf(ttl, sizeof ttl, "%d", ttl_s);
    const char *in[] = {"INCR", key}, *ex[] = {"EXPIRE", key, ttl};
    const char **argvs[] = {in, ex};
    int argcs[] = {2, 3};
    redisReply *replies[2];
    rl_result_t res = RL_UNAVAILABLE;
    if (rds_pipeline(c, RC_RATELIMIT, 2, argcs, argvs, replies) == 0) {
        if (replies[0]->type == REDIS_REPLY_INTEGER) {
            *count = replies[0]->integer;
            res = RL_OK;
        }
        freeReplyObject(replies[0]);
        freeReplyObject(replies[1]);
    }
    return res;
}

rl_result_t ratelimit_hit(const char *scope, const char *subject, int limit, int window_s, rl_state_t *st) {
    rds_conn_t *c = rds_acquire();
    if (!c) return RL_UNAVAILABLE;
    char key[160];
    long now = (long)time(NULL);
    long long count = 0;
    window_key(scope, subject, window_s, now, key, sizeof key);
    rl_result_t res = incr(c, key, window_s + 1, &count);
    rds_release(c);
    if (res != RL_OK) return res;
    st->remaining = count >= limit ? 0 : (int)(limit - count);
    st->reset = seconds_left(window_s, now);
    return count > limit ? RL_LIMITED : RL_OK;
}

rl_result_t ratelimit_admit(const char *scope, const char *account, const char *client, int limit, int window_s,
                            int backoff_s, int *retry_after) {
    rds_conn_t *c = rds_acquire();
    if (!c) return RL_UNAVAILABLE;
    char key[160], pair[600], bkey[160], ttl[16];
    long now = (long)time(NULL);
    window_key(scope, account, window_s, now, key, sizeof key);
    const char *get[] = {"GET", key};
    redisReply *g = rds_command(c, RC_RATELIMIT, 2, get, NULL);
    rl_result_t res = RL_UNAVAILABLE;
    if (!g) goto out;
    long long failures = g->type == REDIS_REPLY_STRING ? strtoll(g->str, NULL, 10) : 0;
    freeReplyObject(g);
    res = RL_OK;
    if (failures < limit) goto out;
    /* over the limit: one attempt per back-off for this account from this client */
    snprintf(pair, sizeof pair, "%s|%s", account, client);
    char h[65];
    sha256_hex(pair, strlen(pair), h);
    snprintf(bkey, sizeof bkey, "nj:rl:%s-backoff:%.32s", scope, h);
    snprintf(ttl, sizeof ttl, "%d", backoff_s);
    const char *set[] = {"SET", bkey, "1", "NX", "EX", ttl};
    redisReply *s = rds_command(c, RC_RATELIMIT, 6, set, NULL);
    if (!s) {
        res = RL_UNAVAILABLE;
        goto out;
    }
    res = s->type == REDIS_REPLY_STATUS ? RL_OK : RL_LIMITED; /* NX not set: nil */
    freeReplyObject(s);
    if (res == RL_LIMITED) {
        const char *t[] = {"TTL", bkey};
        redisReply *tr = rds_command(c, RC_RATELIMIT, 2, t, NULL);
        *retry_after = tr && tr->type == REDIS_REPLY_INTEGER && tr->integer > 0 ? (int)tr->integer : backoff_s;
        if (tr) freeReplyObject(tr);
    }
out:
    rds_release(c);
    return res;
}

void ratelimit_fail(const char *scope, const char *account, int window_s) {
    rds_conn_t *c = rds_acquire();
    if (!c) return;
    char key[160];
    long long count = 0;
    window_key(scope, account, window_s, (long)time(NULL), key, sizeof key);
    incr(c, key, window_s + 1, &count);
    rds_release(c);
}

void ratelimit_headers(const char *policy, int limit, int window_s, const rl_state_t *st, char *out, size_t size) {
    snprintf(out, size, "RateLimit-Policy: \"%s\";q=%d;w=%d\r\nRateLimit: \"%s\";r=%d;t=%d\r\n", policy, limit,
             window_s, policy, st->remaining, st->reset);
}
