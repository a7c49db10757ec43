/*
 * migrate: schema migrations of the case database, oldest first. Each
 * entry is one SQL script run by sqlite3_exec inside the migration
 * transaction. Append new entries at the end; never change old ones.
 */
#include <stddef.h>

#include "store/migrate.h"
#include "store/store_custody.h"
#include "store/store_disclosure.h"
#include "store/store_lists.h"
#include "util/banned.h"

static const char *const migrations[] = {
    /* 1: entities, statements (append-only), full-text index, audit, meta */
    "PRAGMA application_id = 1685025651;\n" /* "doss" */
    "CREATE TABLE entity(\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  schema TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  author TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX entity_schema ON entity(schema);\n"
    "CREATE TABLE statement(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  entity_id TEXT NOT NULL REFERENCES entity(id),\n"
    "  prop TEXT NOT NULL,\n"
    "  value TEXT NOT NULL,\n"
    "  lang TEXT,\n"
    "  qualifier TEXT,\n"
    "  source_id TEXT REFERENCES entity(id),\n"
    "  conf INTEGER NOT NULL DEFAULT 0 CHECK (conf BETWEEN 0 AND 3),\n"
    "  author TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  fts INTEGER NOT NULL DEFAULT 0,\n" /* value is in stmt_fts */
    "  retracted_at TEXT,\n"
    "  retract_reason TEXT,\n"
    "  retracted_by TEXT\n"
    ");\n"
    "CREATE INDEX statement_entity_prop ON statement(entity_id, prop);\n"
    "CREATE INDEX statement_value ON statement(value);\n"
    "CREATE INDEX statement_source ON statement(source_id)\n"
    "  WHERE source_id IS NOT NULL;\n"
    /* Append-only: values never change, retraction happens once. */
    "CREATE TRIGGER statement_no_delete BEFORE DELETE ON statement\n"
    "BEGIN SELECT RAISE(ABORT, 'statements are append-only'); END;\n"
    "CREATE TRIGGER statement_no_update BEFORE UPDATE OF id, entity_id,\n"
    "  prop, value, lang, qualifier, source_id, conf, author, recorded_at,\n"
    "  fts ON statement\n"
    "BEGIN SELECT RAISE(ABORT, 'statements are append-only'); END;\n"
    "CREATE TRIGGER statement_retract_once BEFORE UPDATE OF retracted_at,\n"
    "  retract_reason, retracted_by ON statement\n"
    "  WHEN OLD.retracted_at IS NOT NULL\n"
    "BEGIN SELECT RAISE(ABORT, 'statement is already retracted'); END;\n"
    /*
     * Contentless: the store inserts a tokenisation-friendly copy of the
     * value (Han characters spaced apart) under rowid = statement id and
     * deletes it again on retraction.
     */
    "CREATE VIRTUAL TABLE stmt_fts USING fts5(value, content='',\n"
    "  tokenize='unicode61 remove_diacritics 2');\n"
    /*
     * A "stmt.add" row leaves at, author and detail NULL: they are the
     * statement's own recorded_at, author and prop (immutable, see the
     * triggers above), joined in on reading. This halves the cost of
     * auditing bulk imports.
     */
    "CREATE TABLE audit(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  at TEXT,\n"
    "  author TEXT,\n"
    "  action TEXT NOT NULL,\n"
    "  entity_id TEXT,\n"
    "  stmt_id INTEGER,\n"
    "  detail TEXT\n"
    ");\n"
    "CREATE INDEX audit_entity ON audit(entity_id);\n"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
    "CREATE TABLE meta(\n"
    "  key TEXT PRIMARY KEY NOT NULL,\n"
    "  value TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n",
    /* 2: evidence custody log (vault/, store_custody.c) */
    STORE_CUSTODY_MIGRATION,
    /* 3: sanctions list versions, screening alerts, decisions (screen/) */
    STORE_LISTS_MIGRATION,
    /* 4: releases of protected values by a reviewer (case/disclose.c) */
    STORE_DISCLOSURE_MIGRATION,
};

int store_migration_count(void)
{
    return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *store_migration_sql(int i)
{
    if (i < 0 || i >= store_migration_count())
        return NULL;
    return migrations[i];
}
