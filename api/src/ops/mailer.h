/* Outgoing mail through a background worker: responses never wait for mail (so forgot-password takes the same
 * time whether or not the account exists). Delivery: .eml files in a folder, or an SMTP server (ops/smtp.h),
 * retried twice. */
#ifndef NOTEJAM_MAILER_H
#define NOTEJAM_MAILER_H

int mailer_start(const char *mail_dir, const char *smtp_url, const char *from);
/* Queues a message (copied). Returns -1 when the queue is full. */
int mailer_send(const char *to, const char *subject, const char *body);
/* Delivers what is queued, then stops the worker. */
void mailer_stop(void);
#endif
