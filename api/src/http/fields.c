#include "http/fields.h"
#include <math.h>
#include <string.h>

int fields_check(const cJSON *obj, const char *const *allowed, field_errors_t *errs) {
    int n = 0;
    for (const cJSON *it = obj->child; it; it = it->next)
        if (++n > FIELDS_MAX) return -2;
    for (const cJSON *it = obj->child; it; it = it->next) {
        for (const cJSON *prev = obj->child; prev != it; prev = prev->next)
            if (strcmp(prev->string, it->string) == 0) return -1;
        int known = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, it->string) == 0) known = 1;
        if (!known) field_errors_add(errs, it->string, "is not a known field");
    }
    return 0;
}

const char *fields_check_detail(int rc) {
    return rc == -2 ? "The body has more fields than any endpoint takes." : "A field appears twice.";
}

const char *field_string(const cJSON *obj, const char *name, int required, field_errors_t *errs) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!v || cJSON_IsNull(v)) {
        if (required) field_errors_add(errs, name, "is required");
        return NULL;
    }
    if (!cJSON_IsString(v)) {
        field_errors_add(errs, name, "must be a string");
        return NULL;
    }
    return v->valuestring;
}

int field_id_or_null(const cJSON *obj, const char *name, int *present, int64_t *id, field_errors_t *errs) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    *present = v != NULL;
    *id = 0;
    if (!v || cJSON_IsNull(v)) return 0;
    double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
    if (d < 1 || d > 9007199254740991.0 || floor(d) != d) {
        field_errors_add(errs, name, "must be a pad id or null");
        return -1;
    }
    *id = (int64_t)d;
    return 0;
}
