#include "http/server.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app.h"
#include "handlers/handlers.h"
#include "http/client_cap.h"
#include "http/pipeline.h"
#include "ops/log.h"
#include "ops/metrics.h"

static struct mg_context *ctx;
static int64_t in_flight;
static int64_t last_start_us; /* when the newest request began: draining waits for a quiet moment, not just zero */

static int64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void log_request(const req_t *r, int64_t duration_us) {
    if (!log_enabled(LOG_INFO)) return;
    char extra[512];
    snprintf(extra, sizeof extra,
             "\"request_id\":\"%s\",\"method\":\"%s\",\"route\":\"%s\",\"status\":%d,\"duration_ms\":%.3f,"
             "\"user_id\":%" PRId64 ",\"remote_ip\":\"%s\"",
             r->request_id, method_name(r->method), route_template(r->match.route), r->status,
             (double)duration_us / 1000.0, r->user_id, r->ip);
    log_line(r->status >= 500 ? LOG_ERROR : LOG_INFO, "request", extra);
}

static int begin_request(struct mg_connection *conn) {
    int64_t start = now_us();
    __atomic_store_n(&last_start_us, start, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&in_flight, 1, __ATOMIC_SEQ_CST);
    metrics_in_flight(1);
    req_t r;
    memset(&r, 0, sizeof r);
    r.conn = conn;
    r.ri = mg_get_request_info(conn);
    client_cap_learn(conn, r.ri);
    pipeline_run(&r);
    int64_t took = now_us() - start;
    metrics_http(r.match.route, r.method, r.status, took);
    log_request(&r, took);
    pipeline_cleanup(&r);
    metrics_in_flight(-1);
    __atomic_fetch_sub(&in_flight, 1, __ATOMIC_SEQ_CST);
    return r.status ? r.status : 500;
}

static int log_message(const struct mg_connection *conn, const char *message) {
    (void)conn;
    log_msg(LOG_WARN, "http server", message);
    return 1;
}

int server_start(void) {
    const config_t *c = &g_app.cfg;
    char why[160];
    if (router_init(HANDLER_ROUTES, why, sizeof why) < 0) {
        log_msg(LOG_ERROR, "routes", why);
        return -1;
    }
    char threads[16], ports[256], keepalive[24], header_timeout[24];
    snprintf(threads, sizeof threads, "%ld", c->threads);
    /* the metrics listener is a second port the ALB's target group never registers */
    snprintf(ports, sizeof ports, "%s%s%s", c->listen, *c->metrics_listen ? "," : "", c->metrics_listen);
    /* keep-alive must outlast the ALB's idle timeout (else it reuses a connection we are closing: 502); the chart
     * derives it from the idle timeout Terraform sets (charts/notejam config.albIdleTimeoutSeconds) */
    snprintf(keepalive, sizeof keepalive, "%ld", c->keepalive_timeout_ms);
    snprintf(header_timeout, sizeof header_timeout, "%ld", c->header_timeout_ms);
    const char *mcolon = strrchr(c->metrics_listen, ':');
    pipeline_set_metrics_port(mcolon ? (int)strtol(mcolon + 1, NULL, 10) : 0);
    client_cap_configure((int)c->max_client_connections);
    /* no document_root: static files go through our own handler (CVE-2025-55763) */
    const char *options[] = {"listening_ports",
                             ports,
                             "num_threads",
                             threads,
                             "tcp_nodelay",
                             "1",
                             "enable_keep_alive",
                             "yes",
                             "keep_alive_timeout_ms",
                             keepalive,
                             "request_timeout_ms", /* a new connection's header (and each body read) */
                             header_timeout,
                             "listen_backlog",
                             "1024",
                             "connection_queue",
                             "1024",
                             "access_control_allow_origin",
                             "",
                             "decode_url",
                             "yes",
                             NULL};
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.begin_request = begin_request;
    cb.log_message = log_message;
    cb.init_connection = client_cap_open;
    cb.connection_close = client_cap_close;
    mg_init_library(0);
    ctx = mg_start(&cb, NULL, options);
    if (!ctx) return -1;
    /* one request to ourselves, so the connection cap knows where civetweb keeps a peer's address */
    char host[64] = "127.0.0.1", err[128];
    const char *colon = strrchr(c->listen, ':');
    size_t hl = (size_t)(colon - c->listen);
    if (hl > 0 && hl < sizeof host && strncmp(c->listen, "0.0.0.0", hl) != 0 && c->listen[0] != '[')
        snprintf(host, sizeof host, "%.*s", (int)hl, c->listen);
    struct mg_connection *self = mg_download(host, (int)strtol(colon + 1, NULL, 10), 0, err, sizeof err,
                                             "GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n", host);
    if (self) mg_close_connection(self);
    return 0;
}

void server_drain_and_stop(int grace_s) {
    g_app.draining = 1;
    metrics_set_ready(0);
    int64_t deadline = now_us() + (int64_t)grace_s * 1000000;
    /* Connections civetweb has accepted but no worker has started yet are not in flight; stopping at the first
     * zero would reset them. So wait until nothing is in flight and nothing new has started for QUIET_US. */
    const int64_t QUIET_US = 500000;
    while ((__atomic_load_n(&in_flight, __ATOMIC_SEQ_CST) > 0 ||
            now_us() - __atomic_load_n(&last_start_us, __ATOMIC_SEQ_CST) < QUIET_US) &&
           now_us() < deadline) {
        struct timespec ts = {0, 20 * 1000000};
        nanosleep(&ts, NULL);
    }
    if (ctx) mg_stop(ctx);
    ctx = NULL;
    mg_exit_library();
}
