#include "ops/mailer.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ops/log.h"
#include "ops/metrics.h"
#include "ops/smtp.h"
#include "util/buf.h"
#include "util/secure_random.h"

#define QUEUE_MAX 256

typedef struct mail {
    char *to, *subject, *body;
    struct mail *next;
} mail_t;

static struct {
    char *dir, *from;
    char from_addr[320]; /* the address part of from ("Name <addr>" or "addr"), for MAIL FROM */
    smtp_target_t smtp;
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

/* Waits seconds unless the mailer is stopping; returns 1 when it is. */
static int pause_unless_stopping(int seconds) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += seconds;
    pthread_mutex_lock(&m.lock);
    while (!m.stopping && pthread_cond_timedwait(&m.wake, &m.lock, &until) == 0) {}
    int stopping = m.stopping;
    pthread_mutex_unlock(&m.lock);
    return stopping;
}

/* The message is rendered once, so a retry sends the same bytes (same Message-ID), after 1 s and then 5 s when
 * the server fails (not while stopping). */
static int deliver_smtp(const mail_t *mail, const char **why) {
    static const int waits[] = {1, 5};
    buf_t b;
    buf_init(&b, 1 << 20);
    render(&b, mail); /* bodies are ours and never contain a lone "." line */
    int rc = -1;
    if (b.failed) {
        *why = "message too large";
    } else {
        for (int attempt = 0; rc < 0; attempt++) {
            rc = smtp_send(&m.smtp, m.from_addr, mail->to, b.data, why);
            if (rc < 0 && (attempt == (int)(sizeof waits / sizeof waits[0]) || pause_unless_stopping(waits[attempt])))
                break;
        }
    }
    buf_free(&b);
    return rc;
}

static int deliver(const mail_t *mail, const char **why) {
    if (m.dir) {
        *why = "cannot write to the outbox folder";
        return deliver_file(mail);
    }
    *why = "no delivery configured";
    return m.smtp.host ? deliver_smtp(mail, why) : -1;
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
        const char *why = NULL;
        int rc = deliver(mail, &why);
        metrics_mail(rc == 0);
        if (rc < 0)
            log_msg(LOG_ERROR, "mail delivery failed", why);
        else
            log_msg(LOG_INFO, "mail delivered", mail->subject);
        free_mail(mail);
        pthread_mutex_lock(&m.lock);
    }
    pthread_mutex_unlock(&m.lock);
    return NULL;
}

int mailer_configure(const char *mail_dir, const char *smtp_url, const char *from) {
    m.from = strdup(from);
    const char *lt = strchr(from, '<');
    snprintf(m.from_addr, sizeof m.from_addr, "%.*s", lt ? (int)strcspn(lt + 1, ">") : (int)strlen(from),
             lt ? lt + 1 : from);
    if (mail_dir && *mail_dir)
        m.dir = strdup(mail_dir);
    else if (smtp_url && *smtp_url && smtp_parse_url(smtp_url, &m.smtp) < 0)
        return -1;
    return 0;
}

int mailer_start(void) {
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
