/* Redis connection pool (hiredis contexts are not thread-safe: one per borrower). Every command has a timeout;
 * a failed context is dropped and replaced on later use. */
#ifndef NOTEJAM_REDIS_POOL_H
#define NOTEJAM_REDIS_POOL_H
#include <hiredis/hiredis.h>

/* Labels for the per-command latency histogram. */
typedef enum {
    RC_PING = 0,
    RC_SESSION,
    RC_ROTATE,
    RC_REVOKE,
    RC_RATELIMIT,
    RC_IDEMPOTENCY,
    RC_LABEL_COUNT
} redis_label_t;

typedef struct rds_conn rds_conn_t;

/* url: redis://[[user]:password@]host[:port][/db]. Returns -1 when the URL is malformed. */
int rds_init(const char *url, int size, int timeout_ms);
void rds_shutdown(void);
rds_conn_t *rds_acquire(void);
void rds_release(rds_conn_t *c);
/* Runs one command (argv form). NULL on I/O failure (the connection is dropped) or an error reply. Caller frees. */
redisReply *rds_command(rds_conn_t *c, redis_label_t label, int argc, const char **argv, const size_t *lens);
/* Pipelined: appends argc/argv commands then reads all replies into replies[] (caller frees each). 0 or -1. */
int rds_pipeline(rds_conn_t *c, redis_label_t label, int n_cmds, const int *argcs, const char ***argvs,
                 redisReply **replies);
void rds_pool_stats(int *size, int *in_use);
int rds_ping(void);
/* Pure: parses a redis URL. Returns 0 or -1. host/password buffers get NUL-terminated values. */
int rds_parse_url(const char *url, char *host, size_t host_size, int *port, char *user, size_t user_size,
                  char *password, size_t pw_size, int *db);
#endif
