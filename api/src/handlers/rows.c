#include "handlers/rows.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "handlers/respond.h"
#include "http/etag.h"
#include "http/fields.h"
#include "store/columns.h"

/* Nothing changed: the caller's account is gone (401), the object is gone (404, like another user's) or at another
 * version than If-Match named (412). params[0..1] are the object id and the caller's id in every owner-scoped
 * statement. */
static void answer_no_row(req_t *r, const char *const *params, int exists_stmt) {
    if (exists_stmt <= 0) {
        if (!respond_if_account_gone(r)) resp_problem(r, 404, "No such resource.", NULL, NULL);
        return;
    }
    db_conn_t *c = db_acquire();
    if (!c) {
        respond_db_error(r, DB_UNAVAILABLE);
        return;
    }
    PGresult *res = NULL;
    db_status_t s = db_exec(c, exists_stmt, 2, params, &res);
    db_release(c);
    if (s != DB_OK) {
        respond_db_error(r, s);
        return;
    }
    int exists = PQntuples(res) > 0;
    PQclear(res);
    if (exists)
        resp_problem(r, 412, "It changed since the version you sent in If-Match. Fetch it again.", NULL, NULL);
    else if (!respond_if_account_gone(r))
        resp_problem(r, 404, "No such resource.", NULL, NULL);
}

/* A statement that failed: a foreign key the handler named (422, see answer_opts_t), a deleted account's token
 * (401), else the database's state (respond_db_error: 503 when unavailable, 500 for anything else, including a
 * constraint the handler's validation should have kept the row from breaking). */
static void answer_db_failure(req_t *r, db_status_t s, const answer_opts_t *opts) {
    if (s == DB_FK_VIOLATION) {
        if (respond_if_account_gone(r)) return; /* the caller's own row is gone */
        if (opts && opts->fk_field) {
            field_errors_t errs = {0};
            field_errors_add(&errs, opts->fk_field, opts->fk_message);
            respond_invalid(r, &errs);
            return;
        }
    }
    respond_db_error(r, s);
}

void respond_row(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status,
                 const answer_opts_t *opts) {
    idem_t *idem = opts ? opts->idem : NULL;
    db_conn_t *c = db_acquire();
    PGresult *res = NULL;
    db_status_t s = c ? db_exec(c, stmt, n, params, &res) : DB_UNAVAILABLE;
    if (c) db_release(c);
    if (s != DB_OK) {
        if (idem) idem_finish(idem, s == DB_UNAVAILABLE ? 503 : 500, NULL, NULL, 0); /* frees the key for a retry */
        answer_db_failure(r, s, opts);
        return;
    }
    if (PQntuples(res) == 0) {
        PQclear(res);
        if (idem) idem_finish(idem, 404, NULL, NULL, 0);
        answer_no_row(r, params, opts ? opts->exists_stmt : 0);
        return;
    }
    buf_t b;
    buf_init(&b, 1 << 20);
    writer(&b, res, 0);
    char extra[256] = "", tag[64];
    int used = 0, vcol = PQfnumber(res, "version");
    if (opts && opts->location_prefix)
        used = snprintf(extra, sizeof extra, "Location: %s%s\r\n", opts->location_prefix, PQgetvalue(res, 0, ROW_ID));
    if (vcol >= 0 && used >= 0 && (size_t)used < sizeof extra) {
        etag_format(tag, sizeof tag, PQgetvalue(res, 0, ROW_ID), PQgetvalue(res, 0, vcol));
        snprintf(extra + used, sizeof extra - (size_t)used, "ETag: %s\r\n", tag);
    }
    PQclear(res);
    if (idem) idem_finish(idem, b.failed ? 500 : status, extra, b.data, b.len);
    resp_json(r, status, &b, extra);
    buf_free(&b);
}

void respond_one(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status) {
    respond_row(r, stmt, n, params, writer, status, NULL);
}

void respond_delete(req_t *r, int stmt, int n, const char *const *params, int exists_stmt) {
    db_conn_t *c = db_acquire();
    if (!c) {
        respond_db_error(r, DB_UNAVAILABLE);
        return;
    }
    PGresult *res = NULL;
    db_status_t s = db_exec(c, stmt, n, params, &res);
    db_release(c);
    if (s != DB_OK) {
        respond_db_error(r, s);
        return;
    }
    int gone = strtol(PQcmdTuples(res), NULL, 10) > 0;
    PQclear(res);
    if (gone)
        resp_no_content(r, NULL);
    else
        answer_no_row(r, params, exists_stmt);
}
