/* The HTTP server: civetweb's listeners (API, and metrics when configured), timeouts, the per-client connection cap,
 * the request pipeline, and graceful drain, set up per docs/design.md's known traps of civetweb. */
#ifndef NOTEJAM_SERVER_H
#define NOTEJAM_SERVER_H

int server_start(void);
/* Stops accepting new work after in-flight requests finish or grace_s passes; then stops civetweb. */
void server_drain_and_stop(int grace_s);
#endif
