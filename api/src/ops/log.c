#include "ops/log.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "util/buf.h"
#include "util/json_out.h"

static log_level_t min_level = LOG_INFO;
static const char *LEVELS[] = {"debug", "info", "warn", "error"};

void log_set_level(const char *name) {
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, LEVELS[i]) == 0) min_level = (log_level_t)i;
}

int log_enabled(log_level_t level) { return level >= min_level; }

void log_line(log_level_t level, const char *msg, const char *extra_json) {
    if (!log_enabled(level)) return;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    char ts[40];
    format_time_us((int64_t)tv.tv_sec * 1000000 + tv.tv_usec, ts, sizeof ts);
    buf_t b;
    buf_init(&b, 16384);
    buf_puts(&b, "{\"time\":\"");
    buf_puts(&b, ts);
    buf_puts(&b, "\",\"level\":\"");
    buf_puts(&b, LEVELS[level]);
    buf_puts(&b, "\",\"msg\":");
    json_str(&b, msg);
    if (extra_json && *extra_json) {
        buf_putc(&b, ',');
        buf_puts(&b, extra_json);
    }
    buf_puts(&b, "}\n");
    if (!b.failed) {
        /* one write() per line keeps lines whole across threads */
        ssize_t w = write(STDOUT_FILENO, b.data, b.len);
        (void)w;
    }
    buf_free(&b);
}

void log_msg(log_level_t level, const char *msg, const char *detail) {
    if (!log_enabled(level)) return;
    buf_t b;
    buf_init(&b, 4096);
    if (detail) {
        buf_puts(&b, "\"detail\":");
        json_str(&b, detail);
    }
    log_line(level, msg, b.failed ? NULL : b.data);
    buf_free(&b);
}

void log_security(const char *event, int64_t user_id, const char *ip, const char *request_id) {
    buf_t b;
    buf_init(&b, 1024);
    buf_puts(&b, "\"security_event\":");
    json_str(&b, event);
    buf_printf(&b, ",\"user_id\":%" PRId64 ",\"remote_ip\":", user_id);
    json_str(&b, ip ? ip : "");
    buf_puts(&b, ",\"request_id\":");
    json_str(&b, request_id ? request_id : "");
    log_line(LOG_WARN, "security event", b.failed ? NULL : b.data);
    buf_free(&b);
}
