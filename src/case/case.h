/*
 * case: the data model on top of the store. Validates and normalises
 * every value against the schemata (schema.h) before it reaches the
 * store, and answers the case questions: everything known about an
 * entity, who held a post in a unit on a date, who commanded a unit on a
 * date. Issues no SQL (everything goes through store.h) and prints
 * nothing.
 *
 * Ownership: strings passed in are borrowed. Structs passed to callbacks
 * and their strings are borrowed, valid only during the callback.
 */
#ifndef CASE_CASE_H
#define CASE_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case/schema.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/ids.h"
#include "util/strbuf.h"

/* Longest value accepted (bytes); longer ones fail with ERR_TOOBIG. */
#define CASE_VALUE_MAX (256 * 1024)
/* Canonical HKID text "AB123456(7)" plus NUL. */
#define CASE_HKID_MAX 12

/* --- writes ----------------------------------------------------------*/

/*
 * Adds an entity of schema_name (our name or the FtM name: "Sanction"
 * makes a Designation). id NULL makes a random one (ids_new); a given id
 * must pass ids_is_valid. author NULL = the store's default. id_out (may
 * be NULL) receives the id; it must hold ID_MAX_LEN + 1 bytes.
 * Errors: ERR_INVALID (unknown or abstract schema: the message names it
 * and lists the allowed ones; bad id), ERR_CONFLICT (id taken), store
 * errors.
 */
enum err_code case_entity_add(struct store *st, const char *schema_name,
                              const char *id, const char *author, char *id_out,
                              struct err *e);

enum case_stmt_flags {
    /*
     * For imports of foreign data (FtM): a value that fails type
     * normalisation (a date, country, number, URL, HKID the checks do not
     * accept, or a reference to an entity that does not exist or has
     * another schema) is stored verbatim instead of refused, so no data
     * is lost. Text-like values (text, string, name, identifier, phone)
     * are kept byte for byte, without trimming. Unknown properties are
     * still refused, and empty (all-blank), oversized or non-UTF-8
     * values too. Single-valued properties accept several values.
     */
    CASE_LENIENT = 1 << 0,
    /*
     * For imports of a file seen before (registry snapshots): a value the
     * entity already has live (same property, canonical value and
     * language, from any source) is not added again; case_prop_add
     * returns ERR_OK with *stmt_id 0.
     */
    CASE_SKIP_SAME = 1 << 1,
};

/* Options of one statement; a NULL opts means all defaults. */
struct case_stmt_opts {
    const char *lang;      /* script or language tag, or NULL */
    const char *qualifier; /* e.g. romanisation system, or NULL */
    const char *source_id; /* a Source or Exhibit entity, or NULL */
    enum store_conf conf;  /* default STORE_CONF_CONFIRMED (0) */
    const char *author;    /* NULL = the store's default */
    unsigned flags;        /* enum case_stmt_flags */
};

/*
 * Validates, normalises and appends one property value of an entity.
 * The value is checked against the property's type (schema.h) and stored
 * canonical: dates keep their precision ("Dec 1952" -> "1952-12"),
 * countries become alpha-2 ("HKG" -> "hk"), HKIDs "A123456(3)", enum and
 * boolean values their canonical spelling; names, strings and
 * identifiers are trimmed with inner whitespace runs made one space.
 * Entity references must name an existing entity whose schema is the
 * property's range or below it; source_id must be a Source or Exhibit.
 * A second live value of a single-valued property is refused
 * (ERR_CONFLICT: retract the old one first). Searchable values that are
 * not protected go into the full-text index.
 * *stmt_id (may be NULL) receives the statement id.
 * Errors: ERR_NOTFOUND (no such entity or source), ERR_INVALID (unknown
 * property: the message names it and lists the schema's properties; a
 * value that fails its type check, with what was expected), ERR_TOOBIG,
 * ERR_CONFLICT, store errors.
 */
enum err_code case_prop_add(struct store *st, const char *entity_id,
                            const char *prop, const char *value,
                            const struct case_stmt_opts *opts, int64_t *stmt_id,
                            struct err *e);

/* Retracts a statement with a reason (store_stmt_retract). */
enum err_code case_prop_retract(struct store *st, int64_t stmt_id,
                                const char *reason, const char *author,
                                struct err *e);

/*
 * Type check and normalisation of one value without a store (no entity
 * reference checks: SCHEMA_ENTITY values only need to be valid ids).
 * Appends the canonical value to out (callers pass an empty buffer).
 * Errors: ERR_INVALID with a message quoting value and naming prop,
 * ERR_TOOBIG.
 */
enum err_code case_value_normalize(const struct schema_prop *p,
                                   const char *value, struct strbuf *out,
                                   struct err *e);

/*
 * Hong Kong identity card number: one or two letters, six digits and a
 * check digit (0-9 or A), in brackets or not, any case and spacing
 * ("a1234563", "A123456(3)"). Writes the canonical "A123456(3)".
 * ERR_INVALID for a bad format or check digit.
 */
enum err_code case_hkid_normalize(const char *s, char out[CASE_HKID_MAX],
                                  struct err *e);

/* True when the statement's value is protected (schema.h rules). */
bool case_value_is_protected(const char *schema, const char *prop);

/* --- entity with everything known about it ------------------------------*/

/* One statement, copied (strings owned by the enclosing case_entity). */
struct case_stmt {
    int64_t id;
    const char *prop;
    const char *value;
    const char *lang;           /* or NULL */
    const char *qualifier;      /* or NULL */
    const char *source_id;      /* or NULL */
    const char *source_caption; /* caption of the source entity, or NULL */
    enum store_conf conf;
    const char *author;
    const char *recorded_at;
    const char *retracted_at; /* NULL while live */
    const char *retract_reason;
    const char *retracted_by;
    bool is_protected;
    const char *released; /* protected and released now by a reviewer:
                             the scopes ("uk", "all, uk"; disclose.h),
                             else NULL */
};

/* A statement of another entity whose value names this one. */
struct case_ref {
    const char *entity_id; /* the referring entity (e.g. an Occupancy) */
    const char *schema;
    const char *caption;
    struct case_stmt stmt; /* its statement (prop "holder", value = id) */
};

struct case_entity {
    const char *id;
    const char *schema;
    const char *created_at;
    const char *author;
    const char *caption;
    struct case_stmt *stmts; /* ordered by prop, then id */
    size_t nstmts;
    struct case_ref *refs; /* reverse links, ordered by statement id: the
                              first CASE_REFS_MAX unless CASE_LOAD_ALL_REFS */
    size_t nrefs;
    size_t nrefs_total;     /* how many reverse links there are in all */
    struct case_ref *cited; /* live statements citing this entity as their
                               source (a Source or Exhibit): the first
                               CASE_CITED_MAX, by statement id */
    size_t ncited;
    int64_t ncited_total; /* how many statements cite it in all */
    struct arena arena;   /* owns every string and array above */
};

/* Citing statements loaded with an entity (see case_entity.cited). */
#define CASE_CITED_MAX 50
/* Reverse links loaded by default (each costs a caption, ~20 us). */
#define CASE_REFS_MAX 500

enum case_load_flags {
    CASE_LOAD_HISTORY = 1 << 0,  /* include retracted statements */
    CASE_LOAD_NO_REFS = 1 << 1,  /* skip reverse links and citations */
    CASE_LOAD_ALL_REFS = 1 << 2, /* every reverse link, not the first
                                    CASE_REFS_MAX */
};

/*
 * Loads an entity, its statements (live ones, or the whole history with
 * CASE_LOAD_HISTORY) with the captions of their sources, the live
 * statements of other entities that reference it (reverse links) and,
 * for a source, the statements that cite it.
 * *out is owned by the caller: free with case_entity_free.
 * Errors: ERR_NOTFOUND, store errors.
 */
enum err_code case_entity_load(struct store *st, const char *id, unsigned flags,
                               struct case_entity **out, struct err *e);
void case_entity_free(struct case_entity *en);

/*
 * Best display name of an entity: for names, the first Latin-script name
 * plus the first Han name when there is one ("CHAN Tai-man 陳大文"); a
 * Victim's pseudonym; a Source's name or publisher; an Exhibit's title;
 * for links (Occupancy, CommandLink, Ownership, ...) "SOURCE -> TARGET"
 * from the captions of the entities they link. Protected values are never
 * used. Falls back to "Schema id". *out is owned (free()).
 * Errors: ERR_NOTFOUND, store errors.
 */
enum err_code case_caption(struct store *st, const char *id, char **out,
                           struct err *e);

/*
 * Completeness: calls cb for each SCHEMA_REQUIRED property of the entity
 * that has no live value (an Occupancy without a holder, a Victim without
 * a pseudonym). *nmissing (may be NULL) receives the count; cb may be
 * NULL. Errors: ERR_NOTFOUND, store errors.
 */
typedef void (*case_missing_cb)(const struct schema_prop *p, void *ctx);
enum err_code case_entity_missing(struct store *st, const char *id,
                                  case_missing_cb cb, void *ctx,
                                  size_t *nmissing, struct err *e);

/* --- who held a post / who commanded, on a date --------------------------*/

/*
 * How sure a date match is. The Occupancy's (or CommandLink's)
 * startDate..endDate is compared with the asked date (itself a day, a
 * month, a year or a range): CERTAIN when every reading of the stored
 * dates covers every day asked about; POSSIBLE when some reading covers
 * some day (a start of "2019" covers 2019-06-12 only possibly; a start
 * "circa 2019" is never certain near its boundary). A missing startDate
 * or endDate is an open end: it covers everything on that side.
 */
enum case_certainty {
    CASE_CERTAIN = 0,
    CASE_POSSIBLE,
};

const char *case_certainty_name(enum case_certainty c);

/* One holder of a post on a date (an Occupancy). */
struct case_holder {
    const char *occupancy_id;
    const char *holder_id;       /* Person, or NULL if none recorded */
    const char *holder_caption;  /* or NULL */
    const char *post_id;         /* Position, or NULL */
    const char *post_caption;    /* or NULL */
    const char *organization_id; /* the unit asked about */
    const char *rank;            /* or NULL */
    const char *call_sign;       /* or NULL */
    const char *warrant_number;  /* or NULL */
    const char *start_date;      /* canonical, or NULL (open) */
    const char *end_date;        /* canonical, or NULL (open) */
    bool is_command;             /* the post has isCommand true */
    enum case_certainty certainty;
};

typedef int (*case_holder_cb)(const struct case_holder *h, void *ctx);

/*
 * Calls cb for each Occupancy, on the date given as text (util/date
 * syntax), of a post whose Position's organization is org_id, or whose
 * own organization is org_id. Order: certain before possible, then by
 * holder caption. A callback returning non-zero stops; ERR_OK then.
 * Errors: ERR_INVALID (bad date), ERR_NOTFOUND (no such unit), store
 * errors.
 */
enum err_code case_holders_on(struct store *st, const char *org_id,
                              const char *date_text, case_holder_cb cb,
                              void *ctx, struct err *e);

/* One level of a chain of command on a date. */
struct case_chain_level {
    int level; /* 0 = the unit asked about, 1 = superior .. */
    const char *unit_id;
    const char *unit_caption;
    const char *subordinate_id;         /* the unit one level down, NULL at 0 */
    const char *link_id;                /* the CommandLink, NULL at level 0 */
    enum case_certainty link_certainty; /* of the whole path from
                                           level 0 up to here */
    const struct case_holder *commanders; /* holders of the unit's command
                                             posts on the date */
    size_t ncommanders;
};

typedef int (*case_chain_cb)(const struct case_chain_level *lv, void *ctx);

/*
 * Who commanded unit_id on a date: calls cb for the unit itself (level
 * 0), then for each superior unit through CommandLinks valid on that date
 * (superior -> subordinate), level by level up to the top. A unit with
 * several superiors on that date yields several entries at the next
 * level. Each unit is reported once (cycles in the data are cut), at
 * most CASE_CHAIN_MAX levels. Errors as case_holders_on.
 */
#define CASE_CHAIN_MAX 64
enum err_code case_chain_on(struct store *st, const char *unit_id,
                            const char *date_text, case_chain_cb cb, void *ctx,
                            struct err *e);

#endif
