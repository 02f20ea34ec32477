/* Runs one statement about one pad or note of the caller and answers every outcome it can have: the row (and its
 * ETag), 404, 412, 422 for a foreign key the client named, 401 for a deleted account's token, or the database
 * error. */
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
    const char *fk_field;        /* set: a foreign-key violation is this body field naming something not the caller's:
                                    422 with fk_message; unset, it can only be a deleted account's token (401) */
    const char *fk_message;
} answer_opts_t;

/* Runs stmt. With rows: answers status with writer's JSON of row 0 and an ETag when the row has a version column.
 * Without rows: 404 (or 412, see exists_stmt). Otherwise answers the error (see answer_opts_t). */
void respond_row(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status,
                 const answer_opts_t *opts);
/* respond_row without options. */
void respond_one(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status);
/* Runs a DELETE stmt: 204 when a row went; otherwise 412 when exists_stmt (> 0) finds the object, else 404. */
void respond_delete(req_t *r, int stmt, int n, const char *const *params, int exists_stmt);
#endif
