#include "http/validate.h"
#include <string.h>

int utf8_valid(const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == 0) return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else
            return 0;
        if (n - i <= need) return 0;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
        if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
        i += need + 1;
    }
    return 1;
}

size_t utf8_chars(const char *s) {
    size_t count = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) count++;
    return count;
}

int json_depth(const char *s, size_t n, int max) {
    int depth = 0, deepest = 0, in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
            continue;
        }
        if (c == '"')
            in_str = 1;
        else if (c == '[' || c == '{') {
            if (++depth > max) return -1;
            if (depth > deepest) deepest = depth;
        } else if (c == ']' || c == '}')
            depth--;
    }
    return deepest;
}

int json_has_escaped_nul(const char *s, size_t n) {
    for (size_t i = 0; i + 5 < n; i++) {
        if (s[i] != '\\') continue;
        if (s[i + 1] == 'u' && s[i + 2] == '0' && s[i + 3] == '0' && s[i + 4] == '0' && s[i + 5] == '0') return 1;
        i++; /* skip the escaped char so "\\\\u0000" is not a false hit */
    }
    return 0;
}

const char *validate_email(const char *email) {
    size_t n = strlen(email);
    if (n < EMAIL_MIN_BYTES || n > EMAIL_MAX_BYTES) return "must be a valid email address";
    const char *at = strchr(email, '@');
    if (!at || at == email || strchr(at + 1, '@')) return "must be a valid email address";
    const char *domain = at + 1;
    const char *dot = strrchr(domain, '.');
    if (!dot || dot == domain || dot[1] == '\0') return "must be a valid email address";
    if (strstr(domain, "..")) return "must be a valid email address";
    for (const unsigned char *p = (const unsigned char *)email; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == ',' || *p == ';' || *p == '"')
            return "must be a valid email address";
    return NULL;
}

const char *validate_password(const char *password) {
    size_t n = utf8_chars(password);
    if (n < PASSWORD_MIN) return "must be at least " LIMIT_STR(PASSWORD_MIN) " characters";
    if (n > PASSWORD_MAX) return "must be at most " LIMIT_STR(PASSWORD_MAX) " characters";
    return NULL;
}

static int is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *validate_name(const char *name, size_t *start, size_t *len) {
    size_t n = strlen(name), a = 0;
    while (a < n && is_space((unsigned char)name[a]))
        a++;
    while (n > a && is_space((unsigned char)name[n - 1]))
        n--;
    *start = a;
    *len = n - a;
    if (*len == 0) return "must not be blank";
    size_t chars = 0;
    for (size_t i = a; i < n; i++)
        if (((unsigned char)name[i] & 0xC0) != 0x80) chars++;
    if (chars > NAME_MAX_CHARS) return "must be at most " LIMIT_STR(NAME_MAX_CHARS) " characters";
    return NULL;
}

const char *validate_text(const char *text) {
    return utf8_chars(text) > TEXT_MAX_CHARS ? "must be at most " LIMIT_STR(TEXT_MAX_CHARS) " characters" : NULL;
}

int64_t parse_id(const char *s, size_t n) {
    if (n == 0 || n > 18 || s[0] == '0') return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int parse_limit(const char *s) {
    if (!s) return 50;
    int64_t v = parse_id(s, strlen(s));
    return (v >= 1 && v <= 100) ? (int)v : -1;
}
