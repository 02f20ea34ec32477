#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "http/validate.h"

static const char *vars[32][2];
static int n_vars;
static void set(const char *k, const char *v) {
    vars[n_vars][0] = k;
    vars[n_vars][1] = v;
    n_vars++;
}
static const char *fake_env(const char *name) {
    for (int i = 0; i < n_vars; i++)
        if (!strcmp(vars[i][0], name)) return vars[i][1];
    return NULL;
}
static void base(void) {
    n_vars = 0;
    set("NOTEJAM_DATABASE_URL", "postgresql://u:secretpw@db/notejam");
    set("NOTEJAM_REDIS_URL", "redis://cache:6379/0");
    set("NOTEJAM_JWT_KEYS", "k1:c2VjcmV0");
}

TestSuite(config, .init = base);

Test(config, defaults_apply) {
    config_t c;
    char err[256];
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(c.listen, "127.0.0.1:8080");
    cr_assert_eq(c.access_ttl, 900);
    cr_assert_geq(c.max_body, NOTE_BODY_MAX_BYTES, "the body cap fits the largest valid note (validate.h)");
    cr_assert_eq(c.cookie_secure, 1);
    config_free(&c);
}

Test(config, missing_required_variable_is_named) {
    n_vars = 0;
    set("NOTEJAM_DATABASE_URL", "postgresql://x");
    config_t c;
    char err[256];
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), -1);
    cr_assert(strstr(err, "NOTEJAM_REDIS_URL"), "%s", err);
    cr_assert_eq(config_load(&c, CONFIG_FOR_MIGRATE, fake_env, err, sizeof err), 0, "migrate needs only the DB");
    config_free(&c);
}

Test(config, bad_values_named_without_the_value) {
    config_t c;
    char err[256];
    set("NOTEJAM_ACCESS_TTL", "0");
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), -1);
    cr_assert(strstr(err, "NOTEJAM_ACCESS_TTL"), "%s", err);
    base();
    set("NOTEJAM_COOKIE_SECURE", "maybe");
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), -1);
    cr_assert(strstr(err, "NOTEJAM_COOKIE_SECURE"), "%s", err);
    base();
    vars[0][1] = "mysql://u:secretpw@db";
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), -1);
    cr_assert(strstr(err, "NOTEJAM_DATABASE_URL"), "%s", err);
    cr_assert_null(strstr(err, "secretpw"), "never echo a secret");
}

Test(config, secrets_from_files) {
    char path[] = "/tmp/notejam-unit-secretXXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("redis://:pw@cache:6380/1\n", f);
    fclose(f);
    n_vars = 0;
    set("NOTEJAM_DATABASE_URL", "postgresql://x");
    set("NOTEJAM_JWT_KEYS", "k1:c2VjcmV0");
    set("NOTEJAM_REDIS_URL_FILE", path);
    config_t c;
    char err[256];
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(c.redis_url, "redis://:pw@cache:6380/1");
    config_free(&c);
    set("NOTEJAM_REDIS_URL", "redis://other");
    cr_assert_eq(config_load(&c, CONFIG_FOR_SERVE, fake_env, err, sizeof err), -1, "value and file together");
    unlink(path);
    n_vars = 0;
    set("NOTEJAM_DATABASE_URL_FILE", "/nonexistent/secret");
    cr_assert_eq(config_load(&c, CONFIG_FOR_MIGRATE, fake_env, err, sizeof err), -1);
    cr_assert(strstr(err, "NOTEJAM_DATABASE_URL_FILE"), "%s", err);
}

Test(config, unknown_notejam_variable_is_refused_by_name_only) {
    char err[256];
    char *ok[] = {"PATH=/bin", "NOTEJAM_LISTEN=0.0.0.0:1", "NOTEJAM_DATABASE_URL_FILE=/run/x",
                  "NOTEJAM_TRUSTED_PROXIES=2", NULL};
    cr_assert_eq(config_check_names(ok, err, sizeof err), 0, "%s", err);
    char *typo[] = {"PATH=/bin", "NOTEJAM_TRUST_PROXY=hunter2secret", NULL};
    cr_assert_eq(config_check_names(typo, err, sizeof err), -1);
    cr_assert(strstr(err, "NOTEJAM_TRUST_PROXY"), "%s", err);
    cr_assert_null(strstr(err, "hunter2secret"), "%s", err);
    char *not_secret_file[] = {"NOTEJAM_LISTEN_FILE=/x", NULL}; /* only secrets have a _FILE form */
    cr_assert_eq(config_check_names(not_secret_file, err, sizeof err), -1);
    char *prefix_only[] = {"NOTEJAM_LIST=x", NULL};
    cr_assert_eq(config_check_names(prefix_only, err, sizeof err), -1);
}
