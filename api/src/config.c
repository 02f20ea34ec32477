#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { STR, INT, BOOL };
enum { SECRET = 1, REQ_SERVE = 2, REQ_MIGRATE = 4 };

static const struct entry {
    const char *name;
    enum kind kind;
    size_t offset;
    const char *def;
    long min, max;
    int flags;
} ENTRIES[] = {
#define S(f) STR, offsetof(config_t, f)
#define I(f) INT, offsetof(config_t, f)
#define B(f) BOOL, offsetof(config_t, f)
    {"NOTEJAM_LISTEN", S(listen), "127.0.0.1:8080", 0, 0, 0},
    {"NOTEJAM_DATABASE_URL", S(database_url), NULL, 0, 0, SECRET | REQ_SERVE | REQ_MIGRATE},
    {"NOTEJAM_REDIS_URL", S(redis_url), NULL, 0, 0, SECRET | REQ_SERVE},
    {"NOTEJAM_JWT_KEYS", S(jwt_keys), NULL, 0, 0, SECRET | REQ_SERVE},
    {"NOTEJAM_JWT_ISSUER", S(jwt_issuer), "notejam", 0, 0, 0},
    {"NOTEJAM_JWT_AUDIENCE", S(jwt_audience), "notejam-api", 0, 0, 0},
    {"NOTEJAM_ACCESS_TTL", I(access_ttl), "900", 1, 86400, 0},
    {"NOTEJAM_JWT_LEEWAY", I(jwt_leeway), "30", 0, 300, 0},
    {"NOTEJAM_REFRESH_TTL", I(refresh_ttl), "1209600", 60, 31536000, 0},
    {"NOTEJAM_SESSION_MAX_AGE", I(session_max_age), "2592000", 60, 31536000, 0},
    {"NOTEJAM_CORS_ORIGINS", S(cors_origins), "", 0, 0, 0},
    {"NOTEJAM_COOKIE_SECURE", B(cookie_secure), "true", 0, 0, 0},
    {"NOTEJAM_PUBLIC_URL", S(public_url), "http://127.0.0.1:8080", 0, 0, 0},
    {"NOTEJAM_MAIL_DIR", S(mail_dir), "", 0, 0, 0},
    {"NOTEJAM_SMTP_URL", S(smtp_url), "", 0, 0, SECRET},
    {"NOTEJAM_MAIL_FROM", S(mail_from), "Notejam <no-reply@notejam.local>", 0, 0, 0},
    {"NOTEJAM_WEB_ROOT", S(web_root), "", 0, 0, 0},
    {"NOTEJAM_DOCS_ROOT", S(docs_root), "", 0, 0, 0},
    {"NOTEJAM_MIGRATIONS_DIR", S(migrations_dir), "/usr/share/notejam/migrations", 0, 0, 0},
    {"NOTEJAM_THREADS", I(threads), "300", 4, 4096, 0},
    {"NOTEJAM_DB_POOL_SIZE", I(db_pool_size), "8", 1, 256, 0},
    {"NOTEJAM_REDIS_POOL_SIZE", I(redis_pool_size), "8", 1, 256, 0},
    {"NOTEJAM_DB_TIMEOUT_MS", I(db_timeout_ms), "2000", 50, 60000, 0},
    {"NOTEJAM_REDIS_TIMEOUT_MS", I(redis_timeout_ms), "500", 10, 60000, 0},
    {"NOTEJAM_HASH_CONCURRENCY", I(hash_concurrency), "2", 1, 64, 0},
    {"NOTEJAM_RATE_LIMIT", I(rate_limit), "10", 1, 1000000, 0},
    {"NOTEJAM_RATE_WINDOW", I(rate_window), "60", 1, 86400, 0},
    {"NOTEJAM_TRUSTED_PROXIES", I(trusted_proxies), "0", 0, 5, 0},
    {"NOTEJAM_MAX_BODY", I(max_body), "262144", 1024, 16777216, 0},
    {"NOTEJAM_SHUTDOWN_GRACE", I(shutdown_grace), "20", 0, 3600, 0},
    {"NOTEJAM_LOG_LEVEL", S(log_level), "info", 0, 0, 0},
    {"NOTEJAM_METRICS_LISTEN", S(metrics_listen), "", 0, 0, 0},
    {"NOTEJAM_KEEPALIVE_TIMEOUT_MS", I(keepalive_timeout_ms), "65000", 1000, 3600000, 0},
    {"NOTEJAM_HEADER_TIMEOUT_MS", I(header_timeout_ms), "5000", 100, 600000, 0},
    {"NOTEJAM_MAX_CLIENT_CONNECTIONS", I(max_client_connections), "64", 0, 100000, 0},
#undef S
#undef I
#undef B
};

/* Reads a whole small file, strips trailing newlines. Caller frees. */
char *config_read_secret_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *data = malloc(65537);
    size_t n = data ? fread(data, 1, 65536, f) : 0;
    int too_big = data && fgetc(f) != EOF;
    fclose(f);
    if (!data || too_big) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
        data[--n] = '\0';
    return data;
}

static int parse_bool(const char *s, int *out) {
    if (!strcmp(s, "true") || !strcmp(s, "1") || !strcmp(s, "yes"))
        *out = 1;
    else if (!strcmp(s, "false") || !strcmp(s, "0") || !strcmp(s, "no"))
        *out = 0;
    else
        return -1;
    return 0;
}

static int parse_long(const char *s, long min, long max, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max) return -1;
    *out = v;
    return 0;
}

int config_load(config_t *cfg, int purpose, config_getenv_fn env, char *err, size_t err_size) {
    memset(cfg, 0, sizeof(*cfg));
    for (size_t i = 0; i < sizeof ENTRIES / sizeof ENTRIES[0]; i++) {
        const struct entry *e = &ENTRIES[i];
        char *owned = NULL;
        const char *val = env(e->name);
        if (e->flags & SECRET) {
            char file_var[64];
            snprintf(file_var, sizeof file_var, "%s_FILE", e->name);
            const char *path = env(file_var);
            if (path && *path) {
                if (val) {
                    snprintf(err, err_size, "%s and %s are both set; use one", e->name, file_var);
                    goto fail;
                }
                owned = config_read_secret_file(path);
                if (owned && e->offset == offsetof(config_t, database_url)) cfg->database_url_file = strdup(path);
                if (!owned) {
                    snprintf(err, err_size, "%s: cannot read the file it names", file_var);
                    goto fail;
                }
                val = owned;
            }
        }
        int required = ((purpose & CONFIG_FOR_SERVE) && (e->flags & REQ_SERVE)) ||
                       ((purpose & CONFIG_FOR_MIGRATE) && (e->flags & REQ_MIGRATE));
        if (!val || (!*val && required)) {
            if (required) {
                snprintf(err, err_size, "%s is required but not set", e->name);
                goto fail;
            }
            val = e->def ? e->def : "";
        }
        void *field = (char *)cfg + e->offset;
        int bad = 0;
        switch (e->kind) {
        case STR: *(char **)field = strdup(val); break;
        case INT: bad = parse_long(val, e->min, e->max, (long *)field); break;
        case BOOL: bad = parse_bool(val, (int *)field); break;
        }
        free(owned);
        if (bad) {
            if (e->kind == INT)
                snprintf(err, err_size, "%s must be an integer from %ld to %ld", e->name, e->min, e->max);
            else
                snprintf(err, err_size, "%s must be true or false", e->name);
            goto fail;
        }
    }
    if (strcmp(cfg->log_level, "debug") && strcmp(cfg->log_level, "info") && strcmp(cfg->log_level, "warn") &&
        strcmp(cfg->log_level, "error")) {
        snprintf(err, err_size, "NOTEJAM_LOG_LEVEL must be one of debug, info, warn, error");
        goto fail;
    }
    if (!strchr(cfg->listen, ':')) {
        snprintf(err, err_size, "NOTEJAM_LISTEN must be address:port");
        goto fail;
    }
    if (*cfg->metrics_listen && (!strchr(cfg->metrics_listen, ':') || strchr(cfg->metrics_listen, ','))) {
        snprintf(err, err_size, "NOTEJAM_METRICS_LISTEN must be address:port");
        goto fail;
    }
    if (cfg->database_url && *cfg->database_url && strncmp(cfg->database_url, "postgres", 8) != 0) {
        snprintf(err, err_size, "NOTEJAM_DATABASE_URL must be a postgresql:// URL");
        goto fail;
    }
    if (cfg->redis_url && *cfg->redis_url && strncmp(cfg->redis_url, "redis://", 8) != 0) {
        snprintf(err, err_size, "NOTEJAM_REDIS_URL must be a redis:// URL");
        goto fail;
    }
    return 0;
fail:
    config_free(cfg);
    return -1;
}

/* 1 when name (up to len bytes) is a variable of the table, or the _FILE form of a secret one. */
static int known_name(const char *name, size_t len) {
    for (size_t i = 0; i < sizeof ENTRIES / sizeof ENTRIES[0]; i++) {
        size_t n = strlen(ENTRIES[i].name);
        if (strncmp(name, ENTRIES[i].name, n) != 0) continue;
        if (len == n) return 1;
        if ((ENTRIES[i].flags & SECRET) && len == n + 5 && !strncmp(name + n, "_FILE", 5)) return 1;
    }
    return 0;
}

int config_check_names(char *const *environ_list, char *err, size_t err_size) {
    for (char *const *e = environ_list; e && *e; e++) {
        if (strncmp(*e, "NOTEJAM_", 8) != 0) continue;
        const char *eq = strchr(*e, '=');
        size_t len = eq ? (size_t)(eq - *e) : strlen(*e);
        if (known_name(*e, len)) continue;
        snprintf(err, err_size, "%.*s is not a variable notejam reads (misspelt or removed?)", len > 64 ? 64 : (int)len,
                 *e);
        return -1;
    }
    return 0;
}

void config_free(config_t *cfg) {
    free(cfg->database_url_file);
    cfg->database_url_file = NULL;
    for (size_t i = 0; i < sizeof ENTRIES / sizeof ENTRIES[0]; i++)
        if (ENTRIES[i].kind == STR) {
            char **p = (char **)((char *)cfg + ENTRIES[i].offset);
            free(*p);
            *p = NULL;
        }
}
