/* Versioned SQL migrations: NNNN_<name>.sql files applied in order, each once, each in its own transaction, all
 * under an advisory lock so concurrent runs (two Jobs, a retry) wait instead of racing. */
#ifndef NOTEJAM_MIGRATE_H
#define NOTEJAM_MIGRATE_H
/* Returns 0 when the database is at the newest version. */
int migrate_run(const char *database_url, const char *dir);
#endif
