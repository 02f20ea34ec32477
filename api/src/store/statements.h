/* Every SQL statement the API runs, prepared once per connection. Lists have a first-page and an after-cursor
 * variant per sort order so each uses its index directly (keyset pagination). */
#ifndef NOTEJAM_STATEMENTS_H
#define NOTEJAM_STATEMENTS_H
#include "store/db.h"

enum {
    SQL_USER_INSERT = 0,
    SQL_USER_BY_EMAIL,
    SQL_USER_BY_ID,
    SQL_USER_SET_PASSWORD,
    SQL_USER_DELETE,
    SQL_RESET_INSERT,
    SQL_RESET_CONSUME,
    SQL_RESET_LOOKUP,
    SQL_PAD_INSERT,
    SQL_PAD_GET,
    SQL_PAD_EXISTS,
    SQL_PAD_RENAME,
    SQL_PAD_DELETE,
    SQL_NOTE_INSERT,
    SQL_NOTE_GET,
    SQL_NOTE_UPDATE,
    SQL_NOTE_DELETE,
    SQL_NOTE_EXISTS,
    SQL_TOTAL_FIRST,                      /* a list's total (include=total): SQL_TOTAL_FIRST + list kind */
    SQL_LIST_FIRST = SQL_TOTAL_FIRST + 3, /* lists: SQL_LIST_FIRST + list_stmt_offset(kind, order, after) */
    SQL_COUNT = SQL_LIST_FIRST + 3 * 4 * 2
};

typedef enum { LIST_PADS = 0, LIST_NOTES, LIST_PAD_NOTES } list_kind_t;

int list_stmt(list_kind_t kind, int order, int after_cursor);
/* Builds the statement table (once, at start). */
const db_stmt_t *statements_table(int *count);
#endif
