/* All runtime configuration: one table of NOTEJAM_* variables with types, defaults and bounds. */
#ifndef NOTEJAM_CONFIG_H
#define NOTEJAM_CONFIG_H
#include <stddef.h>

typedef struct {
    char *listen, *database_url, *redis_url, *jwt_keys, *jwt_issuer, *jwt_audience;
    char *cors_origins, *public_url, *mail_dir, *smtp_url, *mail_from, *web_root, *migrations_dir, *log_level;
    char *docs_root;
    long access_ttl, refresh_ttl, session_max_age, threads, db_pool_size, redis_pool_size, db_timeout_ms,
        redis_timeout_ms, hash_concurrency, rate_limit, rate_window, max_body, shutdown_grace, jwt_leeway;
    int cookie_secure;
    long trusted_proxies;
    char *database_url_file; /* NOTEJAM_DATABASE_URL_FILE when the URL came from it (re-read on rotation), else NULL */
    char *metrics_listen;    /* "" = /metrics on the main listener */
    long keepalive_timeout_ms, header_timeout_ms, max_client_connections; /* slow and idle clients */
} config_t;

/* Which command the configuration is for: decides which variables are required. */
enum { CONFIG_FOR_SERVE = 1, CONFIG_FOR_MIGRATE = 2, CONFIG_FOR_HEALTHCHECK = 4 };

/* Source of variables, injectable for tests. Return NULL when unset. */
typedef const char *(*config_getenv_fn)(const char *name);

/* Loads cfg from env (values or *_FILE for secrets). On error returns -1 and writes a one-line message naming the
 * variable (never its value) into err. Strings in cfg are heap copies: free with config_free. */
int config_load(config_t *cfg, int purpose, config_getenv_fn env, char *err, size_t err_size);
void config_free(config_t *cfg);
/* A secret file's contents without trailing newlines (at most 64 KiB), or NULL. Caller frees. */
char *config_read_secret_file(const char *path);
/* Refuses any NOTEJAM_* name in environ_list (NAME=value strings, NULL-terminated) that the table does not hold, so a
 * misspelt or removed variable cannot be silently ignored. -1 with the name (never the value) in err. */
int config_check_names(char *const *environ_list, char *err, size_t err_size);
#endif
