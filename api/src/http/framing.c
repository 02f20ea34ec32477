#include "http/framing.h"
#include <string.h>
#include <strings.h>

const char *framing_problem(const struct mg_request_info *ri) {
    int cl = 0, te = 0, host = 0;
    for (int i = 0; i < ri->num_headers; i++) {
        const char *name = ri->http_headers[i].name, *value = ri->http_headers[i].value;
        if (!name || !value) continue;
        if (strcasecmp(name, "Content-Length") == 0) {
            cl++;
            if (!*value || strspn(value, "0123456789") != strlen(value) || strlen(value) > 15)
                return "Content-Length must be a decimal number.";
        } else if (strcasecmp(name, "Transfer-Encoding") == 0) {
            te++;
        } else if (strcasecmp(name, "Host") == 0) {
            host++;
        }
    }
    if (cl > 1) return "Content-Length appears more than once.";
    if (te > 1) return "Transfer-Encoding appears more than once.";
    if (cl && te) return "Content-Length and Transfer-Encoding must not be sent together.";
    if (ri->http_version && strcmp(ri->http_version, "1.1") == 0 && host != 1)
        return "An HTTP/1.1 request needs exactly one Host header.";
    return NULL;
}

void framing_force_close(const struct mg_request_info *ri) {
    struct mg_request_info *w = (struct mg_request_info *)ri; /* civetweb's own struct, not read-only memory */
    for (int i = 0; i < w->num_headers; i++)
        if (strcasecmp(w->http_headers[i].name, "Connection") == 0) {
            w->http_headers[i].value = "close";
            return;
        }
    if (w->num_headers < MG_MAX_HEADERS) {
        w->http_headers[w->num_headers].name = "Connection";
        w->http_headers[w->num_headers].value = "close";
        w->num_headers++;
    } else {
        w->http_headers[0].name = "Connection";
        w->http_headers[0].value = "close";
    }
}
