#include "ops/mailer.h"
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ops/log.h"
#include "ops/metrics.h"
#include "ops/metrics.h"
#include "util/buf.h"
#include "util/secure_random.h"

#define QUEUE_MAX 256

typedef struct mail {
    char *to, *subject, *body;
    struct mail *next;
} mail_t;

static struct {
    char *dir, *smtp_host, *from;
    char smtp_port[8];
    mail_t *head, *tail;
    int count, stopping, started;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
} m = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void render(buf_t *b, const mail_t *mail) {
    char date[64], id[33];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    random_hex(id, 16);
    buf_printf(b,
               "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@notejam>\r\nMIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
               m.from, mail->to, mail->subject, date, id, mail->body);
}

static int deliver_file(const mail_t *mail) {
    char name[64], tmp[4200], final[4200], rnd[17];
    random_hex(rnd, 8);
    snprintf(name, sizeof name, "%ld-%s.eml", (long)time(NULL), rnd);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", m.dir, name);
    snprintf(final, sizeof final, "%s/%s", m.dir, name);
    buf_t b;
    buf_init(&b, 1 << 20);
    render(&b, mail);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600), ok = 0;
    if (fd >= 0) {
        ok = !b.failed && write(fd, b.data, b.len) == (ssize_t)b.len;
        ok = close(fd) == 0 && ok;
        ok = ok && rename(tmp, final) == 0; /* readers never see half a file */
        if (!ok) unlink(tmp);
    }
    buf_free(&b);
    return ok ? 0 : -1;
}

/* Reads one SMTP reply (possibly multi-line); returns its code or -1. */
static int smtp_reply(int fd) {
    char line[1024];
    size_t n = 0;
    for (;;) {
        char ch;
        if (read(fd, &ch, 1) != 1) return -1;
        if (n < sizeof line - 1) line[n++] = ch;
        if (ch != '\n') continue;
        line[n] = '\0';
        if (n >= 4 && line[3] == ' ') return (int)strtol(line, NULL, 10);
        n = 0;
    }
}

static int smtp_say(int fd, const char *text, int expect_lo, int expect_hi) {
    if (text && write(fd, text, strlen(text)) != (ssize_t)strlen(text)) return -1;
    int code = smtp_reply(fd);
    return code >= expect_lo && code <= expect_hi ? 0 : -1;
}

static int deliver_smtp(const mail_t *mail) {
    struct addrinfo hints = {0}, *ai = NULL;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(m.smtp_host, m.smtp_port, &hints, &ai) != 0) return -1;
    int fd = socket(ai->ai_family, SOCK_STREAM, 0), rc = -1;
    struct timeval tv = {10, 0};
    buf_t b, cmd;
    buf_init(&b, 1 << 20);
    buf_init(&cmd, 4096);
    if (fd < 0) goto out;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 || smtp_say(fd, NULL, 220, 220) < 0) goto out;
    if (smtp_say(fd, "EHLO notejam\r\n", 250, 250) < 0) goto out;
    const char *lt = strchr(m.from, '<');
    buf_printf(&cmd, "MAIL FROM:<%.*s>\r\n", lt ? (int)strcspn(lt + 1, ">") : (int)strlen(m.from),
               lt ? lt + 1 : m.from);
    if (smtp_say(fd, cmd.data, 250, 250) < 0) goto out;
    buf_reset(&cmd);
    buf_printf(&cmd, "RCPT TO:<%s>\r\n", mail->to);
    if (smtp_say(fd, cmd.data, 250, 251) < 0 || smtp_say(fd, "DATA\r\n", 354, 354) < 0) goto out;
    render(&b, mail);
    buf_puts(&b, ".\r\n"); /* bodies are ours and never contain a lone "." line */
    if (b.failed || smtp_say(fd, b.data, 250, 250) < 0) goto out;
    smtp_say(fd, "QUIT\r\n", 221, 221);
    rc = 0;
out:
    if (fd >= 0) close(fd);
    freeaddrinfo(ai);
    buf_free(&b);
    buf_free(&cmd);
    return rc;
}

static void free_mail(mail_t *mail) {
    free(mail->to);
    free(mail->subject);
    free(mail->body);
    free(mail);
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m.lock);
    for (;;) {
        while (!m.head && !m.stopping)
            pthread_cond_wait(&m.wake, &m.lock);
        if (!m.head) break;
        mail_t *mail = m.head;
        m.head = mail->next;
        if (!m.head) m.tail = NULL;
        m.count--;
        pthread_mutex_unlock(&m.lock);
        int rc = m.dir ? deliver_file(mail) : m.smtp_host ? deliver_smtp(mail) : -1;
        metrics_mail(rc == 0);
        if (rc < 0)
            log_msg(LOG_ERROR, "mail delivery failed", m.dir ? "outbox folder" : "smtp relay");
        else
            log_msg(LOG_INFO, "mail delivered", mail->subject);
        free_mail(mail);
        pthread_mutex_lock(&m.lock);
    }
    pthread_mutex_unlock(&m.lock);
    return NULL;
}

/* smtp://[user:pass@]host:port — authentication is not supported by this minimal client (use a local relay). */
static int parse_smtp(const char *url) {
    if (strncmp(url, "smtp://", 7) != 0) return -1;
    const char *p = strrchr(url + 7, '@');
    p = p ? p + 1 : url + 7;
    const char *colon = strchr(p, ':');
    size_t hl = colon ? (size_t)(colon - p) : strlen(p);
    m.smtp_host = strndup(p, hl);
    snprintf(m.smtp_port, sizeof m.smtp_port, "%s", colon ? colon + 1 : "25");
    return 0;
}

int mailer_start(const char *mail_dir, const char *smtp_url, const char *from) {
    m.from = strdup(from);
    if (mail_dir && *mail_dir)
        m.dir = strdup(mail_dir);
    else if (smtp_url && *smtp_url && parse_smtp(smtp_url) < 0)
        return -1;
    if (pthread_create(&m.thread, NULL, worker, NULL) != 0) return -1;
    m.started = 1;
    return 0;
}

int mailer_send(const char *to, const char *subject, const char *body) {
    mail_t *mail = calloc(1, sizeof *mail);
    if (!mail) return -1;
    mail->to = strdup(to);
    mail->subject = strdup(subject);
    mail->body = strdup(body);
    pthread_mutex_lock(&m.lock);
    int full = m.count >= QUEUE_MAX || !m.started;
    if (!full) {
        if (m.tail)
            m.tail->next = mail;
        else
            m.head = mail;
        m.tail = mail;
        m.count++;
        pthread_cond_signal(&m.wake);
    }
    pthread_mutex_unlock(&m.lock);
    if (full) free_mail(mail);
    return full ? -1 : 0;
}

void mailer_stop(void) {
    if (!m.started) return;
    pthread_mutex_lock(&m.lock);
    m.stopping = 1;
    pthread_cond_signal(&m.wake);
    pthread_mutex_unlock(&m.lock);
    pthread_join(m.thread, NULL);
    m.started = 0;
}
