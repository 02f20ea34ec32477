#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include "http/problem.h"

Test(problem, plain_problem_has_the_rfc9457_members) {
    buf_t b;
    buf_init(&b, 4096);
    cr_assert_eq(problem_build(&b, 404, "No such \"note\"", NULL), 0);
    cJSON *j = cJSON_Parse(b.data);
    cr_assert_not_null(j, "%s", b.data);
    cr_assert_str_eq(cJSON_GetObjectItem(j, "title")->valuestring, "Not Found");
    cr_assert_eq(cJSON_GetObjectItem(j, "status")->valueint, 404);
    cr_assert_str_eq(cJSON_GetObjectItem(j, "detail")->valuestring, "No such \"note\"");
    cr_assert_str_eq(cJSON_GetObjectItem(j, "type")->valuestring, "https://notejam.dev/problems/not-found");
    cr_assert_null(cJSON_GetObjectItem(j, "errors"));
    cJSON_Delete(j);
    buf_free(&b);
}

Test(problem, field_errors_are_grouped_per_field) {
    field_errors_t e = {0};
    field_errors_add(&e, "email", "is required");
    field_errors_add(&e, "pass\"word", "is too short");
    field_errors_add(&e, "email", "is odd");
    buf_t b;
    buf_init(&b, 4096);
    problem_build(&b, 422, "Invalid", &e);
    cJSON *j = cJSON_Parse(b.data);
    cr_assert_not_null(j, "%s", b.data);
    cJSON *errs = cJSON_GetObjectItem(j, "errors");
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(errs, "email")), 2);
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(errs, "pass\"word")), 1);
    cr_assert_str_eq(cJSON_GetObjectItem(j, "title")->valuestring, "Validation failed");
    cJSON_Delete(j);
    buf_free(&b);
}
