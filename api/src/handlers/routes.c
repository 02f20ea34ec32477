/* The route tables of every handler file, in the order their paths appear in /metrics. A new handler file adds
 * its table here; a new endpoint is a line in its file's table. */
#include "handlers/handlers.h"

const route_def_t *const HANDLER_ROUTES[] = {OPS_ROUTES,    AUTH_ROUTES,     PAD_ROUTES,    NOTE_ROUTES,
                                             EXPORT_ROUTES, API_DOCS_ROUTES, STATIC_ROUTES, NULL};
