/* HTTP handlers: parse and validate the request, call a service or the store, write the response. Each handler
 * file declares its routes in one table beside its handlers; handlers/routes.c lists the tables. */
#ifndef NOTEJAM_HANDLERS_H
#define NOTEJAM_HANDLERS_H
#include <stdint.h>
#include "http/request.h"

extern const route_def_t OPS_ROUTES[];
extern const route_def_t AUTH_ROUTES[];
extern const route_def_t PAD_ROUTES[];
extern const route_def_t NOTE_ROUTES[];
extern const route_def_t EXPORT_ROUTES[];
extern const route_def_t API_DOCS_ROUTES[];
extern const route_def_t STATIC_ROUTES[];
/* Every table above, NULL-terminated: what router_init compiles. */
extern const route_def_t *const HANDLER_ROUTES[];

/* 1 if the pad is the caller's; answers 404/503 and returns 0 otherwise. */
int pad_is_mine(req_t *r, int64_t pad_id);
#endif
