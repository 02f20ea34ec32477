/* libFuzzer target: the router on arbitrary paths and methods. Invariants: a match reports a known route, an id
 * only for templated routes (and only a valid positive one), 405 only with a non-empty Allow set. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/router.h"

static void h_any(struct req *r) { (void)r; }
/* Every template shape the API declares: literal, {id}, {id} with a tail, and the static fallback. */
static const route_def_t ROUTES[] = {
    {M_GET, "/healthz", h_any, ROUTE_PUBLIC, 0, LISTEN_MAIN},         {M_POST, "/api/v1/auth/signin", h_any, ROUTE_PUBLIC, 0, LISTEN_MAIN},
    {M_GET, "/api/v1/pads/{id}", h_any, ROUTE_AUTH, 0, LISTEN_MAIN},  {M_PATCH, "/api/v1/pads/{id}", h_any, ROUTE_AUTH, 0, LISTEN_MAIN},
    {M_GET, "/api/v1/pads/{id}/notes", h_any, ROUTE_AUTH, 0, LISTEN_MAIN}, {M_GET, "*", h_any, ROUTE_PUBLIC, 0, LISTEN_MAIN},
    {0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int ready;
    if (!ready) {
        static const route_def_t *const tables[] = {ROUTES, NULL};
        char err[160];
        if (router_init(tables, err, sizeof err) < 0) abort();
        ready = 1;
    }
    if (size == 0) return 0;
    static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"};
    const char *method = methods[data[0] % 8];
    char *path = malloc(size);
    memcpy(path, data + 1, size - 1);
    path[size - 1] = '\0';
    method_t m = method_parse(method);
    route_match_t r = router_match(m, path);
    if (r.route < 0 || r.route >= router_route_count() || (r.status != 0 && r.status != 404 && r.status != 405)) abort();
    if (r.id < 0 || (r.id && !strstr(route_template(r.route), "{id}"))) abort();
    if ((r.status == 0 && m != M_OPTIONS) != (r.def != NULL)) abort();
    if (r.status == 405 && !r.allowed) abort();
    char allow[96];
    router_allow_header(r.allowed, allow, sizeof allow);
    if (strlen(allow) >= sizeof allow) abort();
    route_template(r.route);
    method_name(m);
    free(path);
    return 0;
}
