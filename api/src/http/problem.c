#include "http/problem.h"
#include <string.h>
#include "util/json_out.h"

void field_errors_add(field_errors_t *e, const char *field, const char *message) {
    if (e->count >= FIELD_ERRORS_MAX) return;
    e->items[e->count].field = field;
    e->items[e->count].message = message;
    e->count++;
}

static const struct {
    int status;
    const char *title;
    const char *slug;
} KINDS[] = {
    {400, "Bad Request", "bad-request"},
    {401, "Unauthorized", "unauthorized"},
    {403, "Forbidden", "forbidden"},
    {404, "Not Found", "not-found"},
    {405, "Method Not Allowed", "method-not-allowed"},
    {409, "Conflict", "conflict"},
    {412, "Precondition Failed", "precondition-failed"},
    {413, "Content Too Large", "content-too-large"},
    {415, "Unsupported Media Type", "unsupported-media-type"},
    {422, "Validation failed", "validation"},
    {429, "Too Many Requests", "rate-limited"},
    {500, "Internal Server Error", "internal"},
    {503, "Service Unavailable", "unavailable"},
};

static int kind_index(int status) {
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
        if (KINDS[i].status == status) return (int)i;
    return -1;
}

const char *problem_title(int status) {
    int i = kind_index(status);
    return i < 0 ? "Error" : KINDS[i].title;
}

int problem_build(buf_t *out, int status, const char *detail, const field_errors_t *errors) {
    int i = kind_index(status);
    buf_puts(out, "{\"type\":\"https://notejam.dev/problems/");
    buf_puts(out, i < 0 ? "error" : KINDS[i].slug);
    buf_puts(out, "\",\"title\":");
    json_str(out, problem_title(status));
    buf_printf(out, ",\"status\":%d,\"detail\":", status);
    json_str(out, detail ? detail : problem_title(status));
    if (errors && errors->count > 0) {
        buf_puts(out, ",\"errors\":{");
        int first_field = 1;
        for (int a = 0; a < errors->count; a++) {
            int seen = 0; /* group messages of one field into one array, in first-seen order */
            for (int p = 0; p < a; p++)
                if (strcmp(errors->items[p].field, errors->items[a].field) == 0) seen = 1;
            if (seen) continue;
            if (!first_field) buf_putc(out, ',');
            first_field = 0;
            json_str(out, errors->items[a].field);
            buf_puts(out, ":[");
            int first_msg = 1;
            for (int m = a; m < errors->count; m++) {
                if (strcmp(errors->items[m].field, errors->items[a].field) != 0) continue;
                if (!first_msg) buf_putc(out, ',');
                first_msg = 0;
                json_str(out, errors->items[m].message);
            }
            buf_putc(out, ']');
        }
        buf_putc(out, '}');
    }
    buf_putc(out, '}');
    return out->failed ? -1 : 0;
}
