#include "ops/metrics.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "util/json_out.h"

#define ADD(p, v) __atomic_fetch_add((p), (v), __ATOMIC_RELAXED)
#define LOAD(p)   __atomic_load_n((p), __ATOMIC_RELAXED)

static const int STATUSES[] = {200, 201, 202, 204, 304, 400, 401, 404, 405, 413, 415, 422, 429, 500, 503, 0};
#define N_STATUS ((int)(sizeof STATUSES / sizeof STATUSES[0]))
static const double BUCKETS[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define N_BUCKET ((int)(sizeof BUCKETS / sizeof BUCKETS[0]))

typedef struct {
    uint64_t count, sum_us, bucket[N_BUCKET]; /* bucket[i] counts observations <= BUCKETS[i] (not cumulative) */
} hist_t;

static hist_t http_hist[ROUTE_MAX][M_COUNT][N_STATUS];
static hist_t db_hist[METRICS_LABELS_MAX], redis_hist[METRICS_LABELS_MAX];
static const char *const *db_labels, *const *redis_labels;
static int n_db_labels, n_redis_labels;
static uint64_t db_errors[ERR_KIND_COUNT], redis_errors[ERR_KIND_COUNT], auth_events[AUTH_EVENT_COUNT];
static uint64_t mail_sent, mail_failed;
static int64_t in_flight, hash_in_progress, hash_waiting, ready, threads_gauge;
static char build_version[64], build_commit[64];
static double start_time;
static pool_stats_fn db_stats, redis_stats;

static const char *ERR_NAMES[ERR_KIND_COUNT] = {"connect", "timeout", "query", "pool_exhausted", "command"};
static const char *AUTH_NAMES[AUTH_EVENT_COUNT] = {
    "signup",         "signin_success",  "signin_failure",   "refresh",
    "refresh_reuse",  "signout",         "password_changed", "password_reset_requested",
    "password_reset", "account_deleted", "rate_limited",     "token_rejected"};

void metrics_init(const char *version, const char *commit, int threads) {
    snprintf(build_version, sizeof build_version, "%s", version);
    snprintf(build_commit, sizeof build_commit, "%s", commit);
    threads_gauge = threads;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    start_time = (double)tv.tv_sec + tv.tv_usec / 1e6;
}

void metrics_set_db_labels(const char *const *names, int n) {
    db_labels = names;
    n_db_labels = n < METRICS_LABELS_MAX ? n : METRICS_LABELS_MAX;
}
void metrics_set_redis_labels(const char *const *names, int n) {
    redis_labels = names;
    n_redis_labels = n < METRICS_LABELS_MAX ? n : METRICS_LABELS_MAX;
}
void metrics_set_pool_stats(pool_stats_fn db, pool_stats_fn redis) {
    db_stats = db;
    redis_stats = redis;
}

static void observe(hist_t *h, int64_t us) {
    if (us < 0) us = 0;
    ADD(&h->count, 1);
    ADD(&h->sum_us, (uint64_t)us);
    double s = (double)us / 1e6;
    for (int i = 0; i < N_BUCKET; i++)
        if (s <= BUCKETS[i]) {
            ADD(&h->bucket[i], 1);
            break;
        }
}

static int status_index(int status) {
    for (int i = 0; i < N_STATUS - 1; i++)
        if (STATUSES[i] == status) return i;
    return N_STATUS - 1;
}

void metrics_http(route_t route, method_t method, int status, int64_t duration_us) {
    if (route < 0 || route >= ROUTE_MAX || method >= M_COUNT) return;
    observe(&http_hist[route][method][status_index(status)], duration_us);
}
void metrics_in_flight(int delta) { ADD(&in_flight, delta); }
void metrics_set_ready(int r) { __atomic_store_n(&ready, r, __ATOMIC_RELAXED); }
void metrics_db_query(int stmt, int64_t us) {
    if (stmt >= 0 && stmt < n_db_labels) observe(&db_hist[stmt], us);
}
void metrics_redis_command(int cmd, int64_t us) {
    if (cmd >= 0 && cmd < n_redis_labels) observe(&redis_hist[cmd], us);
}
void metrics_db_error(dep_error_t k) { ADD(&db_errors[k], 1); }
void metrics_redis_error(dep_error_t k) { ADD(&redis_errors[k], 1); }
void metrics_auth(auth_event_t ev) { ADD(&auth_events[ev], 1); }
void metrics_hash(int in_progress_delta, int waiting_delta) {
    ADD(&hash_in_progress, in_progress_delta);
    ADD(&hash_waiting, waiting_delta);
}

void metrics_mail(int delivered) { ADD(delivered ? &mail_sent : &mail_failed, 1); }

uint64_t metrics_http_count(route_t route, method_t method, int status) {
    return LOAD(&http_hist[route][method][status_index(status)].count);
}

static void status_label(buf_t *b, int si) {
    if (STATUSES[si])
        buf_printf(b, "%d", STATUSES[si]);
    else
        buf_puts(b, "other");
}

/* Writes one histogram series; labels is the text inside {} without the le label. */
static void render_hist(buf_t *b, const char *name, const char *labels, const hist_t *h) {
    uint64_t cum = 0;
    for (int i = 0; i < N_BUCKET; i++) {
        cum += LOAD(&h->bucket[i]);
        buf_printf(b, "%s_bucket{%s,le=\"%g\"} %" PRIu64 "\n", name, labels, BUCKETS[i], cum);
    }
    uint64_t count = LOAD(&h->count);
    buf_printf(b, "%s_bucket{%s,le=\"+Inf\"} %" PRIu64 "\n", name, labels, count);
    buf_printf(b, "%s_sum{%s} %.6f\n%s_count{%s} %" PRIu64 "\n", name, labels, (double)LOAD(&h->sum_us) / 1e6, name,
               labels, count);
}

static void render_labeled_hists(buf_t *b, const char *name, const char *label, const char *help, hist_t *hs,
                                 const char *const *names, int n) {
    buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
    for (int i = 0; i < n; i++) {
        if (!LOAD(&hs[i].count)) continue;
        char labels[128];
        snprintf(labels, sizeof labels, "%s=\"%s\"", label, names[i]);
        render_hist(b, name, labels, &hs[i]);
    }
}

static void render_errors(buf_t *b, const char *name, const char *help, uint64_t *errs, dep_error_t skip) {
    buf_printf(b, "# HELP %s %s\n# TYPE %s counter\n", name, help, name);
    for (int k = 0; k < ERR_KIND_COUNT; k++)
        if (k != (int)skip) buf_printf(b, "%s{kind=\"%s\"} %" PRIu64 "\n", name, ERR_NAMES[k], LOAD(&errs[k]));
}

static void render_pool(buf_t *b, const char *prefix, pool_stats_fn fn) {
    int size = 0, used = 0;
    if (fn) fn(&size, &used);
    buf_printf(b, "# HELP %s_pool_size Pool capacity.\n# TYPE %s_pool_size gauge\n%s_pool_size %d\n", prefix, prefix,
               prefix, size);
    buf_printf(b, "# HELP %s_pool_connections Pool connections by state.\n# TYPE %s_pool_connections gauge\n", prefix,
               prefix);
    buf_printf(b, "%s_pool_connections{state=\"idle\"} %d\n%s_pool_connections{state=\"in_use\"} %d\n", prefix,
               size - used, prefix, used);
}

static void render_process(buf_t *b) {
    long page = sysconf(_SC_PAGESIZE), ticks = sysconf(_SC_CLK_TCK);
    unsigned long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &resident) != 2) resident = 0;
        fclose(f);
    }
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    int fds = 0;
    char path[64];
    for (int fd = 0; fd < 65536 && fd < 4096; fd++) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        if (access(path, F_OK) == 0) fds++;
    }
    (void)ticks;
    buf_printf(b,
               "# HELP process_resident_memory_bytes Resident memory.\n# TYPE process_resident_memory_bytes gauge\n"
               "process_resident_memory_bytes %lu\n",
               resident * (unsigned long)page);
    buf_printf(b,
               "# HELP process_cpu_seconds_total CPU time.\n# TYPE process_cpu_seconds_total counter\n"
               "process_cpu_seconds_total %.3f\n",
               (double)cpu.tv_sec + cpu.tv_nsec / 1e9);
    buf_printf(b,
               "# HELP process_open_fds Open file descriptors.\n# TYPE process_open_fds gauge\n"
               "process_open_fds %d\n",
               fds);
    buf_printf(b,
               "# HELP process_start_time_seconds Start time.\n# TYPE process_start_time_seconds gauge\n"
               "process_start_time_seconds %.3f\n",
               start_time);
}

int metrics_render(buf_t *b) {
    buf_printf(b,
               "# HELP notejam_build_info Build identity.\n# TYPE notejam_build_info gauge\n"
               "notejam_build_info{version=\"%s\",commit=\"%s\"} 1\n",
               build_version, build_commit);
    buf_puts(
        b, "# HELP notejam_http_requests_total Finished HTTP requests.\n# TYPE notejam_http_requests_total counter\n");
    for (int r = 0; r < router_route_count(); r++)
        for (int m = 0; m < M_COUNT; m++)
            for (int s = 0; s < N_STATUS; s++) {
                uint64_t c = LOAD(&http_hist[r][m][s].count);
                if (!c) continue;
                buf_printf(b, "notejam_http_requests_total{route=\"%s\",method=\"%s\",status=\"", route_template(r),
                           method_name(m));
                status_label(b, s);
                buf_printf(b, "\"} %" PRIu64 "\n", c);
            }
    buf_puts(b, "# HELP notejam_http_request_duration_seconds Request latency.\n"
                "# TYPE notejam_http_request_duration_seconds histogram\n");
    for (int r = 0; r < router_route_count(); r++)
        for (int m = 0; m < M_COUNT; m++)
            for (int s = 0; s < N_STATUS; s++) {
                if (!LOAD(&http_hist[r][m][s].count)) continue;
                buf_t lb;
                buf_init(&lb, 256);
                buf_printf(&lb, "route=\"%s\",method=\"%s\",status=\"", route_template(r), method_name(m));
                status_label(&lb, s);
                buf_putc(&lb, '"');
                render_hist(b, "notejam_http_request_duration_seconds", lb.data, &http_hist[r][m][s]);
                buf_free(&lb);
            }
    buf_printf(b,
               "# HELP notejam_http_requests_in_flight Requests being served.\n"
               "# TYPE notejam_http_requests_in_flight gauge\nnotejam_http_requests_in_flight %" PRId64 "\n",
               LOAD(&in_flight));
    buf_printf(b,
               "# HELP notejam_http_threads Worker threads.\n# TYPE notejam_http_threads gauge\n"
               "notejam_http_threads %" PRId64 "\n",
               threads_gauge);
    buf_printf(
        b, "# HELP notejam_ready 1 when ready for traffic.\n# TYPE notejam_ready gauge\nnotejam_ready %" PRId64 "\n",
        LOAD(&ready));
    render_labeled_hists(b, "notejam_db_query_duration_seconds", "query", "PostgreSQL round trips.", db_hist, db_labels,
                         n_db_labels);
    render_errors(b, "notejam_db_errors_total", "PostgreSQL failures.", db_errors, ERR_COMMAND);
    render_pool(b, "notejam_db", db_stats);
    render_labeled_hists(b, "notejam_redis_command_duration_seconds", "command", "Redis round trips.", redis_hist,
                         redis_labels, n_redis_labels);
    render_errors(b, "notejam_redis_errors_total", "Redis failures.", redis_errors, ERR_QUERY);
    render_pool(b, "notejam_redis", redis_stats);
    buf_puts(b, "# HELP notejam_auth_events_total Authentication and security events.\n"
                "# TYPE notejam_auth_events_total counter\n");
    for (int e = 0; e < AUTH_EVENT_COUNT; e++)
        buf_printf(b, "notejam_auth_events_total{event=\"%s\"} %" PRIu64 "\n", AUTH_NAMES[e], LOAD(&auth_events[e]));
    buf_printf(b,
               "# HELP notejam_password_hash_in_progress Argon2id computations running.\n"
               "# TYPE notejam_password_hash_in_progress gauge\nnotejam_password_hash_in_progress %" PRId64 "\n",
               LOAD(&hash_in_progress));
    buf_printf(b,
               "# HELP notejam_password_hash_waiting Requests waiting for a hashing slot.\n"
               "# TYPE notejam_password_hash_waiting gauge\nnotejam_password_hash_waiting %" PRId64 "\n",
               LOAD(&hash_waiting));
    buf_printf(b,
               "# HELP notejam_mail_total Outgoing mails by result.\n# TYPE notejam_mail_total counter\n"
               "notejam_mail_total{result=\"sent\"} %" PRIu64 "\nnotejam_mail_total{result=\"failed\"} %" PRIu64 "\n",
               LOAD(&mail_sent), LOAD(&mail_failed));
    render_process(b);
    return b->failed ? -1 : 0;
}
