/* Idempotency-Key on the POSTs that create a pad or a note: the first answer (a 2xx) is kept in Redis for 24 h per
 * user and key, and a retry with the same key and body gets it again; a different body is 422; a retry while the
 * first is still running is 409. Without Redis a request with a key is 503 (one without a key never touches Redis). */
#ifndef NOTEJAM_IDEMPOTENCY_H
#define NOTEJAM_IDEMPOTENCY_H
#include <stddef.h>
#include "http/request.h"

#define IDEM_TTL_S     86400 /* how long an answer is replayed */
#define IDEM_PENDING_S 60    /* how long a claim lives when its request never finishes */
#define IDEM_KEY_MAX   255

typedef struct {
    int active;     /* a key was claimed: idem_finish must run */
    char rkey[128]; /* Redis key: nj:idem:<user>:<sha256 of the key> */
    char claim[96]; /* the pending value this request wrote (compare-and-set guard) */
    char fp[65];    /* SHA-256 of method, path and body */
} idem_t;

/* A stored answer, decoded (pointers into the stored value). */
typedef struct {
    int pending;
    char fp[65];
    int status;
    const char *headers, *body;
    size_t headers_len, body_len;
} idem_record_t;

/* Pure: 1 if v is an acceptable key (1..255 printable ASCII characters). */
int idem_key_ok(const char *v);
/* Pure: the stored form of a finished answer. */
void idem_record_encode(buf_t *out, const char *fp, int status, const char *headers, const char *body, size_t len);
/* Pure: decodes a stored value (pending claim or finished answer). 0 or -1. */
int idem_record_decode(const char *v, size_t n, idem_record_t *out);

/* Before a create. Returns 1 to go on (k->active says whether a key was claimed), or 0 after answering: the replay
 * of the first answer, 400 (bad key), 409 (first still running), 422 (key used for another request), 503 (no Redis). */
int idem_begin(req_t *r, idem_t *k);
/* After the create: keeps a 2xx answer (status, headers such as Location, body) for IDEM_TTL_S, or frees the key
 * for another try. No-op when no key was claimed. */
void idem_finish(idem_t *k, int status, const char *headers, const char *body, size_t len);
#endif
