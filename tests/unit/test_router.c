#include <criterion/criterion.h>
#include "http/router.h"

Test(router, api_routes_and_ids) {
    route_match_t m = router_match(M_GET, "/api/v1/notes/12");
    cr_assert_eq(m.route, R_NOTE);
    cr_assert_eq(m.id, 12);
    cr_assert_eq(m.status, 0);
    m = router_match(M_GET, "/api/v1/pads/7/notes");
    cr_assert_eq(m.route, R_PAD_NOTES);
    cr_assert_eq(m.id, 7);
    cr_assert_eq(router_match(M_POST, "/api/v1/auth/signup").route, R_SIGNUP);
    cr_assert_eq(router_match(M_GET, "/healthz").route, R_HEALTHZ);
}

Test(router, non_numeric_ids_and_unknown_paths_are_404) {
    const char *paths[] = {"/api/v1/notes/abc", "/api/v1/notes/0",        "/api/v1/notes/-1", "/api/v1/notes/1.5",
                           "/api/v1/notes/",    "/api/v1/pads/1/notes/2", "/api/v2/notes",    "/api",
                           "/api/v1/notes/1/"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        route_match_t m = router_match(M_GET, paths[i]);
        cr_assert_eq(m.status, 404, "%s", paths[i]);
        cr_assert_eq(m.route, R_UNMATCHED, "%s", paths[i]);
    }
}

Test(router, wrong_method_is_405_with_allow) {
    route_match_t m = router_match(M_PUT, "/api/v1/notes/3");
    cr_assert_eq(m.status, 405);
    char allow[96];
    router_allow_header(m.allowed, allow, sizeof allow);
    cr_assert_str_eq(allow, "GET, PATCH, DELETE, OPTIONS");
    cr_assert_eq(router_match(M_GET, "/api/v1/auth/signin").status, 405);
    cr_assert_eq(router_match(M_POST, "/healthz").status, 405);
}

Test(router, everything_else_is_the_spa) {
    cr_assert_eq(router_match(M_GET, "/").route, R_STATIC);
    cr_assert_eq(router_match(M_GET, "/notes/12").route, R_STATIC);
    cr_assert_eq(router_match(M_POST, "/notes/12").status, 405);
}

Test(router, methods) {
    cr_assert_eq(method_parse("PATCH"), M_PATCH);
    cr_assert_eq(method_parse("patch"), M_OTHER);
    cr_assert_eq(method_parse("BREW"), M_OTHER);
}

Test(router, export_is_get_only) {
    route_match_t m = router_match(M_GET, "/api/v1/me/export");
    cr_assert_eq(m.route, R_ME_EXPORT);
    cr_assert_eq(m.status, 0);
    cr_assert_eq(router_match(M_DELETE, "/api/v1/me/export").status, 405);
    cr_assert_eq(router_match(M_GET, "/api/v1/me/export/").status, 404);
}
