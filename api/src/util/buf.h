/* A growable byte buffer that always carries a size cap (appends past the cap fail). */
#ifndef NOTEJAM_BUF_H
#define NOTEJAM_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct {
    char *data; /* NUL-terminated while len < alloc */
    size_t len;
    size_t alloc;
    size_t cap; /* hard limit on len */
    int failed; /* sticky: an append was refused (cap or OOM) */
} buf_t;

void buf_init(buf_t *b, size_t cap);
void buf_free(buf_t *b);
void buf_reset(buf_t *b);
int buf_append(buf_t *b, const void *data, size_t n);
int buf_puts(buf_t *b, const char *s);
int buf_putc(buf_t *b, char c);
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf_t *b, const char *fmt, va_list ap);
/* Detach the data (caller frees); the buffer is reset. */
char *buf_steal(buf_t *b);
#endif
