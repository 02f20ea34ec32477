/* Shared response helpers for handlers: validation answers, dependency failures, and the JSON shapes of a user,
 * a pad and a note (written lean, without cJSON trees). */
#ifndef NOTEJAM_RESPOND_H
#define NOTEJAM_RESPOND_H
#include <libpq-fe.h>
#include "http/request.h"
#include "services/auth_service.h"
#include "store/db.h"

/* Requires a JSON object body with only allowed keys. Answers (400/422) and returns 0 when not. */
int require_body(req_t *r, const char *const *allowed, field_errors_t *errs);
/* If errs has entries, answers 422 with them and returns 1. */
int respond_invalid(req_t *r, const field_errors_t *errs);
void respond_unavailable(req_t *r, const char *detail);
void respond_service_error(req_t *r, as_result_t res);
/* Only where a query of the caller's rows found nothing (a hot path never runs it): answers 401 and returns 1 when
 * the access token's account was deleted, answers 503 and returns 1 when that cannot be checked, else returns 0. */
int respond_if_account_gone(req_t *r);
void respond_db_error(req_t *r, db_status_t s);

/* The two text parameters every owner-scoped statement takes: a pad or note id and the caller's user id. */
typedef struct {
    char id[24], uid[24];
} owned_ids_t;
owned_ids_t owned_ids(const req_t *r, int64_t id);

/* If-Match of a conditional write, as the statement's versions parameter: NULL (no condition) or an int8 array. */
typedef struct {
    const char *versions;
    char buf[400];
} precondition_t;
/* Reads If-Match for the object id. Returns 0, or answers 400 (not a list of entity tags) and returns -1. */
int read_if_match(req_t *r, int64_t id, precondition_t *pre);

void write_user(buf_t *b, const user_t *u);
/* Write a row of PAD_COLS / NOTE_COLS (store/columns.h). */
void write_pad(buf_t *b, PGresult *res, int row);
void write_note(buf_t *b, PGresult *res, int row);
#endif
