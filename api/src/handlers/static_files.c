/* The SPA's files from NOTEJAM_WEB_ROOT, with history fallback to index.html. civetweb's document_root is not used
 * (CVE-2025-55763); paths are checked here and resolved with realpath inside the root. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "app.h"
#include "handlers/handlers.h"

#define STATIC_MAX_BYTES (16 << 20)

/* The same security headers as the nginx image (docker/web/security-headers.conf; tests/api/spa-headers.test.mjs
 * compares the two). X-Content-Type-Options comes with every response (response.c). */
static const char SECURITY_HEADERS[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Frame-Options: DENY\r\nReferrer-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Strict-Transport-Security: max-age=31536000\r\n";

static const char *mime(const char *path) {
    const char *dot = strrchr(path, '.');
    static const struct {
        const char *ext, *type;
    } T[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".webmanifest", "application/manifest+json"},
        {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"},
        {".map", "application/json"},
    };
    for (size_t i = 0; dot && i < sizeof T / sizeof T[0]; i++)
        if (strcmp(dot, T[i].ext) == 0) return T[i].type;
    return "application/octet-stream";
}

/* Loads root/rel if it is a regular file inside root. Caller frees *data. */
static int load(const char *root, const char *rel, char **data, size_t *len, char *resolved) {
    char joined[PATH_MAX];
    if (snprintf(joined, sizeof joined, "%s/%s", root, rel) >= (int)sizeof joined) return -1;
    if (!realpath(joined, resolved)) return -1;
    size_t rl = strlen(root);
    if (strncmp(resolved, root, rl) != 0 || (resolved[rl] != '/' && resolved[rl] != '\0')) return -1;
    struct stat st;
    if (stat(resolved, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > STATIC_MAX_BYTES) return -1;
    FILE *f = fopen(resolved, "rb");
    if (!f) return -1;
    *data = malloc((size_t)st.st_size + 1);
    *len = *data ? fread(*data, 1, (size_t)st.st_size, f) : 0;
    fclose(f);
    return *data ? 0 : -1;
}

static void h_static(req_t *r) {
    static char root[PATH_MAX];
    static int have_root = -1;
    if (have_root < 0) have_root = g_app.cfg.web_root[0] && realpath(g_app.cfg.web_root, root) != NULL;
    const char *path = r->ri->local_uri;
    if (!have_root || strstr(path, "..") || strchr(path, '\\')) {
        resp_problem(r, 404, "No such resource.", NULL, NULL);
        return;
    }
    const char *rel = path + strspn(path, "/");
    char *data = NULL, resolved[PATH_MAX];
    size_t len = 0;
    int fallback = 0;
    if (!*rel || load(root, rel, &data, &len, resolved) < 0) {
        /* a path that names a file (has an extension) is a real 404; anything else is an app route */
        const char *last = strrchr(path, '/');
        if (*rel && last && strchr(last, '.')) {
            resp_problem(r, 404, "No such file.", NULL, NULL);
            return;
        }
        fallback = 1;
        if (load(root, "index.html", &data, &len, resolved) < 0) {
            resp_problem(r, 404, "No such resource.", NULL, NULL);
            return;
        }
    }
    const char *type = fallback ? "text/html; charset=utf-8" : mime(resolved);
    int immutable = !fallback && strncmp(rel, "assets/", 7) == 0;
    char extra[1024];
    snprintf(extra, sizeof extra, "Cache-Control: %s\r\n%s",
             immutable ? "public, max-age=31536000, immutable" : "no-cache",
             SECURITY_HEADERS); /* on every file, as nginx does */
    resp_send(r, 200, type, data, len, extra);
    free(data);
}

const route_def_t STATIC_ROUTES[] = {
    {M_GET, "*", h_static, ROUTE_PUBLIC, 0},
    {M_HEAD, "*", h_static, ROUTE_PUBLIC, 0},
    {0},
};
