/* Request framing civetweb lets through but a proxy may read differently (request smuggling): refused with 400 and
 * the connection closed before anything else looks at the request. */
#ifndef NOTEJAM_FRAMING_H
#define NOTEJAM_FRAMING_H
#include <civetweb.h>

/* Pure: NULL when the framing is unambiguous, else the problem detail. Refused: more than one Content-Length or
 * Transfer-Encoding, both together, a Content-Length that is not only digits, HTTP/1.1 without exactly one Host. */
const char *framing_problem(const struct mg_request_info *ri);
/* Makes civetweb close the connection after this response: it keeps a connection alive unless the request said
 * "Connection: close", and 1.15 has no other public switch, so the request's header list is told so. */
void framing_force_close(const struct mg_request_info *ri);
#endif
