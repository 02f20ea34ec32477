/* Structured logs: one JSON object per line on stdout. Never pass passwords, tokens or secrets here. */
#ifndef NOTEJAM_LOG_H
#define NOTEJAM_LOG_H
#include <stdint.h>

typedef enum { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR } log_level_t;

void log_set_level(const char *name);
int log_enabled(log_level_t level);
/* msg plus optional extra fields: pre-rendered JSON members without braces, e.g. "\"kind\":\"connect\"" (may be NULL).
 */
void log_line(log_level_t level, const char *msg, const char *extra_json);
/* Convenience: message plus one string detail field (escaped). */
void log_msg(log_level_t level, const char *msg, const char *detail);
/* A security event (refresh reuse, rate limit, ...) with the user id (0 = unknown) and client IP. */
void log_security(const char *event, int64_t user_id, const char *ip, const char *request_id);
#endif
