#include <criterion/criterion.h>
#include <string.h>
#include "handlers/handlers.h"
#include "http/router.h"

static void real_routes(void) {
    char err[160];
    cr_assert_eq(router_init(HANDLER_ROUTES, err, sizeof err), 0, "%s", err);
}

static route_t route_of(const char *tmpl) {
    for (route_t r = 0; r < router_route_count(); r++)
        if (strcmp(route_template(r), tmpl) == 0) return r;
    cr_assert_fail("no route %s", tmpl);
    return -1;
}

Test(router, api_routes_and_ids, .init = real_routes) {
    route_match_t m = router_match(M_GET, "/api/v1/notes/12");
    cr_assert_eq(m.route, route_of("/api/v1/notes/{id}"));
    cr_assert_eq(m.id, 12);
    cr_assert_eq(m.status, 0);
    cr_assert_eq(m.def->auth, ROUTE_AUTH);
    m = router_match(M_GET, "/api/v1/pads/7/notes");
    cr_assert_eq(m.route, route_of("/api/v1/pads/{id}/notes"));
    cr_assert_eq(m.id, 7);
    m = router_match(M_POST, "/api/v1/auth/signup");
    cr_assert_eq(m.route, route_of("/api/v1/auth/signup"));
    cr_assert_eq(m.def->auth, ROUTE_PUBLIC);
    cr_assert_eq(router_match(M_GET, "/healthz").route, route_of("/healthz"));
    cr_assert_str_eq(route_template(R_STATIC), "static");
}

Test(router, non_numeric_ids_and_unknown_paths_are_404, .init = real_routes) {
    const char *paths[] = {"/api/v1/notes/abc", "/api/v1/notes/0",
                           "/api/v1/notes/-1",  "/api/v1/notes/1.5",
                           "/api/v1/notes/",    "/api/v1/pads/1/notes/2",
                           "/api/v2/notes",     "/api",
                           "/api/v1/notes/1/",  "/api/v1/notes/99999999999999999999"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        route_match_t m = router_match(M_GET, paths[i]);
        cr_assert_eq(m.status, 404, "%s", paths[i]);
        cr_assert_eq(m.route, R_UNMATCHED, "%s", paths[i]);
        cr_assert_null(m.def, "%s", paths[i]);
    }
}

Test(router, wrong_method_is_405_with_allow, .init = real_routes) {
    route_match_t m = router_match(M_PUT, "/api/v1/notes/3");
    cr_assert_eq(m.status, 405);
    cr_assert_null(m.def);
    char allow[96];
    router_allow_header(m.allowed, allow, sizeof allow);
    cr_assert_str_eq(allow, "GET, PATCH, DELETE, OPTIONS");
    cr_assert_eq(router_match(M_GET, "/api/v1/auth/signin").status, 405);
    cr_assert_eq(router_match(M_POST, "/healthz").status, 405);
    cr_assert_eq(router_match(M_OPTIONS, "/api/v1/notes/3").status, 0);
}

Test(router, everything_else_is_the_spa, .init = real_routes) {
    cr_assert_eq(router_match(M_GET, "/").route, R_STATIC);
    cr_assert_eq(router_match(M_GET, "/notes/12").route, R_STATIC);
    cr_assert_eq(router_match(M_POST, "/notes/12").status, 405);
}

static void h_dummy(struct req *r) { (void)r; }

Test(router, declarations_are_checked) {
    char err[160];
    const route_def_t twice[] = {{M_GET, "/a", h_dummy, ROUTE_PUBLIC, 0}, {M_GET, "/a", h_dummy, ROUTE_AUTH, 0}, {0}};
    const route_def_t *const t1[] = {twice, NULL};
    cr_assert_eq(router_init(t1, err, sizeof err), -1);
    cr_assert(strstr(err, "GET /a is declared twice"), "%s", err);
    const char *bad[] = {"a", "/a//b", "/a/{name}", "/a b", "/"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const route_def_t one[] = {{M_GET, bad[i], h_dummy, ROUTE_PUBLIC, 0}, {0}};
        const route_def_t *const t2[] = {one, NULL};
        cr_assert_eq(router_init(t2, err, sizeof err), -1, "%s accepted", bad[i]);
    }
    const route_def_t no_fn[] = {{M_GET, "/a", NULL, ROUTE_PUBLIC, 0}, {0}};
    const route_def_t *const t3[] = {no_fn, NULL};
    cr_assert_eq(router_init(t3, err, sizeof err), -1);
}

Test(router, without_a_static_route_other_paths_are_404) {
    char err[160];
    const route_def_t api[] = {{M_GET, "/api/v1/x/{id}", h_dummy, ROUTE_PUBLIC, 4096}, {0}};
    const route_def_t *const t[] = {api, NULL};
    cr_assert_eq(router_init(t, err, sizeof err), 0, "%s", err);
    cr_assert_eq(router_match(M_GET, "/index.html").status, 404);
    route_match_t m = router_match(M_GET, "/api/v1/x/5");
    cr_assert_eq(m.id, 5);
    cr_assert_eq(m.def->max_body, 4096);
}

Test(router, methods) {
    cr_assert_eq(method_parse("PATCH"), M_PATCH);
    cr_assert_eq(method_parse("patch"), M_OTHER);
    cr_assert_eq(method_parse("BREW"), M_OTHER);
}

Test(router, export_is_get_only, .init = real_routes) {
    route_match_t m = router_match(M_GET, "/api/v1/me/export");
    cr_assert_eq(m.route, route_of("/api/v1/me/export"));
    cr_assert_eq(m.status, 0);
    cr_assert_eq(router_match(M_DELETE, "/api/v1/me/export").status, 405);
    cr_assert_eq(router_match(M_GET, "/api/v1/me/export/").status, 404);
}
