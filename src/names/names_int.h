/*
 * names_int: internals shared by the files of names/ (not for other
 * modules). The generated tables (src/names/generated/names_tables.c,
 * made by scripts/gen-names-tables) and small lookups over them.
 */
#ifndef NAMES_NAMES_INT_H
#define NAMES_NAMES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names/names.h"

struct names_char_entry {
    uint32_t cp;  /* canonical (folded) code point */
    uint32_t off; /* into names_key_pool */
    uint8_t nkeys;
    uint8_t nwu; /* Shanghainese keys ("w:<spelling>"), in the pool right
                    after the nkeys Cantonese and Mandarin ones */
    uint32_t inits;
};

struct names_spelling_entry {
    const char *s;
    uint32_t off; /* keys, into names_key_pool */
    uint8_t nkeys;
    uint32_t eoff; /* bridge keys: nextm Mandarin, then nextc Cantonese */
    uint8_t nextm, nextc;
    uint8_t surname; /* 1: a known surname spelling */
    uint32_t inits;
};

struct names_orgtype_entry {
    const char *alias;   /* as written in org_types.yml */
    const char *compare; /* canonical form compared */
    const char *generic; /* class: JSC, LLC, LP ... ("" unknown) */
};

struct names_surname_spelling {
    const char *s;
    uint16_t id; /* one single-character surname */
};

extern const struct names_surname_spelling names_surname_spellings[];
extern const size_t names_surname_spelling_count;
extern const struct names_orgtype_entry names_orgtypes[];
extern const size_t names_orgtype_count;
extern const uint32_t names_fold_from[];
extern const uint32_t names_fold_to[];
extern const size_t names_fold_count;
extern const char *const names_key_names[];
extern const size_t names_key_count;
extern const uint16_t names_key_pool[];
extern const struct names_char_entry names_chars[];
extern const size_t names_char_count;
extern const struct names_spelling_entry names_spellings[];
extern const size_t names_spelling_count;
extern const char *const names_han_surnames[];
extern const size_t names_han_surname_count;
extern const char *const names_latin_surnames[];
extern const size_t names_latin_surname_count;
extern const char *const names_english[];
extern const size_t names_english_count;
extern const char *const names_honorifics[];
extern const size_t names_honorific_count;

/* Weight of a number or roman numeral in a Western name (particles and
 * legal forms have their own); unmatched it still counts, unlike a
 * particle. */
#define NAMES_NUMBER_WEIGHT 0.35f

/* tables.c */
uint32_t names_fold_cp(uint32_t cp);
const struct names_char_entry *names_char_lookup(uint32_t cp);
const struct names_spelling_entry *names_spelling_lookup(const char *s,
                                                         size_t len);
bool names_is_english(const char *s, size_t len);
/* A Chinese surname in some region's spelling ("chan", "szeto", "goh") */
bool names_is_latin_surname(const char *s, size_t len);
/* -1 when a or b is no known surname spelling, 1 when some surname has
 * both spellings, 0 when they are spellings of different surnames only
 * (Chan is not Tsang, Lee is not Lau). */
int names_same_surname(const char *a, const char *b);
bool names_is_honorific(const char *s, size_t len);
bool names_is_han_surname(const char *utf8, size_t len);
bool names_is_particle(const char *s, size_t len);
/* Whether s (len bytes) is in arr, n strings sorted bytewise (strcmp). */
bool names_in_sorted(const char *const *arr, size_t n, const char *s,
                     size_t len);
bool names_is_orgword(const char *s, size_t len);
bool names_is_han(uint32_t cp);
/* Coarse phonetic key of a romanised syllable (0 when none); sys 'c' for
 * jyutping, anything else for other spellings. */
uint32_t names_skeleton(const char *s, size_t len, char sys);
/* Skeleton of a reading key (computed once, thread-safe). */
uint32_t names_key_skeleton(uint16_t key);
/* The skeletons of all keys; valid once names_key_skeleton ran (the
 * parser calls it before any unit reaches the scorer). */
extern const uint32_t *names_key_skeletons;

/*
 * score.c: word rules that the index's deletion keys (one edit; two in
 * words of ten letters or more) do not cover: two edits in a word of five
 * to nine letters with its first letter kept (Schulze/Scholz), a word
 * written backwards (nituP/Putin) or with its letters scrambled
 * (rimaldiV/Vladimir). Off (0): index.c would also have to key every
 * Latin word by names_word_extra_keys (test_index_recall fails with it on
 * before that), and even then, measured, the 1,000,000-name synthetic
 * list runs at ~570 instead of ~3,400 queries/s with twice the alerts;
 * see docs/internals/names.md section 4.
 */
#define NAMES_EXTRA_WORD_RULES 0

/*
 * score.c: the extra index key texts of one Latin word w (lowercase
 * ASCII, a names_unit text) for the rules above: w itself, w with one
 * (4-9 letters) or two (5-9 letters) letters after the first deleted,
 * and, for four letters or more, '#' followed by its letters sorted. Two
 * words those rules match share one of these texts. Writes at most max
 * texts into out; returns the count (at most 38 for a word of nine
 * letters).
 */
size_t names_word_extra_keys(const char *w, char (*out)[2 * NAMES_UNIT_TEXT],
                             size_t max);

/* score.c: folds transliteration choices (y/j/i, w/v, c/k/q, ph/f, kh/h,
 * ou/u, x/ks, doubled letters); out holds 2 * NAMES_UNIT_TEXT bytes. */
size_t names_translit_fold(const char *s, char *out);

/* translit.c: the only user of ICU. Transliterates a UTF-8 run of
 * non-Latin, non-Han text to Latin ASCII, appended to out. */
enum err_code names_translit(const char *s, size_t len, struct strbuf *out,
                             struct err *e);

#endif
