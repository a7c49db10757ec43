/*
 * tables: lookups over the generated name tables (binary search over
 * sorted arrays) plus two small hand lists: name particles and company
 * legal forms, which weigh little when names are compared.
 */
#include <stdlib.h>
#include <string.h>

#include "names/names_int.h"
#include "util/banned.h"

static int cmp_bytes(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    size_t n = alen < blen ? alen : blen;
    int c = memcmp(a, b, n);
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static bool in_sorted(const char *const *arr, size_t n, const char *s,
                      size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_bytes(s, len, arr[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

uint32_t names_fold_cp(uint32_t cp)
{
    size_t lo = 0, hi = names_fold_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (names_fold_from[mid] == cp)
            return names_fold_to[mid];
        if (names_fold_from[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cp;
}

const struct names_char_entry *names_char_lookup(uint32_t cp)
{
    size_t lo = 0, hi = names_char_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (names_chars[mid].cp == cp)
            return &names_chars[mid];
        if (names_chars[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct names_spelling_entry *names_spelling_lookup(const char *s,
                                                         size_t len)
{
    size_t lo = 0, hi = names_spelling_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_bytes(s, len, names_spellings[mid].s);
        if (c == 0)
            return &names_spellings[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool names_is_english(const char *s, size_t len)
{
    return in_sorted(names_english, names_english_count, s, len);
}

bool names_is_honorific(const char *s, size_t len)
{
    return in_sorted(names_honorifics, names_honorific_count, s, len);
}

bool names_is_han_surname(const char *utf8, size_t len)
{
    return in_sorted(names_han_surnames, names_han_surname_count, utf8, len);
}

/* Sorted. Linking words of Arabic, Dutch, German, Romance names. */
static const char *const particles[] = {
    "a",    "abd", "abu", "al",  "and", "ap",  "at",    "ben", "bin",
    "bint", "da",  "das", "de",  "dei", "del", "della", "der", "di",
    "do",   "dos", "du",  "el",  "ibn", "la",  "le",    "mac", "of",
    "san",  "st",  "ter", "the", "van", "von", "y",     "zu",
};

bool names_is_particle(const char *s, size_t len)
{
    return in_sorted(particles, sizeof(particles) / sizeof(particles[0]), s,
                     len);
}

/* Sorted. Company legal forms and generic organisation words
 * (after punctuation removal: "L.L.C." is "llc"). */
static const char *const orgwords[] = {
    "ab",  "ag",      "as",   "asa",         "bhd",     "bv",  "cjsc",
    "co",  "company", "corp", "corporation", "gmbh",    "inc", "incorporated",
    "jsc", "kg",      "kk",   "lc",          "limited", "llc", "llp",
    "lp",  "ltd",     "nv",   "oao",         "ojsc",    "ooo", "oy",
    "pao", "pjsc",    "plc",  "pte",         "pty",     "sa",  "sarl",
    "sas", "sdn",     "spa",  "srl",         "zao",
};

bool names_is_orgword(const char *s, size_t len)
{
    return in_sorted(orgwords, sizeof(orgwords) / sizeof(orgwords[0]), s, len);
}

bool names_is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
           (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}
