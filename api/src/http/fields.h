/* Pure helpers to read request fields from a parsed JSON object with per-field error messages. */
#ifndef NOTEJAM_FIELDS_H
#define NOTEJAM_FIELDS_H
#include <cjson/cJSON.h>
#include <stdint.h>
#include "http/problem.h"

#define FIELDS_MAX 16 /* more keys than any endpoint takes: refused before any key is compared */

/* Every key must be in allowed (NULL-terminated); unknown keys become field errors. Returns -1 on a duplicate key,
 * -2 when obj has more than FIELDS_MAX keys (so the duplicate check never goes quadratic on a big body). */
int fields_check(const cJSON *obj, const char *const *allowed, field_errors_t *errs);
/* The problem detail for a fields_check failure. */
const char *fields_check_detail(int rc);
/* A string field; NULL (with an error if required) when absent, null or not a string. */
const char *field_string(const cJSON *obj, const char *name, int required, field_errors_t *errs);
/* An optional id-or-null field: *present says whether the key is there; *id is 0 for null. Returns -1 on wrong type. */
int field_id_or_null(const cJSON *obj, const char *name, int *present, int64_t *id, field_errors_t *errs);
#endif
