#include "auth/sessions.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "auth/refresh_rules.h"
#include "store/redis_pool.h"

static long refresh_ttl = 1209600, max_age = 2592000;

void sessions_configure(long rt_ttl, long session_max_age) {
    refresh_ttl = rt_ttl;
    max_age = session_max_age;
}

static void token_key(const char *token, char out[80]) {
    char h[65];
    sha256_hex(token, strlen(token), h);
    snprintf(out, 80, "nj:rt:%s", h);
}

/* Looks up field in an HGETALL reply; NULL if absent. */
static const char *hfield(const redisReply *r, const char *field) {
    if (!r || r->type != REDIS_REPLY_ARRAY) return NULL;
    for (size_t i = 0; i + 1 < r->elements; i += 2)
        if (r->element[i]->type == REDIS_REPLY_STRING && strcmp(r->element[i]->str, field) == 0)
            return r->element[i + 1]->str;
    return NULL;
}

static int64_t to_i64(const char *s) { return s ? strtoll(s, NULL, 10) : 0; }

/* Queues the commands that store a fresh token of family sid. */
static void new_token_cmds(const char *key, const char *uid, const char *sid, const char *exp, const char *ttl,
                           const char **hset, const char **expire) {
    const char *h[] = {"HSET", key, "uid", uid, "sid", sid, "rot", "0", "exp", exp};
    const char *e[] = {"EXPIRE", key, ttl};
    memcpy(hset, h, sizeof h);
    memcpy(expire, e, sizeof e);
}

static ses_result_t exec_ok(redisReply **replies, int n) {
    ses_result_t res = SES_OK;
    for (int i = 0; i < n; i++) {
        if (!replies[i] || replies[i]->type == REDIS_REPLY_ERROR) res = SES_UNAVAILABLE;
        if (replies[i]) freeReplyObject(replies[i]);
    }
    return res;
}

ses_result_t session_create(int64_t user_id, ses_issued_t *out) {
    rds_conn_t *c = rds_acquire();
    if (!c) return SES_UNAVAILABLE;
    random_token(out->token);
    random_hex(out->sid, 16);
    out->user_id = user_id;
    char key[80], fam[64], ufam[48], uid[24], now_s[24], exp[24], ttl[24], age[24];
    token_key(out->token, key);
    snprintf(fam, sizeof fam, "nj:fam:%s", out->sid);
    snprintf(ufam, sizeof ufam, "nj:ufam:%" PRId64, user_id);
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    int64_t now = time(NULL);
    snprintf(now_s, sizeof now_s, "%" PRId64, now);
    snprintf(exp, sizeof exp, "%" PRId64, now + refresh_ttl);
    snprintf(ttl, sizeof ttl, "%ld", refresh_ttl);
    snprintf(age, sizeof age, "%ld", max_age);
    const char *multi[] = {"MULTI"}, *execc[] = {"EXEC"};
    const char *fh[] = {"HSET", fam, "uid", uid, "created", now_s};
    const char *fe[] = {"EXPIRE", fam, age};
    const char *ua[] = {"SADD", ufam, out->sid};
    const char *ue[] = {"EXPIRE", ufam, age};
    const char *th[10], *te[3];
    new_token_cmds(key, uid, out->sid, exp, ttl, th, te);
    const char **argvs[] = {multi, fh, fe, ua, ue, th, te, execc};
    int argcs[] = {1, 6, 3, 3, 3, 10, 3, 1};
    redisReply *replies[8];
    ses_result_t res = SES_UNAVAILABLE;
    if (rds_pipeline(c, RC_SESSION, 8, argcs, argvs, replies) == 0) res = exec_ok(replies, 8);
    rds_release(c);
    return res;
}

static redisReply *cmd(rds_conn_t *c, redis_label_t l, int argc, const char **argv) {
    return rds_command(c, l, argc, argv, NULL);
}

static void revoke_family(rds_conn_t *c, const char *sid, const char *uid) {
    char fam[64], ufam[48];
    snprintf(fam, sizeof fam, "nj:fam:%s", sid);
    snprintf(ufam, sizeof ufam, "nj:ufam:%s", uid);
    const char *d[] = {"DEL", fam}, *s[] = {"SREM", ufam, sid};
    const char **argvs[] = {d, s};
    int argcs[] = {2, 3};
    redisReply *replies[2];
    if (rds_pipeline(c, RC_REVOKE, 2, argcs, argvs, replies) == 0) exec_ok(replies, 2);
}

/* One optimistic attempt: WATCH the token, read it and its family, decide, then MULTI/EXEC. Returns -1 when EXEC
 * was aborted because another request touched the token meanwhile (the caller retries). */
static int rotate_once(rds_conn_t *c, const char *key, ses_issued_t *out, ses_result_t *res) {
    const char *watch[] = {"WATCH", key}, *hget[] = {"HGETALL", key}, *unwatch[] = {"UNWATCH"};
    redisReply *w = cmd(c, RC_ROTATE, 2, watch), *tok = NULL, *fam = NULL;
    *res = SES_UNAVAILABLE;
    if (!w) return 0;
    freeReplyObject(w);
    if (!(tok = cmd(c, RC_ROTATE, 2, hget))) return 0;
    const char *sid = hfield(tok, "sid"), *uid = hfield(tok, "uid");
    refresh_token_state_t ts = {sid && uid, to_i64(hfield(tok, "rot")) != 0, to_i64(hfield(tok, "exp")),
                                to_i64(hfield(tok, "rat")), 0};
    refresh_family_state_t fs = {0, 0};
    if (ts.found) {
        char famkey[64];
        snprintf(famkey, sizeof famkey, "nj:fam:%s", sid);
        const char *fget[] = {"HGETALL", famkey};
        if (!(fam = cmd(c, RC_ROTATE, 2, fget))) goto out;
        fs.found = hfield(fam, "created") != NULL;
        fs.created_at = to_i64(hfield(fam, "created"));
    }
    if (ts.rotated && hfield(tok, "next")) { /* only on the reuse path: was the successor used already? */
        char nextkey[80];
        snprintf(nextkey, sizeof nextkey, "nj:rt:%s", hfield(tok, "next"));
        const char *nget[] = {"HGET", nextkey, "rot"};
        redisReply *n = cmd(c, RC_ROTATE, 3, nget);
        if (!n) goto out;
        /* gone (expired, signed out) counts as used */
        ts.successor_used = n->type != REDIS_REPLY_STRING || strcmp(n->str, "0") != 0;
        freeReplyObject(n);
    }
    int64_t now = time(NULL);
    refresh_decision_t d = refresh_decide(&ts, &fs, now, max_age);
    if (d != REFRESH_ROTATE) {
        redisReply *u = cmd(c, RC_ROTATE, 1, unwatch);
        if (u) freeReplyObject(u);
        if (d == REFRESH_REUSE_REVOKE) {
            revoke_family(c, sid, uid);
            out->user_id = to_i64(uid);
            *res = SES_REUSE;
        } else {
            *res = d == REFRESH_EXPIRED ? SES_EXPIRED : SES_INVALID;
        }
        goto out;
    }
    random_token(out->token);
    snprintf(out->sid, sizeof out->sid, "%s", sid);
    out->user_id = to_i64(uid);
    char newkey[80], exp[24], ttl[24];
    token_key(out->token, newkey);
    /* the new token never outlives the session */
    int64_t left = fs.created_at + max_age - now, t = refresh_ttl < left ? refresh_ttl : left;
    snprintf(exp, sizeof exp, "%" PRId64, now + t);
    snprintf(ttl, sizeof ttl, "%" PRId64, t);
    char now_s[24];
    snprintf(now_s, sizeof now_s, "%" PRId64, now);
    /* a first rotation records when and into what (newkey's hash, after "nj:rt:"); a sibling within the grace
     * leaves the mark as it was, so the grace never extends */
    const char *multi[] = {"MULTI"}, *execc[] = {"EXEC"},
               *mark[] = {"HSET", key, "rot", "1", "rat", now_s, "next", newkey + 6};
    const char *th[10], *te[3];
    new_token_cmds(newkey, uid, sid, exp, ttl, th, te);
    const char **argvs[] = {multi, mark, th, te, execc};
    int argcs[] = {1, ts.rotated ? 4 : 8, 10, 3, 1};
    redisReply *replies[5];
    if (rds_pipeline(c, RC_ROTATE, 5, argcs, argvs, replies) < 0) goto out;
    int aborted = replies[4] && replies[4]->type == REDIS_REPLY_NIL;
    *res = exec_ok(replies, 5);
    if (aborted) {
        freeReplyObject(tok);
        if (fam) freeReplyObject(fam);
        return -1;
    }
out:
    freeReplyObject(tok);
    if (fam) freeReplyObject(fam);
    return 0;
}

ses_result_t session_rotate(const char *token, ses_issued_t *out) {
    rds_conn_t *c = rds_acquire();
    if (!c) return SES_UNAVAILABLE;
    char key[80];
    token_key(token, key);
    ses_result_t res = SES_UNAVAILABLE;
    memset(out, 0, sizeof(*out));
    /* a lost race re-reads the token, now rotated, which is reuse */
    for (int attempt = 0; attempt < 3; attempt++)
        if (rotate_once(c, key, out, &res) == 0) break;
    rds_release(c);
    return res;
}

ses_result_t session_revoke_by_token(const char *token, int64_t *user_id) {
    rds_conn_t *c = rds_acquire();
    if (!c) return SES_UNAVAILABLE;
    char key[80];
    token_key(token, key);
    const char *hget[] = {"HGETALL", key};
    ses_result_t res = SES_UNAVAILABLE;
    redisReply *tok = cmd(c, RC_REVOKE, 2, hget);
    if (!tok) goto out;
    const char *sid = hfield(tok, "sid"), *uid = hfield(tok, "uid");
    if (!sid || !uid) {
        res = SES_INVALID;
        goto out;
    }
    *user_id = to_i64(uid);
    revoke_family(c, sid, uid);
    const char *del[] = {"DEL", key};
    redisReply *d = cmd(c, RC_REVOKE, 2, del);
    res = d ? SES_OK : SES_UNAVAILABLE;
    if (d) freeReplyObject(d);
out:
    if (tok) freeReplyObject(tok);
    rds_release(c);
    return res;
}

ses_result_t session_revoke_user(int64_t user_id, const char *keep_sid) {
    rds_conn_t *c = rds_acquire();
    if (!c) return SES_UNAVAILABLE;
    char ufam[48], uid[24];
    snprintf(ufam, sizeof ufam, "nj:ufam:%" PRId64, user_id);
    snprintf(uid, sizeof uid, "%" PRId64, user_id);
    const char *members[] = {"SMEMBERS", ufam};
    ses_result_t res = SES_UNAVAILABLE;
    redisReply *m = cmd(c, RC_REVOKE, 2, members);
    if (!m) goto out;
    res = SES_OK;
    for (size_t i = 0; i < m->elements; i++) {
        const char *sid = m->element[i]->str;
        if (keep_sid && strcmp(sid, keep_sid) == 0) continue;
        revoke_family(c, sid, uid);
    }
    freeReplyObject(m);
out:
    rds_release(c);
    return res;
}
