#include "handlers/rows.h"
#include <stdio.h>
#include <stdlib.h>
#include "handlers/respond.h"

db_status_t respond_one(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status,
                        const char *location_prefix) {
    db_conn_t *c = db_acquire();
    if (!c) {
        respond_db_error(r, DB_UNAVAILABLE);
        return DB_UNAVAILABLE;
    }
    PGresult *res = NULL;
    db_status_t s = db_exec(c, stmt, n, params, &res);
    db_release(c);
    if (s != DB_OK) {
        if (s == DB_UNAVAILABLE || s == DB_ERROR) respond_db_error(r, s);
        if (s == DB_FK_VIOLATION && respond_if_account_gone(r)) return DB_OK; /* a deleted account's token */
        return s; /* other constraint violations are answered by the caller */
    }
    if (PQntuples(res) == 0) {
        PQclear(res);
        if (!respond_if_account_gone(r)) resp_problem(r, 404, "No such resource.", NULL, NULL);
        return DB_OK;
    }
    buf_t b;
    buf_init(&b, 1 << 20);
    writer(&b, res, 0);
    char extra[128] = "";
    if (location_prefix) snprintf(extra, sizeof extra, "Location: %s%s\r\n", location_prefix, PQgetvalue(res, 0, 0));
    PQclear(res);
    resp_json(r, status, &b, extra);
    buf_free(&b);
    return DB_OK;
}

void respond_delete(req_t *r, int stmt, int n, const char *const *params) {
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
    else if (!respond_if_account_gone(r))
        resp_problem(r, 404, "No such resource.", NULL, NULL);
}
