/* The refresh-token rotation decision, separate from Redis so it can be tested alone. */
#ifndef NOTEJAM_REFRESH_RULES_H
#define NOTEJAM_REFRESH_RULES_H
#include <stdint.h>

typedef struct {
    int found;          /* the token's hash is known */
    int rotated;        /* it was already exchanged once */
    int64_t expires_at; /* idle expiry, Unix seconds */
    int64_t rotated_at; /* when it was exchanged (0 = never) */
    int successor_used; /* the token it was exchanged for has itself been exchanged */
} refresh_token_state_t;

/* Two tabs refreshing with the same cookie at once: the later one comes within this many seconds, before the
 * first one's new token was used, and gets a sibling token instead of tripping reuse detection. */
#define REFRESH_GRACE_S 10

typedef struct {
    int found;          /* the session family exists (absent = revoked or expired) */
    int64_t created_at; /* Unix seconds */
} refresh_family_state_t;

typedef enum {
    REFRESH_ROTATE,       /* issue a new token in the same family, mark this one rotated (also: within the grace) */
    REFRESH_REUSE_REVOKE, /* a rotated token came back: revoke the whole family, security event */
    REFRESH_INVALID,      /* unknown token or revoked family */
    REFRESH_EXPIRED,      /* idle or absolute lifetime over */
} refresh_decision_t;

refresh_decision_t refresh_decide(const refresh_token_state_t *tok, const refresh_family_state_t *fam, int64_t now,
                                  int64_t session_max_age);
#endif
