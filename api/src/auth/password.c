#include "auth/password.h"
#include <errno.h>
#include <semaphore.h>
#include <string.h>
#include <time.h>
#include "ops/metrics.h"

#define OPSLIMIT 2
#define MEMLIMIT (19u * 1024u * 1024u)

static sem_t slots;
static int wait_budget_ms;
static char dummy_hash[PASSWORD_HASH_MAX];

static int take_slot(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += wait_budget_ms / 1000;
    ts.tv_nsec += (long)(wait_budget_ms % 1000) * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    metrics_hash(0, 1);
    int r;
    while ((r = sem_timedwait(&slots, &ts)) < 0 && errno == EINTR) {}
    metrics_hash(r == 0 ? 1 : 0, -1);
    return r;
}

static void give_slot(void) {
    metrics_hash(-1, 0);
    sem_post(&slots);
}

int password_init(int max_concurrent, int wait_ms) {
    if (sodium_init() < 0 || sem_init(&slots, 0, (unsigned)max_concurrent) < 0) return -1;
    wait_budget_ms = wait_ms;
    return password_hash("dummy password for unknown accounts", dummy_hash) == PW_OK ? 0 : -1;
}

pw_result_t password_hash(const char *password, char out[PASSWORD_HASH_MAX]) {
    if (take_slot() < 0) return PW_BUSY;
    int r = crypto_pwhash_str_alg(out, password, strlen(password), OPSLIMIT, MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13);
    give_slot();
    return r == 0 ? PW_OK : PW_ERROR;
}

pw_result_t password_verify(const char *hash, const char *password) {
    if (take_slot() < 0) return PW_BUSY;
    int r = crypto_pwhash_str_verify(hash ? hash : dummy_hash, password, strlen(password));
    give_slot();
    if (!hash) return PW_MISMATCH;
    return r == 0 ? PW_OK : PW_MISMATCH;
}
