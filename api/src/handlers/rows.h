/* Runs one statement about one pad or note of the caller and answers with it, 404, or the database error. */
#ifndef NOTEJAM_ROWS_H
#define NOTEJAM_ROWS_H
#include <libpq-fe.h>
#include "http/request.h"
#include "store/db.h"

typedef void (*row_writer_fn)(buf_t *b, PGresult *res, int row);

/* Runs stmt. With rows: answers status with writer's JSON of row 0 (and Location: <location_prefix><id> when
 * location_prefix is set). Without rows: 404. Returns the db status so callers can map constraint errors. */
db_status_t respond_one(req_t *r, int stmt, int n, const char *const *params, row_writer_fn writer, int status,
                        const char *location_prefix);
/* Runs a DELETE stmt: 204 when a row went, 404 otherwise. */
void respond_delete(req_t *r, int stmt, int n, const char *const *params);
#endif
