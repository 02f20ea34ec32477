/* Prometheus metrics kept in fixed arrays of atomic counters (no locks, no allocation on the request path).
 * Names and labels are the contract in docs/metrics.md. */
#ifndef NOTEJAM_METRICS_H
#define NOTEJAM_METRICS_H
#include <stdint.h>
#include "http/router.h"
#include "util/buf.h"

typedef enum { ERR_CONNECT = 0, ERR_TIMEOUT, ERR_QUERY, ERR_POOL_EXHAUSTED, ERR_COMMAND, ERR_KIND_COUNT } dep_error_t;

typedef enum {
    AUTH_SIGNUP = 0,
    AUTH_SIGNIN_SUCCESS,
    AUTH_SIGNIN_FAILURE,
    AUTH_REFRESH,
    AUTH_REFRESH_REUSE,
    AUTH_SIGNOUT,
    AUTH_PASSWORD_CHANGED,
    AUTH_RESET_REQUESTED,
    AUTH_PASSWORD_RESET,
    AUTH_ACCOUNT_DELETED,
    AUTH_RATE_LIMITED,
    AUTH_TOKEN_REJECTED,
    AUTH_EVENT_COUNT
} auth_event_t;

#define METRICS_LABELS_MAX 128

void metrics_init(const char *version, const char *commit, int threads);
/* Label values for the DB-statement and Redis-command histograms (static strings, set once at start). */
void metrics_set_db_labels(const char *const *names, int n);
void metrics_set_redis_labels(const char *const *names, int n);

void metrics_http(route_t route, method_t method, int status, int64_t duration_us);
void metrics_in_flight(int delta);
void metrics_set_ready(int ready);
void metrics_db_query(int stmt, int64_t duration_us);
void metrics_redis_command(int cmd, int64_t duration_us);
void metrics_db_error(dep_error_t kind);
void metrics_redis_error(dep_error_t kind);
void metrics_auth(auth_event_t ev);
void metrics_hash(int in_progress_delta, int waiting_delta);
void metrics_mail(int delivered);

/* Pool occupancy is read at scrape time from the pools. */
typedef void (*pool_stats_fn)(int *size, int *in_use);
void metrics_set_pool_stats(pool_stats_fn db, pool_stats_fn redis);

int metrics_render(buf_t *out);
/* Reads a counter for tests: requests with this route/method/status so far. */
uint64_t metrics_http_count(route_t route, method_t method, int status);
#endif
