/* Keyset-paginated lists of pads and notes: order, limit and cursor parsing, one query, lean JSON. */
#ifndef NOTEJAM_LISTS_H
#define NOTEJAM_LISTS_H
#include <stdint.h>
#include "http/request.h"
#include "store/statements.h"

/* Answers the list request. scope is the pad id for LIST_PAD_NOTES, else 0. */
void list_respond(req_t *r, list_kind_t kind, int64_t scope);
#endif
