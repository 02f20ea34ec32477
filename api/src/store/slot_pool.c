#include "store/slot_pool.h"
#include <errno.h>
#include <semaphore.h>
#include <stdlib.h>
#include <time.h>

/* A thread waiting for a slot, on its own stack. With a plain condition variable, threads arriving later could
 * take freed slots ahead of earlier waiters, and the unluckiest waited until their budget ran out. The hand-over
 * posts the semaphore after the pool lock is released, so the woken thread does not block on that lock again. */
struct slot_waiter {
    sem_t ready; /* posted once, by the thread that hands a slot over */
    void *given; /* set under the pool lock, before the post; read by the waiter after the post */
    struct slot_waiter *next;
};

int64_t slot_pool_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int slot_backoff_active(const slot_backoff_t *b, int64_t now_ms) {
    int64_t last = __atomic_load_n(&b->last_fail_ms, __ATOMIC_RELAXED);
    return last != SLOT_NEVER_FAILED && now_ms - last < SLOT_BACKOFF_MS;
}

void slot_backoff_failed(slot_backoff_t *b, int64_t now_ms) {
    __atomic_store_n(&b->last_fail_ms, now_ms, __ATOMIC_RELAXED);
}

int slot_pool_init(slot_pool_t *p, void *base, size_t stride, int size, const slot_ops_t *ops) {
    *p = (slot_pool_t){.ops = *ops, .size = size, .backoff = {SLOT_NEVER_FAILED}};
    if (!p->ops.now_ms) p->ops.now_ms = slot_pool_now_ms;
    if (size < 1 || !(p->idle = calloc((size_t)size, sizeof *p->idle))) return -1;
    for (int i = 0; i < size; i++)
        p->idle[i] = (char *)base + (size_t)i * stride;
    p->n_idle = size;
    return pthread_mutex_init(&p->lock, NULL) ? -1 : 0;
}

void slot_pool_destroy(slot_pool_t *p) {
    pthread_mutex_destroy(&p->lock);
    free(p->idle);
    p->idle = NULL;
}

/* The idle ring; all three run with the lock held. */
static void *take_idle(slot_pool_t *p) {
    if (!p->n_idle) return NULL;
    void *s = p->idle[p->first];
    p->first = p->first + 1 == p->size ? 0 : p->first + 1;
    p->n_idle--;
    return s;
}

static void put_idle_front(slot_pool_t *p, void *s) {
    p->first = p->first == 0 ? p->size - 1 : p->first - 1;
    p->idle[p->first] = s;
    p->n_idle++;
}

static void put_idle_back(slot_pool_t *p, void *s) {
    int i = p->first + p->n_idle;
    p->idle[i >= p->size ? i - p->size : i] = s;
    p->n_idle++;
}

static void enqueue(slot_pool_t *p, slot_waiter_t *w) {
    if (p->tail)
        p->tail->next = w;
    else
        p->head = w;
    p->tail = w;
    p->n_waiting++;
}

/* Queues the caller (lock held on entry, released here) and waits until a slot is handed over or timeout_ms pass. */
static void *wait_turn(slot_pool_t *p, int timeout_ms) {
    slot_waiter_t w = {.given = NULL, .next = NULL};
    sem_init(&w.ready, 0, 0);
    enqueue(p, &w); /* w stays queued only while this frame lives: handed a slot, or removed below */
    pthread_mutex_unlock(&p->lock);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t ns = ts.tv_nsec + (int64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000000;
    ts.tv_sec += (time_t)(ns / 1000000000);
    ts.tv_nsec = (long)(ns % 1000000000);
    int r;
    while ((r = sem_clockwait(&w.ready, CLOCK_MONOTONIC, &ts)) < 0 && errno == EINTR) {}
    if (r < 0) { /* timed out: leave the queue, unless a slot was handed over meanwhile */
        pthread_mutex_lock(&p->lock);
        void *given = w.given;
        if (!given) {
            slot_waiter_t **pp = &p->head, *prev = NULL;
            while (*pp != &w) {
                prev = *pp;
                pp = &(*pp)->next;
            }
            *pp = w.next;
            if (p->tail == &w) p->tail = prev;
            p->n_waiting--;
        }
        pthread_mutex_unlock(&p->lock);
        if (given) /* its post is on the way: take it before w goes out of scope */
            while (sem_wait(&w.ready) < 0 && errno == EINTR) {}
    }
    sem_destroy(&w.ready);
    return __atomic_load_n(&w.given, __ATOMIC_ACQUIRE); /* pairs with the release store of the hand-over */
}

slot_status_t slot_pool_acquire(slot_pool_t *p, int timeout_ms, void **slot) {
    *slot = NULL;
    pthread_mutex_lock(&p->lock);
    void *s = p->head ? NULL : take_idle(p); /* newcomers queue behind earlier waiters */
    if (s) {
        p->in_use++;
        pthread_mutex_unlock(&p->lock);
    } else {
        s = wait_turn(p, timeout_ms); /* a handed-over slot stays counted as in use */
    }
    if (!s) return SLOT_EXHAUSTED;
    if (!p->ops.connected(s)) { /* s is ours now: connect it, unless a recent attempt failed */
        if (slot_backoff_active(&p->backoff, p->ops.now_ms())) {
            slot_pool_release(p, s);
            return SLOT_BACKING_OFF;
        }
        if (p->ops.connect(s) != 0) {
            slot_backoff_failed(&p->backoff, p->ops.now_ms());
            slot_pool_release(p, s);
            return SLOT_CONNECT_FAILED;
        }
    }
    *slot = s;
    return SLOT_OK;
}

void slot_pool_release(slot_pool_t *p, void *slot) {
    int connected = p->ops.connected(slot); /* the slot is still ours: read it outside the lock */
    pthread_mutex_lock(&p->lock);
    slot_waiter_t *w = p->head;
    if (w) { /* hand it over: the first waiter gets it, still in use */
        p->head = w->next;
        if (!p->head) p->tail = NULL;
        p->n_waiting--;
        __atomic_store_n(&w->given, slot, __ATOMIC_RELEASE); /* ordered without the semaphore too (TSan) */
    } else {
        if (connected)
            put_idle_front(p, slot);
        else
            put_idle_back(p, slot);
        p->in_use--;
    }
    pthread_mutex_unlock(&p->lock);
    if (w) sem_post(&w->ready);
}

void slot_pool_stats(slot_pool_t *p, int *size, int *in_use) {
    pthread_mutex_lock(&p->lock);
    *size = p->size;
    *in_use = p->in_use;
    pthread_mutex_unlock(&p->lock);
}

int slot_pool_waiting(slot_pool_t *p) {
    pthread_mutex_lock(&p->lock);
    int n = p->n_waiting;
    pthread_mutex_unlock(&p->lock);
    return n;
}
