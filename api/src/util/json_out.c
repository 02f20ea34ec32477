#include "util/json_out.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int json_str_n(buf_t *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (buf_putc(b, '"') < 0) return -1;
    size_t run = 0; /* copy unescaped runs in one append */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        if (buf_append(b, s + run, i - run) < 0) return -1;
        run = i + 1;
        char esc[7] = {'\\', 0};
        size_t elen = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            elen = 6;
        }
        if (buf_append(b, esc, elen) < 0) return -1;
    }
    if (buf_append(b, s + run, n - run) < 0) return -1;
    return buf_putc(b, '"');
}

int json_str(buf_t *b, const char *s) { return json_str_n(b, s, strlen(s)); }

int json_str_or_null(buf_t *b, const char *s) { return s ? json_str(b, s) : buf_puts(b, "null"); }

int json_i64(buf_t *b, int64_t v) {
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);
    return buf_append(b, tmp, (size_t)n);
}

void format_time_us(int64_t unix_us, char *out, size_t out_size) {
    time_t secs = (time_t)(unix_us / 1000000);
    long us = (long)(unix_us % 1000000);
    if (us < 0) {
        us += 1000000;
        secs -= 1;
    }
    struct tm tm;
    gmtime_r(&secs, &tm);
    snprintf(out, out_size, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, us);
}

int json_time_us(buf_t *b, int64_t unix_us) {
    char tmp[40];
    format_time_us(unix_us, tmp, sizeof tmp);
    if (buf_putc(b, '"') < 0 || buf_puts(b, tmp) < 0) return -1;
    return buf_putc(b, '"');
}
