/* The columns a statement returns, declared once per row kind: each list below is expanded both into the SELECT
 * list (store/statements.c) and into the column indexes the readers use (PAD_NAME, NOTE_TEXT, ...), so the SQL and
 * the code that reads its result cannot drift apart. Adding a column: add one COL(...) line, then read it by name. */
#ifndef NOTEJAM_COLUMNS_H
#define NOTEJAM_COLUMNS_H

/* A timestamp as int8 microseconds since the epoch (what the JSON writers and cursors take). */
#define US(col)   "(extract(epoch FROM " col ") * 1000000)::int8"
#define PAD_COUNT "(SELECT count(*) FROM notes c WHERE c.pad_id = p.id)"

/* Every row starts with its id, column ROW_ID (a create's Location, the ETag, export and cursor positions): the
 * *_COLS lists put it first, so the lists below hold the columns after it. A pad or note row ends with its version
 * (the ETag's other half). */
#define PAD_COLUMNS(COL)                                                                                               \
    COL(PAD_NAME, "p.name")                                                                                            \
    COL(PAD_NOTES_COUNT, PAD_COUNT)                                                                                    \
    COL(PAD_CREATED_US, US("p.created_at"))                                                                            \
    COL(PAD_UPDATED_US, US("p.updated_at"))                                                                            \
    COL(PAD_VERSION, "p.version")

#define NOTE_COLUMNS(COL)                                                                                              \
    COL(NOTE_NAME, "n.name")                                                                                           \
    COL(NOTE_TEXT, "n.text")                                                                                           \
    COL(NOTE_PAD_ID, "n.pad_id")                                                                                       \
    COL(NOTE_PAD_NAME, "p.name")                                                                                       \
    COL(NOTE_CREATED_US, US("n.created_at"))                                                                           \
    COL(NOTE_UPDATED_US, US("n.updated_at"))                                                                           \
    COL(NOTE_VERSION, "n.version")

/* A user as the auth service reads it. */
#define USER_COLUMNS(COL)                                                                                              \
    COL(USER_EMAIL, "u.email")                                                                                         \
    COL(USER_PASSWORD_HASH, "u.password_hash")                                                                         \
    COL(USER_CREATED_US, US("u.created_at"))
/* user_by_email's one more column: the database's lower() of the email asked for, even when no user has it. */
#define USER_EMAIL_KEY (USER_CREATED_US + 1)

/* forgot-password's one row (reset_insert): the user's id and email (NULLs when no user has it), and the database's
 * lower() of the email asked for, the identity its rate limit counts. */
#define RESET_REQUEST_COLUMNS(COL)                                                                                     \
    COL(RESET_EMAIL_KEY, "k.key")                                                                                      \
    COL(RESET_USER_EMAIL, "u.email")

#define ROW_ID               0
#define COL_INDEX(name, sql) name,
#define COL_SQL(name, sql)   ", " sql

enum { PAD_ID = ROW_ID, PAD_COLUMNS(COL_INDEX) };
enum { NOTE_ID = ROW_ID, NOTE_COLUMNS(COL_INDEX) };
enum { USER_ID = ROW_ID, USER_COLUMNS(COL_INDEX) };
enum { RESET_USER_ID = ROW_ID, RESET_REQUEST_COLUMNS(COL_INDEX) };

#define PAD_COLS           "p.id" PAD_COLUMNS(COL_SQL)
#define NOTE_COLS          "n.id" NOTE_COLUMNS(COL_SQL)
#define USER_COLS          "u.id" USER_COLUMNS(COL_SQL)
#define RESET_REQUEST_COLS "u.id" RESET_REQUEST_COLUMNS(COL_SQL)
#endif
