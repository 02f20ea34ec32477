/* notejam: serve | migrate | healthcheck | check-config | version. Exit codes: 0 ok, 1 runtime failure, 2 bad
 * configuration. */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "app.h"
#include "auth/password.h"
#include "auth/sessions.h"
#include "http/server.h"
#include "ops/log.h"
#include "ops/mailer.h"
#include "ops/metrics.h"
#include "ops/migrate.h"
#include "store/db.h"
#include "store/redis_pool.h"
#include "store/statements.h"

extern char **environ;

static const char *real_getenv(const char *name) { return getenv(name); }

static int load_config(int purpose) {
    char err[256];
    if (config_check_names(environ, err, sizeof err) < 0 ||
        config_load(&g_app.cfg, purpose, real_getenv, err, sizeof err) < 0) {
        fprintf(stderr, "notejam: configuration error: %s\n", err);
        return -1;
    }
    log_set_level(g_app.cfg.log_level);
    return 0;
}

/* GET /healthz on our own port: lets a container HEALTHCHECK run without curl in the image. */
static int healthcheck(void) {
    if (load_config(CONFIG_FOR_HEALTHCHECK) < 0) return 2;
    const char *colon = strrchr(g_app.cfg.listen, ':');
    int port = (int)strtol(colon + 1, NULL, 10);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct timeval tv = {3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    char resp[64] = "";
    static const char req[] = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    int ok = fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
             write(fd, req, sizeof req - 1) == (ssize_t)(sizeof req - 1) && read(fd, resp, sizeof resp - 1) > 12 &&
             strncmp(resp + 9, "200", 3) == 0;
    if (fd >= 0) close(fd);
    return ok ? 0 : 1;
}

static int setup_keys(void) {
    const char *why = NULL;
    if (jwt_ring_parse(g_app.cfg.jwt_keys, &g_app.ring, &why) < 0) {
        fprintf(stderr, "notejam: configuration error: NOTEJAM_JWT_KEYS: %s\n", why);
        return -1;
    }
    g_app.policy.issuer = g_app.cfg.jwt_issuer;
    g_app.policy.audience = g_app.cfg.jwt_audience;
    g_app.policy.leeway_s = g_app.cfg.jwt_leeway;
    if (cursor_keys_derive(&g_app.ring, &g_app.cursor_keys) < 0) {
        fprintf(stderr, "notejam: cannot derive the cursor keys\n");
        return -1;
    }
    return 0;
}

/* Everything `serve` (or `migrate`) checks before it connects anywhere: validates an environment offline. */
static int check_config(const char *command) {
    int migrate = command && !strcmp(command, "migrate");
    if (command && !migrate && strcmp(command, "serve")) {
        fprintf(stderr, "usage: notejam check-config [serve|migrate]\n");
        return 2;
    }
    if (load_config(migrate ? CONFIG_FOR_MIGRATE : CONFIG_FOR_SERVE) < 0) return 2;
    if (migrate) {
        printf("configuration ok\n");
        return 0;
    }
    if (setup_keys() < 0) return 2;
    char host[256], user[128], pw[512];
    int port, db;
    if (rds_parse_url(g_app.cfg.redis_url, host, sizeof host, &port, user, sizeof user, pw, sizeof pw, &db) < 0) {
        fprintf(stderr, "notejam: configuration error: NOTEJAM_REDIS_URL is not a valid redis:// URL\n");
        return 2;
    }
    if (mailer_configure(g_app.cfg.mail_dir, g_app.cfg.smtp_url, g_app.cfg.mail_from) < 0) {
        fprintf(stderr, "notejam: configuration error: NOTEJAM_SMTP_URL must be smtp://[user:pass@]host[:port] "
                        "or smtps://...\n");
        return 2;
    }
    printf("configuration ok\n");
    return 0;
}

static int serve(void) {
    if (load_config(CONFIG_FOR_SERVE) < 0 || setup_keys() < 0) return 2;
    const config_t *c = &g_app.cfg;
    int n_stmts = 0;
    const db_stmt_t *stmts = statements_table(&n_stmts);
    if (rds_init(c->redis_url, (int)c->redis_pool_size, (int)c->redis_timeout_ms) < 0) {
        fprintf(stderr, "notejam: configuration error: NOTEJAM_REDIS_URL is not a valid redis:// URL\n");
        return 2;
    }
    if (mailer_configure(c->mail_dir, c->smtp_url, c->mail_from) < 0) { /* never repeats the URL: it holds a password */
        fprintf(stderr, "notejam: configuration error: NOTEJAM_SMTP_URL must be smtp://[user:pass@]host[:port] "
                        "or smtps://...\n");
        return 2;
    }
    metrics_init(NOTEJAM_VERSION, NOTEJAM_COMMIT, (int)c->threads);
    metrics_set_pool_stats(db_pool_stats, rds_pool_stats);
    if (password_init((int)c->hash_concurrency, 10000) < 0 ||
        db_init(c->database_url, c->database_url_file, (int)c->db_pool_size, (int)c->db_timeout_ms, stmts, n_stmts) <
            0 ||
        mailer_start() < 0) {
        log_msg(LOG_ERROR, "start-up failed", NULL);
        return 1;
    }
    sessions_configure(c->refresh_ttl, c->session_max_age);

    /* every thread inherits this mask; only the main thread takes SIGTERM/SIGINT, with sigwait */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (server_start() < 0) {
        log_msg(LOG_ERROR, "cannot listen", c->listen);
        return 1;
    }
    metrics_set_ready(1);
    log_msg(LOG_INFO, "listening", c->listen);
    int sig = 0;
    sigwait(&set, &sig);
    log_msg(LOG_INFO, "draining", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    server_drain_and_stop((int)c->shutdown_grace);
    mailer_stop();
    db_shutdown();
    rds_shutdown();
    log_msg(LOG_INFO, "stopped", NULL);
    config_free(&g_app.cfg);
    return 0;
}

int main(int argc, char **argv) {
    const char *cmd = argc > 1 ? argv[1] : "serve";
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("notejam %s (commit %s, built %s)\n", NOTEJAM_VERSION, NOTEJAM_COMMIT, NOTEJAM_BUILD_TIME);
        return 0;
    }
    if (!strcmp(cmd, "healthcheck")) return healthcheck();
    if (!strcmp(cmd, "migrate")) {
        if (load_config(CONFIG_FOR_MIGRATE) < 0) return 2;
        return migrate_run(g_app.cfg.database_url, g_app.cfg.migrations_dir) == 0 ? 0 : 1;
    }
    if (!strcmp(cmd, "check-config")) return check_config(argc > 2 ? argv[2] : NULL);
    if (!strcmp(cmd, "serve")) return serve();
    fprintf(stderr, "usage: notejam [serve|migrate|healthcheck|check-config|version]\n");
    return 2;
}
