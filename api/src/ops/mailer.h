/* Outgoing mail through a background worker: responses never wait for mail (so forgot-password takes the same
 * time whether or not the account exists). Delivery: .eml files in a folder, or an SMTP server (ops/smtp.h),
 * retried twice. */
#ifndef NOTEJAM_MAILER_H
#define NOTEJAM_MAILER_H

/* Where mail goes: a folder, else an SMTP URL (ops/smtp.h). Returns -1 for a malformed URL. */
int mailer_configure(const char *mail_dir, const char *smtp_url, const char *from);
/* Starts the delivery worker. */
int mailer_start(void);
/* Queues a message (copied). Returns -1 when the queue is full. */
int mailer_send(const char *to, const char *subject, const char *body);
/* Delivers what is queued, then stops the worker. */
void mailer_stop(void);
#endif
