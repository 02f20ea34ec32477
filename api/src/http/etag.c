#include "http/etag.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void etag_format(char *out, size_t size, const char *id, const char *version) {
    snprintf(out, size, "\"%s.%s\"", id, version);
}

/* Strong tag text "<id>.<version>" naming this id: copies the version digits into v. */
static int tag_version(const char *s, size_t n, int64_t id, char *v, size_t vsize) {
    char want[24];
    int wl = snprintf(want, sizeof want, "%" PRId64 ".", id);
    if (wl <= 0 || n <= (size_t)wl || n - (size_t)wl >= vsize || strncmp(s, want, (size_t)wl) != 0) return 0;
    size_t dl = n - (size_t)wl;
    if (dl > 18 || strspn(s + wl, "0123456789") < dl) return 0;
    memcpy(v, s + wl, dl);
    v[dl] = '\0';
    return 1;
}

if_match_t if_match_parse(const char *h, int64_t id, char *versions, size_t size) {
    if (!h) return IF_MATCH_NONE;
    while (*h == ' ' || *h == '\t')
        h++;
    if (h[0] == '*' && h[1 + strspn(h + 1, " \t")] == '\0') return IF_MATCH_NONE;
    size_t used = 0;
    int kept = 0, seen = 0;
    if (size < 3) return IF_MATCH_BAD;
    versions[used++] = '{';
    for (const char *p = h;;) {
        p += strspn(p, " \t");
        if (*p == '\0') break;
        if (*p == ',') { /* empty list elements are allowed (RFC 9110 5.6.1) */
            p++;
            continue;
        }
        int weak = strncmp(p, "W/", 2) == 0;
        if (weak) p += 2;
        if (*p != '"') return IF_MATCH_BAD;
        const char *q = strchr(p + 1, '"');
        if (!q) return IF_MATCH_BAD;
        for (const char *c = p + 1; c < q; c++) /* etagc: %x21 / %x23-7E / obs-text */
            if ((unsigned char)*c < 0x21 || *c == 0x7f) return IF_MATCH_BAD;
        char v[20];
        if (!weak && kept < ETAG_MAX_VERSIONS && tag_version(p + 1, (size_t)(q - p - 1), id, v, sizeof v)) {
            int n = snprintf(versions + used, size - used, "%s%s", kept ? "," : "", v);
            if (n < 0 || (size_t)n >= size - used) return IF_MATCH_BAD;
            used += (size_t)n;
            kept++;
        }
        seen++;
        p = q + 1;
        p += strspn(p, " \t");
        if (*p == ',')
            p++;
        else if (*p != '\0')
            return IF_MATCH_BAD;
    }
    if (!seen || used + 2 > size) return IF_MATCH_BAD;
    versions[used++] = '}';
    versions[used] = '\0';
    return IF_MATCH_LIST;
}

int etag_none_match(const char *inm, const char *etag) {
    if (!inm) return 0;
    size_t el = strlen(etag);
    for (const char *p = inm; *p;) {
        p += strspn(p, " \t,");
        if (!*p) break;
        size_t n = strcspn(p, ",");
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n == 1 && *p == '*') return 1;
        const char *t = p;
        size_t tn = n;
        if (tn > 2 && strncmp(t, "W/", 2) == 0) { /* If-None-Match compares weakly */
            t += 2;
            tn -= 2;
        }
        if (tn == el && memcmp(t, etag, el) == 0) return 1;
        p += strcspn(p, ",");
    }
    return 0;
}
