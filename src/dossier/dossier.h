/*
 * dossier: what a submission needs from the case, the completeness check
 * per target and regime, and the build of the submission documents.
 *
 * A snapshot (dossier_snapshot_load) reads the incidents, involvements,
 * exhibits, sources, designations and screening decisions of a case once
 * and works out command responsibility: for every unit involved in an
 * incident, who held a command post in it or above it (case_chain_on) on
 * the incident's date. A target (dossier_target_load) gathers one
 * person's names, identifiers, posts, links to conduct, designations,
 * screening decisions, ties abroad and exculpatory notes. The check
 * (dossier_check_run) maps the links onto a regime's criteria and lists
 * what is missing or weak.
 *
 * Protected values (victims' identities, informants) are never read into
 * a snapshot or target (only a victim's pseudonym is), except those a
 * reviewer has released (case/disclose.h): the snapshot holds them apart
 * in releases, with their scope, for the build to use where they apply.
 * Records marked fictional carry fictional = true and are labelled
 * FICTIONAL by every output. Nothing here prints.
 *
 * Ownership: all strings and arrays live in the arena of the struct that
 * holds them; release with the matching _release call. Targets and check
 * results borrow from their snapshot: release them first.
 */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case/case.h"
#include "dossier/regime.h"
#include "store/store.h"
#include "store/store_custody.h"
#include "util/arena.h"
#include "util/err.h"

#define DOSSIER_NONE ((size_t)-1)

/* A list of strings (ids, categories, pseudonyms) in an arena. */
struct dossier_strs {
    const char **v;
    size_t n, alloc;
};

/* A list of indexes into a snapshot array (heap; freed on release). */
struct dossier_idx {
    size_t *v;
    size_t n, alloc;
};

struct dossier_source {
    const char *id;
    const char *caption;
    const char *kind;        /* or NULL */
    const char *reliability; /* "A".."F", or NULL */
    bool fictional;
};

struct dossier_exhibit {
    const char *id;
    const char *title;
    const char *hash;              /* hex SHA-256, or NULL */
    const char *captured_at;       /* or NULL */
    const char *verification;      /* or NULL (= unverified) */
    const char *media_type;        /* or NULL */
    const char *file_size;         /* or NULL */
    const char *url;               /* or NULL */
    struct dossier_strs sources;   /* Source ids */
    struct dossier_strs incidents; /* Incident ids */
    bool fictional;
};

struct dossier_incident {
    const char *id;
    const char *caption;
    const char *start; /* canonical date, or NULL */
    const char *end;   /* or NULL */
    const char *place; /* or NULL */
    const char *summary;
    struct dossier_strs violations;
    struct dossier_strs sources;      /* distinct sources of its statements */
    struct dossier_strs victims;      /* pseudonyms only */
    struct dossier_strs victim_ids;   /* Victim entity ids, distinct */
    struct dossier_strs victim_names; /* pseudonym of each victim_ids[i] */
    struct dossier_idx exhibits;      /* into snapshot exhibits */
    bool fictional;
};

struct dossier_involvement {
    const char *id;
    const char *party; /* Person or unit id */
    size_t incident;   /* index, or DOSSIER_NONE */
    struct dossier_strs roles;
    enum store_conf conf; /* of the party statement */
    struct dossier_strs sources;
    bool party_is_unit;
};

/* Someone in command of an involved unit (or above it) on the date. */
struct dossier_command {
    size_t involvement; /* the unit's involvement */
    const char *holder_id;
    const char *holder_caption; /* "[FICTIONAL] " when so marked */
    int level;                  /* 0 = the unit itself, 1 = its superior, ... */
    const char *unit_id;
    const char *unit_caption;
    const char *post;     /* post caption, or NULL */
    const char *rank;     /* or NULL */
    const char *involved; /* caption of the involved unit */
    enum case_certainty certainty;
    const char *date;
};

struct dossier_designation {
    const char *id;
    const char *entity;
    const char *authority; /* or NULL */
    const char *program;
    const char *authority_id;
    const char *listing_date;
    const char *country;
};

struct dossier_decision {
    const char *id;
    const char *subject;
    const char *list;
    const char *entry_id;
    const char *decision;
    const char *reason;
};

/* One person's row of the screening module's gap report (screen_gaps). */
struct dossier_gap_cell {
    int status; /* enum screen_gap_status */
    const char *status_name;
    const char *program; /* or NULL */
    const char *date;
    const char *entry_id;
    const char *via;
};

#define DOSSIER_NJUR 6 /* SCREEN_NJUR */

struct dossier_gap {
    const char *person_id;
    struct dossier_gap_cell cell[DOSSIER_NJUR];
};

/*
 * A protected value a reviewer has released (case/disclose.h) for one
 * scope: "all" or a jurisdiction. The build puts it into the documents
 * of the regimes it applies to (dossier_release_applies), next to its
 * entity where that entity appears, and lists it in the Disclosures
 * annex; nowhere else.
 */
struct dossier_release {
    int64_t stmt_id;
    const char *entity_id;
    const char *schema;
    const char *caption; /* the entity's public caption (pseudonym) */
    const char *label;   /* property label ("Real name") */
    const char *value;   /* the value; for a reference, the caption of
                            the entity it names */
    const char *scope;   /* "all" or a jurisdiction ("uk") */
    const char *author;  /* who released it */
    const char *at;      /* when (ISO UTC) */
    const char *reason;
};

struct dossier_snapshot {
    struct store *st;
    const char *title; /* case title, or NULL */
    struct dossier_source *sources;
    size_t nsources;
    struct dossier_exhibit *exhibits;
    size_t nexhibits;
    struct dossier_incident *incidents;
    size_t nincidents;
    struct dossier_involvement *involvements;
    size_t ninvolvements;
    struct dossier_command *commands;
    size_t ncommands, alloccommands;
    struct dossier_designation *designations;
    size_t ndesignations;
    struct dossier_decision *decisions;
    size_t ndecisions;
    struct dossier_gap *gaps; /* by person id (screen_gaps order) */
    size_t ngaps, allocgaps;
    size_t nwithheld;                 /* protected values left out */
    struct dossier_release *releases; /* released now, any scope, by
                                         statement id then scope */
    size_t nreleases, allocreleases;
    struct arena arena;
};

/*
 * Reads the case into *out (caller-owned: dossier_snapshot_release).
 * Borrows st for the snapshot's lifetime. Errors: store errors.
 */
enum err_code dossier_snapshot_load(struct store *st,
                                    struct dossier_snapshot *out,
                                    struct err *e);
void dossier_snapshot_release(struct dossier_snapshot *s);

/*
 * True when release x reaches a document under regime r: released for
 * "all" or for r's jurisdiction (case_disclose_scope_of_jurisdiction).
 */
bool dossier_release_applies(const struct dossier_release *x,
                             const struct regime *r);

/* Index lookups by id (binary search); DOSSIER_NONE when absent. */
size_t dossier_source_find(const struct dossier_snapshot *s, const char *id);
size_t dossier_exhibit_find(const struct dossier_snapshot *s, const char *id);
size_t dossier_incident_find(const struct dossier_snapshot *s, const char *id);

/* --- targets -------------------------------------------------------------*/

/* One identifying value with its confidence and source. */
struct dossier_fact {
    const char *key;   /* regime identifier key ("birth-date") or a
                          label key ("exculpatory", "disputed") */
    const char *value; /* display text */
    const char *qualifier;
    enum store_conf conf;
    const char *source_id; /* or NULL */
    const char *source;    /* its caption, or NULL */
};

struct dossier_position {
    const char *post; /* caption, or NULL */
    const char *unit; /* caption, or NULL */
    const char *rank; /* or NULL */
    const char *call_sign;
    const char *warrant;
    const char *start; /* or NULL */
    const char *end;   /* or NULL */
    enum store_conf conf;
    const char *source; /* caption of the holder statement's source */
};

/* How the target is tied to an incident. */
struct dossier_link {
    size_t incident;      /* index into the snapshot */
    const char *role;     /* involvement role ("commanded" for the chain) */
    enum store_conf conf; /* of the involvement, or CONFIRMED for chain */
    bool via_chain;       /* derived from the chain of command */
    const struct dossier_command *cmd; /* via_chain: which (borrowed) */
    enum case_certainty certainty;     /* via_chain: of the date match */
    struct dossier_strs sources;
};

struct dossier_tie {
    const char *kind;
    const char *country; /* alpha-2, or NULL */
    const char *what;    /* caption of the tie or the asset */
    const char *source;  /* or NULL */
};

struct dossier_target {
    const char *id;
    const char *caption; /* "[FICTIONAL] CHAN Tai-man 陳大文" */
    const char *name_latin;
    const char *name_han; /* or NULL */
    bool fictional;
    struct dossier_fact *facts; /* identifiers, in key order */
    size_t nfacts, allocfacts;
    struct dossier_position *positions;
    size_t npositions, allocpositions;
    struct dossier_link *links;
    size_t nlinks, alloclinks;
    struct dossier_tie *ties;
    size_t nties, allocties;
    struct dossier_fact *notes; /* exculpatory notes and disputed facts */
    size_t nnotes, allocnotes;
    struct dossier_idx designations; /* into the snapshot */
    struct dossier_idx decisions;
    const struct dossier_gap *gap; /* its gap report row, or NULL */
    struct arena arena;
};

/*
 * Loads person id with everything the dossier needs (borrows s; release
 * before it). ERR_NOTFOUND when there is no such entity; ERR_INVALID when
 * it is not a Person (the message says what it is).
 */
enum err_code dossier_target_load(const struct dossier_snapshot *s,
                                  const char *id, struct dossier_target *out,
                                  struct err *e);
void dossier_target_release(struct dossier_target *t);

/*
 * ERR_NOTFOUND for an id that is no Person, with a message listing the
 * Person ids of the case (the first 20).
 */
enum err_code dossier_person_missing(struct store *st, const char *id,
                                     struct err *e);

/* --- the check ------------------------------------------------------------*/

enum dossier_severity {
    DOSSIER_BLOCKING = 0, /* the submission must not go out like this */
    DOSSIER_WEAK,         /* should be strengthened */
    DOSSIER_INFO,         /* for the reader (unverified regime points) */
};

const char *dossier_severity_name(enum dossier_severity s);

struct dossier_issue {
    enum dossier_severity severity;
    const char *code;      /* stable: "identifiers", "single-source", ... */
    const char *criterion; /* or NULL */
    const char *text;
};

struct dossier_crit_result {
    const struct regime_criterion *crit;
    struct dossier_idx links;     /* into target links */
    struct dossier_idx incidents; /* into snapshot incidents (distinct) */
    struct dossier_idx exhibits;  /* into snapshot exhibits (distinct) */
    bool met;
};

struct dossier_check {
    const struct regime *regime;
    const struct dossier_target *target;
    struct dossier_crit_result *crits; /* one per regime criterion */
    size_t ncrits;
    struct dossier_issue *issues;
    size_t nissues, allocissues;
    size_t nblocking, nweak;
    struct arena arena;
};

/*
 * Runs the completeness check of target t (of snapshot s) against regime
 * r into *out (caller-owned: dossier_check_release; borrows s, t, r).
 */
void dossier_check_run(const struct dossier_snapshot *s,
                       const struct dossier_target *t, const struct regime *r,
                       struct dossier_check *out);
void dossier_check_release(struct dossier_check *c);

/* --- the build -------------------------------------------------------------*/

enum dossier_format {
    DOSSIER_HTML = 1 << 0,
    DOSSIER_DOCX = 1 << 1,
    DOSSIER_PDF = 1 << 2,
};

/* Parses "html,docx,pdf" into flags; ERR_USAGE on an unknown format. */
enum err_code dossier_formats_parse(const char *s, unsigned *out,
                                    struct err *e);

struct vault;

struct dossier_build_opts {
    const char *const *targets; /* Person ids */
    size_t ntargets;
    const struct regime *const *regimes;
    size_t nregimes;
    const struct regime_set *all_regimes; /* for the gap table */
    unsigned formats;                     /* enum dossier_format */
    const char *out_dir;                  /* created if missing */
    const char *date;              /* "YYYY-MM-DD" on the cover; NULL = today */
    const char *organization;      /* submitting organisation, or NULL */
    const char *contact;           /* point of contact, or NULL */
    struct vault *vault;           /* for the exhibit bundle; NULL = none */
    struct store_custody *custody; /* for the custody annex; may be NULL */
};

/* What a build wrote (paths owned by the result's arena). */
struct dossier_build_result {
    const char **files;
    size_t nfiles, allocfiles;
    size_t nblocking; /* blocking gaps over all targets and regimes */
    size_t nweak;
    size_t nexhibits; /* exhibits in the bundle */
    size_t nreleased; /* released protected values written, summed over
                         the documents (each lists them in Annex F) */
    char *disclosed;  /* when nreleased: JSON array, one object per regime
                         with the statement ids it wrote ({"regime":
                         "uk-ghr","statements":[12,15]}); else NULL.
                         Freed by dossier_build_result_release */
    struct arena arena;
};

/*
 * Builds one document per regime and format, named
 * dossier-<regime>.<ext> in opts->out_dir, and, when opts->vault is set
 * and the targets have exhibits, the evidence bundle exhibits.zip
 * (vault_bundle_export; replaces an older one). Existing documents are
 * replaced (written to a temporary file, then renamed). *res is
 * caller-owned (dossier_build_result_release).
 * Errors: ERR_NOTFOUND (unknown person), ERR_IO, render errors.
 */
enum err_code dossier_build(struct store *st,
                            const struct dossier_build_opts *opts,
                            struct dossier_build_result *res, struct err *e);
void dossier_build_result_release(struct dossier_build_result *res);

/*
 * For `dossier demo`: builds the dossiers of the two demo officers under
 * UK GHR and US Global Magnitsky into CASE/exports/dossiers (HTML, DOCX,
 * PDF) with the default regimes folder. res as for dossier_build.
 */
enum err_code dossier_demo_build(const char *case_dir,
                                 struct dossier_build_result *res,
                                 struct err *e);

#endif
