/* GET /api/v1/openapi.{json,yaml}: the contract this binary was built with, cacheable and revalidated by ETag.
 * GET /api/docs, /api/docs/docs.{js,css}: the interactive reference page (web/docs, `make docs-build`), read from
 * NOTEJAM_DOCS_ROOT; the API serves it because every host (make run, nginx, CloudFront, the ALB ingress) already
 * sends every /api/ path here. */
#include "http/etag.h"
#include "handlers/handlers.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "app.h"
#include "util/secure_random.h"

#if !defined(NOTEJAM_OPENAPI_YAML) || !defined(NOTEJAM_OPENAPI_JSON)
#error "define NOTEJAM_OPENAPI_YAML and NOTEJAM_OPENAPI_JSON as the files to embed (mk/10-api.mk)"
#endif

/* The two documents as read-only data of the binary: openapi.yaml itself and its JSON form. */
__asm__(".pushsection .rodata\n"
        ".globl notejam_openapi_yaml, notejam_openapi_yaml_end, notejam_openapi_json, notejam_openapi_json_end\n"
        "notejam_openapi_yaml:\n.incbin \"" NOTEJAM_OPENAPI_YAML "\"\nnotejam_openapi_yaml_end:\n"
        "notejam_openapi_json:\n.incbin \"" NOTEJAM_OPENAPI_JSON "\"\nnotejam_openapi_json_end:\n"
        ".popsection\n");
extern const char notejam_openapi_yaml[], notejam_openapi_yaml_end[];
extern const char notejam_openapi_json[], notejam_openapi_json_end[];

#define SPEC_CACHE     "Cache-Control: public, max-age=300\r\n"
#define DOCS_MAX_BYTES (16 << 20)
/* The SPA's security headers (static_files.c) with one difference, data: images: Swagger UI draws its icons as
 * data: URIs (tests/api/openapi-served.test.mjs compares the two header sets). */
static const char DOCS_CSP[] = "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
                               "X-Frame-Options: DENY\r\nReferrer-Policy: same-origin\r\n"
                               "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\r\n"
                               "Cross-Origin-Opener-Policy: same-origin\r\n"
                               "Strict-Transport-Security: max-age=31536000\r\n";

static char etag_yaml[40], etag_json[40];
static pthread_once_t etags_once = PTHREAD_ONCE_INIT;

static void etag_of(const char *data, size_t len, char out[40]) {
    char hex[65];
    sha256_hex(data, len, hex);
    snprintf(out, 40, "\"%.32s\"", hex);
}

static void etags_init(void) {
    etag_of(notejam_openapi_yaml, (size_t)(notejam_openapi_yaml_end - notejam_openapi_yaml), etag_yaml);
    etag_of(notejam_openapi_json, (size_t)(notejam_openapi_json_end - notejam_openapi_json), etag_json);
}

static void send_spec(req_t *r, const char *type, const char *data, const char *end, const char *etag) {
    pthread_once(&etags_once, etags_init);
    char extra[160];
    snprintf(extra, sizeof extra, "ETag: %s\r\n" SPEC_CACHE, etag);
    int fresh = etag_none_match(req_header(r, "If-None-Match"), etag);
    resp_send(r, fresh ? 304 : 200, type, data, (size_t)(end - data), extra);
}

static void h_openapi_json(req_t *r) {
    send_spec(r, "application/json", notejam_openapi_json, notejam_openapi_json_end, etag_json);
}

static void h_openapi_yaml(req_t *r) {
    send_spec(r, "application/yaml", notejam_openapi_yaml, notejam_openapi_yaml_end, etag_yaml);
}

/* Reads root/name if it is a regular file. Caller frees *data. */
static int docs_load(const char *root, const char *name, char **data, size_t *len) {
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/%s", root, name) >= (int)sizeof path) return -1;
    if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > DOCS_MAX_BYTES) return -1;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    *data = malloc((size_t)st.st_size + 1);
    *len = *data ? fread(*data, 1, (size_t)st.st_size, f) : 0;
    fclose(f);
    return *data ? 0 : -1;
}

/* One of the page's three files: index.html (the page: no-cache, its CSP), and docs.js / docs.css, which it loads
 * with ?v=<content hash> (cached for a year). */
static void send_docs_file(req_t *r, const char *name, const char *type, int page) {
    const char *root = g_app.cfg.docs_root;
    char *data = NULL;
    size_t len = 0;
    if (!*root) {
        resp_problem(r, 404, "The API reference is not installed on this server (NOTEJAM_DOCS_ROOT).", NULL, NULL);
        return;
    }
    if (docs_load(root, name, &data, &len) < 0) {
        resp_problem(r, 404, "No such file.", NULL, NULL);
        return;
    }
    char extra[1024];
    snprintf(extra, sizeof extra, "Cache-Control: %s\r\n%s", page ? "no-cache" : "public, max-age=31536000, immutable",
             page ? DOCS_CSP : "");
    resp_send(r, 200, type, data, len, extra);
    free(data);
}

static void h_docs_page(req_t *r) { send_docs_file(r, "index.html", "text/html; charset=utf-8", 1); }
static void h_docs_js(req_t *r) { send_docs_file(r, "docs.js", "text/javascript; charset=utf-8", 0); }
static void h_docs_css(req_t *r) { send_docs_file(r, "docs.css", "text/css; charset=utf-8", 0); }

const route_def_t API_DOCS_ROUTES[] = {
    {M_GET, "/api/v1/openapi.json", h_openapi_json, ROUTE_PUBLIC, 0},
    {M_HEAD, "/api/v1/openapi.json", h_openapi_json, ROUTE_PUBLIC, 0},
    {M_GET, "/api/v1/openapi.yaml", h_openapi_yaml, ROUTE_PUBLIC, 0},
    {M_HEAD, "/api/v1/openapi.yaml", h_openapi_yaml, ROUTE_PUBLIC, 0},
    {M_GET, "/api/docs", h_docs_page, ROUTE_PUBLIC, 0},
    {M_HEAD, "/api/docs", h_docs_page, ROUTE_PUBLIC, 0},
    {M_GET, "/api/docs/docs.js", h_docs_js, ROUTE_PUBLIC, 0},
    {M_HEAD, "/api/docs/docs.js", h_docs_js, ROUTE_PUBLIC, 0},
    {M_GET, "/api/docs/docs.css", h_docs_css, ROUTE_PUBLIC, 0},
    {M_HEAD, "/api/docs/docs.css", h_docs_css, ROUTE_PUBLIC, 0},
    {0},
};
