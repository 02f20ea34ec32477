/* A fixed set of connection slots shared by worker threads; store/db.c and store/redis_pool.c are its users.
 * - acquire waits up to a deadline, in arrival order: a freed slot goes straight to the first waiter (it stays in
 *   use), and newcomers queue behind earlier waiters, so nobody is overtaken until their budget runs out;
 * - idle slots holding a connection are handed out before empty ones;
 * - an empty slot is connected on acquire, outside the lock; after a failed connect, acquires that would connect
 *   fail fast for SLOT_BACKOFF_MS instead of piling up attempts on a server that is away.
 * Hot path: one uncontended lock/unlock per acquire and per release, no allocation. */
#ifndef NOTEJAM_SLOT_POOL_H
#define NOTEJAM_SLOT_POOL_H
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define SLOT_BACKOFF_MS 250

typedef enum {
    SLOT_OK = 0,
    SLOT_EXHAUSTED,     /* no slot within the deadline */
    SLOT_BACKING_OFF,   /* a slot, but it needed a connection and the back-off window was open */
    SLOT_CONNECT_FAILED /* a slot, but connecting failed (ops.connect reported why) */
} slot_status_t;

/* Connect back-off window. Pure apart from a relaxed atomic: the clock is the caller's. */
#define SLOT_NEVER_FAILED INT64_MIN
typedef struct {
    int64_t last_fail_ms; /* SLOT_NEVER_FAILED before the first failure */
} slot_backoff_t;
int slot_backoff_active(const slot_backoff_t *b, int64_t now_ms);
/* Only real connect attempts move the window, or steady traffic would extend it forever. */
void slot_backoff_failed(slot_backoff_t *b, int64_t now_ms);

typedef struct {
    int (*connected)(void *slot); /* 1 if the slot holds a usable connection */
    int (*connect)(void *slot);   /* 0 on success; runs outside the lock, counts its own failure metric */
    int64_t (*now_ms)(void);      /* clock of the back-off window; NULL: CLOCK_MONOTONIC (tests inject one) */
} slot_ops_t;

typedef struct slot_waiter slot_waiter_t;

typedef struct {
    pthread_mutex_t lock;
    slot_ops_t ops;
    int size, in_use;
    void **idle; /* ring of idle slots: connected ones taken from the front, empty ones kept at the back */
    int first, n_idle;
    slot_waiter_t *head, *tail; /* FIFO of waiters; never non-empty while a slot is idle */
    int n_waiting;
    slot_backoff_t backoff;
} slot_pool_t;

/* The pool hands out pointers to `size` slots of `stride` bytes starting at `base` (owned by the caller). 0 or -1. */
int slot_pool_init(slot_pool_t *p, void *base, size_t stride, int size, const slot_ops_t *ops);
/* Frees what init allocated; no thread may be using the pool. */
void slot_pool_destroy(slot_pool_t *p);
/* *slot is set on SLOT_OK only; on any other status the slot (if one was had) is back in the pool. */
slot_status_t slot_pool_acquire(slot_pool_t *p, int timeout_ms, void **slot);
/* Gives a slot back: to the first waiter if there is one, else to the idle ring. */
void slot_pool_release(slot_pool_t *p, void *slot);
void slot_pool_stats(slot_pool_t *p, int *size, int *in_use);
int slot_pool_waiting(slot_pool_t *p); /* threads queued for a slot now */
int64_t slot_pool_now_ms(void);        /* CLOCK_MONOTONIC in milliseconds */
#endif
