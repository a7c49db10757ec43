/*
 * migrate: the ordered list of schema migrations of the case database.
 * Migration i (0-based) brings PRAGMA user_version from i to i + 1.
 * Internal to store/: only store.c applies them (in one transaction at
 * open). To change the schema, append one entry to migrations[] in
 * migrate.c; never edit or reorder an entry that has shipped.
 */
#ifndef STORE_MIGRATE_H
#define STORE_MIGRATE_H

/* Number of migrations, i.e. the schema version this program writes. */
int store_migration_count(void);

/* SQL script of migration i (0 <= i < count); a static string. */
const char *store_migration_sql(int i);

#endif
