#include "http/pipeline.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "app.h"
#include "handlers/api_docs.h"
#include "handlers/handlers.h"
#include "http/validate.h"
#include "ops/log.h"
#include "ops/metrics.h"
#include "util/secure_random.h"

typedef void (*handler_fn)(req_t *);
typedef struct {
    handler_fn fn;
    int needs_auth;
} route_entry_t;

static route_entry_t dispatch_table(route_t route, method_t m) {
    route_entry_t none = {NULL, 0};
    int get = m == M_GET || m == M_HEAD;
    switch (route) {
    case R_HEALTHZ: return (route_entry_t){h_healthz, 0};
    case R_READYZ: return (route_entry_t){h_readyz, 0};
    case R_VERSION: return (route_entry_t){h_version, 0};
    case R_METRICS: return (route_entry_t){h_metrics, 0};
    case R_STATIC: return (route_entry_t){h_static, 0};
    case R_SIGNUP: return (route_entry_t){h_signup, 0};
    case R_SIGNIN: return (route_entry_t){h_signin, 0};
    case R_REFRESH: return (route_entry_t){h_refresh, 0};
    case R_SIGNOUT: return (route_entry_t){h_signout, 0};
    case R_FORGOT: return (route_entry_t){h_forgot, 0};
    case R_RESET: return (route_entry_t){h_reset, 0};
    case R_ME: return (route_entry_t){get ? h_me : h_me_delete, 1};
    case R_ME_PASSWORD: return (route_entry_t){h_me_password, 1};
    case R_PADS: return (route_entry_t){get ? h_pads_list : h_pads_create, 1};
    case R_PAD: return (route_entry_t){get ? h_pad_get : m == M_PATCH ? h_pad_update : h_pad_delete, 1};
    case R_PAD_NOTES: return (route_entry_t){h_pad_notes, 1};
    case R_NOTES: return (route_entry_t){get ? h_notes_list : h_notes_create, 1};
    case R_NOTE: return (route_entry_t){get ? h_note_get : m == M_PATCH ? h_note_update : h_note_delete, 1};
    case R_OPENAPI_JSON: return (route_entry_t){h_openapi_json, 0};
    case R_OPENAPI_YAML: return (route_entry_t){h_openapi_yaml, 0};
    case R_DOCS:
    case R_DOCS_JS:
    case R_DOCS_CSS: return (route_entry_t){h_api_docs, 0};
    default: return none;
    }
}

int request_id_ok(const char *v) {
    size_t n = strlen(v);
    if (n == 0 || n > 64) return 0;
    return strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

int content_type_is_json(const char *ct) {
    if (!ct) return 0;
    while (*ct == ' ')
        ct++;
    size_t n = strlen("application/json");
    if (strncasecmp(ct, "application/json", n) != 0) return 0;
    ct += n;
    while (*ct == ' ')
        ct++;
    return *ct == '\0' || *ct == ';';
}

void client_ip(const char *peer, const char *xff, int hops, char *out, size_t out_size) {
    snprintf(out, out_size, "%s", peer);
    if (hops <= 0 || !xff) return;
    /* walk entries from the right: the hops-th one is the address the outermost trusted proxy saw */
    const char *end = xff + strlen(xff);
    for (int i = 0; i < hops; i++) {
        const char *comma = end;
        while (comma > xff && comma[-1] != ',')
            comma--;
        if (i == hops - 1) {
            const char *s = comma;
            while (s < end && *s == ' ')
                s++;
            size_t len = (size_t)(end - s);
            while (len && s[len - 1] == ' ')
                len--;
            if (len > 0 && len < out_size && strspn(s, "0123456789abcdefABCDEF.:") >= len)
                snprintf(out, out_size, "%.*s", (int)len, s);
            return;
        }
        if (comma == xff) return; /* fewer entries than hops: keep the peer */
        end = comma - 1;
    }
}

static void set_cors(req_t *r) {
    const char *origin = req_header(r, "Origin");
    const char *list = g_app.cfg.cors_origins;
    if (!origin || !*list) return;
    size_t on = strlen(origin);
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n == on && strncmp(p, origin, n) == 0) {
            snprintf(r->cors_headers, sizeof r->cors_headers,
                     "Access-Control-Allow-Origin: %s\r\nAccess-Control-Allow-Credentials: true\r\n"
                     "Access-Control-Expose-Headers: Location, X-Request-Id, Retry-After\r\nVary: Origin\r\n",
                     origin);
            return;
        }
        p += n + (p[n] == ',');
    }
}

static void answer_options(req_t *r) {
    char allow[96], extra[512];
    router_allow_header(r->match.allowed, allow, sizeof allow);
    int n = snprintf(extra, sizeof extra, "Allow: %s\r\n", allow);
    if (r->cors_headers[0])
        snprintf(extra + n, sizeof extra - (size_t)n,
                 "Access-Control-Allow-Methods: %s\r\nAccess-Control-Allow-Headers: Authorization, Content-Type, "
                 "X-Request-Id\r\nAccess-Control-Max-Age: 600\r\n",
                 allow);
    resp_no_content(r, extra);
}

/* Reads the body within the cap. Returns 0, or writes the error response and returns -1. */
static int read_body(req_t *r) {
    long long declared = r->ri->content_length;
    size_t cap = (size_t)g_app.cfg.max_body;
    if (declared > (long long)cap) {
        resp_problem(r, 413, "The request body is larger than the limit.", NULL, "Connection: close\r\n");
        return -1;
    }
    if (declared == 0) return 0;
    size_t want = declared > 0 ? (size_t)declared : cap + 1; /* unknown length (chunked): read one past the cap */
    r->body = malloc(want + 1);
    if (!r->body) {
        resp_problem(r, 503, "The server is out of memory.", NULL, NULL);
        return -1;
    }
    while (r->body_len < want) {
        int n = mg_read(r->conn, r->body + r->body_len, want - r->body_len);
        if (n <= 0) break;
        r->body_len += (size_t)n;
    }
    r->body[r->body_len] = '\0';
    if (r->body_len > cap) {
        resp_problem(r, 413, "The request body is larger than the limit.", NULL, "Connection: close\r\n");
        return -1;
    }
    if (declared > 0 && r->body_len < (size_t)declared) {
        resp_problem(r, 400, "The request body is shorter than its Content-Length.", NULL, "Connection: close\r\n");
        return -1;
    }
    return 0;
}

/* Parses a JSON object body. Returns 0, or writes the error response and returns -1. */
static int parse_body(req_t *r) {
    if (r->body_len == 0) return 0;
    if (!content_type_is_json(req_header(r, "Content-Type"))) {
        resp_problem(r, 415, "Send the body as application/json.", NULL, NULL);
        return -1;
    }
    if (!utf8_valid(r->body, r->body_len)) {
        resp_problem(r, 400, "The body is not valid UTF-8.", NULL, NULL);
        return -1;
    }
    if (json_depth(r->body, r->body_len, JSON_MAX_DEPTH) < 0) {
        resp_problem(r, 400, "The JSON is nested too deeply.", NULL, NULL);
        return -1;
    }
    if (json_has_escaped_nul(r->body, r->body_len)) {
        resp_problem(r, 400, "Strings must not contain NUL characters.", NULL, NULL);
        return -1;
    }
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(r->body, r->body_len, &end, 0);
    if (j) { /* only white space may follow the value */
        while (end && end < r->body + r->body_len && strchr(" \t\r\n", *end))
            end++;
        if (end != r->body + r->body_len) {
            cJSON_Delete(j);
            j = NULL;
        }
    }
    if (!j) {
        resp_problem(r, 400, "The body is not valid JSON.", NULL, NULL);
        return -1;
    }
    if (!cJSON_IsObject(j)) {
        cJSON_Delete(j);
        field_errors_t errs = {0};
        field_errors_add(&errs, "body", "must be a JSON object");
        resp_problem(r, 422, "The body must be a JSON object.", &errs, NULL);
        return -1;
    }
    r->json = j;
    return 0;
}

static int authenticate(req_t *r) {
    const char *h = req_header(r, "Authorization");
    const char *why = "A bearer access token is required.";
    if (h && strncasecmp(h, "Bearer ", 7) == 0) {
        jwt_claims_t claims;
        jwt_result_t res = jwt_verify_access(&g_app.ring, &g_app.policy, h + 7, (int64_t)time(NULL), &claims);
        if (res == JWT_OK) {
            r->user_id = claims.user_id;
            snprintf(r->sid, sizeof r->sid, "%s", claims.sid);
            return 0;
        }
        why = res == JWT_EXPIRED ? "The access token has expired." : "The access token is not valid.";
    }
    metrics_auth(AUTH_TOKEN_REJECTED);
    resp_problem(r, 401, why, NULL, "WWW-Authenticate: Bearer realm=\"notejam\", error=\"invalid_token\"\r\n");
    return -1;
}

void pipeline_run(req_t *r) {
    r->method = method_parse(r->ri->request_method);
    const char *rid = req_header(r, "X-Request-Id");
    if (rid && request_id_ok(rid))
        snprintf(r->request_id, sizeof r->request_id, "%s", rid);
    else
        request_id_new(r->request_id);
    client_ip(r->ri->remote_addr, req_header(r, "X-Forwarded-For"), (int)g_app.cfg.trusted_proxies, r->ip,
              sizeof r->ip);
    const char *path = r->ri->local_uri;
    if (!path) {
        resp_problem(r, 400, "The request target is not a path.", NULL, NULL);
        return;
    }
    r->match = router_match(r->method, path);
    set_cors(r);
    if (r->match.status == 404) {
        resp_problem(r, 404, "No such resource.", NULL, NULL);
        return;
    }
    if (r->match.status == 405) {
        char allow[96], extra[128];
        router_allow_header(r->match.allowed, allow, sizeof allow);
        snprintf(extra, sizeof extra, "Allow: %s\r\n", allow);
        resp_problem(r, 405, "This method is not allowed here.", NULL, extra);
        return;
    }
    if (r->method == M_OPTIONS) {
        answer_options(r);
        return;
    }
    route_entry_t e = dispatch_table(r->match.route, r->method);
    if (r->method != M_GET && r->method != M_HEAD && (read_body(r) < 0 || parse_body(r) < 0)) return;
    if (e.needs_auth && authenticate(r) < 0) return;
    e.fn(r);
    if (!r->status) resp_problem(r, 500, "The request could not be completed.", NULL, NULL);
}

void pipeline_cleanup(req_t *r) {
    cJSON_Delete(r->json);
    free(r->body);
    r->json = NULL;
    r->body = NULL;
}
