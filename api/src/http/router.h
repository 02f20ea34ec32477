/* Routing: method + path -> the route declared for them, with the path's {id}. Each handler file declares its
 * routes in a route_def_t table next to the handlers (method, path template, handler, auth, body limit);
 * handlers/routes.c lists the tables, and router_init compiles them once at start. Matching does no I/O. */
#ifndef NOTEJAM_ROUTER_H
#define NOTEJAM_ROUTER_H
#include <stddef.h>
#include <stdint.h>

typedef enum { M_GET = 0, M_HEAD, M_POST, M_PUT, M_PATCH, M_DELETE, M_OPTIONS, M_OTHER, M_COUNT } method_t;

struct req;
typedef void (*handler_fn)(struct req *r);

enum { ROUTE_PUBLIC = 0, ROUTE_AUTH = 1 }; /* ROUTE_AUTH: a valid access token is required */
/* Which listener serves a path when NOTEJAM_METRICS_LISTEN sets a second one (else every path is served). */
enum { LISTEN_MAIN = 0, LISTEN_BOTH, LISTEN_METRICS };

typedef struct {
    method_t method;
    const char *path; /* "/api/v1/notes/{id}": {id} is one segment of a positive id; "*": any non-API path */
    handler_fn fn;
    int auth;        /* ROUTE_PUBLIC or ROUTE_AUTH */
    size_t max_body; /* request body cap in bytes; 0: the server's (NOTEJAM_MAX_BODY) */
    int listener;    /* LISTEN_MAIN (default), LISTEN_BOTH or LISTEN_METRICS; the same for every method of a path */
} route_def_t;

/* A route is one distinct path template: the label of its metrics. 0 and 1 are fixed. */
typedef int route_t;
#define R_UNMATCHED 0 /* no such path: 404 */
#define R_STATIC    1 /* "*": the SPA's files */
#define ROUTE_MAX   48

typedef struct {
    route_t route;
    const route_def_t *def; /* the route for this method, NULL unless status is 0 */
    int64_t id;             /* {id} in the path, else 0 */
    int status;             /* 0 = matched, 404 = no such path, 405 = path exists but not for this method */
    unsigned allowed;       /* bit mask of methods the path supports (for Allow) */
    int listener;           /* the path's listener (LISTEN_*) */
} route_match_t;

/* Compiles the tables (each ends with an entry whose path is NULL; the list ends with NULL). Returns 0, or -1
 * with a reason in err: a method declared twice for a path, a malformed template, too many paths,
 * methods of one path on different listeners. */
int router_init(const route_def_t *const *tables, char *err, size_t err_size);
method_t method_parse(const char *m);
const char *method_name(method_t m);
const char *route_template(route_t r);
route_t router_route_count(void);
route_match_t router_match(method_t m, const char *path);
/* Writes "GET, POST" style Allow header value. */
void router_allow_header(unsigned allowed, char *out, int out_size);
#endif
