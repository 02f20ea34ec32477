/* libFuzzer target, differential: the hot-path JSON writers against plain reference versions. json_str_n skips
 * plain bytes a word at a time and format_time_us does its own calendar arithmetic (both for speed); their output
 * must be byte for byte what a per-byte escaper and gmtime_r + snprintf give. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "util/json_out.h"

static void ref_escape(buf_t *b, const unsigned char *s, size_t n) {
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\b': buf_puts(b, "\\b"); break;
        case '\f': buf_puts(b, "\\f"); break;
        default:
            if (c < 0x20) buf_printf(b, "\\u%04x", c);
            else buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

static void ref_time(int64_t unix_us, char *out, size_t out_size) {
    time_t secs = (time_t)(unix_us / 1000000);
    long us = (long)(unix_us % 1000000);
    if (us < 0) {
        us += 1000000;
        secs -= 1;
    }
    struct tm tm;
    if (!gmtime_r(&secs, &tm)) abort();
    snprintf(out, out_size, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, us);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    buf_t a, b;
    buf_init(&a, 1 << 20);
    buf_init(&b, 1 << 20);
    json_str_n(&a, (const char *)data, size);
    ref_escape(&b, data, size);
    if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) abort();
    buf_free(&a);
    buf_free(&b);
    if (size >= 9) {
        int64_t v;
        memcpy(&v, data, 8);
        v %= 253402300800000000LL; /* years 1..9999 either side of 1970, what timestamptz holds */
        size_t cap = data[8] % 40;
        char x[40], y[40];
        memset(x, 'x', sizeof x);
        memset(y, 'x', sizeof y);
        format_time_us(v, x, cap);
        ref_time(v, y, cap);
        if (memcmp(x, y, sizeof x) != 0) abort();
    }
    return 0;
}
