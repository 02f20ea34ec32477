#include "ops/migrate.h"
#include <dirent.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ops/log.h"
#include "util/buf.h"

#define LOCK_KEY  "7412896301"
#define MAX_FILES 512

static int is_migration(const char *name) {
    size_t n = strlen(name);
    return n > 9 && strspn(name, "0123456789") == 4 && name[4] == '_' && strcmp(name + n - 4, ".sql") == 0;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int exec_ok(PGconn *pg, const char *sql, const char *what) {
    PGresult *r = PQexec(pg, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok) log_msg(LOG_ERROR, what, PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
    PQclear(r);
    return ok;
}

static int read_file(const char *path, buf_t *out) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
    return out->failed ? -1 : 0;
}

static int apply(PGconn *pg, const char *dir, const char *file) {
    char path[4096], version[8];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(version, sizeof version, "%.4s", file);
    const char *p1[] = {version};
    PGresult *seen =
        PQexecParams(pg, "SELECT 1 FROM schema_migrations WHERE version = $1::int", 1, NULL, p1, NULL, NULL, 0);
    int done = PQresultStatus(seen) == PGRES_TUPLES_OK && PQntuples(seen) > 0;
    int query_ok = PQresultStatus(seen) == PGRES_TUPLES_OK;
    PQclear(seen);
    if (!query_ok) return -1;
    if (done) return 0;
    buf_t sql;
    buf_init(&sql, 16 << 20);
    int rc = -1;
    if (read_file(path, &sql) < 0) {
        log_msg(LOG_ERROR, "migration: cannot read file", file);
        goto out;
    }
    if (!exec_ok(pg, "BEGIN", "migration: BEGIN failed")) goto out;
    if (!exec_ok(pg, sql.data, "migration failed")) {
        exec_ok(pg, "ROLLBACK", "migration: ROLLBACK failed");
        goto out;
    }
    const char *p2[] = {version, file};
    PGresult *ins = PQexecParams(pg, "INSERT INTO schema_migrations (version, name) VALUES ($1::int, $2)", 2, NULL, p2,
                                 NULL, NULL, 0);
    int ins_ok = PQresultStatus(ins) == PGRES_COMMAND_OK;
    PQclear(ins);
    if (!ins_ok || !exec_ok(pg, "COMMIT", "migration: COMMIT failed")) {
        exec_ok(pg, "ROLLBACK", "migration: ROLLBACK failed");
        goto out;
    }
    log_msg(LOG_INFO, "migration applied", file);
    rc = 0;
out:
    buf_free(&sql);
    return rc;
}

int migrate_run(const char *database_url, const char *dir) {
    char *files[MAX_FILES];
    int n = 0, rc = -1;
    DIR *d = opendir(dir);
    if (!d) {
        log_msg(LOG_ERROR, "migration folder not found", dir);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_FILES)
        if (is_migration(e->d_name)) files[n++] = strdup(e->d_name);
    closedir(d);
    qsort(files, (size_t)n, sizeof files[0], cmp);

    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {database_url, "10", "notejam-migrate", NULL};
    PGconn *pg = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(pg) != CONNECTION_OK) {
        log_msg(LOG_ERROR, "migration: cannot connect to the database", NULL);
        goto out;
    }
    if (!exec_ok(pg, "SET client_min_messages = warning", "migration: setup failed") ||
        !exec_ok(pg, "SELECT pg_advisory_lock(" LOCK_KEY ")", "migration: lock failed"))
        goto out;
    if (!exec_ok(pg,
                 "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, "
                 "applied_at timestamptz NOT NULL DEFAULT now())",
                 "migration: bookkeeping table failed"))
        goto out;
    rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = apply(pg, dir, files[i]);
    exec_ok(pg, "SELECT pg_advisory_unlock(" LOCK_KEY ")", "migration: unlock failed");
    if (rc == 0) log_msg(LOG_INFO, "database is at the newest migration", NULL);
out:
    PQfinish(pg);
    for (int i = 0; i < n; i++)
        free(files[i]);
    return rc;
}
