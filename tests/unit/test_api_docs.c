/* The description and reference routes, and If-None-Match matching for the served contract. */
#include <criterion/criterion.h>
#include <string.h>
#include "handlers/handlers.h"
#include "http/etag.h"
#include "http/router.h"

static void real_routes(void) {
    char err[160];
    cr_assert_eq(router_init(HANDLER_ROUTES, err, sizeof err), 0, "%s", err);
}

static const char *template_of(method_t m, const char *path) { return route_template(router_match(m, path).route); }

Test(api_docs, routes, .init = real_routes) {
    cr_assert_str_eq(template_of(M_GET, "/api/v1/openapi.json"), "/api/v1/openapi.json");
    cr_assert_str_eq(template_of(M_HEAD, "/api/v1/openapi.yaml"), "/api/v1/openapi.yaml");
    cr_assert_str_eq(template_of(M_GET, "/api/docs"), "/api/docs");
    cr_assert_str_eq(template_of(M_GET, "/api/docs/docs.js"), "/api/docs/docs.js");
    cr_assert_str_eq(template_of(M_GET, "/api/docs/docs.css"), "/api/docs/docs.css");
    cr_assert_eq(router_match(M_GET, "/api/docs/other.js").status, 404);
    cr_assert_eq(router_match(M_GET, "/api/docs/").status, 404);
    cr_assert_eq(router_match(M_POST, "/api/v1/openapi.json").status, 405);
    cr_assert_eq(router_match(M_GET, "/api/v1/openapi.yml").status, 404);
    cr_assert_eq(router_match(M_GET, "/api/docsx").status, 404);
}

Test(api_docs, if_none_match) {
    const char *tag = "\"0123abcd\"";
    cr_assert(etag_none_match("\"0123abcd\"", tag));
    cr_assert(etag_none_match("W/\"0123abcd\"", tag));
    cr_assert(etag_none_match("\"x\", \"0123abcd\"", tag));
    cr_assert(etag_none_match(" \"x\" ,\t\"0123abcd\" ", tag));
    cr_assert(etag_none_match("*", tag));
    cr_assert_not(etag_none_match(NULL, tag));
    cr_assert_not(etag_none_match("", tag));
    cr_assert_not(etag_none_match("\"0123abc\"", tag));
    cr_assert_not(etag_none_match("0123abcd", tag));
    cr_assert_not(etag_none_match("\"0123abcd\"x", tag));
    cr_assert_not(etag_none_match("W/", tag));
    cr_assert_not(etag_none_match(",,,", tag));
    cr_assert_not(etag_none_match("**", tag));
}
