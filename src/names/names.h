/*
 * names: the identity-matching engine for personal and organisation
 * names. Links Chinese characters (traditional, simplified, HK variants),
 * Cantonese romanisations (HK government, Macau), Mandarin (pinyin,
 * Wade-Giles), Singapore/Malaysia surname spellings, English first names,
 * and ordinary Western and company names. Other scripts (Cyrillic, Greek,
 * Arabic, Hangul, kana ...) are transliterated to Latin first.
 *
 * Pure library: no I/O, no SQL, no printing. Thread-safe: parsing and
 * scoring touch only caller memory and constant tables (the ICU
 * transliterator is guarded by a mutex inside).
 *
 * Use: parse each name once (names_parse), then score pairs many times
 * (names_score). For screening, put list names into a names_index and
 * query it with a parsed name to get the candidates worth scoring.
 * See docs/internals/names.md for how scoring works and the threshold.
 */
#ifndef NAMES_NAMES_H
#define NAMES_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/strbuf.h"

/* Longest name accepted, in bytes of UTF-8 (longer: ERR_TOOBIG). */
#define NAMES_MAX_BYTES 1024
/* At most this many parts are kept per name; later parts are dropped. */
#define NAMES_MAX_UNITS 16
/* Bytes of text kept per part (ASCII folded word or one Han character). */
#define NAMES_UNIT_TEXT 16

/*
 * Default decision threshold: score >= NAMES_THRESHOLD means "match".
 * Why 0.80: one wrong syllable in a three-syllable Chinese name leaves at
 * most 2/3 of the parts matched (0.67), and a different English first name
 * beside a matching surname gives 0.5; a romanisation variant of every
 * syllable costs at most 0.05-0.10. See docs/internals/names.md.
 */
#define NAMES_THRESHOLD 0.80

enum names_mode {
    NAMES_MODE_EMPTY = 0, /* nothing usable (only punctuation, titles) */
    NAMES_MODE_CHINESE,   /* Han characters or romanised Chinese syllables */
    NAMES_MODE_WESTERN,   /* any other name: words compared as wholes */
};

enum names_kind {
    NAMES_KIND_HAN = 0, /* one Chinese character (folded to simplified) */
    NAMES_KIND_SYL,     /* one romanised Chinese syllable */
    NAMES_KIND_INITIAL, /* a single letter ("C." of "C. Y. Leung") */
    NAMES_KIND_WORD,    /* a word compared by spelling */
    NAMES_KIND_ENGLISH, /* an English/Western given name beside a Chinese */
};

enum names_role {
    NAMES_ROLE_SURNAME = 0,
    NAMES_ROLE_GIVEN,
    NAMES_ROLE_ENGLISH,
    NAMES_ROLE_OTHER, /* a word of a Western or company name */
    NAMES_ROLE_LEGAL, /* a company legal form ("Ltd", "AG", "JSC") */
};

/* One part of a parsed name. Key pointers point into constant tables. */
struct names_unit {
    char text[NAMES_UNIT_TEXT]; /* NUL-terminated */
    const uint16_t *keys;       /* reading keys (sorted), may be NULL */
    const uint16_t *ext;        /* syllable: bridge keys: next_m Mandarin
                                   keys of the characters it can stand for
                                   read as Cantonese, then next_c Cantonese
                                   ones (read as Mandarin); each part
                                   sorted. Han: next_m Shanghainese (Wu)
                                   keys, compared by skeleton only (not
                                   index keys); next_c 0 */
    uint32_t cp;                /* Han: folded code point; else 0 */
    uint32_t inits;             /* bit i: some spelling starts 'a'+i */
    uint32_t skel;              /* Latin: phonetic skeleton, 0 none */
    float weight;               /* Western words: importance (0.3..1) */
    uint8_t nkeys, next_m, next_c;
    uint8_t kind; /* enum names_kind */
    uint8_t role; /* enum names_role */
    uint8_t tok;  /* index of the source token */
};

/*
 * A parsed name: parse once, score many times. Plain value (no pointers to
 * heap memory): copy it, keep arrays of it, free nothing. Only the first
 * nunits units are ever read, so a copy of offsetof(struct names_parsed, u)
 * + nunits * sizeof(struct names_unit) bytes is enough to store it. Chinese
 * names keep their syllables in surname-first order; when the input did not
 * show which part is the surname ("Jinping Xi"), order_ambiguous is set and the
 * scorer also tries the last token as the surname (alt_first).
 */
struct names_parsed {
    uint8_t mode; /* enum names_mode */
    uint8_t nunits;
    uint8_t nseq;      /* units [0, nseq) are the Chinese syllable sequence */
    uint8_t nsurname;  /* leading units of the sequence that are surname */
    uint8_t alt_first; /* ambiguous order: sequence start of the alt form */
    bool order_ambiguous;
    bool has_han;
    bool comma; /* written "SURNAME, Given" (word order says less) */
    struct names_unit u[NAMES_MAX_UNITS];
};

/*
 * Normalises name into out: NFKC, case folding, other scripts
 * transliterated to Latin, diacritics removed, punctuation to single
 * spaces, Han characters folded to one form. For display and keys.
 * out is caller-owned (init it first, e.g. STRBUF_INIT); the text is
 * appended. Returns ERR_INVALID for invalid UTF-8, ERR_TOOBIG above
 * NAMES_MAX_BYTES.
 */
enum err_code names_normalise(const char *name, struct strbuf *out,
                              struct err *e);

/*
 * Parses name into *out (caller-owned, overwritten). Handles honorifics
 * (Mr, Dr, Sir, SBS, JP ...), "SURNAME, Given", ALL-CAPS surnames,
 * "Tai-man"/"Tai Man"/"Taiman", married-name prefixes, English first
 * names, initials, compound Han surnames. Returns ERR_INVALID (invalid
 * UTF-8) or ERR_TOOBIG (over NAMES_MAX_BYTES); *out is then an empty name
 * (mode NAMES_MODE_EMPTY), which scores 0 against anything.
 */
enum err_code names_parse(const char *name, struct names_parsed *out,
                          struct err *e);

/* Explanation of one aligned (or unaligned) part of a comparison. */
struct names_explain_part {
    const char *role;        /* "surname", "given", "english", "word" */
    char a[NAMES_UNIT_TEXT]; /* part of name A ("" when none) */
    char b[NAMES_UNIT_TEXT]; /* part of name B ("" when none) */
    double score;            /* 0..1 */
    const char *how;         /* "same", "same reading", "bridged", ... */
};

#define NAMES_EXPLAIN_MAX (2 * NAMES_MAX_UNITS)

struct names_explain {
    int nparts;
    struct names_explain_part part[NAMES_EXPLAIN_MAX];
    const char *summary; /* one line: why the score is what it is */
};

/*
 * Scores two parsed names: 0 (different) .. 1 (same). Symmetric. When ex
 * is not NULL it receives one entry per part (borrowed pointers in it are
 * static strings). Never fails.
 */
double names_score(const struct names_parsed *a, const struct names_parsed *b,
                   struct names_explain *ex);

/* Parses both and scores; a name that fails to parse scores 0. */
double names_match(const char *a, const char *b, struct names_explain *ex);

/* Jaro-Winkler similarity of two byte strings (0..1), exported for tests. */
double names_jaro_winkler(const char *a, size_t alen, const char *b,
                          size_t blen);

/* --- candidate index (blocking) ----------------------------------------- */

struct names_index;

/* Returns an empty index, owned (free with names_index_free). */
struct names_index *names_index_new(void);
void names_index_free(struct names_index *ix);

/*
 * Adds a parsed name under ref (the caller's id, e.g. a list-name row).
 * Only the blocking keys are stored, not the name. Must come before
 * names_index_build.
 */
void names_index_add(struct names_index *ix, const struct names_parsed *p,
                     uint32_t ref);
/* Parses and adds; returns the parse error (nothing added then). */
enum err_code names_index_add_name(struct names_index *ix, const char *name,
                                   uint32_t ref, struct err *e);
/* Freezes the index for queries (sorts postings). Call once. */
void names_index_build(struct names_index *ix);

/* Number of (key, ref) postings and the bytes the index holds. */
size_t names_index_postings(const struct names_index *ix);
size_t names_index_bytes(const struct names_index *ix);

/*
 * Calls cb(ref, ctx) once for every candidate: a ref hit by keys of two of
 * q's words or syllables (a key two of them share counts for the first;
 * one when q has a single one, or when either
 * name has a part that can match without a shared key, such as an
 * initial). That is every name that can score >= NAMES_THRESHOLD against q
 * (see docs/internals/names.md for the argument; test_index_recall checks
 * it on the evaluation sets). Returns the number of candidates. Queries
 * only read a built index and may run in parallel; a query on an index
 * not yet built builds it first, which must not race with anything.
 */
size_t names_index_query(struct names_index *ix, const struct names_parsed *q,
                         void (*cb)(uint32_t ref, void *ctx), void *ctx);

/*
 * As names_index_query, but a key two of q's tokens share counts for both
 * (so a word repeated in q is hit as often as it appears: the candidates
 * are those of names_index_query and maybe more), and cb also gets the
 * tokens the ref shares a key with: bit (tok & 31) for each
 * names_unit.tok of q hit. Same thread rules.
 */
size_t
names_index_query_mask(struct names_index *ix, const struct names_parsed *q,
                       void (*cb)(uint32_t ref, uint32_t toks, void *ctx),
                       void *ctx);

/* Blocking keys of p (as stored/queried), for tests: up to max written. */
size_t names_index_keys(const struct names_parsed *p, bool query, uint32_t *out,
                        size_t max);

/* --- pairs files --------------------------------------------------------- */

/*
 * Splits one line of a TSV pairs file (the header names columns name_a
 * and name_b). names_pairs_header finds their column numbers; returns
 * ERR_INVALID when either is missing. names_pairs_fields returns the two
 * fields of a data row (pointers into line, which it modifies by
 * replacing tabs with NULs); a row with too few columns gives ERR_INVALID.
 */
enum err_code names_pairs_header(char *line, int *col_a, int *col_b,
                                 struct err *e);
enum err_code names_pairs_fields(char *line, int col_a, int col_b,
                                 const char **a, const char **b, struct err *e);

#endif
