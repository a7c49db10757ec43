/*
 * schema: the schemata of a case (FollowTheMoney-style), defined in ONE
 * data table (schemata.c): each schema's parent, label, FtM name and
 * properties with their type, flags and range. Pure: no I/O, no store.
 *
 * Inheritance: a schema has every property of its parent chain (Thing ->
 * LegalEntity -> Organization -> Company; Interval -> Occupancy, ...),
 * and an entity reference whose range is LegalEntity accepts a Person, an
 * Organization or a Company (schema_is_a).
 *
 * Ownership: every pointer returned points into static tables; never free.
 */
#ifndef CASE_SCHEMA_H
#define CASE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

enum schema_type {
    SCHEMA_TEXT,       /* free text (notes, summary); searchable */
    SCHEMA_STRING,     /* short label (role, status, legalForm) */
    SCHEMA_NAME,       /* a name in any script; searchable */
    SCHEMA_DATE,       /* util/date text with precision, or ISO datetime */
    SCHEMA_IDENTIFIER, /* registry, passport, record numbers */
    SCHEMA_HKID,       /* Hong Kong identity card number, check digit */
    SCHEMA_COUNTRY,    /* ISO 3166-1 alpha-2, lower case (countries.c) */
    SCHEMA_ENTITY,     /* id of another entity; range = target schema */
    SCHEMA_NUMBER,     /* decimal number, kept as written */
    SCHEMA_URL,        /* http(s) URL */
    SCHEMA_EMAIL,      /* e-mail address */
    SCHEMA_PHONE,      /* phone number(s) as written */
    SCHEMA_ENUM,       /* one of range's "a|b|c" values */
    SCHEMA_BOOL,       /* "true" or "false" */
    SCHEMA_LATITUDE,   /* decimal degrees -90..90 */
    SCHEMA_LONGITUDE,  /* decimal degrees -180..180 */
};

enum schema_prop_flags {
    SCHEMA_PROTECTED = 1 << 0, /* identity of victims, witnesses,
                                  informants: kept out of search and
                                  exports by default */
    SCHEMA_MULTI = 1 << 1,     /* several live values allowed */
    SCHEMA_REQUIRED = 1 << 2,  /* an entity is incomplete without it */
    SCHEMA_PUBLIC = 1 << 3,    /* not protected even in a protected
                                  schema (a Victim's pseudonym) */
};

enum schema_flags {
    SCHEMA_ABSTRACT = 1 << 0,      /* no entities of it (Thing, Interval) */
    SCHEMA_ALL_PROTECTED = 1 << 1, /* every property is protected unless
                                      marked SCHEMA_PUBLIC (Victim) */
};

struct schema_prop {
    const char *name;  /* FtM property name where FtM has one */
    const char *label; /* English label */
    enum schema_type type;
    unsigned flags;    /* enum schema_prop_flags */
    const char *range; /* SCHEMA_ENTITY: target schema name (descendants
                          accepted); SCHEMA_ENUM: "a|b|c"; else NULL */
};

struct schema {
    const char *name;        /* ours: "Designation" */
    const char *label;       /* "Designation (sanction)" */
    const char *ftm;         /* FtM schema name ("Sanction"), NULL when the
                                schema is a dossier extension (Victim, ...) */
    const char *parent;      /* parent schema name, NULL for a root */
    unsigned flags;          /* enum schema_flags */
    const char *edge_source; /* link schemata: property naming the source
                                entity (Occupancy: "holder"), or NULL */
    const char *edge_target; /* ... and the target ("post"), or NULL */
    const char *caption;     /* properties tried in order for a display
                                name, "|"-separated ("name|title"), or NULL
                                (links: captions of source and target) */
    const struct schema_prop *props; /* own properties, ended by a zero
                                        entry (name NULL) */
};

/*
 * Looks a schema up by our name or its FtM name ("Sanction" finds
 * Designation). NULL when unknown. Abstract schemata are found too.
 */
const struct schema *schema_find(const char *name);

/* The parent schema, or NULL for a root. */
const struct schema *schema_parent(const struct schema *s);

/* Number of schemata in the table and the i-th one (table order). */
size_t schema_count(void);
const struct schema *schema_at(size_t i);

/* True when s is ancestor or descends from it (by our name). */
bool schema_is_a(const struct schema *s, const char *ancestor);

/*
 * Property prop of s or of one of its ancestors (own ones first); NULL
 * when s has no such property. *owner (may be NULL) receives the schema
 * that defines it.
 */
const struct schema_prop *schema_prop_find(const struct schema *s,
                                           const char *prop,
                                           const struct schema **owner);

/*
 * All properties of s including inherited ones: index 0 .. count - 1,
 * the schema's own first, then its parent's, and so on.
 */
size_t schema_prop_count(const struct schema *s);
const struct schema_prop *schema_prop_at(const struct schema *s, size_t i);

/*
 * True when values of p on entities of schema s are protected: p is
 * SCHEMA_PROTECTED, or s (or an ancestor) is SCHEMA_ALL_PROTECTED and p
 * is not SCHEMA_PUBLIC.
 */
bool schema_prop_is_protected(const struct schema *s,
                              const struct schema_prop *p);

/*
 * The same by names (schema and property as stored); unknown schemata
 * or properties count as protected, so nothing leaks by mistake.
 */
bool schema_value_is_protected(const char *schema, const char *prop);

/* "text", "name", "date", ... */
const char *schema_type_name(enum schema_type t);

/* True when values of this type go into the full-text index. */
bool schema_type_is_searchable(enum schema_type t);

/* --- countries (countries.c) -------------------------------------------*/

/*
 * Normalises a country to its lower-case ISO 3166-1 alpha-2 code (FtM
 * style). Accepts alpha-2 and alpha-3 codes in any case and English short
 * names ("Hong Kong", "United Kingdom"); also FtM's non-ISO territory
 * codes (see countries.c: "eu", "xk", "zz", ...). Returns the static code,
 * or NULL when unknown.
 */
const char *schema_country_code(const char *s);

/* English name of a code from schema_country_code, or NULL. */
const char *schema_country_name(const char *code);

#endif
