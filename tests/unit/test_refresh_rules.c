#include <criterion/criterion.h>
#include "auth/refresh_rules.h"

#define NOW 1000000
#define AGE 3600

Test(refresh_rules, fresh_token_rotates) {
    refresh_token_state_t t = {1, 0, NOW + 10};
    refresh_family_state_t f = {1, NOW - 100};
    cr_assert_eq(refresh_decide(&t, &f, NOW, AGE), REFRESH_ROTATE);
}

Test(refresh_rules, rotated_token_is_reuse) {
    refresh_token_state_t t = {1, 1, NOW + 10};
    refresh_family_state_t f = {1, NOW - 100};
    cr_assert_eq(refresh_decide(&t, &f, NOW, AGE), REFRESH_REUSE_REVOKE);
}

Test(refresh_rules, unknown_token_or_revoked_family_invalid) {
    refresh_token_state_t unknown = {0, 0, 0}, t = {1, 0, NOW + 10}, rotated = {1, 1, NOW + 10};
    refresh_family_state_t f = {1, NOW}, gone = {0, 0};
    cr_assert_eq(refresh_decide(&unknown, &f, NOW, AGE), REFRESH_INVALID);
    cr_assert_eq(refresh_decide(&t, &gone, NOW, AGE), REFRESH_INVALID);
    cr_assert_eq(refresh_decide(&rotated, &gone, NOW, AGE), REFRESH_INVALID);
}

Test(refresh_rules, idle_and_absolute_expiry) {
    refresh_token_state_t idle = {1, 0, NOW}, t = {1, 0, NOW + 10};
    refresh_family_state_t f = {1, NOW - 100}, old = {1, NOW - AGE};
    cr_assert_eq(refresh_decide(&idle, &f, NOW, AGE), REFRESH_EXPIRED);
    cr_assert_eq(refresh_decide(&t, &old, NOW, AGE), REFRESH_EXPIRED);
}
