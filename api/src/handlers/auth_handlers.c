/* The auth endpoints (sign-up, sign-in, refresh, sign-out, password reset) and the account ones (me, password). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "auth/ratelimit.h"
#include "handlers/handlers.h"
#include "handlers/respond.h"
#include "http/fields.h"
#include "http/validate.h"
#include "ops/log.h"
#include "ops/metrics.h"
#include "services/auth_service.h"
#include "util/json_out.h"

#define COOKIE_NAME "notejam_refresh"

static void cookie_header(char *out, size_t size, const char *token, long max_age) {
    snprintf(out, size,
             "Set-Cookie: " COOKIE_NAME "=%s; Path=/api/v1/auth; Max-Age=%ld; HttpOnly; SameSite=Strict%s\r\n", token,
             max_age, g_app.cfg.cookie_secure ? "; Secure" : "");
}

/* The tokens as JSON and the refresh cookie. with_refresh: also the refresh token in the body (not when the
 * request came with the cookie: page script must not read what the HttpOnly cookie hides). */
static void send_tokens(req_t *r, int status, const auth_tokens_t *t, int with_refresh) {
    buf_t b;
    buf_init(&b, 4096);
    buf_puts(&b, "{\"access_token\":");
    json_str(&b, t->access_token);
    buf_printf(&b, ",\"token_type\":\"Bearer\",\"expires_in\":%ld", g_app.cfg.access_ttl);
    if (with_refresh) {
        buf_puts(&b, ",\"refresh_token\":");
        json_str(&b, t->session.token);
    }
    buf_printf(&b, ",\"user\":");
    write_user(&b, &t->user);
    buf_putc(&b, '}');
    char extra[512];
    cookie_header(extra, sizeof extra, t->session.token, g_app.cfg.refresh_ttl);
    if (status == 201) strncat(extra, "Location: /api/v1/me\r\n", sizeof extra - strlen(extra) - 1);
    resp_json(r, status, &b, extra);
    buf_free(&b);
}

static void clear_cookie(char *out, size_t size) { cookie_header(out, size, "", 0); }

static void answer_limited(req_t *r, int retry) {
    char extra[64];
    snprintf(extra, sizeof extra, "Retry-After: %d\r\n", retry);
    metrics_auth(AUTH_RATE_LIMITED);
    log_security("rate_limited", 0, r->ip, r->request_id);
    resp_problem(r, 429, "Too many attempts. Try again later.", NULL, extra);
}

/* The per-client limit of scope; every answer of the endpoint then carries the RateLimit headers. Per-account
 * limits live in the service, keyed on the database's normalised email. Returns 0, or answers and returns -1. */
static int rate_limited(req_t *r, const char *scope) {
    int limit = (int)g_app.cfg.rate_limit, window = (int)g_app.cfg.rate_window;
    rl_state_t st;
    rl_result_t a = ratelimit_hit(scope, r->ip, limit, window, &st);
    if (a == RL_UNAVAILABLE) {
        respond_unavailable(r, "The session store is unavailable.");
        return -1;
    }
    ratelimit_headers("client", limit, window, &st, r->rate_headers, sizeof r->rate_headers);
    if (a == RL_LIMITED) {
        answer_limited(r, st.reset);
        return -1;
    }
    return 0;
}

/* Reads {"email","password"}; answers 422 and returns -1 when invalid. check_password applies sign-up rules. */
static int read_credentials(req_t *r, const char **email, const char **password, int check_rules) {
    static const char *const allowed[] = {"email", "password", NULL};
    field_errors_t errs = {0};
    if (!require_body(r, allowed, &errs)) return -1;
    *email = field_string(r->json, "email", 1, &errs);
    *password = field_string(r->json, "password", 1, &errs);
    if (*email && check_rules) {
        const char *m = validate_email(*email);
        if (m) field_errors_add(&errs, "email", m);
    }
    if (*password && check_rules) {
        const char *m = validate_password(*password);
        if (m) field_errors_add(&errs, "password", m);
    }
    if (*email && !check_rules && strlen(*email) > EMAIL_MAX_BYTES) field_errors_add(&errs, "email", "is too long");
    if (*password && !check_rules && utf8_chars(*password) > PASSWORD_MAX)
        field_errors_add(&errs, "password", "must be at most " LIMIT_STR(PASSWORD_MAX) " characters");
    return respond_invalid(r, &errs) ? -1 : 0;
}

static void h_signup(req_t *r) {
    const char *email, *password;
    if (read_credentials(r, &email, &password, 1) < 0 || rate_limited(r, "signup") < 0) return;
    auth_tokens_t t = {0};
    as_result_t res = auth_signup(email, password, &t);
    if (res == AS_OK) {
        r->user_id = t.user.id;
        send_tokens(r, 201, &t, 1);
    } else if (res == AS_EMAIL_TAKEN) {
        field_errors_t errs = {0};
        field_errors_add(&errs, "email", "is already registered");
        resp_problem(r, 422, "The account could not be created.", &errs, NULL);
    } else {
        respond_service_error(r, res);
    }
    auth_tokens_free(&t);
}

static void h_signin(req_t *r) {
    const char *email, *password;
    if (read_credentials(r, &email, &password, 0) < 0 || rate_limited(r, "signin") < 0) return;
    auth_tokens_t t = {0};
    int retry = 1;
    as_result_t res = auth_signin(email, password, r->ip, &t, &retry);
    if (res == AS_OK) {
        r->user_id = t.user.id;
        send_tokens(r, 200, &t, 1);
    } else if (res == AS_LIMITED) {
        answer_limited(r, retry);
    } else if (res == AS_BAD_CREDENTIALS) {
        log_security("signin_failure", 0, r->ip, r->request_id);
        resp_problem(r, 401, "Wrong email or password.", NULL, NULL);
    } else {
        respond_service_error(r, res);
    }
    auth_tokens_free(&t);
}

/* The refresh token from {"refresh_token"} or, with no body, the cookie (*from_cookie = 1). Returns NULL after
 * answering. */
static const char *refresh_token_of(req_t *r, char *cookie_buf, size_t size, int *from_cookie) {
    static const char *const allowed[] = {"refresh_token", NULL};
    field_errors_t errs = {0};
    if (r->json) {
        int rc = fields_check(r->json, allowed, &errs);
        if (rc < 0) {
            resp_problem(r, 400, fields_check_detail(rc), NULL, NULL);
            return NULL;
        }
        const char *t = field_string(r->json, "refresh_token", 0, &errs);
        if (respond_invalid(r, &errs)) return NULL;
        if (t) return t;
    }
    const char *cookies = req_header(r, "Cookie");
    if (cookies && mg_get_cookie(cookies, COOKIE_NAME, cookie_buf, size) > 0) {
        *from_cookie = 1;
        return cookie_buf;
    }
    field_errors_add(&errs, "refresh_token", "is required (in the body or the cookie)");
    respond_invalid(r, &errs);
    return NULL;
}

static void h_refresh(req_t *r) {
    char cookie[128];
    int from_cookie = 0;
    const char *token = refresh_token_of(r, cookie, sizeof cookie, &from_cookie);
    if (!token) return;
    auth_tokens_t t = {0};
    as_result_t res = auth_refresh(token, &t);
    char extra[512];
    clear_cookie(extra, sizeof extra);
    if (res == AS_OK) {
        r->user_id = t.user.id;
        send_tokens(r, 200, &t, !from_cookie);
    } else if (res == AS_SESSION_REUSED) {
        log_security("refresh_reuse", t.user.id, r->ip, r->request_id);
        resp_problem(r, 401, "The session was revoked.", NULL, extra);
    } else if (res == AS_SESSION_INVALID) {
        resp_problem(r, 401, "The refresh token is not valid.", NULL, extra);
    } else {
        respond_service_error(r, res);
    }
    auth_tokens_free(&t);
}

static void h_signout(req_t *r) {
    char cookie[128];
    int from_cookie = 0;
    const char *token = refresh_token_of(r, cookie, sizeof cookie, &from_cookie);
    if (!token) return;
    as_result_t res = auth_signout(token);
    char extra[512];
    clear_cookie(extra, sizeof extra);
    if (res == AS_OK)
        resp_no_content(r, extra);
    else
        respond_service_error(r, res);
}

static void h_forgot(req_t *r) {
    static const char *const allowed[] = {"email", NULL};
    field_errors_t errs = {0};
    if (!require_body(r, allowed, &errs)) return;
    const char *email = field_string(r->json, "email", 1, &errs);
    if (email && validate_email(email)) field_errors_add(&errs, "email", validate_email(email));
    if (respond_invalid(r, &errs) || rate_limited(r, "forgot") < 0) return;
    int retry = 1;
    as_result_t res = auth_forgot(email, &retry);
    if (res == AS_LIMITED) {
        answer_limited(r, retry);
        return;
    }
    if (res != AS_OK) {
        respond_service_error(r, res);
        return;
    }
    static const char body[] = "{\"status\":\"accepted\"}";
    resp_send(r, 202, "application/json", body, sizeof body - 1, NULL);
}

static void h_reset(req_t *r) {
    static const char *const allowed[] = {"token", "password", NULL};
    field_errors_t errs = {0};
    if (!require_body(r, allowed, &errs)) return;
    const char *token = field_string(r->json, "token", 1, &errs);
    const char *password = field_string(r->json, "password", 1, &errs);
    if (password && validate_password(password)) field_errors_add(&errs, "password", validate_password(password));
    if (token && strlen(token) != TOKEN_CHARS) field_errors_add(&errs, "token", "is not valid or has expired");
    if (respond_invalid(r, &errs) || rate_limited(r, "reset") < 0) return;
    as_result_t res = auth_reset(token, password);
    if (res == AS_BAD_RESET_TOKEN) {
        field_errors_add(&errs, "token", "is not valid or has expired");
        resp_problem(r, 422, "The password could not be reset.", &errs, NULL);
    } else if (res == AS_OK) {
        resp_no_content(r, NULL);
    } else {
        respond_service_error(r, res);
    }
}

static void h_me(req_t *r) {
    user_t u;
    as_result_t res = account_get(r->user_id, &u);
    if (res == AS_NOT_FOUND) {
        resp_problem(r, 401, "The account no longer exists.", NULL,
                     "WWW-Authenticate: Bearer realm=\"notejam\", error=\"invalid_token\"\r\n");
        return;
    }
    if (res != AS_OK) {
        respond_service_error(r, res);
        return;
    }
    buf_t b;
    buf_init(&b, 1024);
    write_user(&b, &u);
    resp_json(r, 200, &b, NULL);
    buf_free(&b);
}

static void h_me_password(req_t *r) {
    static const char *const allowed[] = {"current_password", "new_password", NULL};
    field_errors_t errs = {0};
    if (!require_body(r, allowed, &errs)) return;
    const char *current = field_string(r->json, "current_password", 1, &errs);
    const char *next = field_string(r->json, "new_password", 1, &errs);
    if (next && validate_password(next)) field_errors_add(&errs, "new_password", validate_password(next));
    if (respond_invalid(r, &errs)) return;
    auth_tokens_t t = {0};
    as_result_t res = account_change_password(r->user_id, current, next, &t);
    if (res == AS_OK) {
        send_tokens(r, 200, &t, 1);
    } else if (res == AS_BAD_CREDENTIALS) {
        field_errors_add(&errs, "current_password", "is not correct");
        resp_problem(r, 422, "The password was not changed.", &errs, NULL);
    } else if (res == AS_NOT_FOUND) {
        resp_problem(r, 401, "The account no longer exists.", NULL,
                     "WWW-Authenticate: Bearer realm=\"notejam\", error=\"invalid_token\"\r\n");
    } else {
        respond_service_error(r, res);
    }
    auth_tokens_free(&t);
}

static void h_me_delete(req_t *r) {
    static const char *const allowed[] = {"password", NULL};
    field_errors_t errs = {0};
    if (!require_body(r, allowed, &errs)) return;
    const char *password = field_string(r->json, "password", 1, &errs);
    if (respond_invalid(r, &errs)) return;
    as_result_t res = account_delete(r->user_id, password);
    if (res == AS_OK) {
        char extra[512];
        clear_cookie(extra, sizeof extra);
        resp_no_content(r, extra);
    } else if (res == AS_BAD_CREDENTIALS) {
        field_errors_add(&errs, "password", "is not correct");
        resp_problem(r, 422, "The account was not deleted.", &errs, NULL);
    } else if (res == AS_NOT_FOUND) {
        resp_problem(r, 401, "The account no longer exists.", NULL,
                     "WWW-Authenticate: Bearer realm=\"notejam\", error=\"invalid_token\"\r\n");
    } else {
        respond_service_error(r, res);
    }
}

const route_def_t AUTH_ROUTES[] = {
    {M_POST, "/api/v1/auth/signup", h_signup, ROUTE_PUBLIC, 0},
    {M_POST, "/api/v1/auth/signin", h_signin, ROUTE_PUBLIC, 0},
    {M_POST, "/api/v1/auth/refresh", h_refresh, ROUTE_PUBLIC, 0},
    {M_POST, "/api/v1/auth/signout", h_signout, ROUTE_PUBLIC, 0},
    {M_POST, "/api/v1/auth/forgot-password", h_forgot, ROUTE_PUBLIC, 0},
    {M_POST, "/api/v1/auth/reset-password", h_reset, ROUTE_PUBLIC, 0},
    {M_GET, "/api/v1/me", h_me, ROUTE_AUTH, 0},
    {M_DELETE, "/api/v1/me", h_me_delete, ROUTE_AUTH, 0},
    {M_PUT, "/api/v1/me/password", h_me_password, ROUTE_AUTH, 0},
    {0},
};
