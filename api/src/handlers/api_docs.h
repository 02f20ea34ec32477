/* The API's own description (openapi.yaml, embedded at build time, and its JSON form) and the reference page
 * /api/docs (files from NOTEJAM_DOCS_ROOT, built by `make docs-build`). */
#ifndef NOTEJAM_API_DOCS_H
#define NOTEJAM_API_DOCS_H
#include "http/request.h"

/* 1 if an If-None-Match value (a list of entity tags, weak or strong, or "*") names etag (quoted, strong). */
int etag_none_match(const char *if_none_match, const char *etag);
#endif
