#include "ops/smtp.h"
#include <ctype.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "util/buf.h"

/* ---- URL ---------------------------------------------------------------------------------------------------- */

static int hexval(int ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    ch = tolower(ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Percent-decodes s[0..n) into a new string; NULL on a bad escape or a NUL byte. */
static char *pct_decode(const char *s, size_t n) {
    char *out = malloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; out && i < n; i++) {
        int ch = (unsigned char)s[i];
        if (ch == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1, lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            ch = hi * 16 + lo;
            i += 2;
        }
        out[o++] = (char)ch;
    }
    if (out) out[o] = '\0';
    return out;
}

int smtp_parse_url(const char *url, smtp_target_t *t) {
    memset(t, 0, sizeof *t);
    const char *p;
    if (strncmp(url, "smtp://", 7) == 0)
        p = url + 7;
    else if (strncmp(url, "smtps://", 8) == 0)
        p = url + 8, t->implicit_tls = 1;
    else
        return -1;
    const char *at = strrchr(p, '@');
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        if (!colon) return -1;
        t->user = pct_decode(p, (size_t)(colon - p));
        t->pass = pct_decode(colon + 1, (size_t)(at - colon - 1));
        if (!t->user || !t->pass || !*t->user) goto bad;
        p = at + 1;
    }
    size_t hl = strcspn(p, ":/");
    if (hl == 0) goto bad;
    t->host = strndup(p, hl);
    const char *port = p[hl] == ':' ? p + hl + 1 : NULL;
    if (port) {
        size_t pl = strcspn(port, "/");
        if (pl == 0 || pl >= sizeof t->port || strspn(port, "0123456789") != pl) goto bad;
        memcpy(t->port, port, pl);
        long n = strtol(t->port, NULL, 10);
        if (n < 1 || n > 65535) goto bad;
    } else {
        snprintf(t->port, sizeof t->port, "%s", t->implicit_tls ? "465" : t->user ? "587" : "25");
    }
    return 0;
bad:
    smtp_target_free(t);
    return -1;
}

void smtp_target_free(smtp_target_t *t) {
    free(t->host);
    free(t->user);
    if (t->pass) OPENSSL_cleanse(t->pass, strlen(t->pass));
    free(t->pass);
    memset(t, 0, sizeof *t);
}

/* ---- connection: a socket, TLS once started -------------------------------------------------------------- */

typedef struct {
    int fd;
    SSL_CTX *ctx;
    SSL *ssl;
    char in[512];
    size_t in_len, in_pos;
} conn_t;

static int conn_open(conn_t *c, const smtp_target_t *t) {
    struct addrinfo hints = {0}, *list = NULL;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(t->host, t->port, &hints, &list) != 0) return -1;
    struct timeval tv = {10, 0};
    for (struct addrinfo *ai = list; ai && c->fd < 0; ai = ai->ai_next) {
        c->fd = socket(ai->ai_family, SOCK_STREAM, 0);
        if (c->fd < 0) continue;
        setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            close(c->fd);
            c->fd = -1;
        }
    }
    freeaddrinfo(list);
    return c->fd < 0 ? -1 : 0;
}

/* TLS on the open socket, with the server's certificate checked against the CAs and the host (name or IP). */
static int conn_tls(conn_t *c, const char *host) {
    if (c->in_pos != c->in_len) return -1; /* bytes sent before the handshake would be injected plaintext */
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (!c->ctx || SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_default_verify_paths(c->ctx) != 1)
        return -1;
    SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
    c->ssl = SSL_new(c->ctx);
    if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1) return -1;
    X509_VERIFY_PARAM *param = SSL_get0_param(c->ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, host) != 1) { /* not an IP address: a name, also sent as SNI */
        if (X509_VERIFY_PARAM_set1_host(param, host, 0) != 1 || SSL_set_tlsext_host_name(c->ssl, host) != 1) return -1;
    }
    return SSL_connect(c->ssl) == 1 ? 0 : -1;
}

static void conn_close(conn_t *c) {
    if (c->ssl) SSL_free(c->ssl);
    if (c->ctx) SSL_CTX_free(c->ctx);
    if (c->fd >= 0) close(c->fd);
    ERR_clear_error(); /* this thread's OpenSSL error queue holds nothing for the next message */
}

static int conn_write(conn_t *c, const char *data, size_t len) {
    while (len > 0) {
        int n = c->ssl ? SSL_write(c->ssl, data, (int)(len > 65536 ? 65536 : len)) : (int)write(c->fd, data, len);
        if (n <= 0) return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int conn_getc(conn_t *c, char *ch) {
    if (c->in_pos == c->in_len) {
        int n = c->ssl ? SSL_read(c->ssl, c->in, sizeof c->in) : (int)read(c->fd, c->in, sizeof c->in);
        if (n <= 0) return -1;
        c->in_len = (size_t)n;
        c->in_pos = 0;
    }
    *ch = c->in[c->in_pos++];
    return 0;
}

/* ---- the dialogue ------------------------------------------------------------------------------------------- */

/* Reads one reply (possibly multi-line) and returns its code, or -1. With caps, collects each line's text
 * (upper case, one per line) for the EHLO capability checks. */
static int reply(conn_t *c, buf_t *caps) {
    char line[1024];
    size_t n = 0;
    for (;;) {
        char ch;
        if (conn_getc(c, &ch) < 0) return -1;
        if (n < sizeof line - 1) line[n++] = ch;
        if (ch != '\n') continue;
        line[n] = '\0';
        if (n < 4) return -1;
        if (caps) {
            for (size_t i = 4; i < n && line[i] != '\r' && line[i] != '\n'; i++)
                buf_putc(caps, (char)toupper((unsigned char)line[i]));
            buf_putc(caps, '\n');
        }
        if (line[3] == ' ') return (int)strtol(line, NULL, 10);
        n = 0;
    }
}

static int say(conn_t *c, const char *text, int lo, int hi, buf_t *caps) {
    if (text && conn_write(c, text, strlen(text)) < 0) return -1;
    int code = reply(c, caps);
    return code >= lo && code <= hi ? 0 : -1;
}

/* Whether an EHLO capability line starts with word (and, with arg, lists arg among its parameters). */
static int has_cap(const buf_t *caps, const char *word, const char *arg) {
    size_t wl = strlen(word);
    for (const char *l = caps->data; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, word, wl) != 0 || (l[wl] != '\n' && l[wl] != ' ' && l[wl] != '=')) continue;
        if (!arg) return 1;
        size_t al = strlen(arg);
        for (const char *a = l + wl; *a && *a != '\n'; a++)
            if ((a[-1] == ' ' || a[-1] == '=') && strncmp(a, arg, al) == 0 && (a[al] == ' ' || a[al] == '\n')) return 1;
    }
    return 0;
}

static int ehlo(conn_t *c, buf_t *caps) {
    buf_reset(caps);
    return say(c, "EHLO notejam\r\n", 250, 250, caps);
}

/* AUTH PLAIN: base64("\0user\0pass"); the clear text and the encoding are wiped after use. */
static int auth_plain(conn_t *c, const smtp_target_t *t) {
    unsigned char plain[512];
    char cmd[16 + 4 * sizeof plain / 3 + 8];
    size_t ul = strlen(t->user), pl = strlen(t->pass);
    if (ul + pl + 2 > sizeof plain) return -1;
    plain[0] = '\0';
    memcpy(plain + 1, t->user, ul);
    plain[1 + ul] = '\0';
    memcpy(plain + 2 + ul, t->pass, pl);
    memcpy(cmd, "AUTH PLAIN ", 11);
    int n = EVP_EncodeBlock((unsigned char *)cmd + 11, plain, (int)(ul + pl + 2));
    memcpy(cmd + 11 + n, "\r\n", 3);
    int rc = say(c, cmd, 235, 235, NULL);
    OPENSSL_cleanse(plain, sizeof plain);
    OPENSSL_cleanse(cmd, sizeof cmd);
    return rc;
}

/* Connects, secures and authenticates as the target asks; leaves the connection ready for MAIL FROM. */
static int open_session(conn_t *c, const smtp_target_t *t, buf_t *caps, const char **why) {
    if (conn_open(c, t) < 0) return *why = "cannot connect to the SMTP server", -1;
    if (t->implicit_tls && conn_tls(c, t->host) < 0) return *why = "TLS handshake failed (smtps)", -1;
    if (say(c, NULL, 220, 220, NULL) < 0) return *why = "no SMTP greeting", -1;
    if (ehlo(c, caps) < 0) return *why = "EHLO refused", -1;
    if (!c->ssl && has_cap(caps, "STARTTLS", NULL)) {
        if (say(c, "STARTTLS\r\n", 220, 220, NULL) < 0 || conn_tls(c, t->host) < 0)
            return *why = "STARTTLS failed (certificate or handshake)", -1;
        if (ehlo(c, caps) < 0) return *why = "EHLO refused after STARTTLS", -1;
    }
    if (!t->user) return 0;
    if (!c->ssl) return *why = "the server offers no STARTTLS: credentials are never sent in clear", -1;
    if (!has_cap(caps, "AUTH", "PLAIN")) return *why = "the server offers no AUTH PLAIN", -1;
    if (auth_plain(c, t) < 0) return *why = "authentication failed", -1;
    return 0;
}

int smtp_send(const smtp_target_t *t, const char *from_addr, const char *to, const char *message, const char **why) {
    conn_t c = {.fd = -1};
    buf_t caps, cmd;
    buf_init(&caps, 8192);
    buf_init(&cmd, 4096);
    int rc = -1;
    if (open_session(&c, t, &caps, why) < 0) goto out;
    buf_printf(&cmd, "MAIL FROM:<%s>\r\n", from_addr);
    if (cmd.failed || say(&c, cmd.data, 250, 250, NULL) < 0) {
        *why = "sender refused";
        goto out;
    }
    buf_reset(&cmd);
    buf_printf(&cmd, "RCPT TO:<%s>\r\n", to);
    if (cmd.failed || say(&c, cmd.data, 250, 251, NULL) < 0) {
        *why = "recipient refused";
        goto out;
    }
    if (say(&c, "DATA\r\n", 354, 354, NULL) < 0 || conn_write(&c, message, strlen(message)) < 0 ||
        say(&c, ".\r\n", 250, 250, NULL) < 0) {
        *why = "message refused";
        goto out;
    }
    say(&c, "QUIT\r\n", 221, 221, NULL);
    rc = 0;
out:
    conn_close(&c);
    buf_free(&caps);
    buf_free(&cmd);
    return rc;
}
