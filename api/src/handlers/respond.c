#include "handlers/respond.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include "http/etag.h"
#include "http/fields.h"
#include "store/columns.h"
#include "store/statements.h"
#include "util/json_out.h"

int require_body(req_t *r, const char *const *allowed, field_errors_t *errs) {
    if (!r->json) {
        resp_problem(r, 400, "A JSON object body is required.", NULL, NULL);
        return 0;
    }
    int rc = fields_check(r->json, allowed, errs);
    if (rc < 0) {
        resp_problem(r, 400, fields_check_detail(rc), NULL, NULL);
        return 0;
    }
    return !respond_invalid(r, errs);
}

int respond_invalid(req_t *r, const field_errors_t *errs) {
    if (errs->count == 0) return 0;
    resp_problem(r, 422, "Some fields are not valid.", errs, NULL);
    return 1;
}

void respond_unavailable(req_t *r, const char *detail) { resp_problem(r, 503, detail, NULL, "Retry-After: 1\r\n"); }

void respond_service_error(req_t *r, as_result_t res) {
    if (res == AS_UNAVAILABLE)
        respond_unavailable(r, "A dependency is unavailable. Try again shortly.");
    else
        resp_problem(r, 500, "The request could not be completed.", NULL, NULL);
}

void respond_db_error(req_t *r, db_status_t s) {
    if (s == DB_UNAVAILABLE)
        respond_unavailable(r, "The database is unavailable. Try again shortly.");
    else
        resp_problem(r, 500, "The request could not be completed.", NULL, NULL);
}

int respond_if_account_gone(req_t *r) {
    char uid[24];
    snprintf(uid, sizeof uid, "%" PRId64, r->user_id);
    db_conn_t *c = db_acquire();
    if (!c) {
        respond_db_error(r, DB_UNAVAILABLE);
        return 1;
    }
    PGresult *res = NULL;
    const char *params[] = {uid};
    db_status_t s = db_exec(c, SQL_USER_BY_ID, 1, params, &res);
    db_release(c);
    if (s != DB_OK) {
        respond_db_error(r, s);
        return 1;
    }
    int gone = PQntuples(res) == 0;
    PQclear(res);
    if (gone)
        resp_problem(r, 401, "The account no longer exists.", NULL,
                     "WWW-Authenticate: Bearer realm=\"notejam\", error=\"invalid_token\"\r\n");
    return gone;
}

owned_ids_t owned_ids(const req_t *r, int64_t id) {
    owned_ids_t out;
    snprintf(out.id, sizeof out.id, "%" PRId64, id);
    snprintf(out.uid, sizeof out.uid, "%" PRId64, r->user_id);
    return out;
}

int read_if_match(req_t *r, int64_t id, precondition_t *pre) {
    pre->versions = NULL;
    switch (if_match_parse(req_header(r, "If-Match"), id, pre->buf, sizeof pre->buf)) {
    case IF_MATCH_NONE: return 0;
    case IF_MATCH_LIST: pre->versions = pre->buf; return 0;
    default: resp_problem(r, 400, "If-Match must be * or a list of entity tags.", NULL, NULL); return -1;
    }
}

void write_user(buf_t *b, const user_t *u) {
    buf_printf(b, "{\"id\":%lld,\"email\":", (long long)u->id);
    json_str(b, u->email);
    buf_puts(b, ",\"created_at\":");
    json_time_us(b, u->created_us);
    buf_putc(b, '}');
}

/* An int8 column's text ("-?[0-9]+"): strtoll's locale-aware parsing was 6% of a 20-note list's instructions. */
static int64_t i64(PGresult *res, int row, int col) {
    const char *p = PQgetvalue(res, row, col);
    int neg = *p == '-';
    uint64_t v = 0;
    for (p += neg; *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (uint64_t)(*p - '0');
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}

void write_pad(buf_t *b, PGresult *res, int row) {
    buf_puts(b, "{\"id\":");
    buf_append(b, PQgetvalue(res, row, PAD_ID), (size_t)PQgetlength(res, row, PAD_ID));
    buf_puts(b, ",\"name\":");
    json_str_n(b, PQgetvalue(res, row, PAD_NAME), (size_t)PQgetlength(res, row, PAD_NAME));
    buf_puts(b, ",\"notes_count\":");
    buf_append(b, PQgetvalue(res, row, PAD_NOTES_COUNT), (size_t)PQgetlength(res, row, PAD_NOTES_COUNT));
    buf_puts(b, ",\"created_at\":");
    json_time_us(b, i64(res, row, PAD_CREATED_US));
    buf_puts(b, ",\"updated_at\":");
    json_time_us(b, i64(res, row, PAD_UPDATED_US));
    buf_putc(b, '}');
}

void write_note(buf_t *b, PGresult *res, int row) {
    buf_puts(b, "{\"id\":");
    buf_append(b, PQgetvalue(res, row, NOTE_ID), (size_t)PQgetlength(res, row, NOTE_ID));
    buf_puts(b, ",\"name\":");
    json_str_n(b, PQgetvalue(res, row, NOTE_NAME), (size_t)PQgetlength(res, row, NOTE_NAME));
    buf_puts(b, ",\"text\":");
    json_str_n(b, PQgetvalue(res, row, NOTE_TEXT), (size_t)PQgetlength(res, row, NOTE_TEXT));
    if (PQgetisnull(res, row, NOTE_PAD_ID)) {
        buf_puts(b, ",\"pad_id\":null,\"pad\":null");
    } else {
        buf_puts(b, ",\"pad_id\":");
        buf_append(b, PQgetvalue(res, row, NOTE_PAD_ID), (size_t)PQgetlength(res, row, NOTE_PAD_ID));
        buf_puts(b, ",\"pad\":{\"id\":");
        buf_append(b, PQgetvalue(res, row, NOTE_PAD_ID), (size_t)PQgetlength(res, row, NOTE_PAD_ID));
        buf_puts(b, ",\"name\":");
        json_str_n(b, PQgetvalue(res, row, NOTE_PAD_NAME), (size_t)PQgetlength(res, row, NOTE_PAD_NAME));
        buf_putc(b, '}');
    }
    buf_puts(b, ",\"created_at\":");
    json_time_us(b, i64(res, row, NOTE_CREATED_US));
    buf_puts(b, ",\"updated_at\":");
    json_time_us(b, i64(res, row, NOTE_UPDATED_US));
    buf_putc(b, '}');
}
