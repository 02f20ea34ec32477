/* libFuzzer target: a request body through the same checks the pipeline runs before a handler sees it (UTF-8,
 * nesting depth, escaped NUL, cJSON parse with nothing but white space after the value, must be an object), then
 * the field readers and validators the note/pad/auth handlers use. Nothing may crash, leak or read out of bounds. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/fields.h"
#include "http/validate.h"

static void check_fields(const cJSON *obj) {
    static const char *const note[] = {"name", "text", "pad_id", NULL};
    static const char *const auth[] = {"email", "password", NULL};
    field_errors_t errs = {0};
    if (fields_check(obj, note, &errs) < 0) return; /* duplicate key: the pipeline answers 400 */
    memset(&errs, 0, sizeof errs);
    fields_check(obj, auth, &errs);
    memset(&errs, 0, sizeof errs);
    const char *name = field_string(obj, "name", 1, &errs);
    const char *text = field_string(obj, "text", 0, &errs);
    const char *email = field_string(obj, "email", 0, &errs);
    const char *password = field_string(obj, "password", 0, &errs);
    int present = 0;
    int64_t id = 0;
    field_id_or_null(obj, "pad_id", &present, &id, &errs);
    size_t start = 0, len = 0;
    if (name && !validate_name(name, &start, &len) && start + len > strlen(name)) abort();
    if (text) validate_text(text);
    if (email) validate_email(email);
    if (password) validate_password(password);
    if (errs.count > FIELD_ERRORS_MAX) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *body = (const char *)data;
    if (!utf8_valid(body, size)) return 0;
    if (json_depth(body, size, JSON_MAX_DEPTH) < 0) return 0;
    if (json_has_escaped_nul(body, size)) return 0;
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(body, size, &end, 0);
    if (j) {
        while (end && end < body + size && strchr(" \t\r\n", *end))
            end++;
        if (end == body + size && cJSON_IsObject(j)) check_fields(j);
    }
    cJSON_Delete(j);
    return 0;
}
