#include <stdio.h>
#include <string.h>
#include "http/request.h"

static const char *reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    default: return problem_title(status);
    }
}

void resp_send(req_t *r, int status, const char *content_type, const char *body, size_t len, const char *extra) {
    buf_t out;
    buf_init(&out, (size_t)64 << 20);
    int is_api = r->match.route != R_STATIC;
    buf_printf(&out, "HTTP/1.1 %d %s\r\n", status, reason(status));
    if (content_type) buf_printf(&out, "Content-Type: %s\r\n", content_type);
    buf_printf(&out, "Content-Length: %zu\r\nX-Request-Id: %s\r\nX-Content-Type-Options: nosniff\r\n", len,
               r->request_id);
    if (is_api && !(extra && strstr(extra, "Cache-Control:"))) buf_puts(&out, "Cache-Control: no-store\r\n");
    buf_puts(&out, r->cors_headers);
    buf_puts(&out, r->rate_headers);
    if (extra) buf_puts(&out, extra);
    buf_puts(&out, "\r\n");
    if (r->method != M_HEAD && status != 304 && len) buf_append(&out, body, len);
    if (!out.failed) mg_write(r->conn, out.data, out.len);
    buf_free(&out);
    r->status = status;
}

void resp_json(req_t *r, int status, const buf_t *body, const char *extra) {
    if (body->failed) {
        resp_problem(r, 500, "The response could not be built.", NULL, NULL);
        return;
    }
    resp_send(r, status, "application/json", body->data, body->len, extra);
}

void resp_problem(req_t *r, int status, const char *detail, const field_errors_t *errs, const char *extra) {
    buf_t b;
    buf_init(&b, 65536);
    problem_build(&b, status, detail, errs);
    resp_send(r, status, "application/problem+json", b.data, b.len, extra);
    buf_free(&b);
}

void resp_no_content(req_t *r, const char *extra) { resp_send(r, 204, NULL, NULL, 0, extra); }

const char *req_query(const req_t *r, const char *name, char *out, size_t out_size) {
    const char *qs = r->ri->query_string;
    if (!qs) return NULL;
    int n = mg_get_var(qs, strlen(qs), name, out, out_size);
    if (n == -1) return NULL;
    if (n < 0) snprintf(out, out_size, "\x7f"); /* too long: a value no parser accepts */
    return out;
}

const char *req_header(const req_t *r, const char *name) { return mg_get_header(r->conn, name); }
