#include "services/idempotency.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "handlers/respond.h"
#include "ops/log.h"
#include "store/redis_pool.h"
#include "util/secure_random.h"

/* Stored values: "P<fp>:<nonce>" while the first request runs, "D<fp><status>:<headers length>:<headers><body>"
 * once it answered. */

int idem_key_ok(const char *v) {
    size_t n = strlen(v);
    if (n == 0 || n > IDEM_KEY_MAX) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e) return 0;
    return 1;
}

void idem_record_encode(buf_t *out, const char *fp, int status, const char *headers, const char *body, size_t len) {
    buf_printf(out, "D%.64s%03d:%zu:", fp, status, strlen(headers));
    buf_puts(out, headers);
    buf_append(out, body, len);
}

int idem_record_decode(const char *v, size_t n, idem_record_t *out) {
    memset(out, 0, sizeof *out);
    if (n < 65 || (v[0] != 'P' && v[0] != 'D') || strspn(v + 1, "0123456789abcdef") < 64) return -1;
    memcpy(out->fp, v + 1, 64);
    out->fp[64] = '\0';
    out->pending = v[0] == 'P';
    if (out->pending) return 0;
    const char *p = v + 65, *end = v + n;
    if (end - p < 6 || strspn(p, "0123456789") < 3 || p[3] != ':') return -1;
    out->status = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    p += 4;
    size_t hl = 0, digits = 0;
    while (p < end && *p >= '0' && *p <= '9' && digits++ < 6)
        hl = hl * 10 + (size_t)(*p++ - '0');
    if (!digits || p >= end || *p != ':' || (size_t)(end - p - 1) < hl) return -1;
    p++;
    out->headers = p;
    out->headers_len = hl;
    out->body = p + hl;
    out->body_len = (size_t)(end - p) - hl;
    return 0;
}

static void fingerprint(const req_t *r, char out[65]) {
    buf_t b;
    buf_init(&b, (size_t)1 << 24);
    buf_printf(&b, "%s %s\n", r->ri->request_method, r->ri->local_uri ? r->ri->local_uri : "");
    if (r->body) buf_append(&b, r->body, r->body_len);
    sha256_hex(b.data ? b.data : "", b.len, out);
    buf_free(&b);
}

static void replay(req_t *r, const idem_record_t *rec) {
    char extra[1024];
    snprintf(extra, sizeof extra, "%.*sIdempotent-Replayed: true\r\n", (int)rec->headers_len, rec->headers);
    resp_send(r, rec->status, "application/json", rec->body, rec->body_len, extra);
}

static void unavailable(req_t *r) {
    respond_unavailable(r, "Idempotency keys need a store that is unavailable. Retry shortly (or without the key).");
}

/* One try to claim the key or answer from what it holds. 1 claimed, 0 answered, -1 try again (it just expired). */
static int claim_or_answer(req_t *r, rds_conn_t *c, idem_t *k) {
    char ttl[16];
    snprintf(ttl, sizeof ttl, "%d", IDEM_PENDING_S);
    const char *set[] = {"SET", k->rkey, k->claim, "NX", "EX", ttl};
    redisReply *rep = rds_command(c, RC_IDEMPOTENCY, 6, set, NULL);
    if (!rep) {
        unavailable(r);
        return 0;
    }
    int claimed = rep->type == REDIS_REPLY_STATUS;
    freeReplyObject(rep);
    if (claimed) return 1;
    const char *get[] = {"GET", k->rkey};
    rep = rds_command(c, RC_IDEMPOTENCY, 2, get, NULL);
    if (!rep) {
        unavailable(r);
        return 0;
    }
    int rc = 0;
    idem_record_t rec;
    if (rep->type != REDIS_REPLY_STRING) {
        rc = -1;
    } else if (idem_record_decode(rep->str, rep->len, &rec) < 0) {
        log_msg(LOG_ERROR, "idempotency: unreadable stored answer", k->rkey);
        resp_problem(r, 500, "The request could not be completed.", NULL, NULL);
    } else if (strcmp(rec.fp, k->fp) != 0) {
        field_errors_t errs = {0};
        field_errors_add(&errs, "Idempotency-Key", "was used for a different request");
        resp_problem(r, 422, "This Idempotency-Key was used for a different request.", &errs, NULL);
    } else if (rec.pending) {
        resp_problem(r, 409, "A request with this Idempotency-Key is still in progress. Retry shortly.", NULL,
                     "Retry-After: 1\r\n");
    } else {
        replay(r, &rec);
    }
    freeReplyObject(rep);
    return rc;
}

int idem_begin(req_t *r, idem_t *k) {
    memset(k, 0, sizeof *k);
    const char *key = req_header(r, "Idempotency-Key");
    if (!key) return 1;
    if (!idem_key_ok(key)) {
        resp_problem(r, 400, "Idempotency-Key must be 1 to 255 printable ASCII characters.", NULL, NULL);
        return 0;
    }
    char kh[65], nonce[17];
    sha256_hex(key, strlen(key), kh);
    snprintf(k->rkey, sizeof k->rkey, "nj:idem:%" PRId64 ":%s", r->user_id, kh);
    fingerprint(r, k->fp);
    random_hex(nonce, 8);
    snprintf(k->claim, sizeof k->claim, "P%s:%s", k->fp, nonce);
    rds_conn_t *c = rds_acquire();
    if (!c) {
        unavailable(r);
        return 0;
    }
    int rc = -1;
    for (int attempt = 0; attempt < 3 && rc < 0; attempt++)
        rc = claim_or_answer(r, c, k);
    rds_release(c);
    if (rc < 0)
        resp_problem(r, 409, "This Idempotency-Key is changing hands. Retry shortly.", NULL, "Retry-After: 1\r\n");
    k->active = rc == 1;
    return rc == 1;
}

/* Replace (or delete, when value is NULL) the key only while it still holds this request's claim. */
static const char *const CAS_LUA = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end "
                                   "if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end "
                                   "redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1";

void idem_finish(idem_t *k, int status, const char *headers, const char *body, size_t len) {
    if (!k->active) return;
    k->active = 0;
    buf_t v;
    buf_init(&v, (size_t)1 << 22);
    if (status >= 200 && status < 300) idem_record_encode(&v, k->fp, status, headers ? headers : "", body, len);
    char ttl[16];
    snprintf(ttl, sizeof ttl, "%d", IDEM_TTL_S);
    const char *argv[] = {"EVAL", CAS_LUA, "1", k->rkey, k->claim, v.data ? v.data : "", ttl};
    size_t lens[] = {4, strlen(CAS_LUA), 1, strlen(k->rkey), strlen(k->claim), v.data ? v.len : 0, strlen(ttl)};
    rds_conn_t *c = v.failed ? NULL : rds_acquire();
    redisReply *rep = c ? rds_command(c, RC_IDEMPOTENCY, 7, argv, lens) : NULL;
    if (!rep) log_msg(LOG_WARN, "idempotency: answer not kept (a retry after the claim expires repeats it)", k->rkey);
    freeReplyObject(rep);
    if (c) rds_release(c);
    buf_free(&v);
}
