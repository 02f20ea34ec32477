/* Entity tags: pads' and notes' (strong, "<id>.<version>", the row's version column raised by every update), and
 * If-None-Match against a served document's tag. */
#ifndef NOTEJAM_ETAG_H
#define NOTEJAM_ETAG_H
#include <stddef.h>
#include <stdint.h>

#define ETAG_MAX_VERSIONS 16

typedef enum { IF_MATCH_NONE = 0, IF_MATCH_LIST, IF_MATCH_BAD } if_match_t;

/* Writes "\"<id>.<version>\"" (both decimal digit strings) into out. */
void etag_format(char *out, size_t size, const char *id, const char *version);
/* Parses an If-Match header for the object with this id (RFC 9110 strong comparison). NONE: header absent or "*"
 * (no condition). LIST: versions gets a PostgreSQL int8 array literal of the versions this object's tags name; "{}"
 * when none do (weak tags and other objects' tags never match). BAD: not a list of entity tags. */
if_match_t if_match_parse(const char *header, int64_t id, char *versions, size_t size);
/* 1 if an If-None-Match value (a list of entity tags, weak or strong, or "*") names etag (quoted, strong). */
int etag_none_match(const char *if_none_match, const char *etag);
#endif
