#include "util/hmac.h"
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <string.h>

#define PREPARED_MAX 16
#define KEY_MAX      128

/* Contexts with a key absorbed, one per distinct key (the JWT ring and the cursor key: a handful). Kept for the
 * life of the process; keys beyond PREPARED_MAX fall back to the one-shot HMAC(). */
static struct {
    unsigned char key[KEY_MAX];
    size_t len;
    EVP_MAC_CTX *ctx;
} prepared[PREPARED_MAX];
static int n_prepared;
static EVP_MAC *mac;
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;

static int find(const unsigned char *key, size_t len) {
    for (int i = 0; i < n_prepared; i++)
        if (prepared[i].len == len && memcmp(prepared[i].key, key, len) == 0) return i;
    return -1;
}

/* Adds a prepared context for key. Write lock held. */
static int prepare(const unsigned char *key, size_t len) {
    if (n_prepared == PREPARED_MAX || len > KEY_MAX) return -1;
    if (!mac && !(mac = EVP_MAC_fetch(NULL, "HMAC", NULL))) return -1;
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0),
                           OSSL_PARAM_construct_end()};
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(mac);
    if (!c || !EVP_MAC_init(c, key, len, params)) {
        EVP_MAC_CTX_free(c);
        return -1;
    }
    memcpy(prepared[n_prepared].key, key, len);
    prepared[n_prepared].len = len;
    prepared[n_prepared].ctx = c;
    return n_prepared++;
}

/* A fresh copy of the prepared context for key (caller frees), or NULL. */
static EVP_MAC_CTX *copy_for(const unsigned char *key, size_t len) {
    EVP_MAC_CTX *copy = NULL;
    pthread_rwlock_rdlock(&lock);
    int i = find(key, len);
    if (i >= 0) copy = EVP_MAC_CTX_dup(prepared[i].ctx);
    pthread_rwlock_unlock(&lock);
    if (i >= 0) return copy;
    pthread_rwlock_wrlock(&lock);
    if ((i = find(key, len)) < 0) i = prepare(key, len);
    if (i >= 0) copy = EVP_MAC_CTX_dup(prepared[i].ctx);
    pthread_rwlock_unlock(&lock);
    return copy;
}

int hmac_sha256(const unsigned char *key, size_t key_len, const void *msg, size_t n,
                unsigned char out[HMAC_SHA256_LEN]) {
    EVP_MAC_CTX *c = copy_for(key, key_len);
    if (!c) {
        unsigned int len = 0;
        return HMAC(EVP_sha256(), key, (int)key_len, msg, n, out, &len) && len == HMAC_SHA256_LEN ? 0 : -1;
    }
    size_t len = 0;
    int ok = EVP_MAC_update(c, msg, n) && EVP_MAC_final(c, out, &len, HMAC_SHA256_LEN) && len == HMAC_SHA256_LEN;
    EVP_MAC_CTX_free(c);
    return ok ? 0 : -1;
}
