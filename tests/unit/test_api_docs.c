/* The description and reference routes, and If-None-Match matching for the served contract. */
#include <criterion/criterion.h>
#include "handlers/api_docs.h"
#include "http/router.h"

Test(api_docs, routes) {
    cr_assert_eq(router_match(M_GET, "/api/v1/openapi.json").route, R_OPENAPI_JSON);
    cr_assert_eq(router_match(M_HEAD, "/api/v1/openapi.yaml").route, R_OPENAPI_YAML);
    cr_assert_eq(router_match(M_GET, "/api/docs").route, R_DOCS);
    cr_assert_eq(router_match(M_GET, "/api/docs/docs.js").route, R_DOCS_JS);
    cr_assert_eq(router_match(M_GET, "/api/docs/docs.css").route, R_DOCS_CSS);
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
