/* Operations endpoints: liveness, readiness, version, metrics. No authentication; never touch user data. */
#include <string.h>
#include "app.h"
#include "handlers/handlers.h"
#include "ops/metrics.h"
#include "store/db.h"
#include "store/redis_pool.h"
#include "util/json_out.h"

static void h_healthz(req_t *r) {
    static const char ok[] = "{\"status\":\"ok\"}";
    resp_send(r, 200, "application/json", ok, sizeof ok - 1, NULL);
}

static void h_readyz(req_t *r) {
    if (g_app.draining) {
        static const char d[] = "{\"status\":\"draining\",\"checks\":{}}";
        metrics_set_ready(0);
        resp_send(r, 503, "application/json", d, sizeof d - 1, "Retry-After: 1\r\n");
        return;
    }
    /* Redis holds only sessions and limits: without it notes still work, so it never takes the pod out (one
     * ElastiCache failover would otherwise deregister every pod at once). Without PostgreSQL nothing works. */
    int pg = db_ping(), redis = rds_ping();
    buf_t b;
    buf_init(&b, 256);
    buf_printf(&b, "{\"status\":\"%s\",\"checks\":{\"postgres\":\"%s\",\"redis\":\"%s\"}}",
               !pg     ? "unavailable"
               : redis ? "ready"
                       : "degraded",
               pg ? "ok" : "down", redis ? "ok" : "down");
    metrics_set_ready(pg);
    resp_json(r, pg ? 200 : 503, &b, pg ? NULL : "Retry-After: 1\r\n");
    buf_free(&b);
}

static void h_version(req_t *r) {
    buf_t b;
    buf_init(&b, 512);
    buf_puts(&b, "{\"version\":");
    json_str(&b, NOTEJAM_VERSION);
    buf_puts(&b, ",\"commit\":");
    json_str(&b, NOTEJAM_COMMIT);
    buf_puts(&b, ",\"build_time\":");
    json_str(&b, NOTEJAM_BUILD_TIME);
    buf_putc(&b, '}');
    resp_json(r, 200, &b, NULL);
    buf_free(&b);
}

static void h_metrics(req_t *r) {
    buf_t b;
    buf_init(&b, (size_t)16 << 20);
    metrics_render(&b);
    resp_send(r, 200, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len, NULL);
    buf_free(&b);
}

const route_def_t OPS_ROUTES[] = {
    {M_GET, "/healthz", h_healthz, ROUTE_PUBLIC, 0, LISTEN_BOTH},
    {M_HEAD, "/healthz", h_healthz, ROUTE_PUBLIC, 0, LISTEN_BOTH},
    {M_GET, "/readyz", h_readyz, ROUTE_PUBLIC, 0, LISTEN_BOTH},
    {M_HEAD, "/readyz", h_readyz, ROUTE_PUBLIC, 0, LISTEN_BOTH},
    {M_GET, "/version", h_version, ROUTE_PUBLIC, 0, LISTEN_BOTH},
    {M_HEAD, "/version", h_version, ROUTE_PUBLIC, 0, LISTEN_BOTH},
    {M_GET, "/metrics", h_metrics, ROUTE_PUBLIC, 0, LISTEN_METRICS},
    {M_HEAD, "/metrics", h_metrics, ROUTE_PUBLIC, 0, LISTEN_METRICS},
    {0},
};
