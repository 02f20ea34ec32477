/* RFC 9457 problem+json documents (pure: builds text, sends nothing). */
#ifndef NOTEJAM_PROBLEM_H
#define NOTEJAM_PROBLEM_H
#include "util/buf.h"

#define FIELD_ERRORS_MAX 16
typedef struct {
    const char *field;   /* borrowed: must outlive the problem build */
    const char *message; /* borrowed */
} field_error_t;
typedef struct {
    field_error_t items[FIELD_ERRORS_MAX];
    int count;
} field_errors_t;

void field_errors_add(field_errors_t *e, const char *field, const char *message);

/* Title for a status code ("Not Found", ...); "Error" if unknown. */
const char *problem_title(int status);
/* Appends {"type","title","status","detail"[,"errors":{field:[msg..]}]} to out. errors may be NULL. */
int problem_build(buf_t *out, int status, const char *detail, const field_errors_t *errors);
#endif
