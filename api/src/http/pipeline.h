/* The request pipeline: id, route, CORS, body limits, content type, JSON parsing, authentication, dispatch. */
#ifndef NOTEJAM_PIPELINE_H
#define NOTEJAM_PIPELINE_H
#include "http/request.h"

void pipeline_run(req_t *r);
void pipeline_cleanup(req_t *r);
/* The metrics listener's port (0 = none): /metrics answers only there, and only ops routes are served there. */
void pipeline_set_metrics_port(int port);
/* Pure: picks the client IP from X-Forwarded-For given the number of trusted proxy hops (0 = peer address). */
void client_ip(const char *peer, const char *xff, int hops, char *out, size_t out_size);
/* Pure: 1 if value is a sane request id (1..64 of [A-Za-z0-9._-]). */
int request_id_ok(const char *value);
/* Pure: 1 if the Content-Type is JSON (application/json, optionally with parameters). */
int content_type_is_json(const char *ct);
#endif
