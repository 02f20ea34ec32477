#include "store/db.h"
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "config.h"
#include "ops/log.h"
#include "ops/metrics.h"
#include "store/slot_pool.h"

#define STMTS_MAX 128

struct db_conn {
    PGconn *pg;
    unsigned char prepared[STMTS_MAX]; /* statements are prepared on first use, so connecting never waits on locks */
};

static struct {
    char *url;           /* guarded by url_lock: replaced when url_file changes */
    char *url_file;      /* NOTEJAM_DATABASE_URL_FILE, or NULL */
    int64_t url_read_ms; /* last re-read of url_file */
    pthread_mutex_t url_lock;
    int size, timeout_ms;
    const db_stmt_t *stmts;
    int n_stmts;
    db_conn_t *conns;
    slot_pool_t slots;
} pool;

static int64_t now_ms(void) { return slot_pool_now_ms(); }

static int is_connected(void *slot) { return ((db_conn_t *)slot)->pg != NULL; }
static int connect_slot(void *slot);

int db_init(const char *url, const char *url_file, int size, int timeout_ms, const db_stmt_t *stmts, int n_stmts) {
    pool.url = strdup(url);
    pool.url_file = url_file && *url_file ? strdup(url_file) : NULL;
    pthread_mutex_init(&pool.url_lock, NULL);
    pool.size = size;
    pool.timeout_ms = timeout_ms;
    pool.stmts = stmts;
    pool.n_stmts = n_stmts;
    if (n_stmts > STMTS_MAX) return -1;
    pool.conns = calloc((size_t)size, sizeof(db_conn_t));
    static const slot_ops_t ops = {.connected = is_connected, .connect = connect_slot};
    if (!pool.url || !pool.conns || slot_pool_init(&pool.slots, pool.conns, sizeof(db_conn_t), size, &ops) < 0)
        return -1;
    static const char *labels[STMTS_MAX];
    for (int i = 0; i < n_stmts; i++)
        labels[i] = stmts[i].name;
    metrics_set_db_labels(labels, n_stmts);
    return 0;
}

/* After the server has stopped: no request holds a connection any more. */
void db_shutdown(void) {
    for (int i = 0; i < pool.size; i++)
        if (pool.conns[i].pg) {
            PQfinish(pool.conns[i].pg);
            pool.conns[i].pg = NULL;
        }
}

static void drop(db_conn_t *c) {
    if (c->pg) PQfinish(c->pg);
    c->pg = NULL;
    memset(c->prepared, 0, sizeof c->prepared);
}

/* Reads the secret file again after a failed connect (at most once a second): when the password was rotated, the
 * mounted file changes and the next connect uses it, no restart needed. 1 if the URL changed. */
static int reread_url(void) {
    if (!pool.url_file) return 0;
    int changed = 0;
    pthread_mutex_lock(&pool.url_lock);
    int64_t now = now_ms();
    if (now - pool.url_read_ms >= 1000) {
        pool.url_read_ms = now;
        char *fresh = config_read_secret_file(pool.url_file);
        /* an empty or non-URL file (a rotation half done) keeps the last good URL */
        if (fresh && !strncmp(fresh, "postgres", 8) && strcmp(fresh, pool.url) != 0) {
            free(pool.url);
            pool.url = fresh;
            fresh = NULL;
            changed = 1;
        }
        free(fresh);
    }
    pthread_mutex_unlock(&pool.url_lock);
    if (changed)
        log_msg(LOG_WARN, "database: credentials changed, reconnecting with them", "NOTEJAM_DATABASE_URL_FILE");
    return changed;
}

static PGconn *open_conn(const char *const *keys, const char **vals) {
    pthread_mutex_lock(&pool.url_lock);
    char *url = strdup(pool.url);
    pthread_mutex_unlock(&pool.url_lock);
    vals[0] = url;
    PGconn *pg = url ? PQconnectdbParams(keys, vals, 1) : NULL;
    free(url);
    return pg;
}

/* Connects a slot the pool has just handed out; 0 on success. Runs outside the pool lock. */
static int connect_slot(void *slot) {
    db_conn_t *c = slot;
    char timeout_s[16], options[64];
    int secs = (pool.timeout_ms + 999) / 1000;
    snprintf(timeout_s, sizeof timeout_s, "%d", secs < 2 ? 2 : secs);
    snprintf(options, sizeof options, "-c statement_timeout=%d", pool.timeout_ms);
    const char *keys[] = {"dbname",           "connect_timeout",  "options",
                          "keepalives",       "keepalives_idle",  "keepalives_interval",
                          "keepalives_count", "application_name", NULL};
    const char *vals[] = {NULL, timeout_s, options, "1", "10", "5", "3", "notejam", NULL};
    c->pg = open_conn(keys, vals);
    if (PQstatus(c->pg) != CONNECTION_OK && reread_url()) {
        PQfinish(c->pg);
        c->pg = open_conn(keys, vals);
    }
    if (PQstatus(c->pg) != CONNECTION_OK) goto fail;
    return 0;
fail:
    metrics_db_error(ERR_CONNECT);
    drop(c);
    return -1;
}

db_conn_t *db_acquire(void) {
    void *c;
    slot_status_t s = slot_pool_acquire(&pool.slots, pool.timeout_ms, &c);
    if (s == SLOT_EXHAUSTED) metrics_db_error(ERR_POOL_EXHAUSTED);
    if (s == SLOT_BACKING_OFF) metrics_db_error(ERR_CONNECT); /* a failed connect counts itself */
    return c;
}

void db_release(db_conn_t *c) {
    if (!c) return;
    if (c->pg && (PQstatus(c->pg) != CONNECTION_OK || PQtransactionStatus(c->pg) != PQTRANS_IDLE)) drop(c);
    slot_pool_release(&pool.slots, c);
}

/* Waits for the whole result of a sent query, bounded by the budget. Returns the last result or NULL. */
static PGresult *await_result(db_conn_t *c, int64_t deadline, int *timed_out) {
    PGresult *last = NULL;
    int sock = PQsocket(c->pg);
    for (;;) {
        while (PQflush(c->pg) == 1) {
            struct pollfd p = {sock, POLLOUT, 0};
            if (poll(&p, 1, (int)(deadline - now_ms())) <= 0) goto timeout;
        }
        while (PQisBusy(c->pg)) {
            int64_t left = deadline - now_ms();
            struct pollfd p = {sock, POLLIN, 0};
            if (left <= 0 || poll(&p, 1, (int)left) <= 0) goto timeout;
            if (!PQconsumeInput(c->pg)) return last; /* connection lost */
        }
        PGresult *r = PQgetResult(c->pg);
        if (!r) return last;
        PQclear(last);
        last = r;
    }
timeout:
    *timed_out = 1;
    PQclear(last);
    return NULL;
}

static db_status_t classify(db_conn_t *c, PGresult *r, int timed_out) {
    if (timed_out) {
        metrics_db_error(ERR_TIMEOUT);
        drop(c); /* the server may still be busy with it; a fresh connection is simpler than a cancel dance */
        return DB_UNAVAILABLE;
    }
    if (!r || PQstatus(c->pg) != CONNECTION_OK) {
        metrics_db_error(ERR_CONNECT);
        drop(c);
        return DB_UNAVAILABLE;
    }
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return DB_OK;
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && !strcmp(state, "23505")) return DB_UNIQUE_VIOLATION;
    if (state && !strcmp(state, "23503")) return DB_FK_VIOLATION;
    if (state && !strcmp(state, "23514")) return DB_CHECK_VIOLATION;
    metrics_db_error(ERR_QUERY);
    /* 57014 statement timeout, 57P01 admin shutdown, 08xxx connection: the dependency is the problem */
    if (state && (!strncmp(state, "57", 2) || !strncmp(state, "08", 2))) {
        if (strncmp(state, "57014", 5)) drop(c);
        return DB_UNAVAILABLE;
    }
    log_msg(LOG_ERROR, "database: query failed", state ? state : "no sqlstate");
    return DB_ERROR;
}

db_status_t db_exec(db_conn_t *c, int stmt, int n_params, const char *const *params, PGresult **res) {
    *res = NULL;
    if (!c->pg) return DB_UNAVAILABLE;
    int64_t start = now_ms(), deadline = start + pool.timeout_ms;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int timed_out = 0;
    PGresult *r = NULL;
    if (pool.stmts[stmt].plan_each_time) {
        if (PQsendQueryParams(c->pg, pool.stmts[stmt].sql, n_params, NULL, params, NULL, NULL, 0))
            r = await_result(c, deadline, &timed_out);
        goto done;
    }
    if (!c->prepared[stmt]) {
        if (PQsendPrepare(c->pg, pool.stmts[stmt].name, pool.stmts[stmt].sql, 0, NULL))
            r = await_result(c, deadline, &timed_out);
        db_status_t ps = classify(c, r, timed_out);
        PQclear(r);
        r = NULL;
        if (ps != DB_OK) {
            if (ps == DB_ERROR) log_msg(LOG_ERROR, "database: cannot prepare statement", pool.stmts[stmt].name);
            return ps == DB_ERROR ? DB_ERROR : DB_UNAVAILABLE;
        }
        c->prepared[stmt] = 1;
    }
    if (PQsendQueryPrepared(c->pg, pool.stmts[stmt].name, n_params, params, NULL, NULL, 0))
        r = await_result(c, deadline, &timed_out);
done:
    clock_gettime(CLOCK_MONOTONIC, &t1);
    metrics_db_query(stmt, (t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000);
    db_status_t s = classify(c, r, timed_out);
    if (s == DB_OK)
        *res = r;
    else
        PQclear(r);
    return s;
}

db_status_t db_simple(db_conn_t *c, const char *sql) {
    if (!c->pg) return DB_UNAVAILABLE;
    int timed_out = 0;
    PGresult *r = NULL;
    if (PQsendQuery(c->pg, sql)) r = await_result(c, now_ms() + pool.timeout_ms, &timed_out);
    db_status_t s = classify(c, r, timed_out);
    PQclear(r);
    return s;
}

void db_pool_stats(int *size, int *in_use) { slot_pool_stats(&pool.slots, size, in_use); }

int db_ping(void) {
    db_conn_t *c = db_acquire();
    if (!c) return 0;
    int ok = db_simple(c, "SELECT 1") == DB_OK;
    db_release(c);
    return ok;
}
