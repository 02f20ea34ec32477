#include "http/router.h"
#include <stdio.h>
#include <string.h>
#include "http/validate.h"

#define BIT(m) (1u << (m))

/* One path template and the route declared for each method on it. */
typedef struct {
    const char *tmpl;
    const route_def_t *by_method[M_COUNT];
    unsigned methods;
    int listener;
} path_entry_t;

static path_entry_t paths[ROUTE_MAX] = {{"unmatched", {0}, 0, LISTEN_MAIN}, {"static", {0}, 0, LISTEN_MAIN}};
static int n_paths = 2;

static const char *METHODS[M_COUNT] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};

method_t method_parse(const char *m) {
    for (int i = 0; i < M_OTHER; i++)
        if (strcmp(m, METHODS[i]) == 0) return (method_t)i;
    return M_OTHER;
}

const char *method_name(method_t m) { return METHODS[m < M_COUNT ? m : M_OTHER]; }
const char *route_template(route_t r) { return r >= 0 && r < n_paths ? paths[r].tmpl : "unmatched"; }
route_t router_route_count(void) { return n_paths; }

/* A template is "*" or "/"-separated segments of [A-Za-z0-9._-], or "{id}". */
static int template_ok(const char *t) {
    if (strcmp(t, "*") == 0) return 1;
    if (t[0] != '/') return 0;
    for (const char *s = t + 1;;) {
        size_t n = strcspn(s, "/");
        if (n == 0) return 0;
        if (!(n == 4 && strncmp(s, "{id}", 4) == 0) &&
            strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") < n)
            return 0;
        if (!s[n]) return 1;
        s += n + 1;
    }
}

int router_init(const route_def_t *const *tables, char *err, size_t err_size) {
    memset(paths + 2, 0, sizeof paths - 2 * sizeof paths[0]);
    paths[R_UNMATCHED].methods = paths[R_STATIC].methods = 0;
    memset(paths[R_STATIC].by_method, 0, sizeof paths[R_STATIC].by_method);
    n_paths = 2;
    for (; *tables; tables++)
        for (const route_def_t *d = *tables; d->path; d++) {
            if (!template_ok(d->path) || d->method >= M_OPTIONS || !d->fn) {
                snprintf(err, err_size, "route %s %s: bad template, method or handler", method_name(d->method),
                         d->path);
                return -1;
            }
            int i = strcmp(d->path, "*") == 0 ? R_STATIC : 2;
            while (i >= 2 && i < n_paths && strcmp(paths[i].tmpl, d->path) != 0)
                i++;
            if (i == n_paths) {
                if (n_paths == ROUTE_MAX) {
                    snprintf(err, err_size, "more than %d routes", ROUTE_MAX - 2);
                    return -1;
                }
                paths[n_paths++].tmpl = d->path;
            }
            if (paths[i].by_method[d->method]) {
                snprintf(err, err_size, "route %s %s is declared twice", method_name(d->method), d->path);
                return -1;
            }
            if (paths[i].methods && paths[i].listener != d->listener) {
                snprintf(err, err_size, "route %s %s: another listener than the path's other methods",
                         method_name(d->method), d->path);
                return -1;
            }
            paths[i].listener = d->listener;
            paths[i].by_method[d->method] = d;
            paths[i].methods |= BIT(d->method);
        }
    return 0;
}

/* Matches path against a template segment by segment; {id} takes a positive id. Returns 1 on a match. */
static int match_template(const char *tmpl, const char *path, int64_t *id) {
    const char *t = tmpl, *p = path;
    for (;;) {
        if (strncmp(t, "{id}", 4) == 0) {
            size_t digits = strspn(p, "0123456789");
            int64_t v = parse_id(p, digits);
            if (v <= 0) return 0;
            *id = v;
            t += 4;
            p += digits;
        }
        size_t lit = strcspn(t, "{");
        if (strncmp(t, p, lit) != 0) return 0;
        t += lit;
        p += lit;
        if (!*t) return !*p;
    }
}

static route_t match_path(const char *path, int64_t *id) {
    for (int r = 2; r < n_paths; r++) {
        *id = 0;
        if (match_template(paths[r].tmpl, path, id)) return r;
    }
    *id = 0;
    if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 || !paths[R_STATIC].methods) return R_UNMATCHED;
    return R_STATIC;
}

route_match_t router_match(method_t m, const char *path) {
    route_match_t res = {R_UNMATCHED, NULL, 0, 404, 0, LISTEN_MAIN};
    route_t r = match_path(path, &res.id);
    if (r == R_UNMATCHED) return res;
    res.route = r;
    res.listener = paths[r].listener;
    res.allowed = paths[r].methods | BIT(M_OPTIONS);
    res.status = (m == M_OPTIONS || (m < M_COUNT && paths[r].by_method[m])) ? 0 : 405;
    if (res.status == 0 && m != M_OPTIONS) res.def = paths[r].by_method[m];
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
