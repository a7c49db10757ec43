/*
 * tables: lookups over the generated name tables (binary search over
 * sorted arrays) plus two small hand lists: name particles and company
 * legal forms, which weigh little when names are compared.
 */
#include <pthread.h>
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

bool names_in_sorted(const char *const *arr, size_t n, const char *s,
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
    return names_in_sorted(names_english, names_english_count, s, len);
}

bool names_is_latin_surname(const char *s, size_t len)
{
    return names_in_sorted(names_latin_surnames, names_latin_surname_count, s,
                           len);
}

static size_t surname_first(const char *s)
{
    size_t lo = 0, hi = names_surname_spelling_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(names_surname_spellings[mid].s, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int names_same_surname(const char *a, const char *b)
{
    size_t ia = surname_first(a), ib = surname_first(b);
    size_t ja, jb;
    if (ia >= names_surname_spelling_count ||
        strcmp(names_surname_spellings[ia].s, a) != 0 ||
        ib >= names_surname_spelling_count ||
        strcmp(names_surname_spellings[ib].s, b) != 0)
        return -1;
    for (ja = ia; ja < names_surname_spelling_count &&
                  strcmp(names_surname_spellings[ja].s, a) == 0;
         ja++)
        for (jb = ib; jb < names_surname_spelling_count &&
                      strcmp(names_surname_spellings[jb].s, b) == 0;
             jb++)
            if (names_surname_spellings[ja].id ==
                names_surname_spellings[jb].id)
                return 1;
    return 0;
}

bool names_is_honorific(const char *s, size_t len)
{
    return names_in_sorted(names_honorifics, names_honorific_count, s, len);
}

bool names_is_han_surname(const char *utf8, size_t len)
{
    return names_in_sorted(names_han_surnames, names_han_surname_count, utf8,
                           len);
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
    return names_in_sorted(particles, sizeof(particles) / sizeof(particles[0]),
                           s, len);
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
    return names_in_sorted(orgwords, sizeof(orgwords) / sizeof(orgwords[0]), s,
                           len);
}

bool names_is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
           (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

/* ---- phonetic skeleton --------------------------------------------------
 * A coarse key for spellings outside the tables ("Jeou", "Ing", "Hwa",
 * "Sie"): the initial folded to its class (ts/tz/ch/zh/z/c/j/q: C;
 * s/sh/hs/sz/x: S; k/g/kw/gw/kh: K; t/d/th: T; p/b/ph: P; w/hw/wh: W;
 * y and ng dropped), then the rhyme with spelling variants folded
 * (eou/ew: iu; eu/oe/eo: one vowel; ee: i; oo/ou: u; aa: a; final h
 * dropped; jyutping eoi/eon/eot/ou/ei as HK writes them: ui/un/ut/o/i).
 * scripts/gen-names-tables has the same function (skeleton()): keep the
 * two in step.
 * sys is 'c' for jyutping (j is /y/ there), else 'l'.
 */
struct skel_rule {
    const char *from;
    const char *to;
};

static const struct skel_rule skel_inits[] = {
    {"zh", "C"}, {"ch", "C"}, {"ts", "C"}, {"tz", "C"}, {"dz", "C"},
    {"sh", "S"}, {"hs", "S"}, {"sz", "S"}, {"kw", "K"}, {"gw", "K"},
    {"kh", "K"}, {"th", "T"}, {"ph", "P"}, {"hw", "W"}, {"wh", "W"},
    {"ng", ""},  {"q", "C"},  {"x", "S"},  {"z", "C"},  {"c", "C"},
    {"s", "S"},  {"k", "K"},  {"g", "K"},  {"t", "T"},  {"d", "T"},
    {"p", "P"},  {"b", "P"},  {"y", ""},   {"w", "W"},  {"h", "H"},
    {"f", "F"},  {"l", "L"},  {"r", "L"},  {"m", "M"},  {"n", "N"},
};

static const struct skel_rule skel_rhymes[] = {
    {"eou", "iu"}, {"ew", "iu"}, {"eu", "8"}, {"oe", "8"},
    {"eo", "8"},   {"ee", "i"},  {"oo", "u"}, {"ou", "u"},
    {"aa", "a"},   {"yu", "u"},  {"ue", "u"},
};

/* jyutping rhymes as HK spellings write them (ceoi: tsui, ceon: chun,
 * gou: ko, gei: kee) */
static const struct skel_rule skel_rhymes_jyut[] = {
    {"eoi", "ui"}, {"eon", "un"}, {"eot", "ut"}, {"ou", "o"}, {"ei", "i"},
};

uint32_t names_skeleton(const char *s, size_t len, char sys)
{
    char out[32];
    size_t o = 0, i = 0;
    uint32_t h = 2166136261u;

    if (len == 0 || len > 16)
        return 0;
    if (s[0] == 'j') {
        out[o++] = sys == 'c' ? 'Y' : 'C';
        i = 1;
    } else if (sys != 'c' && s[0] == 'i' && len > 2 &&
               (s[1] == 'a' || s[1] == 'e' || s[1] == 'o')) {
        /* Macau writes y as i: Iat = yat, Ieong = yeung */
        i = 1;
    } else {
        for (size_t r = 0; r < sizeof(skel_inits) / sizeof(skel_inits[0]);
             r++) {
            size_t fl = strlen(skel_inits[r].from);
            if (fl <= len && memcmp(s, skel_inits[r].from, fl) == 0) {
                size_t tl = strlen(skel_inits[r].to);
                memcpy(out + o, skel_inits[r].to, tl);
                o += tl;
                i = fl;
                break;
            }
        }
    }
    if (o == 1 && out[0] == 'Y')
        o = 0; /* jyutping j = y: dropped like y */
    if (len > i + 1 && s[len - 1] == 'h')
        len--;
    while (i < len && o < sizeof(out) - 3) {
        bool done = false;
        for (size_t r = 0; sys == 'c' && r < sizeof(skel_rhymes_jyut) /
                                                 sizeof(skel_rhymes_jyut[0]);
             r++) {
            size_t fl = strlen(skel_rhymes_jyut[r].from);
            if (i + fl <= len &&
                memcmp(s + i, skel_rhymes_jyut[r].from, fl) == 0) {
                size_t tl = strlen(skel_rhymes_jyut[r].to);
                memcpy(out + o, skel_rhymes_jyut[r].to, tl);
                o += tl;
                i += fl;
                done = true;
                break;
            }
        }
        if (done)
            continue;
        for (size_t r = 0; r < sizeof(skel_rhymes) / sizeof(skel_rhymes[0]);
             r++) {
            size_t fl = strlen(skel_rhymes[r].from);
            if (i + fl <= len && memcmp(s + i, skel_rhymes[r].from, fl) == 0) {
                size_t tl = strlen(skel_rhymes[r].to);
                memcpy(out + o, skel_rhymes[r].to, tl);
                o += tl;
                i += fl;
                done = true;
                break;
            }
        }
        if (done)
            continue;
        if (i == len - 1 && (s[i] == 'w' || s[i] == 'y'))
            out[o++] = s[i] == 'w' ? 'u' : 'i';
        else if (i == len - 2 && s[i] == 'i' && s[i + 1] == 'e') {
            out[o++] = 'i';
            i++;
        } else
            out[o++] = s[i];
        i++;
    }
    if (o == 0)
        return 0;
    for (size_t k = 0; k < o; k++)
        h = (h ^ (unsigned char)out[k]) * 16777619u;
    return h ? h : 1;
}

static uint32_t *key_skels;
static pthread_once_t key_skels_once = PTHREAD_ONCE_INIT;
const uint32_t *names_key_skeletons;

static void key_skels_init(void)
{
    key_skels = calloc(names_key_count, sizeof(uint32_t));
    if (!key_skels)
        abort();
    for (size_t k = 0; k < names_key_count; k++) {
        const char *n = names_key_names[k];
        key_skels[k] = names_skeleton(n + 2, strlen(n + 2), n[0]);
    }
    names_key_skeletons = key_skels;
}

uint32_t names_key_skeleton(uint16_t key)
{
    pthread_once(&key_skels_once, key_skels_init);
    return key < names_key_count ? key_skels[key] : 0;
}
