/* /api/v1/pads: every query is scoped to the caller (WHERE user_id), so another user's pad is a 404. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "handlers/handlers.h"
#include "handlers/lists.h"
#include "handlers/respond.h"
#include "handlers/rows.h"
#include "http/fields.h"
#include "http/validate.h"
#include "store/statements.h"

/* Reads and validates {"name"}; returns a trimmed heap copy (caller frees) or NULL after answering. */
static char *read_pad_name(req_t *r) {
    static const char *const allowed[] = {"name", NULL};
    field_errors_t errs = {0};
    if (!require_body(r, allowed, &errs)) return NULL;
    const char *name = field_string(r->json, "name", 1, &errs);
    size_t start = 0, len = 0;
    if (name && validate_name(name, &start, &len)) field_errors_add(&errs, "name", validate_name(name, &start, &len));
    if (respond_invalid(r, &errs)) return NULL;
    return strndup(name + start, len);
}

static void h_pads_list(req_t *r) { list_respond(r, LIST_PADS, 0); }

static void h_pads_create(req_t *r) {
    char *name = read_pad_name(r), uid[24];
    if (!name) return;
    snprintf(uid, sizeof uid, "%" PRId64, r->user_id);
    const char *params[] = {uid, name};
    idem_t idem;
    if (idem_begin(r, &idem)) {
        answer_opts_t opts = {.location_prefix = "/api/v1/pads/", .idem = &idem};
        respond_row(r, SQL_PAD_INSERT, 2, params, write_pad, 201, &opts);
    }
    free(name);
}

static void h_pad_get(req_t *r) {
    owned_ids_t ids = owned_ids(r, r->match.id);
    const char *params[] = {ids.id, ids.uid};
    respond_one(r, SQL_PAD_GET, 2, params, write_pad, 200);
}

static void h_pad_update(req_t *r) {
    precondition_t pre;
    if (read_if_match(r, r->match.id, &pre) < 0) return;
    char *name = read_pad_name(r);
    if (!name) return;
    owned_ids_t ids = owned_ids(r, r->match.id);
    const char *params[] = {ids.id, ids.uid, name, pre.versions};
    answer_opts_t opts = {.exists_stmt = SQL_PAD_EXISTS};
    respond_row(r, SQL_PAD_RENAME, 4, params, write_pad, 200, &opts);
    free(name);
}

static void h_pad_delete(req_t *r) {
    precondition_t pre;
    if (read_if_match(r, r->match.id, &pre) < 0) return;
    owned_ids_t ids = owned_ids(r, r->match.id);
    const char *params[] = {ids.id, ids.uid, pre.versions};
    respond_delete(r, SQL_PAD_DELETE, 3, params, SQL_PAD_EXISTS); /* its notes go too (ON DELETE CASCADE) */
}

/* 1 if the pad is the caller's; answers 404/503 and returns 0 otherwise. */
int pad_is_mine(req_t *r, int64_t pad_id) {
    owned_ids_t ids = owned_ids(r, pad_id);
    const char *params[] = {ids.id, ids.uid};
    db_conn_t *c = db_acquire();
    if (!c) {
        respond_db_error(r, DB_UNAVAILABLE);
        return 0;
    }
    PGresult *res = NULL;
    db_status_t s = db_exec(c, SQL_PAD_EXISTS, 2, params, &res);
    db_release(c);
    if (s != DB_OK) {
        respond_db_error(r, s);
        return 0;
    }
    int mine = PQntuples(res) > 0;
    PQclear(res);
    if (!mine && !respond_if_account_gone(r)) resp_problem(r, 404, "No such resource.", NULL, NULL);
    return mine;
}

static void h_pad_notes(req_t *r) {
    if (pad_is_mine(r, r->match.id)) list_respond(r, LIST_PAD_NOTES, r->match.id);
}

const route_def_t PAD_ROUTES[] = {
    {M_GET, "/api/v1/pads", h_pads_list, ROUTE_AUTH, 0},
    {M_POST, "/api/v1/pads", h_pads_create, ROUTE_AUTH, 0},
    {M_GET, "/api/v1/pads/{id}", h_pad_get, ROUTE_AUTH, 0},
    {M_PATCH, "/api/v1/pads/{id}", h_pad_update, ROUTE_AUTH, 0},
    {M_DELETE, "/api/v1/pads/{id}", h_pad_delete, ROUTE_AUTH, 0},
    {M_GET, "/api/v1/pads/{id}/notes", h_pad_notes, ROUTE_AUTH, 0},
    {0},
};
