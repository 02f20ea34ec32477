/* A small SMTP submission client: one message per connection, TLS (STARTTLS, or implicit with smtps://) whenever
 * the server offers it and always before credentials, AUTH PLAIN, certificates verified against the system's CAs
 * (OpenSSL honours SSL_CERT_FILE) and the host name. Enough for Amazon SES or a local relay. */
#ifndef NOTEJAM_SMTP_H
#define NOTEJAM_SMTP_H

typedef struct {
    char *host, *user, *pass; /* user/pass NULL: no authentication */
    char port[8];
    int implicit_tls; /* smtps:// */
} smtp_target_t;

/* smtp://[user:pass@]host[:port] (port 25, or 587 with credentials) or smtps://[user:pass@]host[:port] (465).
 * user and pass are percent-decoded. Returns 0, or -1 for a malformed URL. */
int smtp_parse_url(const char *url, smtp_target_t *t);
void smtp_target_free(smtp_target_t *t);

/* Sends one rendered message (headers and body, CRLF line ends, no lone "." line). Returns 0, or -1 with *why set
 * to a short reason for the logs (never a secret). */
int smtp_send(const smtp_target_t *t, const char *from_addr, const char *to, const char *message, const char **why);
#endif
