/* Runs one statement about one pad or note of the caller and answers with it (and its ETag), 404, 412, or the
 * database error. */
#ifndef NOTEJAM_ROWS_H
#define NOTEJAM_ROWS_H
#include <libpq-fe.h>
#include "http/request.h"
#include "services/idempotency.h"
#include "store/db.h"

typedef void (*row_writer_fn)(buf_t *b, PGresult *res, int row);

/* What an answer carries beyond the row. */
typedef struct {
    const char *location_prefix; /* set: Location: <prefix><id> (creates) */
    idem_t *idem;                /* set: the answer is kept for Idempotency-Key retries (or the key freed) */
    int exists_stmt;             /* > 0: a conditional write; with no row, 412 if this finds the object, else 404 */
} answer_opts_t;

/* Runs stmt. With rows: answers status with writer's JSON of row 0 and an ETag when the row has a version column.
 * Without rows: 404 (or 412, see exists_stmt). Returns the db status so callers can map constraint errors. */
db_status_t respond_row(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status,
                        const answer_opts_t *opts);
/* respond_row without options. */
db_status_t respond_one(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status);
/* Runs a DELETE stmt: 204 when a row went; otherwise 412 when exists_stmt (> 0) finds the object, else 404. */
void respond_delete(req_t *r, int stmt, int n, const char *const *params, int exists_stmt);
#endif
