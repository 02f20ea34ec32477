#include "util/b64url.h"

static const char ALPHA[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t b64url_encoded_len(size_t n) { return (n / 3) * 4 + ((n % 3) ? (n % 3) + 1 : 0); }

int b64url_encode(const unsigned char *in, size_t n, char *out, size_t out_size) {
    size_t need = b64url_encoded_len(n);
    if (out_size < need + 1) return -1;
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
        out[o++] = ALPHA[v >> 18 & 63];
        out[o++] = ALPHA[v >> 12 & 63];
        out[o++] = ALPHA[v >> 6 & 63];
        out[o++] = ALPHA[v & 63];
    }
    if (n - i == 1) {
        unsigned v = (unsigned)in[i] << 16;
        out[o++] = ALPHA[v >> 18 & 63];
        out[o++] = ALPHA[v >> 12 & 63];
    } else if (n - i == 2) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
        out[o++] = ALPHA[v >> 18 & 63];
        out[o++] = ALPHA[v >> 12 & 63];
        out[o++] = ALPHA[v >> 6 & 63];
    }
    out[o] = '\0';
    return (int)o;
}

static int val(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

int b64url_decode(const char *in, size_t n, unsigned char *out, size_t out_size) {
    if (n % 4 == 1) return -1;
    size_t need = (n / 4) * 3 + (n % 4 ? n % 4 - 1 : 0);
    if (out_size < need) return -1;
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = val(in[i]);
        if (v < 0) return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits & 0xff);
        }
    }
    if (bits && (acc & ((1u << bits) - 1))) return -1; /* non-canonical leftover bits */
    return (int)o;
}
