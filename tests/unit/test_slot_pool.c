/* The generic connection-slot pool (store/slot_pool.c) with fake connections: counts, deadline, FIFO order, direct
 * hand-over, connect back-off (injected clock). Threads are coordinated by polling the pool's own waiter count. */
#ifndef SLOT_POOL_TSAN
#include <criterion/criterion.h>
#else
/* Criterion cannot start under ThreadSanitizer (its sandbox arena fails to map: Snaipe/Criterion#274), so the TSan
 * build of this file (make test-unit) runs the same tests, one after the other, through this stand-in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef struct tsan_test {
    const char *name;
    void (*fn)(void);
    struct {
        void (*init)(void), (*fini)(void);
    } o;
    struct tsan_test *next;
} tsan_test_t;
static tsan_test_t *tsan_tests, **tsan_last = &tsan_tests;
#define Test(suite, name, ...)                                                                                         \
    static void suite##_##name(void);                                                                                  \
    static tsan_test_t suite##_##name##_t = {#suite "::" #name, suite##_##name, {__VA_ARGS__}, NULL};                  \
    __attribute__((constructor)) static void suite##_##name##_add(void) {                                              \
        *tsan_last = &suite##_##name##_t;                                                                              \
        tsan_last = &suite##_##name##_t.next;                                                                          \
    }                                                                                                                  \
    static void suite##_##name(void)
#define cr_assert(c, ...)                                                                                              \
    ((c) ? (void)0 : (fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #c), exit(1)))
#define cr_assert_not(c, ...)    cr_assert(!(c))
#define cr_assert_null(p, ...)   cr_assert((p) == NULL)
#define cr_assert_eq(a, b, ...)  cr_assert((a) == (b))
#define cr_assert_neq(a, b, ...) cr_assert((a) != (b))
#define cr_assert_lt(a, b, ...)  cr_assert((a) < (b))
#define cr_assert_leq(a, b, ...) cr_assert((a) <= (b))
#define cr_assert_geq(a, b, ...) cr_assert((a) >= (b))
int main(void) {
    int n = 0;
    for (tsan_test_t *t = tsan_tests; t; t = t->next, n++) {
        if (t->o.init) t->o.init();
        t->fn();
        if (t->o.fini) t->o.fini();
    }
    printf("slot_pool under TSan: %d tests passed\n", n);
    return 0;
}
#endif
#include <pthread.h>
#include <stdint.h>
#include "store/slot_pool.h"

#define N_CONNS 4

typedef struct {
    int connected;
    int holders; /* threads holding this slot now: never above 1 */
} fake_conn_t;

static fake_conn_t conns[N_CONNS];
static int connects, connect_fails; /* connect_slot calls; while connect_fails, connecting fails */
static int64_t fake_now = 1000000;

static int is_connected(void *s) { return ((fake_conn_t *)s)->connected; }
static int connect_slot(void *s) {
    __atomic_add_fetch(&connects, 1, __ATOMIC_RELAXED);
    if (__atomic_load_n(&connect_fails, __ATOMIC_RELAXED)) return -1;
    ((fake_conn_t *)s)->connected = 1;
    return 0;
}
static int64_t clock_ms(void) { return __atomic_load_n(&fake_now, __ATOMIC_RELAXED); }

static slot_pool_t pool;

static void setup_n(int n) {
    memset(conns, 0, sizeof conns);
    connects = connect_fails = 0;
    slot_ops_t ops = {.connected = is_connected, .connect = connect_slot, .now_ms = clock_ms};
    cr_assert_eq(slot_pool_init(&pool, conns, sizeof conns[0], n, &ops), 0);
}
static void setup_one(void) { setup_n(1); }
static void setup_all(void) { setup_n(N_CONNS); }
static void teardown(void) { slot_pool_destroy(&pool); }

static int in_use(void) {
    int size, used;
    slot_pool_stats(&pool, &size, &used);
    return used;
}

static fake_conn_t *take(int timeout_ms) {
    void *s;
    cr_assert_eq(slot_pool_acquire(&pool, timeout_ms, &s), SLOT_OK);
    return s;
}

/* Polls (no fixed sleep) until `n` threads wait for a slot, for at most 5 s. */
static void await_waiting(int n) {
    int64_t deadline = slot_pool_now_ms() + 5000;
    while (slot_pool_waiting(&pool) != n) {
        cr_assert_lt(slot_pool_now_ms(), deadline, "never saw %d waiters", n);
        sched_yield();
    }
}

Test(slot_pool, counts_and_reuse, .init = setup_all, .fini = teardown) {
    int size, used;
    slot_pool_stats(&pool, &size, &used);
    cr_assert_eq(size, N_CONNS);
    cr_assert_eq(used, 0);
    fake_conn_t *got[N_CONNS];
    for (int i = 0; i < N_CONNS; i++) {
        got[i] = take(100);
        cr_assert(got[i]->connected);
        for (int j = 0; j < i; j++)
            cr_assert_neq(got[i], got[j], "slot handed out twice");
        cr_assert_eq(in_use(), i + 1);
    }
    cr_assert_eq(connects, N_CONNS);
    slot_pool_release(&pool, got[2]);
    cr_assert_eq(in_use(), N_CONNS - 1);
    cr_assert_eq(take(100), got[2], "the freed slot is the one to reuse");
    cr_assert_eq(connects, N_CONNS, "a connected slot is not connected again");
    for (int i = 0; i < N_CONNS; i++)
        slot_pool_release(&pool, got[i]);
    cr_assert_eq(in_use(), 0);
}

Test(slot_pool, connected_slots_before_empty_ones, .init = setup_all, .fini = teardown) {
    fake_conn_t *a = take(100), *b = take(100);
    a->connected = 0; /* as db.c drops a broken connection before release */
    slot_pool_release(&pool, b);
    slot_pool_release(&pool, a); /* released last, yet served after the connected one */
    cr_assert_eq(take(100), b);
    cr_assert_eq(connects, 2);
}

Test(slot_pool, times_out_after_the_deadline, .init = setup_one, .fini = teardown) {
    fake_conn_t *held = take(100);
    void *s = held;
    int64_t t0 = slot_pool_now_ms();
    cr_assert_eq(slot_pool_acquire(&pool, 200, &s), SLOT_EXHAUSTED);
    int64_t waited = slot_pool_now_ms() - t0;
    cr_assert_null(s);
    cr_assert_geq(waited, 199, "gave up after %lld ms", (long long)waited);
    cr_assert_lt(waited, 2000, "waited %lld ms for a 200 ms budget", (long long)waited);
    cr_assert_eq(slot_pool_waiting(&pool), 0, "a timed-out waiter left the queue");
    cr_assert_eq(slot_pool_acquire(&pool, 0, &s), SLOT_EXHAUSTED);
    slot_pool_release(&pool, held);
    cr_assert_eq(take(0), held, "a zero budget still takes an idle slot");
}

typedef struct {
    int timeout_ms, rank;
    slot_status_t status;
} waiter_arg_t;

static int next_rank;

/* Takes the slot, notes its turn, gives it back. */
static void *waiter_thread(void *arg) {
    waiter_arg_t *w = arg;
    void *s;
    w->status = slot_pool_acquire(&pool, w->timeout_ms, &s);
    if (w->status == SLOT_OK) {
        w->rank = __atomic_fetch_add(&next_rank, 1, __ATOMIC_RELAXED);
        slot_pool_release(&pool, s);
    }
    return NULL;
}

Test(slot_pool, waiters_served_in_arrival_order, .init = setup_one, .fini = teardown) {
    fake_conn_t *held = take(100);
    waiter_arg_t w[3] = {{.timeout_ms = 10000}, {.timeout_ms = 10000}, {.timeout_ms = 10000}};
    pthread_t t[3];
    next_rank = 0;
    for (int i = 0; i < 3; i++) { /* A, then B once A waits, then C once B waits */
        cr_assert_eq(pthread_create(&t[i], NULL, waiter_thread, &w[i]), 0);
        await_waiting(i + 1);
    }
    slot_pool_release(&pool, held);
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        cr_assert_eq(w[i].status, SLOT_OK);
        cr_assert_eq(w[i].rank, i, "waiter %c served as number %d", 'A' + i, w[i].rank + 1);
    }
    cr_assert_eq(in_use(), 0);
}

static int got_it, go_on, in_use_on_wake;

/* Takes the slot and keeps it until the test says go_on. */
static void *holder_thread(void *arg) {
    waiter_arg_t *w = arg;
    void *s;
    w->status = slot_pool_acquire(&pool, w->timeout_ms, &s);
    if (w->status != SLOT_OK) return NULL;
    __atomic_store_n(&in_use_on_wake, in_use(), __ATOMIC_RELAXED);
    __atomic_store_n(&got_it, 1, __ATOMIC_RELEASE);
    int64_t deadline = slot_pool_now_ms() + 5000;
    while (!__atomic_load_n(&go_on, __ATOMIC_ACQUIRE) && slot_pool_now_ms() < deadline)
        sched_yield();
    slot_pool_release(&pool, s);
    return NULL;
}

Test(slot_pool, hand_over_keeps_the_slot_in_use, .init = setup_one, .fini = teardown) {
    for (int round = 0; round < 20; round++) {
        fake_conn_t *held = take(100);
        waiter_arg_t w = {.timeout_ms = 10000};
        pthread_t t;
        got_it = go_on = 0;
        in_use_on_wake = -1;
        cr_assert_eq(pthread_create(&t, NULL, holder_thread, &w), 0);
        await_waiting(1);
        slot_pool_release(&pool, held);
        /* whether or not the waiter has woken yet, the slot is already its own: in use, and not for newcomers */
        cr_assert_eq(in_use(), 1, "in-use dipped to %d during the hand-over", in_use());
        cr_assert_eq(slot_pool_waiting(&pool), 0);
        void *s;
        cr_assert_eq(slot_pool_acquire(&pool, 0, &s), SLOT_EXHAUSTED, "a newcomer took a slot handed to a waiter");
        int64_t deadline = slot_pool_now_ms() + 5000;
        while (!__atomic_load_n(&got_it, __ATOMIC_ACQUIRE))
            cr_assert_lt(slot_pool_now_ms(), deadline, "the waiter never woke");
        cr_assert_eq(in_use_on_wake, 1);
        __atomic_store_n(&go_on, 1, __ATOMIC_RELEASE);
        pthread_join(t, NULL);
        cr_assert_eq(w.status, SLOT_OK);
        cr_assert_eq(in_use(), 0);
    }
}

Test(slot_pool, backoff_window_is_250_ms) {
    slot_backoff_t b = {SLOT_NEVER_FAILED};
    cr_assert_not(slot_backoff_active(&b, 0), "no failure yet: no back-off, whatever the clock");
    cr_assert_not(slot_backoff_active(&b, 1000));
    slot_backoff_failed(&b, 1000);
    cr_assert(slot_backoff_active(&b, 1000));
    cr_assert(slot_backoff_active(&b, 1000 + SLOT_BACKOFF_MS - 1));
    cr_assert_not(slot_backoff_active(&b, 1000 + SLOT_BACKOFF_MS));
    cr_assert_eq(SLOT_BACKOFF_MS, 250);
}

Test(slot_pool, failed_connect_backs_off_then_retries, .init = setup_all, .fini = teardown) {
    fake_conn_t *live = take(100); /* one connection made before the server went away */
    slot_pool_release(&pool, live);
    connect_fails = 1;
    fake_conn_t *held = take(100); /* the live one; the next acquire needs a new connection */
    void *s;
    int64_t failed_at = fake_now;
    cr_assert_eq(slot_pool_acquire(&pool, 100, &s), SLOT_CONNECT_FAILED);
    cr_assert_null(s);
    cr_assert_eq(connects, 2);
    cr_assert_eq(in_use(), 1, "the slot went back to the pool");
    for (int dt = 0; dt < SLOT_BACKOFF_MS; dt += 83) { /* steady traffic inside the window does not extend it */
        fake_now += dt ? 83 : 0;
        cr_assert_eq(slot_pool_acquire(&pool, 100, &s), SLOT_BACKING_OFF);
        cr_assert_eq(connects, 2, "no connect attempt during the back-off");
    }
    slot_pool_release(&pool, held);
    cr_assert_eq(take(100), live, "a connected slot is served during the back-off");
    slot_pool_release(&pool, live);
    fake_now = failed_at + SLOT_BACKOFF_MS; /* 250 ms after the failure: try again */
    connect_fails = 0;
    fake_conn_t *a = take(100), *b = take(100);
    cr_assert_eq(connects, 3);
    cr_assert_eq(a, live);
    cr_assert(b->connected);
    slot_pool_release(&pool, a);
    slot_pool_release(&pool, b);
    cr_assert_eq(in_use(), 0);
}

/* Many threads, few slots, short budgets (so timeouts race with hand-overs): nobody shares a slot, nothing leaks. */
static void *churn_thread(void *arg) {
    int *ok = arg;
    for (int i = 0; i < 3000; i++) {
        void *s;
        if (slot_pool_acquire(&pool, i % 3, &s) != SLOT_OK) continue;
        fake_conn_t *c = s;
        if (__atomic_add_fetch(&c->holders, 1, __ATOMIC_ACQ_REL) != 1) *ok = 0;
        __atomic_sub_fetch(&c->holders, 1, __ATOMIC_ACQ_REL);
        slot_pool_release(&pool, s);
    }
    return NULL;
}

static int churning;

/* Reads the gauges while the others churn, as a /metrics scrape does. */
static void *scrape_thread(void *arg) {
    int *ok = arg;
    while (__atomic_load_n(&churning, __ATOMIC_ACQUIRE)) {
        int size, used;
        slot_pool_stats(&pool, &size, &used);
        if (used < 0 || used > size || slot_pool_waiting(&pool) < 0) *ok = 0;
        sched_yield();
    }
    return NULL;
}

Test(slot_pool, concurrent_churn_never_shares_a_slot) {
    setup_n(2);
    pthread_t t[7];
    int ok[7];
    churning = 1;
    for (int i = 0; i < 7; i++) {
        ok[i] = 1;
        cr_assert_eq(pthread_create(&t[i], NULL, i < 6 ? churn_thread : scrape_thread, &ok[i]), 0);
    }
    for (int i = 0; i < 7; i++) {
        if (i == 6) __atomic_store_n(&churning, 0, __ATOMIC_RELEASE);
        pthread_join(t[i], NULL);
        cr_assert(ok[i], "thread %d saw a slot held twice or a gauge out of range", i);
    }
    cr_assert_eq(in_use(), 0);
    cr_assert_eq(slot_pool_waiting(&pool), 0);
    cr_assert_leq(connects, 2, "slots stay connected across hand-overs");
    teardown();
}
