#include "services/auth_service.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "app.h"
#include "auth/password.h"
#include "auth/ratelimit.h"
#include "ops/log.h"
#include "ops/mailer.h"
#include "ops/metrics.h"
#include "store/columns.h"
#include "store/statements.h"

void auth_tokens_free(auth_tokens_t *t) {
    free(t->access_token);
    t->access_token = NULL;
}

static as_result_t from_db(db_status_t s) { return s == DB_UNAVAILABLE ? AS_UNAVAILABLE : AS_ERROR; }
static as_result_t from_pw(pw_result_t p) { return p == PW_BUSY ? AS_UNAVAILABLE : AS_ERROR; }

/* Reads row 0 (USER_COLS) into u and hash (may be NULL). */
static void read_user(PGresult *res, user_t *u, char *hash) {
    u->id = strtoll(PQgetvalue(res, 0, USER_ID), NULL, 10);
    snprintf(u->email, sizeof u->email, "%s", PQgetvalue(res, 0, USER_EMAIL));
    if (hash) snprintf(hash, PASSWORD_HASH_MAX, "%s", PQgetvalue(res, 0, USER_PASSWORD_HASH));
    u->created_us = strtoll(PQgetvalue(res, 0, USER_CREATED_US), NULL, 10);
}

/* One-statement lookup of a user; *found says whether one came back. With SQL_USER_BY_EMAIL, norm (may be NULL,
 * EMAIL_KEY_MAX bytes) gets the database's lower() of the email: the identity per-account limits count. */
static as_result_t find_user(int stmt, const char *key, user_t *u, char *hash, int *found, char *norm) {
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    PGresult *res = NULL;
    const char *params[] = {key};
    db_status_t s = db_exec(c, stmt, 1, params, &res);
    db_release(c);
    if (s != DB_OK) return from_db(s);
    *found = PQntuples(res) > 0 && !PQgetisnull(res, 0, USER_ID);
    if (*found) read_user(res, u, hash);
    if (norm && PQntuples(res) > 0) snprintf(norm, EMAIL_KEY_MAX, "%s", PQgetvalue(res, 0, USER_EMAIL_KEY));
    PQclear(res);
    return AS_OK;
}

static as_result_t issue_tokens(const user_t *u, auth_tokens_t *out) {
    memset(out, 0, sizeof(*out));
    out->user = *u;
    ses_result_t s = session_create(u->id, &out->session);
    if (s != SES_OK) return AS_UNAVAILABLE;
    out->access_token = jwt_issue_access(&g_app.ring, &g_app.policy, u->id, out->session.sid, (int64_t)time(NULL),
                                         g_app.cfg.access_ttl);
    return out->access_token ? AS_OK : AS_ERROR;
}

as_result_t auth_signup(const char *email, const char *password, auth_tokens_t *out) {
    char hash[PASSWORD_HASH_MAX];
    pw_result_t p = password_hash(password, hash);
    if (p != PW_OK) return from_pw(p);
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    PGresult *res = NULL;
    const char *params[] = {email, hash};
    db_status_t s = db_exec(c, SQL_USER_INSERT, 2, params, &res);
    db_release(c);
    if (s == DB_UNIQUE_VIOLATION) return AS_EMAIL_TAKEN;
    if (s != DB_OK) return from_db(s);
    user_t u;
    read_user(res, &u, NULL);
    PQclear(res);
    metrics_auth(AUTH_SIGNUP);
    return issue_tokens(&u, out);
}

as_result_t auth_signin(const char *email, const char *password, const char *client, auth_tokens_t *out,
                        int *retry_after) {
    user_t u;
    char hash[PASSWORD_HASH_MAX], norm[EMAIL_KEY_MAX];
    int found = 0;
    as_result_t r = find_user(SQL_USER_BY_EMAIL, email, &u, hash, &found, norm);
    if (r != AS_OK) return r;
    const config_t *cfg = &g_app.cfg;
    int limit = (int)cfg->rate_limit, window = (int)cfg->rate_window, backoff = window / limit > 0 ? window / limit : 1;
    rl_result_t rl = ratelimit_admit("signin", norm, client, limit, window, backoff, retry_after);
    if (rl == RL_UNAVAILABLE) return AS_UNAVAILABLE;
    if (rl == RL_LIMITED) return AS_LIMITED;
    /* unknown emails are verified against a dummy hash so both failures take the same time */
    pw_result_t p = password_verify(found ? hash : NULL, password);
    if (p == PW_MISMATCH) {
        ratelimit_fail("signin", norm, window);
        metrics_auth(AUTH_SIGNIN_FAILURE);
        return AS_BAD_CREDENTIALS;
    }
    if (p != PW_OK) return from_pw(p);
    metrics_auth(AUTH_SIGNIN_SUCCESS);
    return issue_tokens(&u, out);
}

as_result_t auth_refresh(const char *refresh_token, auth_tokens_t *out) {
    memset(out, 0, sizeof(*out));
    ses_result_t s = session_rotate(refresh_token, &out->session);
    if (s == SES_UNAVAILABLE) return AS_UNAVAILABLE;
    if (s == SES_REUSE) {
        metrics_auth(AUTH_REFRESH_REUSE);
        out->user.id = out->session.user_id;
        return AS_SESSION_REUSED;
    }
    if (s != SES_OK) return AS_SESSION_INVALID;
    char uid[24];
    snprintf(uid, sizeof uid, "%" PRId64, out->session.user_id);
    int found = 0;
    as_result_t r = find_user(SQL_USER_BY_ID, uid, &out->user, NULL, &found, NULL);
    if (r != AS_OK) return r;
    if (!found) return AS_SESSION_INVALID;
    out->access_token = jwt_issue_access(&g_app.ring, &g_app.policy, out->user.id, out->session.sid,
                                         (int64_t)time(NULL), g_app.cfg.access_ttl);
    metrics_auth(AUTH_REFRESH);
    return out->access_token ? AS_OK : AS_ERROR;
}

as_result_t auth_signout(const char *refresh_token) {
    int64_t uid = 0;
    ses_result_t s = session_revoke_by_token(refresh_token, &uid);
    if (s == SES_UNAVAILABLE) return AS_UNAVAILABLE;
    if (s == SES_OK) metrics_auth(AUTH_SIGNOUT);
    return AS_OK; /* signing out an unknown session is not an error: the result is the same */
}

as_result_t auth_forgot(const char *email, int *retry_after) {
    /* the same work for every email: a token, one statement (it inserts the reset only for a known account) and one
     * count; only the mail, queued for the mailer thread, differs */
    char token[TOKEN_CHARS + 1], hash[65];
    random_token(token);
    sha256_hex(token, strlen(token), hash);
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    PGresult *res = NULL;
    const char *params[] = {hash, email};
    db_status_t s = db_exec(c, SQL_RESET_INSERT, 2, params, &res);
    db_release(c);
    if (s != DB_OK) {
        PQclear(res);
        return from_db(s);
    }
    char norm[EMAIL_KEY_MAX], to[256];
    int found = !PQgetisnull(res, 0, RESET_USER_ID);
    snprintf(norm, sizeof norm, "%s", PQgetvalue(res, 0, RESET_EMAIL_KEY));
    snprintf(to, sizeof to, "%s", PQgetvalue(res, 0, RESET_USER_EMAIL));
    PQclear(res);
    rl_state_t st;
    rl_result_t rl = ratelimit_hit("forgot", norm, (int)g_app.cfg.rate_limit, (int)g_app.cfg.rate_window, &st);
    if (rl == RL_UNAVAILABLE) return AS_UNAVAILABLE;
    if (rl == RL_LIMITED) {
        *retry_after = st.reset;
        return AS_LIMITED;
    }
    if (!found) return AS_OK;
    char body[2048];
    snprintf(body, sizeof body,
             "Hello,\r\n\r\nsomeone asked to reset the password of your Notejam account.\r\n"
             "Open this link within one hour to choose a new password:\r\n\r\n%s/reset-password?token=%s\r\n\r\n"
             "If it was not you, ignore this mail: your password stays as it is.\r\n",
             g_app.cfg.public_url, token);
    if (mailer_send(to, "Reset your Notejam password", body) < 0) log_msg(LOG_ERROR, "mail queue full", NULL);
    metrics_auth(AUTH_RESET_REQUESTED);
    return AS_OK;
}

/* 1 if the reset token is current (no hashing before this: a bogus token costs one indexed read). */
static as_result_t reset_token_known(const char *token_hash, int *known) {
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    PGresult *res = NULL;
    const char *params[] = {token_hash};
    db_status_t s = db_exec(c, SQL_RESET_LOOKUP, 1, params, &res);
    db_release(c);
    if (s != DB_OK) return from_db(s);
    *known = PQntuples(res) > 0;
    PQclear(res);
    return AS_OK;
}

as_result_t auth_reset(const char *token, const char *new_password) {
    char hash[65], pwhash[PASSWORD_HASH_MAX];
    sha256_hex(token, strlen(token), hash);
    int known = 0;
    as_result_t k = reset_token_known(hash, &known);
    if (k != AS_OK) return k;
    if (!known) return AS_BAD_RESET_TOKEN;
    pw_result_t p = password_hash(new_password, pwhash);
    if (p != PW_OK) return from_pw(p);
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    as_result_t r = AS_ERROR;
    PGresult *res = NULL;
    db_status_t s = db_simple(c, "BEGIN");
    if (s != DB_OK) goto fail;
    const char *p1[] = {hash};
    if ((s = db_exec(c, SQL_RESET_CONSUME, 1, p1, &res)) != DB_OK) goto fail;
    if (PQntuples(res) == 0) {
        r = AS_BAD_RESET_TOKEN;
        goto fail;
    }
    char uid[24];
    snprintf(uid, sizeof uid, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    res = NULL;
    const char *p2[] = {uid, pwhash}; /* also expires the user's other reset links */
    if ((s = db_exec(c, SQL_USER_SET_PASSWORD, 2, p2, &res)) != DB_OK) goto fail;
    PQclear(res);
    res = NULL;
    if ((s = db_simple(c, "COMMIT")) != DB_OK) goto fail;
    db_release(c);
    session_revoke_user(strtoll(uid, NULL, 10), NULL);
    metrics_auth(AUTH_PASSWORD_RESET);
    return AS_OK;
fail:
    PQclear(res);
    db_simple(c, "ROLLBACK");
    db_release(c);
    return r == AS_BAD_RESET_TOKEN ? r : from_db(s);
}

as_result_t account_get(int64_t user_id, user_t *out) {
    char uid[24];
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    int found = 0;
    as_result_t r = find_user(SQL_USER_BY_ID, uid, out, NULL, &found, NULL);
    return r != AS_OK ? r : found ? AS_OK : AS_NOT_FOUND;
}

/* Loads the user and checks the password. */
static as_result_t check_password(int64_t user_id, const char *password, user_t *u) {
    char uid[24], hash[PASSWORD_HASH_MAX];
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    int found = 0;
    as_result_t r = find_user(SQL_USER_BY_ID, uid, u, hash, &found, NULL);
    if (r != AS_OK) return r;
    if (!found) return AS_NOT_FOUND;
    pw_result_t p = password_verify(hash, password);
    return p == PW_OK ? AS_OK : p == PW_MISMATCH ? AS_BAD_CREDENTIALS : from_pw(p);
}

as_result_t account_change_password(int64_t user_id, const char *current, const char *new_password,
                                    auth_tokens_t *out) {
    user_t u;
    as_result_t r = check_password(user_id, current, &u);
    if (r != AS_OK) return r;
    char hash[PASSWORD_HASH_MAX], uid[24];
    pw_result_t p = password_hash(new_password, hash);
    if (p != PW_OK) return from_pw(p);
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    PGresult *res = NULL;
    const char *params[] = {uid, hash};
    db_status_t s = db_exec(c, SQL_USER_SET_PASSWORD, 2, params, &res); /* expires reset links too */
    db_release(c);
    PQclear(res);
    if (s != DB_OK) return from_db(s);
    session_revoke_user(user_id, NULL);
    metrics_auth(AUTH_PASSWORD_CHANGED);
    return issue_tokens(&u, out);
}

as_result_t account_delete(int64_t user_id, const char *password) {
    user_t u;
    as_result_t r = check_password(user_id, password, &u);
    if (r != AS_OK) return r;
    char uid[24];
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    db_conn_t *c = db_acquire();
    if (!c) return AS_UNAVAILABLE;
    PGresult *res = NULL;
    const char *params[] = {uid};
    db_status_t s = db_exec(c, SQL_USER_DELETE, 1, params, &res); /* pads and notes go by ON DELETE CASCADE */
    db_release(c);
    PQclear(res);
    if (s != DB_OK) return from_db(s);
    session_revoke_user(user_id, NULL);
    metrics_auth(AUTH_ACCOUNT_DELETED);
    return AS_OK;
}
