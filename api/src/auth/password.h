/* Argon2id password hashing (libsodium, OWASP minimum m=19 MiB, t=2, p=1) behind a concurrency cap, so a sign-in
 * burst cannot starve other requests of CPU or the process of memory. */
#ifndef NOTEJAM_PASSWORD_H
#define NOTEJAM_PASSWORD_H
#include <sodium.h>

#define PASSWORD_HASH_MAX crypto_pwhash_STRBYTES

typedef enum { PW_OK = 0, PW_MISMATCH, PW_BUSY, PW_ERROR } pw_result_t;

/* max_concurrent hashes at once; wait_ms is how long a request waits for a slot before PW_BUSY. */
int password_init(int max_concurrent, int wait_ms);
pw_result_t password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* hash == NULL verifies against a dummy hash (same cost), so unknown emails take as long as wrong passwords. */
pw_result_t password_verify(const char *hash, const char *password);
#endif
