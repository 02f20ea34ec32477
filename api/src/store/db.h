/* PostgreSQL connection pool: fixed size, statements prepared once per connection, every call bounded in time.
 * A lost server never crashes or hangs a worker: calls fail fast and the pool reconnects on later use. */
#ifndef NOTEJAM_DB_H
#define NOTEJAM_DB_H
#include <libpq-fe.h>

typedef struct {
    const char *name; /* also the metrics label */
    const char *sql;
    int plan_each_time; /* 1: never prepared, planned with each call's values (where one generic plan cannot fit
                           all values, as with the LIKE patterns of a search) */
} db_stmt_t;

typedef enum {
    DB_OK = 0,
    DB_UNIQUE_VIOLATION,
    DB_FK_VIOLATION,
    DB_CHECK_VIOLATION,
    DB_UNAVAILABLE,
    DB_ERROR
} db_status_t;

typedef struct db_conn db_conn_t;

/* url_file (may be NULL): where url came from; re-read after a failed connect, so a rotated password is picked up
 * without a restart. */
int db_init(const char *url, const char *url_file, int size, int timeout_ms, const db_stmt_t *stmts, int n_stmts);
void db_shutdown(void);
/* NULL when no connection can be had within the time budget (pool exhausted, server down). */
db_conn_t *db_acquire(void);
void db_release(db_conn_t *c);
/* Runs prepared statement `stmt` (index into the table given to db_init). *res is set on DB_OK (caller PQclear()s). */
db_status_t db_exec(db_conn_t *c, int stmt, int n_params, const char *const *params, PGresult **res);
/* Plain SQL (no params) for BEGIN/COMMIT/ROLLBACK and health checks. */
db_status_t db_simple(db_conn_t *c, const char *sql);
void db_pool_stats(int *size, int *in_use);
/* 1 if a round trip to the server succeeds now. */
int db_ping(void);
#endif
