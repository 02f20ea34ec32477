#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf_t *b, size_t cap) {
    memset(b, 0, sizeof(*b));
    b->cap = cap;
}

void buf_free(buf_t *b) {
    free(b->data);
    memset(b, 0, sizeof(*b));
}

void buf_reset(buf_t *b) {
    b->len = 0;
    b->failed = 0;
    if (b->data) b->data[0] = '\0';
}

static int reserve(buf_t *b, size_t extra) {
    if (b->failed) return -1;
    if (extra > b->cap || b->len > b->cap - extra) goto fail;
    size_t need = b->len + extra + 1;
    if (need <= b->alloc) return 0;
    size_t n = b->alloc ? b->alloc : 256;
    while (n < need)
        n *= 2;
    if (n > b->cap + 1) n = b->cap + 1;
    char *p = realloc(b->data, n);
    if (!p) goto fail;
    b->data = p;
    b->alloc = n;
    return 0;
fail:
    b->failed = 1;
    return -1;
}

int buf_append(buf_t *b, const void *data, size_t n) {
    if (reserve(b, n) < 0) return -1;
    if (n) memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(buf_t *b, const char *s) { return buf_append(b, s, strlen(s)); }
int buf_putc(buf_t *b, char c) { return buf_append(b, &c, 1); }

int buf_vprintf(buf_t *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || reserve(b, (size_t)n) < 0) return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(buf_t *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

char *buf_steal(buf_t *b) {
    char *p = b->data;
    if (!p) p = calloc(1, 1);
    b->data = NULL;
    b->len = b->alloc = 0;
    b->failed = 0;
    return p;
}
