#include "auth/refresh_rules.h"

refresh_decision_t refresh_decide(const refresh_token_state_t *tok, const refresh_family_state_t *fam, int64_t now,
                                  int64_t session_max_age) {
    if (!tok->found) return REFRESH_INVALID;
    if (!fam->found) return REFRESH_INVALID;
    if (tok->rotated && (tok->successor_used || now - tok->rotated_at > REFRESH_GRACE_S)) return REFRESH_REUSE_REVOKE;
    if (tok->expires_at <= now) return REFRESH_EXPIRED;
    if (fam->created_at + session_max_age <= now) return REFRESH_EXPIRED;
    return REFRESH_ROTATE;
}
