#include "store/statements.h"
#include <stdio.h>
#include <string.h>
#include "http/cursor.h"
#include "http/search_query.h"
#include "store/columns.h"

#define FROM_US(p) "('epoch'::timestamptz + " p "::int8 * interval '1 microsecond')"
/* If-Match: parameter n is NULL (no condition) or the versions the client holds; the row must be at one of them. */
#define IF_MATCH(n) " AND (" n "::int8[] IS NULL OR version = ANY(" n "::int8[]))"
/* A note's name and text as searches compare them (a generated column, api/migrations/0003_search_export.sql). */
#define SEARCH_DOC "n.search_doc"

static db_stmt_t table[SQL_COUNT] = {
    {"user_insert", "INSERT INTO users AS u (email, password_hash) VALUES ($1, $2) RETURNING " USER_COLS},
    /* always one row: the user (NULLs when unknown) and lower($1), the identity per-account limits are keyed on */
    {"user_by_email",
     "SELECT " USER_COLS ", k.key FROM (SELECT lower($1) AS key) k LEFT JOIN users u ON lower(u.email) = k.key"},
    {"user_by_id", "SELECT " USER_COLS " FROM users u WHERE u.id = $1"},
    /* a new password also expires every reset link mailed before it */
    {"user_set_password",
     "WITH r AS (UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL) "
     "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1"},
    {"user_delete", "DELETE FROM users WHERE id = $1"},
    /* forgot-password in one statement whether or not the email is known: always one row (RESET_REQUEST_COLS) */
    {"reset_insert", "WITH k AS (SELECT lower($2) AS key), u AS (SELECT users.id, users.email FROM users, k "
                     "WHERE lower(users.email) = k.key), i AS (INSERT INTO password_resets (token_hash, user_id, "
                     "expires_at) SELECT decode($1, 'hex'), u.id, now() + interval '1 hour' FROM u) "
                     "SELECT " RESET_REQUEST_COLS " FROM k LEFT JOIN u ON true"},
    {"reset_consume", "UPDATE password_resets SET used_at = now() WHERE token_hash = decode($1, 'hex') "
                      "AND used_at IS NULL AND expires_at > now() RETURNING user_id"},
    /* a cheap look before the new password is hashed: a bogus token costs no Argon2id */
    {"reset_lookup", "SELECT user_id FROM password_resets WHERE token_hash = decode($1, 'hex') AND used_at IS NULL "
                     "AND expires_at > now()"},
    {"pad_insert",
     "WITH p AS (INSERT INTO pads (user_id, name) VALUES ($1, $2) RETURNING *) SELECT " PAD_COLS " FROM p"},
    {"pad_get", "SELECT " PAD_COLS " FROM pads p WHERE p.id = $1 AND p.user_id = $2"},
    {"pad_exists", "SELECT 1 FROM pads WHERE id = $1 AND user_id = $2"},
    {"pad_rename", "WITH p AS (UPDATE pads SET name = $3, updated_at = now(), version = version + 1 "
                   "WHERE id = $1 AND user_id = $2" IF_MATCH("$4") " RETURNING *) SELECT " PAD_COLS " FROM p"},
    {"pad_delete", "DELETE FROM pads WHERE id = $1 AND user_id = $2" IF_MATCH("$3")},
    {"note_insert", "WITH n AS (INSERT INTO notes (user_id, pad_id, name, text) VALUES ($1, $2, $3, $4) RETURNING *) "
                    "SELECT " NOTE_COLS " FROM n LEFT JOIN pads p ON p.id = n.pad_id"},
    {"note_get", "SELECT " NOTE_COLS " FROM notes n LEFT JOIN pads p ON p.id = n.pad_id "
                 "WHERE n.id = $1 AND n.user_id = $2"},
    /* partial update: $3/$5/$7 say whether name/text/pad_id are given */
    {"note_update", "WITH n AS (UPDATE notes SET name = CASE WHEN $3::bool THEN $4 ELSE name END, "
                    "text = CASE WHEN $5::bool THEN $6 ELSE text END, "
                    "pad_id = CASE WHEN $7::bool THEN $8::int8 ELSE pad_id END, updated_at = now(), "
                    "version = version + 1 WHERE id = $1 AND user_id = $2" IF_MATCH(
                        "$9") " RETURNING *) SELECT " NOTE_COLS " FROM n LEFT JOIN pads p ON p.id = n.pad_id"},
    {"note_delete", "DELETE FROM notes WHERE id = $1 AND user_id = $2" IF_MATCH("$3")},
    {"note_exists", "SELECT 1 FROM notes WHERE id = $1 AND user_id = $2"},
    /* totals, in list_kind_t order; parameters: $1 user id [, $2 pad id] */
    {"total_pads", "SELECT count(*) FROM pads WHERE user_id = $1"},
    {"total_notes", "SELECT count(*) FROM notes WHERE user_id = $1"},
    {"total_pad_notes", "SELECT count(*) FROM notes WHERE user_id = $1 AND pad_id = $2"},
    [SQL_SEARCH_PATTERNS] = {"search_patterns", "SELECT notejam_search_patterns($1)"},
    [SQL_EXPORT_PADS] = {"export_pads", "SELECT " PAD_COLS " FROM pads p WHERE p.user_id = $1 AND p.id > $2 "
                                        "ORDER BY p.id LIMIT $3"},
    [SQL_EXPORT_NOTES] = {"export_notes", "SELECT " NOTE_COLS " FROM notes n LEFT JOIN pads p ON p.id = n.pad_id "
                                          "WHERE n.user_id = $1 AND n.id > $2 ORDER BY n.id LIMIT $3"},
};

static char list_sql[LIST_STMTS + SEARCH_STMTS][1536];
static char list_names[LIST_STMTS + SEARCH_STMTS][40];
static char total_sql[SEARCH_KINDS][1024];

int list_stmt(list_kind_t kind, int order, int after_cursor) {
    return SQL_LIST_FIRST + ((int)kind * LIST_ORDERS + order) * LIST_PAGES + (after_cursor ? 1 : 0);
}

int search_stmt(list_kind_t kind, int order, int after_cursor) {
    return SQL_SEARCH_FIRST + (((int)kind - LIST_NOTES) * LIST_ORDERS + order) * LIST_PAGES + (after_cursor ? 1 : 0);
}

/* " AND <doc> LIKE $first ..." for every word slot. */
static void search_terms(char *out, size_t size, int first) {
    size_t used = 0;
    out[0] = '\0';
    for (int w = 0; w < SEARCH_MAX_WORDS && used < size; w++)
        used += (size_t)snprintf(out + used, size - used, " AND " SEARCH_DOC " LIKE $%d", first + w);
}

/* Parameters: $1 user id, $2 limit, [$3 pad id for pad notes], then cursor sort key and id[, then the search
 * patterns]. */
static void build_list(list_kind_t kind, int order, int after, int search) {
    int stmt = search ? search_stmt(kind, order, after) : list_stmt(kind, order, after);
    int i = search ? LIST_STMTS + stmt - SQL_SEARCH_FIRST : stmt - SQL_LIST_FIRST;
    const char *alias = kind == LIST_PADS ? "p" : "n";
    const char *base = kind == LIST_PADS ? "SELECT " PAD_COLS " FROM pads p WHERE p.user_id = $1"
                                         : "SELECT " NOTE_COLS " FROM notes n LEFT JOIN pads p ON p.id = n.pad_id "
                                           "WHERE n.user_id = $1";
    int next = 3;
    char scope[64] = "";
    if (kind == LIST_PAD_NOTES) { snprintf(scope, sizeof scope, " AND n.pad_id = $%d", next++); }
    int by_name = order == ORDER_NAME_ASC || order == ORDER_NAME_DESC;
    int desc = order == ORDER_NAME_DESC || order == ORDER_UPDATED_DESC;
    char col[32], key[96] = "", cmp[160] = "";
    snprintf(col, sizeof col, "%s.%s", alias, by_name ? "name" : "updated_at");
    if (after) {
        if (by_name)
            snprintf(key, sizeof key, "$%d", next);
        else
            snprintf(key, sizeof key, FROM_US("$%d"), next);
        snprintf(cmp, sizeof cmp, " AND (%s, %s.id) %s (%s, $%d::int8)", col, alias, desc ? "<" : ">", key, next + 1);
        next += 2;
    }
    char terms[640] = "";
    if (search) search_terms(terms, sizeof terms, next);
    snprintf(list_sql[i], sizeof list_sql[i], "%s%s%s%s ORDER BY %s %s, %s.id %s LIMIT $2", base, scope, cmp, terms,
             col, desc ? "DESC" : "ASC", alias, desc ? "DESC" : "ASC");
    static const char *kinds[] = {"pads", "notes", "pad_notes"};
    static const char *orders[] = {"updated_desc", "updated_asc", "name_asc", "name_desc"};
    snprintf(list_names[i], sizeof list_names[i], "%s_%s_%s%s", search ? "search" : "list", kinds[kind], orders[order],
             after ? "_after" : "");
    table[stmt].name = list_names[i];
    table[stmt].sql = list_sql[i];
    table[stmt].plan_each_time = search;
}

/* A searching list's total: $1 user id [, $2 pad id], then the search patterns. */
static void build_search_total(list_kind_t kind) {
    int i = (int)kind - LIST_NOTES, pad = kind == LIST_PAD_NOTES;
    char terms[640];
    search_terms(terms, sizeof terms, pad ? 3 : 2);
    snprintf(total_sql[i], sizeof total_sql[i], "SELECT count(*) FROM notes n WHERE n.user_id = $1%s%s",
             pad ? " AND n.pad_id = $2" : "", terms);
    table[SQL_SEARCH_TOTAL_FIRST + i].name = pad ? "search_total_pad_notes" : "search_total_notes";
    table[SQL_SEARCH_TOTAL_FIRST + i].sql = total_sql[i];
    table[SQL_SEARCH_TOTAL_FIRST + i].plan_each_time = 1;
}

const db_stmt_t *statements_table(int *count) {
    for (int k = 0; k < LIST_KINDS; k++)
        for (int o = 0; o < LIST_ORDERS; o++)
            for (int a = 0; a < LIST_PAGES; a++) {
                build_list((list_kind_t)k, o, a, 0);
                if (k != LIST_PADS) build_list((list_kind_t)k, o, a, 1);
            }
    build_search_total(LIST_NOTES);
    build_search_total(LIST_PAD_NOTES);
    *count = SQL_COUNT;
    return table;
}
