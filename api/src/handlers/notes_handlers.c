/* /api/v1/notes: scoped to the caller; a note can only be put into the caller's own pad (the schema's composite
 * foreign key refuses anything else, answered as a field error). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "handlers/handlers.h"
#include "handlers/lists.h"
#include "handlers/respond.h"
#include "handlers/rows.h"
#include "http/fields.h"
#include "http/validate.h"
#include "store/statements.h"

typedef struct {
    char *name; /* trimmed copy, NULL when absent */
    const char *text;
    int has_pad;
    int64_t pad_id; /* 0 = no pad */
} note_input_t;

/* Parses the note body. create: name and text required. Returns 0, or answers and returns -1. */
static int read_note(req_t *r, int create, note_input_t *in) {
    static const char *const allowed[] = {"name", "text", "pad_id", NULL};
    field_errors_t errs = {0};
    memset(in, 0, sizeof(*in));
    if (!require_body(r, allowed, &errs)) return -1;
    const char *name = field_string(r->json, "name", create, &errs);
    in->text = field_string(r->json, "text", create, &errs);
    field_id_or_null(r->json, "pad_id", &in->has_pad, &in->pad_id, &errs);
    size_t start = 0, len = 0;
    if (name && validate_name(name, &start, &len)) field_errors_add(&errs, "name", validate_name(name, &start, &len));
    if (in->text && validate_text(in->text)) field_errors_add(&errs, "text", validate_text(in->text));
    if (!create && !r->json->child) field_errors_add(&errs, "body", "must change at least one field");
    if (!create) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(r->json, "text"),
                    *n = cJSON_GetObjectItemCaseSensitive(r->json, "name");
        if (cJSON_IsNull(t)) field_errors_add(&errs, "text", "must be a string");
        if (cJSON_IsNull(n)) field_errors_add(&errs, "name", "must be a string");
    }
    if (respond_invalid(r, &errs)) return -1;
    if (name) in->name = strndup(name + start, len);
    return 0;
}

/* The schema's composite foreign key (notes.pad_id, user_id) refuses another user's pad or a missing one. */
#define PAD_FK .fk_field = "pad_id", .fk_message = "is not one of your pads"

static void h_notes_list(req_t *r) {
    char q[32];
    const char *pad = req_query(r, "pad_id", q, sizeof q);
    if (!pad) {
        list_respond(r, LIST_NOTES, 0);
        return;
    }
    int64_t pad_id = parse_id(pad, strlen(pad));
    if (pad_id < 0) {
        field_errors_t errs = {0};
        field_errors_add(&errs, "pad_id", "must be a pad id");
        respond_invalid(r, &errs);
        return;
    }
    if (pad_is_mine(r, pad_id)) list_respond(r, LIST_PAD_NOTES, pad_id);
}

static void h_notes_create(req_t *r) {
    note_input_t in;
    if (read_note(r, 1, &in) < 0) return;
    char uid[24], pad[24];
    snprintf(uid, sizeof uid, "%" PRId64, r->user_id);
    snprintf(pad, sizeof pad, "%" PRId64, in.pad_id);
    const char *params[] = {uid, in.pad_id ? pad : NULL, in.name, in.text};
    idem_t idem;
    answer_opts_t opts = {.location_prefix = "/api/v1/notes/", .idem = &idem, PAD_FK};
    if (idem_begin(r, &idem)) respond_row(r, SQL_NOTE_INSERT, 4, params, write_note, 201, &opts);
    free(in.name);
}

static void h_note_get(req_t *r) {
    owned_ids_t ids = owned_ids(r, r->match.id);
    const char *params[] = {ids.id, ids.uid};
    respond_one(r, SQL_NOTE_GET, 2, params, write_note, 200);
}

static void h_note_update(req_t *r) {
    note_input_t in;
    precondition_t pre;
    if (read_if_match(r, r->match.id, &pre) < 0 || read_note(r, 0, &in) < 0) return;
    char pad[24];
    owned_ids_t ids = owned_ids(r, r->match.id);
    snprintf(pad, sizeof pad, "%" PRId64, in.pad_id);
    const char *params[] = {ids.id,
                            ids.uid,
                            in.name ? "t" : "f",
                            in.name,
                            in.text ? "t" : "f",
                            in.text,
                            in.has_pad ? "t" : "f",
                            in.pad_id ? pad : NULL,
                            pre.versions};
    answer_opts_t opts = {.exists_stmt = SQL_NOTE_EXISTS, PAD_FK};
    respond_row(r, SQL_NOTE_UPDATE, 9, params, write_note, 200, &opts);
    free(in.name);
}

static void h_note_delete(req_t *r) {
    precondition_t pre;
    if (read_if_match(r, r->match.id, &pre) < 0) return;
    owned_ids_t ids = owned_ids(r, r->match.id);
    const char *params[] = {ids.id, ids.uid, pre.versions};
    respond_delete(r, SQL_NOTE_DELETE, 3, params, SQL_NOTE_EXISTS);
}

const route_def_t NOTE_ROUTES[] = {
    {M_GET, "/api/v1/notes", h_notes_list, ROUTE_AUTH, 0},
    {M_POST, "/api/v1/notes", h_notes_create, ROUTE_AUTH, 0},
    {M_GET, "/api/v1/notes/{id}", h_note_get, ROUTE_AUTH, 0},
    {M_PATCH, "/api/v1/notes/{id}", h_note_update, ROUTE_AUTH, 0},
    {M_DELETE, "/api/v1/notes/{id}", h_note_delete, ROUTE_AUTH, 0},
    {0},
};
