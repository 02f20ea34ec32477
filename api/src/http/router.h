/* Pure routing: method + path -> route template and path id. No I/O. */
#ifndef NOTEJAM_ROUTER_H
#define NOTEJAM_ROUTER_H
#include <stdint.h>

typedef enum {
    R_UNMATCHED = 0,
    R_STATIC,
    R_HEALTHZ,
    R_READYZ,
    R_VERSION,
    R_METRICS,
    R_SIGNUP,
    R_SIGNIN,
    R_REFRESH,
    R_SIGNOUT,
    R_FORGOT,
    R_RESET,
    R_ME,
    R_ME_PASSWORD,
    R_PADS,
    R_PAD,
    R_PAD_NOTES,
    R_NOTES,
    R_NOTE,
    R_OPENAPI_JSON,
    R_OPENAPI_YAML,
    R_DOCS,
    R_DOCS_JS,
    R_DOCS_CSS,
    R_COUNT
} route_t;

typedef enum { M_GET = 0, M_HEAD, M_POST, M_PUT, M_PATCH, M_DELETE, M_OPTIONS, M_OTHER, M_COUNT } method_t;

typedef struct {
    route_t route;
    int64_t id;       /* {id} in the path, else 0 */
    int status;       /* 0 = matched, 404 = no such path, 405 = path exists but not for this method */
    unsigned allowed; /* bit mask of methods the path supports (for Allow) */
} route_match_t;

method_t method_parse(const char *m);
const char *method_name(method_t m);
const char *route_template(route_t r);
route_match_t router_match(method_t m, const char *path);
/* Writes "GET, POST" style Allow header value. */
void router_allow_header(unsigned allowed, char *out, int out_size);
#endif
