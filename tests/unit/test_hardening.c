/* Pure parts of the security-review fixes: request framing, the body key cap, the RateLimit fields, the refresh
 * grace and the per-client connection table. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "auth/ratelimit.h"
#include "auth/refresh_rules.h"
#include "http/client_cap.h"
#include "http/fields.h"
#include "http/framing.h"

static struct mg_request_info req(const char *version, int n, const char *const (*h)[2]) {
    struct mg_request_info ri;
    memset(&ri, 0, sizeof ri);
    ri.http_version = version;
    ri.num_headers = n;
    for (int i = 0; i < n; i++) {
        ri.http_headers[i].name = h[i][0];
        ri.http_headers[i].value = h[i][1];
    }
    return ri;
}

Test(framing, unambiguous_requests_pass) {
    const char *const ok[][2] = {{"Host", "x"}, {"Content-Length", "12"}};
    struct mg_request_info ri = req("1.1", 2, ok);
    cr_assert_null(framing_problem(&ri));
    const char *const chunked[][2] = {{"host", "x"}, {"Transfer-Encoding", "chunked"}};
    ri = req("1.1", 2, chunked);
    cr_assert_null(framing_problem(&ri));
    ri = req("1.0", 0, NULL);
    cr_assert_null(framing_problem(&ri), "HTTP/1.0 needs no Host");
}

Test(framing, ambiguous_requests_are_refused) {
    const char *const two_cl[][2] = {{"Host", "x"}, {"Content-Length", "5"}, {"content-length", "50"}};
    const char *const cl_te[][2] = {{"Host", "x"}, {"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}};
    const char *const bad_cl[][2] = {{"Host", "x"}, {"Content-Length", "25abc"}};
    const char *const neg_cl[][2] = {{"Host", "x"}, {"Content-Length", "-1"}};
    const char *const empty_cl[][2] = {{"Host", "x"}, {"Content-Length", ""}};
    const char *const two_te[][2] = {{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "gzip"}};
    const char *const two_host[][2] = {{"Host", "x"}, {"Host", "y"}};
    const char *const no_host[][2] = {{"Accept", "*/*"}};
    struct mg_request_info cases[] = {req("1.1", 3, two_cl),   req("1.1", 3, cl_te),    req("1.1", 2, bad_cl),
                                      req("1.1", 2, neg_cl),   req("1.1", 2, empty_cl), req("1.1", 3, two_te),
                                      req("1.1", 2, two_host), req("1.1", 1, no_host)};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_assert_not_null(framing_problem(&cases[i]), "case %zu", i);
}

Test(framing, force_close_marks_the_request) {
    const char *const h[][2] = {{"Host", "x"}, {"Connection", "keep-alive"}};
    struct mg_request_info ri = req("1.1", 2, h);
    framing_force_close(&ri);
    cr_assert_str_eq(ri.http_headers[1].value, "close");
    ri = req("1.1", 1, h);
    framing_force_close(&ri);
    cr_assert_eq(ri.num_headers, 2);
    cr_assert_str_eq(ri.http_headers[1].name, "Connection");
    cr_assert_str_eq(ri.http_headers[1].value, "close");
}

Test(fields, more_keys_than_any_endpoint_takes_is_refused_first) {
    static const char *const allowed[] = {"email", NULL};
    char body[4096] = "{";
    for (int i = 0; i <= FIELDS_MAX; i++) {
        char kv[32];
        snprintf(kv, sizeof kv, "%s\"k%d\":0", i ? "," : "", i);
        strcat(body, kv);
    }
    strcat(body, "}");
    cJSON *j = cJSON_Parse(body);
    field_errors_t e = {0};
    cr_assert_eq(fields_check(j, allowed, &e), -2);
    cr_assert_eq(e.count, 0, "refused before any key was compared");
    cr_assert(strstr(fields_check_detail(-2), "more fields"));
    cJSON_Delete(j);
}

Test(ratelimit, headers_follow_the_draft) {
    char out[192];
    rl_state_t st = {7, 42};
    ratelimit_headers("client", 10, 60, &st, out, sizeof out);
    cr_assert_str_eq(out, "RateLimit-Policy: \"client\";q=10;w=60\r\nRateLimit: \"client\";r=7;t=42\r\n");
}

#define NOW 1000000
#define AGE 3600

Test(refresh_grace, a_rotated_token_within_the_grace_with_an_unused_successor_rotates) {
    refresh_family_state_t f = {1, NOW - 100};
    refresh_token_state_t just = {1, 1, NOW + 10, NOW - 2, 0};
    cr_assert_eq(refresh_decide(&just, &f, NOW, AGE), REFRESH_ROTATE);
    refresh_token_state_t edge = {1, 1, NOW + 10, NOW - REFRESH_GRACE_S, 0};
    cr_assert_eq(refresh_decide(&edge, &f, NOW, AGE), REFRESH_ROTATE);
}

Test(refresh_grace, late_or_after_the_successor_was_used_is_reuse) {
    refresh_family_state_t f = {1, NOW - 100};
    refresh_token_state_t late = {1, 1, NOW + 10, NOW - REFRESH_GRACE_S - 1, 0};
    refresh_token_state_t used = {1, 1, NOW + 10, NOW - 1, 1};
    cr_assert_eq(refresh_decide(&late, &f, NOW, AGE), REFRESH_REUSE_REVOKE);
    cr_assert_eq(refresh_decide(&used, &f, NOW, AGE), REFRESH_REUSE_REVOKE);
}

Test(client_cap, counts_per_address_and_forgets_closed_ones) {
    cr_assert_eq(client_cap_add("192.0.2.1", 1), 1);
    cr_assert_eq(client_cap_add("192.0.2.1", 1), 2);
    cr_assert_eq(client_cap_add("192.0.2.2", 1), 1);
    cr_assert_eq(client_cap_add("192.0.2.1", -1), 1);
    cr_assert_eq(client_cap_add("192.0.2.1", -1), 0);
    cr_assert_eq(client_cap_add("192.0.2.2", -1), 0);
    cr_assert_eq(client_cap_add("192.0.2.1", 1), 1, "a closed address starts again from zero");
    cr_assert_eq(client_cap_add("192.0.2.1", -1), 0);
}
