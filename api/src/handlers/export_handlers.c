/* GET /api/v1/me/export: the caller's account, pads and notes as one JSON document, streamed in chunks. Rows are
 * read in id order, EXPORT_PAGE at a time, each page on a pool connection held only while it is read, so memory
 * stays constant and a slow client never holds a database connection. Pages are separate reads: a row created or
 * edited during the export may show in its new or old state, but a row that exists throughout is there once. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "handlers/handlers.h"
#include "handlers/respond.h"
#include "ops/log.h"
#include "store/columns.h"
#include "store/statements.h"
#include "util/json_out.h"

#define FLUSH_AT (32 * 1024)

typedef void (*export_writer_fn)(buf_t *b, PGresult *res, int row);

/* One page of the caller's rows after id `after`. *res on DB_OK (caller PQclear()s). */
static db_status_t read_page(int stmt, int64_t user_id, int64_t after, PGresult **res) {
    char uid[24], from[24], lim[16];
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    snprintf(from, sizeof from, "%" PRId64, after);
    snprintf(lim, sizeof lim, "%d", EXPORT_PAGE);
    const char *params[] = {uid, from, lim};
    db_conn_t *c = db_acquire();
    if (!c) return DB_UNAVAILABLE;
    db_status_t s = db_exec(c, stmt, 3, params, res);
    db_release(c);
    return s;
}

/* Sends what b holds as one chunk. Returns 0, or -1 when the client is gone. */
static int flush(req_t *r, buf_t *b) {
    if (b->failed) return -1;
    int ok = b->len == 0 || mg_send_chunk(r->conn, b->data, (unsigned)b->len) > 0;
    buf_reset(b);
    return ok ? 0 : -1;
}

/* Streams every row of stmt as a JSON array; first is the page already read (taken over). 0, or -1 on failure. */
static int stream_array(req_t *r, buf_t *b, int stmt, PGresult *first, export_writer_fn writer) {
    PGresult *res = first;
    int64_t last = 0;
    int count = 0;
    buf_putc(b, '[');
    for (;;) {
        int rows = PQntuples(res);
        for (int i = 0; i < rows; i++) {
            if (count++) buf_putc(b, ',');
            writer(b, res, i);
            if (b->len >= FLUSH_AT && flush(r, b) < 0) goto fail;
        }
        if (rows < EXPORT_PAGE) break;
        last = strtoll(PQgetvalue(res, rows - 1, ROW_ID), NULL, 10);
        PQclear(res);
        res = NULL;
        if (read_page(stmt, r->user_id, last, &res) != DB_OK) {
            log_msg(LOG_ERROR, "export: a page could not be read, the document is cut short", NULL);
            goto fail;
        }
    }
    PQclear(res);
    buf_putc(b, ']');
    return 0;
fail:
    PQclear(res);
    return -1;
}

static void h_me_export(req_t *r) {
    user_t u;
    as_result_t ar = account_get(r->user_id, &u);
    if (ar == AS_NOT_FOUND) {
        resp_problem(r, 401, "The account no longer exists.", NULL, NULL);
        return;
    }
    if (ar != AS_OK) {
        respond_service_error(r, ar);
        return;
    }
    PGresult *pads = NULL, *notes = NULL;
    db_status_t s = read_page(SQL_EXPORT_PADS, r->user_id, 0, &pads); /* before the 200: failures get a status */
    if (s != DB_OK) {
        respond_db_error(r, s);
        return;
    }
    char stamp[32];
    format_time_us((int64_t)time(NULL) * 1000000, stamp, sizeof stamp);
    mg_printf(r->conn,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
              "Content-Disposition: attachment; filename=\"notejam-export.json\"\r\nX-Request-Id: %s\r\n"
              "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n%s\r\n",
              r->request_id, r->cors_headers);
    r->status = 200;
    buf_t b;
    buf_init(&b, (size_t)1 << 20); /* a flush comes before it nears the cap: one note is at most ~120 KB escaped */
    buf_printf(&b, "{\"format\":\"notejam-export\",\"version\":1,\"exported_at\":\"%s\",\"user\":", stamp);
    write_user(&b, &u);
    buf_puts(&b, ",\"pads\":");
    if (stream_array(r, &b, SQL_EXPORT_PADS, pads, write_pad) < 0) goto out;
    buf_puts(&b, ",\"notes\":");
    if (read_page(SQL_EXPORT_NOTES, r->user_id, 0, &notes) != DB_OK) {
        log_msg(LOG_ERROR, "export: a page could not be read, the document is cut short", NULL);
        goto out;
    }
    if (stream_array(r, &b, SQL_EXPORT_NOTES, notes, write_note) < 0) goto out;
    buf_putc(&b, '}');
out: /* on failure the document ends unfinished (not valid JSON), so no client mistakes it for a whole one */
    flush(r, &b);
    mg_send_chunk(r->conn, "", 0);
    buf_free(&b);
}

const route_def_t EXPORT_ROUTES[] = {
    {M_GET, "/api/v1/me/export", h_me_export, ROUTE_AUTH, 0},
    {0},
};
