/* Process-wide state built once at start and read by every request. */
#ifndef NOTEJAM_APP_H
#define NOTEJAM_APP_H
#include "auth/jwt_keys.h"
#include "auth/jwt_token.h"
#include "config.h"
#include "http/cursor.h"

typedef struct {
    config_t cfg;
    jwt_ring_t ring;
    jwt_policy_t policy;
    cursor_keys_t cursor_keys; /* one per ring key: cursors outlive key rotations */
    volatile int draining;     /* set by SIGTERM: /readyz answers 503 */
} app_t;

extern app_t g_app;
#endif
