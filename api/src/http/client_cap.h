/* The per-client connection cap: slow or idle connections from one address cannot hold every worker thread.
 * Counted per peer address from civetweb's init_connection to its connection_close; a connection over the cap is
 * shut down before its request is read. Behind the ALB the peers are the ALB's nodes (each gets the cap). */
#ifndef NOTEJAM_CLIENT_CAP_H
#define NOTEJAM_CLIENT_CAP_H
#include <civetweb.h>

void client_cap_configure(int max_per_client); /* 0 = no cap */
/* civetweb 1.15 hides a new connection's request info until its request is read, though the peer address is
 * already in it: the first request (server.c makes one to itself at start) tells where it sits. */
void client_cap_learn(const struct mg_connection *conn, const struct mg_request_info *ri);
/* civetweb callbacks */
int client_cap_open(const struct mg_connection *conn, void **conn_data);
void client_cap_close(const struct mg_connection *conn);

/* Pure (for tests): counts of up to CAP_TRACKED addresses. Returns the new count of addr after adding delta, or
 * -1 when the table is full (the connection is then not counted, and admitted). */
#define CAP_TRACKED 4096
int client_cap_add(const char *addr, int delta);
#endif
