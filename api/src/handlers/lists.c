#include "handlers/lists.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "handlers/respond.h"
#include "http/cursor.h"
#include "http/search_query.h"
#include "http/validate.h"
#include "store/columns.h"

/* A search: q's LIKE patterns, one per word slot ('%' fills the unused ones). */
typedef struct {
    int on;
    PGresult *res; /* owns the patterns */
    const char *patterns[SEARCH_MAX_WORDS];
} search_t;

/* Reads q= into out. Returns 0 when absent or valid (s->on says which), or answers 422 and returns -1. */
static int read_q(req_t *r, char *out, size_t out_size, search_t *s) {
    const char *qs = r->ri->query_string;
    int n = qs ? mg_get_var(qs, strlen(qs), "q", out, out_size) : -1;
    if (n == -1) return 0;
    const char *why = n < 0 ? "must be at most 200 characters" : search_query_check(out, (size_t)n);
    if (why) {
        field_errors_t errs = {0};
        field_errors_add(&errs, "q", why);
        respond_invalid(r, &errs);
        return -1;
    }
    s->on = 1;
    return 0;
}

/* Turns q into LIKE patterns with the database's own normalisation. Returns DB_OK, or DB_CHECK_VIOLATION when q
 * has no word or too many once normalised. */
static db_status_t search_patterns(db_conn_t *c, const char *q, search_t *s) {
    const char *params[1] = {q};
    db_status_t st = db_exec(c, SQL_SEARCH_PATTERNS, 1, params, &s->res);
    if (st != DB_OK) return st;
    int rows = PQntuples(s->res);
    if (rows == 0 || rows > SEARCH_MAX_WORDS) return DB_CHECK_VIOLATION;
    for (int i = 0; i < SEARCH_MAX_WORDS; i++)
        s->patterns[i] = i < rows ? PQgetvalue(s->res, i, 0) : "%";
    return DB_OK;
}

/* The whole list's size (include=total), counted on the connection that read the page. */
static db_status_t fetch_total(db_conn_t *c, list_kind_t kind, const char *uid, const char *pad, const search_t *search,
                               int64_t *total) {
    const char *params[2 + SEARCH_MAX_WORDS] = {uid, pad};
    int n = kind == LIST_PAD_NOTES ? 2 : 1;
    if (search->on)
        for (int i = 0; i < SEARCH_MAX_WORDS; i++)
            params[n++] = search->patterns[i];
    int stmt = search->on ? SQL_SEARCH_TOTAL_FIRST + (int)kind - LIST_NOTES : SQL_TOTAL_FIRST + (int)kind;
    PGresult *res = NULL;
    db_status_t s = db_exec(c, stmt, n, params, &res);
    if (s == DB_OK) *total = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return s;
}

void list_respond(req_t *r, list_kind_t kind, int64_t scope) {
    char qorder[32], qlimit[32], qinclude[32], qcursor[1024];
    field_errors_t errs = {0};
    int order = parse_order(req_query(r, "order", qorder, sizeof qorder));
    int limit = parse_limit(req_query(r, "limit", qlimit, sizeof qlimit));
    const char *include = req_query(r, "include", qinclude, sizeof qinclude);
    int with_total = include && strcmp(include, "total") == 0;
    if (order < 0) field_errors_add(&errs, "order", "must be one of name, -name, updated_at, -updated_at");
    if (limit < 0) field_errors_add(&errs, "limit", "must be an integer from 1 to 100");
    if (include && !with_total) field_errors_add(&errs, "include", "must be total");
    if (respond_invalid(r, &errs)) return;
    char q[SEARCH_Q_BUF];
    search_t search = {0};
    if (kind != LIST_PADS && read_q(r, q, sizeof q, &search) < 0) return;
    const char *cursor_text = req_query(r, "cursor", qcursor, sizeof qcursor);
    char list = kind == LIST_PADS ? 'P' : 'N';
    cursor_t cur;
    if (cursor_text && (cursor_decode(cursor_text, &g_app.cursor_keys, &cur) < 0 || cur.list != list ||
                        cur.order != order || cur.scope != scope)) {
        resp_problem(r, 400, "The cursor is not valid for this list and order.", NULL, NULL);
        return;
    }
    int by_name = order == ORDER_NAME_ASC || order == ORDER_NAME_DESC;
    char uid[24], lim[16], pad[24], key[32], cid[24];
    snprintf(uid, sizeof uid, "%" PRId64, r->user_id);
    snprintf(lim, sizeof lim, "%d", limit + 1); /* one extra row says whether there is a next page */
    snprintf(pad, sizeof pad, "%" PRId64, scope);
    const char *params[6 + SEARCH_MAX_WORDS] = {uid, lim};
    int n = 2;
    if (kind == LIST_PAD_NOTES) params[n++] = pad;
    if (cursor_text) {
        snprintf(key, sizeof key, "%" PRId64, cur.updated_us);
        snprintf(cid, sizeof cid, "%" PRId64, cur.id);
        params[n++] = by_name ? cur.name : key;
        params[n++] = cid;
    }
    db_conn_t *c = db_acquire();
    if (!c) {
        respond_db_error(r, DB_UNAVAILABLE);
        return;
    }
    PGresult *res = NULL;
    int64_t total = 0;
    db_status_t s = search.on ? search_patterns(c, q, &search) : DB_OK;
    for (int i = 0; search.on && s == DB_OK && i < SEARCH_MAX_WORDS; i++)
        params[n++] = search.patterns[i];
    int stmt = search.on ? search_stmt(kind, order, cursor_text != NULL) : list_stmt(kind, order, cursor_text != NULL);
    if (s == DB_OK) s = db_exec(c, stmt, n, params, &res);
    if (s == DB_OK && with_total) s = fetch_total(c, kind, uid, pad, &search, &total);
    db_release(c);
    PQclear(search.res);
    if (s == DB_CHECK_VIOLATION) { /* q's words once normalised: none left, or more than the slots */
        field_errors_add(&errs, "q", "must have 1 to 8 words");
        respond_invalid(r, &errs);
        return;
    }
    if (s != DB_OK) {
        PQclear(res);
        respond_db_error(r, s);
        return;
    }
    int rows = PQntuples(res), shown = rows > limit ? limit : rows;
    if (rows == 0 && respond_if_account_gone(r)) { /* rows prove the account exists: only an empty page checks */
        PQclear(res);
        return;
    }
    buf_t b;
    buf_init(&b, (size_t)8 << 20);
    buf_puts(&b, "{\"items\":[");
    for (int i = 0; i < shown; i++) {
        if (i) buf_putc(&b, ',');
        if (kind == LIST_PADS)
            write_pad(&b, res, i);
        else
            write_note(&b, res, i);
    }
    buf_puts(&b, "],\"next_cursor\":");
    if (rows > limit) {
        cursor_t next = {.list = list, .order = order, .scope = scope};
        int last = shown - 1, pads = kind == LIST_PADS;
        next.id = strtoll(PQgetvalue(res, last, ROW_ID), NULL, 10);
        next.updated_us = strtoll(PQgetvalue(res, last, pads ? PAD_UPDATED_US : NOTE_UPDATED_US), NULL, 10);
        if (by_name) snprintf(next.name, sizeof next.name, "%s", PQgetvalue(res, last, pads ? PAD_NAME : NOTE_NAME));
        char text[CURSOR_TEXT_MAX];
        if (cursor_encode(&next, &g_app.cursor_keys, text, sizeof text) == 0) {
            buf_putc(&b, '"');
            buf_puts(&b, text);
            buf_putc(&b, '"');
        } else {
            buf_puts(&b, "null");
        }
    } else {
        buf_puts(&b, "null");
    }
    if (with_total) {
        char t[32];
        snprintf(t, sizeof t, ",\"total\":%" PRId64, total);
        buf_puts(&b, t);
    }
    buf_putc(&b, '}');
    PQclear(res);
    resp_json(r, 200, &b, NULL);
    buf_free(&b);
}
