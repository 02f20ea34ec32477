/* Process-wide state built once at start and read by every request. */
#ifndef NOTEJAM_APP_H
#define NOTEJAM_APP_H
#include "auth/jwt_keys.h"
#include "auth/jwt_token.h"
#include "config.h"

typedef struct {
    config_t cfg;
    jwt_ring_t ring;
    jwt_policy_t policy;
    unsigned char cursor_key[32]; /* derived from the signing key: cursors are tamper-proof, not secret */
    volatile int draining;        /* set by SIGTERM: /readyz answers 503 */
} app_t;

extern app_t g_app;
#endif
