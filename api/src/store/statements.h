/* Every SQL statement the API runs, prepared once per connection. Lists have a first-page and an after-cursor
 * variant per sort order so each uses its index directly (keyset pagination). */
#ifndef NOTEJAM_STATEMENTS_H
#define NOTEJAM_STATEMENTS_H
#include "store/db.h"

/* A list statement per list kind, order and page (the first page, or the page after a cursor); the note lists also
 * have a searching variant of each. */
#define LIST_KINDS   3 /* list_kind_t */
#define LIST_ORDERS  4 /* list_order_t (http/cursor.h) */
#define LIST_PAGES   2 /* first page, after a cursor */
#define SEARCH_KINDS 2 /* the note lists: LIST_NOTES, LIST_PAD_NOTES */
#define LIST_STMTS   (LIST_KINDS * LIST_ORDERS * LIST_PAGES)
#define SEARCH_STMTS (SEARCH_KINDS * LIST_ORDERS * LIST_PAGES)

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
    SQL_TOTAL_FIRST,                                   /* a list's total (include=total): SQL_TOTAL_FIRST + list kind */
    SQL_LIST_FIRST = SQL_TOTAL_FIRST + LIST_KINDS,     /* lists: list_stmt(kind, order, after) */
    SQL_SEARCH_PATTERNS = SQL_LIST_FIRST + LIST_STMTS, /* q -> one LIKE pattern per word */
    SQL_SEARCH_TOTAL_FIRST,                            /* + kind - LIST_NOTES */
    SQL_SEARCH_FIRST = SQL_SEARCH_TOTAL_FIRST + SEARCH_KINDS, /* searches: search_stmt(kind, order, after) */
    SQL_EXPORT_PADS = SQL_SEARCH_FIRST + SEARCH_STMTS, /* export pages: $1 user id, in id order after $2, $3 rows */
    SQL_EXPORT_NOTES,
    SQL_COUNT
};

typedef enum { LIST_PADS = 0, LIST_NOTES, LIST_PAD_NOTES } list_kind_t;

int list_stmt(list_kind_t kind, int order, int after_cursor);
/* The searching variant of a note list (kind LIST_NOTES or LIST_PAD_NOTES): the list's parameters, then
 * SEARCH_MAX_WORDS LIKE patterns (unused ones '%'). Planned on each call (plan_each_time): one generic plan for
 * all patterns would scan every user's matches for a rare word, or a whole account for a common one. */
int search_stmt(list_kind_t kind, int order, int after_cursor);
#define EXPORT_PAGE 100 /* rows per page: at most 100 x 80 KB of note text held at once */
/* Builds the statement table (once, at start). */
const db_stmt_t *statements_table(int *count);
#endif
