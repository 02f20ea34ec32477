/* The HTTP server: civetweb set up per docs/design.md's known traps, the request pipeline, and graceful drain. */
#ifndef NOTEJAM_SERVER_H
#define NOTEJAM_SERVER_H

int server_start(void);
/* Stops accepting new work after in-flight requests finish or grace_s passes; then stops civetweb. */
void server_drain_and_stop(int grace_s);
#endif
