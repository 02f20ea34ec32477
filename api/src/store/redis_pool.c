#include "store/redis_pool.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ops/metrics.h"
#include "store/slot_pool.h"

struct rds_conn {
    redisContext *ctx;
};

static struct {
    char host[256], user[128], password[512];
    int port, db, size, timeout_ms;
    rds_conn_t *conns;
    slot_pool_t slots;
} pool;

int rds_parse_url(const char *url, char *host, size_t host_size, int *port, char *user, size_t user_size,
                  char *password, size_t pw_size, int *db) {
    if (strncmp(url, "redis://", 8) != 0) return -1;
    const char *p = url + 8;
    user[0] = password[0] = '\0';
    *port = 6379;
    *db = 0;
    const char *at = strrchr(p, '@');
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        if (!colon) return -1;
        size_t ul = (size_t)(colon - p), pl = (size_t)(at - colon - 1);
        if (ul >= user_size || pl >= pw_size) return -1;
        memcpy(user, p, ul);
        user[ul] = '\0';
        memcpy(password, colon + 1, pl);
        password[pl] = '\0';
        p = at + 1;
    }
    size_t hl = strcspn(p, ":/");
    if (hl == 0 || hl >= host_size) return -1;
    memcpy(host, p, hl);
    host[hl] = '\0';
    p += hl;
    if (*p == ':') {
        char *end;
        long v = strtol(p + 1, &end, 10);
        if (end == p + 1 || v < 1 || v > 65535) return -1;
        *port = (int)v;
        p = end;
    }
    if (*p == '/') {
        if (p[1]) {
            char *end;
            long v = strtol(p + 1, &end, 10);
            if (end == p + 1 || *end || v < 0 || v > 15) return -1;
            *db = (int)v;
        }
    } else if (*p) {
        return -1;
    }
    return 0;
}

static int is_connected(void *slot) { return ((rds_conn_t *)slot)->ctx != NULL; }
static int connect_slot(void *slot);

int rds_init(const char *url, int size, int timeout_ms) {
    if (rds_parse_url(url, pool.host, sizeof pool.host, &pool.port, pool.user, sizeof pool.user, pool.password,
                      sizeof pool.password, &pool.db) < 0)
        return -1;
    pool.size = size;
    pool.timeout_ms = timeout_ms;
    pool.conns = calloc((size_t)size, sizeof(rds_conn_t));
    static const slot_ops_t ops = {.connected = is_connected, .connect = connect_slot};
    if (!pool.conns || slot_pool_init(&pool.slots, pool.conns, sizeof(rds_conn_t), size, &ops) < 0) return -1;
    static const char *labels[RC_LABEL_COUNT] = {"ping", "session", "rotate", "revoke", "ratelimit", "idempotency"};
    metrics_set_redis_labels(labels, RC_LABEL_COUNT);
    return 0;
}

/* After the server has stopped: no request holds a connection any more. */
void rds_shutdown(void) {
    for (int i = 0; i < pool.size; i++)
        if (pool.conns[i].ctx) {
            redisFree(pool.conns[i].ctx);
            pool.conns[i].ctx = NULL;
        }
}

static void drop(rds_conn_t *c) {
    if (c->ctx) redisFree(c->ctx);
    c->ctx = NULL;
}

static int simple_ok(redisContext *ctx, int argc, const char **argv) {
    redisReply *r = redisCommandArgv(ctx, argc, argv, NULL);
    int ok = r && r->type != REDIS_REPLY_ERROR;
    if (r) freeReplyObject(r);
    return ok;
}

/* Connects a slot the pool has just handed out; 0 on success. Runs outside the pool lock. */
static int connect_slot(void *slot) {
    rds_conn_t *c = slot;
    struct timeval tv = {pool.timeout_ms / 1000, (pool.timeout_ms % 1000) * 1000};
    c->ctx = redisConnectWithTimeout(pool.host, pool.port, tv);
    if (!c->ctx || c->ctx->err || redisSetTimeout(c->ctx, tv) != REDIS_OK) goto fail;
    if (pool.password[0]) {
        const char *auth_user[] = {"AUTH", pool.user, pool.password};
        const char *auth[] = {"AUTH", pool.password};
        if (!(pool.user[0] ? simple_ok(c->ctx, 3, auth_user) : simple_ok(c->ctx, 2, auth))) goto fail;
    }
    if (pool.db) {
        char dbs[8];
        snprintf(dbs, sizeof dbs, "%d", pool.db);
        const char *sel[] = {"SELECT", dbs};
        if (!simple_ok(c->ctx, 2, sel)) goto fail;
    }
    return 0;
fail:
    metrics_redis_error(ERR_CONNECT);
    drop(c);
    return -1;
}

rds_conn_t *rds_acquire(void) {
    void *c;
    slot_status_t s = slot_pool_acquire(&pool.slots, pool.timeout_ms, &c);
    if (s == SLOT_EXHAUSTED) metrics_redis_error(ERR_POOL_EXHAUSTED);
    if (s == SLOT_BACKING_OFF) metrics_redis_error(ERR_CONNECT); /* a failed connect counts itself */
    return c;
}

void rds_release(rds_conn_t *c) {
    if (c) slot_pool_release(&pool.slots, c);
}

static int64_t elapsed_us(const struct timespec *t0) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000000 + (t1.tv_nsec - t0->tv_nsec) / 1000;
}

static void note_failure(rds_conn_t *c) {
    int timeout = c->ctx && (c->ctx->err == REDIS_ERR_IO) && (errno == EAGAIN || errno == EWOULDBLOCK);
    metrics_redis_error(timeout ? ERR_TIMEOUT : ERR_CONNECT);
    drop(c);
}

/* After a failover a connection may still reach the demoted primary (now a replica): drop it, so the next one goes
 * through the TLS sidecar's fresh DNS lookup to the new primary. */
static int is_readonly(const redisReply *r) {
    return r && r->type == REDIS_REPLY_ERROR && r->str && !strncmp(r->str, "READONLY", 8);
}

redisReply *rds_command(rds_conn_t *c, redis_label_t label, int argc, const char **argv, const size_t *lens) {
    if (!c->ctx) return NULL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    redisReply *r = redisCommandArgv(c->ctx, argc, argv, lens);
    metrics_redis_command((int)label, elapsed_us(&t0));
    if (!r) {
        note_failure(c);
        return NULL;
    }
    if (r->type == REDIS_REPLY_ERROR) {
        metrics_redis_error(ERR_COMMAND);
        if (is_readonly(r)) drop(c);
        freeReplyObject(r);
        return NULL;
    }
    return r;
}

int rds_pipeline(rds_conn_t *c, redis_label_t label, int n_cmds, const int *argcs, const char ***argvs,
                 redisReply **replies) {
    if (!c->ctx) return -1;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n_cmds; i++) {
        replies[i] = NULL;
        if (redisAppendCommandArgv(c->ctx, argcs[i], argvs[i], NULL) != REDIS_OK) goto fail;
    }
    int readonly = 0;
    for (int i = 0; i < n_cmds; i++) {
        void *r = NULL;
        if (redisGetReply(c->ctx, &r) != REDIS_OK || !r) goto fail;
        replies[i] = r;
        readonly |= is_readonly(replies[i]);
    }
    metrics_redis_command((int)label, elapsed_us(&t0));
    if (readonly) { /* the caller sees the error replies; the connection is not reused */
        metrics_redis_error(ERR_COMMAND);
        drop(c);
    }
    return 0;
fail:
    for (int i = 0; i < n_cmds; i++)
        if (replies[i]) freeReplyObject(replies[i]), replies[i] = NULL;
    note_failure(c);
    return -1;
}

void rds_pool_stats(int *size, int *in_use) { slot_pool_stats(&pool.slots, size, in_use); }

int rds_ping(void) {
    rds_conn_t *c = rds_acquire();
    if (!c) return 0;
    const char *argv[] = {"PING"};
    redisReply *r = rds_command(c, RC_PING, 1, argv, NULL);
    int ok = r && r->type == REDIS_REPLY_STATUS;
    if (r) freeReplyObject(r);
    rds_release(c);
    return ok;
}
