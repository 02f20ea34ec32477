/* One HTTP request as the handlers see it, and the ways to answer it. Every response is written with one write
 * (headers and body together) and carries the request id and the security headers. */
#ifndef NOTEJAM_REQUEST_H
#define NOTEJAM_REQUEST_H
#include <civetweb.h>
#include <cjson/cJSON.h>
#include <stdint.h>
#include "http/problem.h"
#include "http/router.h"
#include "util/buf.h"

typedef struct req {
    struct mg_connection *conn;
    const struct mg_request_info *ri;
    method_t method;
    route_match_t match;
    char request_id[65];
    char ip[64];
    char *body; /* owned, NUL-terminated, body_len bytes */
    size_t body_len;
    cJSON *json;     /* owned: the parsed body when it is a JSON object */
    int64_t user_id; /* set by authentication, 0 otherwise */
    char sid[48];
    int status;             /* the status written */
    char cors_headers[512]; /* Access-Control-* lines for an allowed Origin, else empty */
    char rate_headers[192]; /* RateLimit-Policy and RateLimit lines on rate-limited endpoints, else empty */
} req_t;

/* Writes status line, headers (extra: zero or more "Name: value\r\n" lines) and body in one write. */
void resp_send(req_t *r, int status, const char *content_type, const char *body, size_t len, const char *extra);
void resp_json(req_t *r, int status, const buf_t *body, const char *extra);
void resp_problem(req_t *r, int status, const char *detail, const field_errors_t *errs, const char *extra);
void resp_no_content(req_t *r, const char *extra);
const char *req_query(const req_t *r, const char *name, char *out, size_t out_size);
const char *req_header(const req_t *r, const char *name);
#endif
