/* libFuzzer target: pagination cursors. Even first byte: the input is a cursor text from a client (decode must
 * refuse or accept without crashing, and what it accepts must encode back to a cursor that decodes the same).
 * Odd first byte: the input describes a cursor (sort keys, ids, name), which must survive encode + decode. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/cursor.h"

static cursor_keys_t KEYS = {.keys = {"fuzz cursor key, 32 bytes long!", "second cursor key of the ring!!"},
                             .count = 2};

static void same(const cursor_t *a, const cursor_t *b) {
    if (a->list != b->list || a->order != b->order || a->scope != b->scope || a->updated_us != b->updated_us ||
        a->id != b->id || strcmp(a->name, b->name) != 0)
        abort();
}

static void round_trip(const cursor_t *c) {
    char text[CURSOR_TEXT_MAX];
    cursor_t back;
    if (cursor_encode(c, &KEYS, text, sizeof text) < 0) return; /* too long for a cursor: refused */
    if (cursor_decode(text, &KEYS, &back) < 0) abort();
    same(c, &back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    if (data[0] % 2 == 0) {
        char *s = malloc(size);
        memcpy(s, data + 1, size - 1);
        s[size - 1] = '\0';
        cursor_t c;
        if (cursor_decode(s, &KEYS, &c) == 0) round_trip(&c);
        free(s);
        return 0;
    }
    if (size < 1 + 2 + 24) return 0;
    cursor_t c;
    memset(&c, 0, sizeof c);
    c.list = data[1] % 2 ? 'P' : 'N';
    c.order = data[2] % 4;
    memcpy(&c.scope, data + 3, 8);
    memcpy(&c.updated_us, data + 11, 8);
    memcpy(&c.id, data + 19, 8);
    size_t n = size - 27;
    if (n >= CURSOR_NAME_MAX) n = CURSOR_NAME_MAX - 1;
    memcpy(c.name, data + 27, n);
    c.name[n] = '\0';
    if (strlen(c.name) != n) return 0; /* names come from the database: no NUL inside */
    round_trip(&c);
    return 0;
}
