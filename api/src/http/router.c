#include "http/router.h"
#include <stdio.h>
#include <string.h>
#include "http/validate.h"

#define BIT(m) (1u << (m))

static const struct {
    route_t route;
    const char *tmpl;
    unsigned methods;
} ROUTES[R_COUNT] = {
    {R_UNMATCHED, "unmatched", 0},
    {R_STATIC, "static", BIT(M_GET) | BIT(M_HEAD)},
    {R_HEALTHZ, "/healthz", BIT(M_GET) | BIT(M_HEAD)},
    {R_READYZ, "/readyz", BIT(M_GET) | BIT(M_HEAD)},
    {R_VERSION, "/version", BIT(M_GET) | BIT(M_HEAD)},
    {R_METRICS, "/metrics", BIT(M_GET) | BIT(M_HEAD)},
    {R_SIGNUP, "/api/v1/auth/signup", BIT(M_POST)},
    {R_SIGNIN, "/api/v1/auth/signin", BIT(M_POST)},
    {R_REFRESH, "/api/v1/auth/refresh", BIT(M_POST)},
    {R_SIGNOUT, "/api/v1/auth/signout", BIT(M_POST)},
    {R_FORGOT, "/api/v1/auth/forgot-password", BIT(M_POST)},
    {R_RESET, "/api/v1/auth/reset-password", BIT(M_POST)},
    {R_ME, "/api/v1/me", BIT(M_GET) | BIT(M_DELETE)},
    {R_ME_PASSWORD, "/api/v1/me/password", BIT(M_PUT)},
    {R_PADS, "/api/v1/pads", BIT(M_GET) | BIT(M_POST)},
    {R_PAD, "/api/v1/pads/{id}", BIT(M_GET) | BIT(M_PATCH) | BIT(M_DELETE)},
    {R_PAD_NOTES, "/api/v1/pads/{id}/notes", BIT(M_GET)},
    {R_NOTES, "/api/v1/notes", BIT(M_GET) | BIT(M_POST)},
    {R_NOTE, "/api/v1/notes/{id}", BIT(M_GET) | BIT(M_PATCH) | BIT(M_DELETE)},
    {R_OPENAPI_JSON, "/api/v1/openapi.json", BIT(M_GET) | BIT(M_HEAD)},
    {R_OPENAPI_YAML, "/api/v1/openapi.yaml", BIT(M_GET) | BIT(M_HEAD)},
    {R_DOCS, "/api/docs", BIT(M_GET) | BIT(M_HEAD)},
    {R_DOCS_JS, "/api/docs/docs.js", BIT(M_GET) | BIT(M_HEAD)},
    {R_DOCS_CSS, "/api/docs/docs.css", BIT(M_GET) | BIT(M_HEAD)},
};

static const char *METHODS[M_COUNT] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};

method_t method_parse(const char *m) {
    for (int i = 0; i < M_OTHER; i++)
        if (strcmp(m, METHODS[i]) == 0) return (method_t)i;
    return M_OTHER;
}

const char *method_name(method_t m) { return METHODS[m < M_COUNT ? m : M_OTHER]; }
const char *route_template(route_t r) { return r < R_COUNT ? ROUTES[r].tmpl : "unmatched"; }

/* Matches "<prefix><digits>[<suffix>]" exactly; returns the id or -1. */
static int64_t match_id(const char *path, const char *prefix, const char *suffix) {
    size_t pl = strlen(prefix);
    if (strncmp(path, prefix, pl) != 0) return -1;
    const char *p = path + pl;
    size_t digits = strspn(p, "0123456789");
    if (strcmp(p + digits, suffix) != 0) return -1;
    return parse_id(p, digits);
}

static route_t match_path(const char *path, int64_t *id) {
    *id = 0;
    for (int r = R_HEALTHZ; r < R_COUNT; r++)
        if (!strchr(ROUTES[r].tmpl, '{') && strcmp(path, ROUTES[r].tmpl) == 0) return (route_t)r;
    if ((*id = match_id(path, "/api/v1/pads/", "")) > 0) return R_PAD;
    if ((*id = match_id(path, "/api/v1/pads/", "/notes")) > 0) return R_PAD_NOTES;
    if ((*id = match_id(path, "/api/v1/notes/", "")) > 0) return R_NOTE;
    *id = 0;
    if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0) return R_UNMATCHED;
    return R_STATIC;
}

route_match_t router_match(method_t m, const char *path) {
    route_match_t res = {R_UNMATCHED, 0, 404, 0};
    route_t r = match_path(path, &res.id);
    if (r == R_UNMATCHED) return res;
    res.route = r;
    res.allowed = ROUTES[r].methods | BIT(M_OPTIONS);
    res.status = (m == M_OPTIONS || (ROUTES[r].methods & BIT(m))) ? 0 : 405;
    return res;
}

void router_allow_header(unsigned allowed, char *out, int out_size) {
    int used = 0;
    out[0] = '\0';
    for (int m = 0; m < M_OTHER; m++) {
        if (!(allowed & BIT(m))) continue;
        int n = snprintf(out + used, (size_t)(out_size - used), "%s%s", used ? ", " : "", METHODS[m]);
        if (n < 0 || n >= out_size - used) break;
        used += n;
    }
}
