#include "store/db.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ops/log.h"
#include "ops/metrics.h"

#define STMTS_MAX 64

struct db_conn {
    PGconn *pg;
    int in_use;
    unsigned char prepared[STMTS_MAX]; /* statements are prepared on first use, so connecting never waits on locks */
};

/* A thread waiting for a connection. Freed connections are handed to waiters in arrival order: with a plain
 * condition variable, threads arriving later could take freed connections ahead of earlier waiters, and the
 * unluckiest waited until their budget ran out. The hand-over posts a semaphore after the pool lock is released,
 * so the woken thread does not immediately block on that lock again. */
typedef struct waiter {
    sem_t ready;      /* posted once, by the thread that hands a connection over */
    db_conn_t *given; /* set under the pool lock, before the post */
    struct waiter *next;
} waiter_t;

static struct {
    char *url;
    int size, timeout_ms;
    const db_stmt_t *stmts;
    int n_stmts;
    db_conn_t *slots;
    int in_use;
    int64_t last_connect_fail_ms;
    pthread_mutex_t lock;
    waiter_t *head, *tail; /* FIFO of waiters; never empty while a slot is free */
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int db_init(const char *url, int size, int timeout_ms, const db_stmt_t *stmts, int n_stmts) {
    pool.url = strdup(url);
    pool.size = size;
    pool.timeout_ms = timeout_ms;
    pool.stmts = stmts;
    pool.n_stmts = n_stmts;
    if (n_stmts > STMTS_MAX) return -1;
    pool.slots = calloc((size_t)size, sizeof(db_conn_t));
    static const char *labels[64];
    for (int i = 0; i < n_stmts && i < 64; i++)
        labels[i] = stmts[i].name;
    metrics_set_db_labels(labels, n_stmts);
    return pool.url && pool.slots ? 0 : -1;
}

void db_shutdown(void) {
    pthread_mutex_lock(&pool.lock);
    for (int i = 0; i < pool.size; i++)
        if (pool.slots[i].pg) {
            PQfinish(pool.slots[i].pg);
            pool.slots[i].pg = NULL;
        }
    pthread_mutex_unlock(&pool.lock);
}

static void drop(db_conn_t *c) {
    if (c->pg) PQfinish(c->pg);
    c->pg = NULL;
    memset(c->prepared, 0, sizeof c->prepared);
}

/* Connects; 0 on success. Runs outside the pool lock. */
static int connect_slot(db_conn_t *c) {
    char timeout_s[16], options[64];
    int secs = (pool.timeout_ms + 999) / 1000;
    snprintf(timeout_s, sizeof timeout_s, "%d", secs < 2 ? 2 : secs);
    snprintf(options, sizeof options, "-c statement_timeout=%d", pool.timeout_ms);
    const char *keys[] = {"dbname",           "connect_timeout",  "options",
                          "keepalives",       "keepalives_idle",  "keepalives_interval",
                          "keepalives_count", "application_name", NULL};
    const char *vals[] = {pool.url, timeout_s, options, "1", "10", "5", "3", "notejam", NULL};
    c->pg = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(c->pg) != CONNECTION_OK) goto fail;
    return 0;
fail:
    metrics_db_error(ERR_CONNECT);
    drop(c);
    return -1;
}

/* An idle connected slot if there is one, else any idle slot, else NULL. Called with the lock held. */
static db_conn_t *free_slot(void) {
    for (int i = 0; i < pool.size; i++)
        if (!pool.slots[i].in_use && pool.slots[i].pg) return &pool.slots[i];
    for (int i = 0; i < pool.size; i++)
        if (!pool.slots[i].in_use) return &pool.slots[i];
    return NULL;
}

/* Queues the caller (pool lock held on entry, released here) and waits until a connection is handed over or the
 * deadline passes. */
static db_conn_t *wait_turn(int64_t deadline) {
    waiter_t w = {.given = NULL, .next = NULL};
    sem_init(&w.ready, 0, 0);
    if (pool.tail)
        pool.tail->next = &w;
    else
        pool.head = &w;
    pool.tail = &w;
    pthread_mutex_unlock(&pool.lock);
    int64_t left = deadline - now_ms();
    if (left < 0) left = 0;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += left / 1000;
    ts.tv_nsec += (left % 1000) * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    int r;
    while ((r = sem_timedwait(&w.ready, &ts)) < 0 && errno == EINTR) {}
    if (r < 0) { /* timed out: leave the queue, unless a connection was handed over meanwhile */
        pthread_mutex_lock(&pool.lock);
        db_conn_t *given = w.given;
        if (!given) {
            waiter_t **pp = &pool.head, *prev = NULL;
            while (*pp != &w) {
                prev = *pp;
                pp = &(*pp)->next;
            }
            *pp = w.next;
            if (pool.tail == &w) pool.tail = prev;
        }
        pthread_mutex_unlock(&pool.lock);
        if (given) /* its post is on the way: take it before w goes out of scope */
            while (sem_wait(&w.ready) < 0 && errno == EINTR) {}
    }
    sem_destroy(&w.ready);
    return w.given;
}

db_conn_t *db_acquire(void) {
    int64_t deadline = now_ms() + pool.timeout_ms;
    pthread_mutex_lock(&pool.lock);
    db_conn_t *c = pool.head ? NULL : free_slot(); /* newcomers queue behind earlier waiters */
    if (c) {
        c->in_use = 1;
        pool.in_use++;
        pthread_mutex_unlock(&pool.lock);
    } else {
        c = wait_turn(deadline); /* a handed-over connection stays counted as in use */
    }
    if (!c) {
        metrics_db_error(ERR_POOL_EXHAUSTED);
        return NULL;
    }
    int need_connect = c->pg == NULL; /* c is ours now */
    /* after a failed connect, fail fast for a moment instead of piling up connection attempts */
    int backing_off = need_connect && now_ms() - __atomic_load_n(&pool.last_connect_fail_ms, __ATOMIC_RELAXED) < 250;
    if (backing_off) { /* only real attempts move the back-off window, or steady traffic would extend it forever */
        metrics_db_error(ERR_CONNECT);
        db_release(c);
        return NULL;
    }
    if (need_connect && connect_slot(c) < 0) {
        __atomic_store_n(&pool.last_connect_fail_ms, now_ms(), __ATOMIC_RELAXED);
        db_release(c);
        return NULL;
    }
    return c;
}

void db_release(db_conn_t *c) {
    if (!c) return;
    if (c->pg && (PQstatus(c->pg) != CONNECTION_OK || PQtransactionStatus(c->pg) != PQTRANS_IDLE)) drop(c);
    pthread_mutex_lock(&pool.lock);
    waiter_t *w = pool.head;
    if (w) { /* hand it over: the first waiter gets it, still in use */
        pool.head = w->next;
        if (!pool.head) pool.tail = NULL;
        w->given = c;
    } else {
        c->in_use = 0;
        pool.in_use--;
    }
    pthread_mutex_unlock(&pool.lock);
    if (w) sem_post(&w->ready);
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

void db_pool_stats(int *size, int *in_use) {
    pthread_mutex_lock(&pool.lock);
    *size = pool.size;
    *in_use = pool.in_use;
    pthread_mutex_unlock(&pool.lock);
}

int db_ping(void) {
    db_conn_t *c = db_acquire();
    if (!c) return 0;
    int ok = db_simple(c, "SELECT 1") == DB_OK;
    db_release(c);
    return ok;
}
