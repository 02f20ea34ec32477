/* libFuzzer target: the router on arbitrary paths and methods. Invariants: a match reports a known route, an id
 * only for templated routes (and only a valid positive one), 405 only with a non-empty Allow set. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"};
    const char *method = methods[data[0] % 8];
    char *path = malloc(size);
    memcpy(path, data + 1, size - 1);
    path[size - 1] = '\0';
    method_t m = method_parse(method);
    route_match_t r = router_match(m, path);
    if (r.route >= R_COUNT || (r.status != 0 && r.status != 404 && r.status != 405)) abort();
    if (r.id < 0 || (r.id && r.route != R_PAD && r.route != R_PAD_NOTES && r.route != R_NOTE)) abort();
    if (r.status == 405 && !r.allowed) abort();
    char allow[96];
    router_allow_header(r.allowed, allow, sizeof allow);
    if (strlen(allow) >= sizeof allow) abort();
    route_template(r.route);
    method_name(m);
    free(path);
    return 0;
}
