#include "util/json_out.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Nonzero when one of the 8 bytes in w is below 0x20, '"' or '\\' (exact for "any", used only as a gate). */
static uint64_t needs_escape8(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & highs;
}

int json_str_n(buf_t *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (buf_putc(b, '"') < 0) return -1;
    size_t run = 0; /* copy unescaped runs in one append */
    for (size_t i = 0; i < n; i++) {
        /* skip 8 plain bytes at a time: note texts are long and rarely need escapes (a third of a list's CPU) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (needs_escape8(w)) break;
            i += 8;
        }
        if (i >= n) break;
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

/* Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days): no gmtime_r, whose time zone
 * lock and printf-based formatting cost ~8% of the CPU of a 20-note list request. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Writes v as exactly width (even) decimal digits, two at a time. */
static char *digits(char *p, uint32_t v, int width) {
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    for (int i = width - 2; i >= 0; i -= 2) {
        memcpy(p + i, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    return p + width;
}

void format_time_us(int64_t unix_us, char *out, size_t out_size) {
    int64_t secs = unix_us / 1000000, us = unix_us % 1000000;
    if (us < 0) {
        us += 1000000;
        secs -= 1;
    }
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days -= 1;
    }
    int64_t year;
    int month, day;
    civil_from_days(days, &year, &month, &day);
    char tmp[32], *p = tmp;
    if (year < 0 || year > 9999) { /* not a date PostgreSQL stores for us; keep the old, general format */
        snprintf(out, out_size, "%04lld-%02d-%02dT%02d:%02d:%02d.%06lldZ", (long long)year, month, day,
                 (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), (long long)us);
        return;
    }
    p = digits(p, (uint32_t)year, 4);
    *p++ = '-';
    p = digits(p, (uint32_t)month, 2);
    *p++ = '-';
    p = digits(p, (uint32_t)day, 2);
    *p++ = 'T';
    p = digits(p, (uint32_t)(rem / 3600), 2);
    *p++ = ':';
    p = digits(p, (uint32_t)(rem / 60 % 60), 2);
    *p++ = ':';
    p = digits(p, (uint32_t)(rem % 60), 2);
    *p++ = '.';
    p = digits(p, (uint32_t)us, 6);
    *p++ = 'Z';
    size_t len = (size_t)(p - tmp);
    if (out_size == 0) return;
    if (len >= out_size) len = out_size - 1;
    memcpy(out, tmp, len);
    out[len] = '\0';
}

int json_time_us(buf_t *b, int64_t unix_us) {
    char tmp[40];
    format_time_us(unix_us, tmp, sizeof tmp);
    if (buf_putc(b, '"') < 0 || buf_puts(b, tmp) < 0) return -1;
    return buf_putc(b, '"');
}
