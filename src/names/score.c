/*
 * score: compares two parsed names. Chinese names are compared as
 * syllable sequences in surname-first order (monotone alignment), with
 * English first names compared aside; Western and company names as bags of
 * words (Jaro-Winkler, legal forms and particles weigh little). Every
 * aligned part gets a score and a reason for the explanation. Pure.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "names/names_int.h"
#include "util/banned.h"

/* Part similarities (see docs/internals/names.md). */
#define SIM_SAME 1.0
#define SIM_READING 0.95 /* Han vs Latin through a reading */
#define SIM_VARIANT 0.95 /* two spellings of one reading */
#define SIM_BRIDGE 0.90  /* two spellings bridged by one character */
#define SIM_INITIAL 0.90 /* initial vs a syllable or word it can start */
#define SIM_SOUND 0.80   /* unknown spelling, same phonetic skeleton */
/* Caps of Western scores (below the threshold whatever the words). */
#define SCORE_NASAB_SWAP 0.6 /* X bin Y against Y bin X */
#define SCORE_SERIES 0.75    /* Fund II against Fund */
/* Han vs Latin through the character's Shanghainese reading (建 ci "Chee"):
 * weaker than SIM_SOUND because Shanghainese merges syllables Cantonese
 * and Mandarin keep apart (建 見 基 記 are all ci), so a name whose
 * every part meets only this way (0.75) stays below the threshold. */
#define SIM_WU 0.75

enum how {
    HOW_NONE = 0,
    HOW_SAME,
    HOW_FOLDED,
    HOW_READING,
    HOW_VARIANT,
    HOW_BRIDGE,
    HOW_SURNAME,
    HOW_INITIAL,
    HOW_FUZZY,
    HOW_PREFIX,
    HOW_TRANSLIT,
    HOW_LEGAL,
    HOW_SOUND,
    HOW_CONCAT,
    HOW_WU,
    HOW_ANCESTOR,
    HOW_KOREAN,
    HOW_REORDERED,
    HOW_DIFFERENT,
    HOW_MISSING,
    HOW_UNCOMPARED,
};

static const char *const how_text[] = {
    "",
    "same",
    "same character after folding",
    "character reading",
    "romanisation variant",
    "bridged through a character",
    "spellings of one surname",
    "initial",
    "similar spelling",
    "shortened form",
    "transliteration variant",
    "same kind of legal form",
    "same sound (spelling outside the tables)",
    "joined words",
    "Shanghainese reading",
    "not compared (patronymic or father's name on one side only)",
    "Korean romanisation variant",
    "letters reversed or reordered",
    "different",
    "no counterpart",
    "not compared (other name lacks this kind of part)",
};

struct pair {
    int8_t a, b; /* unit index, -1 none */
    uint8_t how;
    float sim;
};

struct result {
    double score;
    int npairs;
    struct pair p[NAMES_EXPLAIN_MAX];
    const char *summary;
    /* Western comparisons: the word lists the pairs index */
    struct names_unit wa[NAMES_MAX_UNITS], wb[NAMES_MAX_UNITS];
    int nwa, nwb;
};

double names_jaro_winkler(const char *a, size_t alen, const char *b,
                          size_t blen)
{
    bool am[64], bm[64];
    size_t i, j, window, m = 0, t = 0, k = 0, prefix = 0;
    double jaro;

    if (alen == 0 || blen == 0)
        return alen == blen ? 1.0 : 0.0;
    if (alen > 64)
        alen = 64;
    if (blen > 64)
        blen = 64;
    window = (alen > blen ? alen : blen) / 2;
    window = window > 0 ? window - 1 : 0;
    memset(am, 0, sizeof(am));
    memset(bm, 0, sizeof(bm));
    for (i = 0; i < alen; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window + 1 < blen ? i + window + 1 : blen;
        for (j = lo; j < hi; j++) {
            if (bm[j] || a[i] != b[j])
                continue;
            am[i] = bm[j] = true;
            m++;
            break;
        }
    }
    if (m == 0)
        return 0.0;
    for (i = 0; i < alen; i++) {
        if (!am[i])
            continue;
        while (!bm[k])
            k++;
        if (a[i] != b[k])
            t++;
        k++;
    }
    jaro =
        ((double)m / alen + (double)m / blen + (double)(m - t / 2) / m) / 3.0;
    while (prefix < 4 && prefix < alen && prefix < blen &&
           a[prefix] == b[prefix])
        prefix++;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

static bool keys_meet(const uint16_t *a, int na, const uint16_t *b, int nb)
{
    int i = 0, j = 0;
    if (!a || !b)
        return false;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            return true;
        if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return false;
}

/* Spellings outside the tables: compare phonetic skeletons with the
 * other part's skeleton or with the skeletons of its reading keys. */
static bool skel_meet(const struct names_unit *x, const struct names_unit *y)
{
    bool known = y->nkeys > 0;
    if (!y->skel)
        return false;
    if (!known && x->skel && x->skel == y->skel)
        return true;
    /* A known spelling meets only Cantonese readings this way: HK
     * spellings vary beyond the tables (Chok for zok), pinyin does not. */
    for (int k = 0; k < x->nkeys; k++)
        if ((!known || names_key_names[x->keys[k]][0] == 'c') &&
            names_key_skeletons[x->keys[k]] == y->skel)
            return true;
    return false;
}

/* Han x vs Latin y through x's Shanghainese readings: y has the
 * skeleton of one of the Latin spellings of a reading (the "w:" keys of
 * names_char_entry.nwu, see scripts/gen-names-tables). */
static bool wu_meet(const struct names_unit *x, const struct names_unit *y)
{
    if (x->kind != NAMES_KIND_HAN || !y->skel || !x->ext ||
        (y->kind != NAMES_KIND_SYL && y->kind != NAMES_KIND_WORD))
        return false;
    for (int k = 0; k < x->next_m; k++)
        if (names_key_skeletons[x->ext[k]] == y->skel)
            return true;
    return false;
}

static double jw_units(const struct names_unit *x, const struct names_unit *y)
{
    return names_jaro_winkler(x->text, strlen(x->text), y->text,
                              strlen(y->text));
}

/* Similarity of two parts of Chinese names. */
static double chinese_sim(const struct names_unit *x,
                          const struct names_unit *y, bool wu, uint8_t *how)
{
    const struct names_unit *t;
    double jw;

    if (x->kind > y->kind) {
        t = x;
        x = y;
        y = t;
    }
    *how = HOW_DIFFERENT;
    switch (x->kind) {
    case NAMES_KIND_HAN:
        if (y->kind == NAMES_KIND_HAN) {
            if (x->cp == y->cp) {
                *how = strcmp(x->text, y->text) ? HOW_FOLDED : HOW_SAME;
                return SIM_SAME;
            }
            return 0.0;
        }
        if (y->kind == NAMES_KIND_SYL &&
            keys_meet(x->keys, x->nkeys, y->keys, y->nkeys)) {
            *how = HOW_READING;
            return SIM_READING;
        }
        if (y->kind == NAMES_KIND_INITIAL &&
            (x->inits >> (y->text[0] - 'a') & 1u)) {
            *how = HOW_INITIAL;
            return SIM_INITIAL;
        }
        if ((y->kind == NAMES_KIND_SYL || y->kind == NAMES_KIND_WORD) &&
            skel_meet(x, y)) {
            *how = HOW_SOUND;
            return SIM_SOUND;
        }
        /* given names only: a Shanghainese reading of one surname is
         * often the Hong Kong spelling of another (張 tzan / Chan, 唐
         * daon / Tang, 金 cin / Chin); surnames have their own tables */
        if (wu && x->role != NAMES_ROLE_SURNAME &&
            y->role != NAMES_ROLE_SURNAME && wu_meet(x, y)) {
            *how = HOW_WU;
            return SIM_WU;
        }
        return 0.0;
    case NAMES_KIND_SYL:
        if (y->kind == NAMES_KIND_SYL) {
            if (strcmp(x->text, y->text) == 0) {
                *how = HOW_SAME;
                return SIM_SAME;
            }
            if (keys_meet(x->keys, x->nkeys, y->keys, y->nkeys)) {
                *how = HOW_VARIANT;
                return SIM_VARIANT;
            }
            if (keys_meet(x->ext, x->next_m, y->keys, y->nkeys) ||
                keys_meet(x->ext + x->next_m, x->next_c, y->keys, y->nkeys)) {
                *how = HOW_BRIDGE;
                return SIM_BRIDGE;
            }
        }
        if (y->kind == NAMES_KIND_INITIAL) {
            if (x->inits >> (y->text[0] - 'a') & 1u) {
                *how = HOW_INITIAL;
                return SIM_INITIAL;
            }
            return 0.0;
        }
        /* sounds only for a spelling outside the tables: two known
         * spellings met above through their keys or not at all */
        if ((y->kind == NAMES_KIND_SYL || y->kind == NAMES_KIND_WORD) &&
            (!x->nkeys || !y->nkeys)) {
            if (skel_meet(x, y) || skel_meet(y, x)) {
                *how = HOW_SOUND;
                return SIM_SOUND;
            }
        }
        /* two known syllables that did not meet are different */
        if (x->nkeys && y->nkeys)
            return 0.0;
        /* spelling outside the tables ("Tzar", "Jeou"): close spellings */
        jw = jw_units(x, y);
        if (jw >= 0.88 && y->kind != NAMES_KIND_ENGLISH) {
            *how = HOW_FUZZY;
            return 0.85 * jw;
        }
        return 0.0;
    case NAMES_KIND_INITIAL:
        if (y->kind == NAMES_KIND_INITIAL) {
            if (x->text[0] == y->text[0]) {
                *how = HOW_SAME;
                return SIM_SAME;
            }
            return 0.0;
        }
        if (y->text[0] == x->text[0]) {
            *how = HOW_INITIAL;
            return SIM_INITIAL;
        }
        return 0.0;
    default:
        if (strcmp(x->text, y->text) == 0) {
            *how = HOW_SAME;
            return SIM_SAME;
        }
        jw = jw_units(x, y);
        if (jw >= 0.88) {
            *how = HOW_FUZZY;
            return 0.9 * jw;
        }
        return 0.0;
    }
}

/*
 * Monotone alignment of two syllable sequences (given as index arrays),
 * maximising the summed similarity. Writes the aligned pairs.
 */
static double align_seq(const struct names_parsed *a, const int *ia, int na,
                        const struct names_parsed *b, const int *ib, int nb,
                        bool wu, struct pair *pairs, int *npairs)
{
    double best[NAMES_MAX_UNITS + 1][NAMES_MAX_UNITS + 1];
    double sim[NAMES_MAX_UNITS][NAMES_MAX_UNITS];
    uint8_t how[NAMES_MAX_UNITS][NAMES_MAX_UNITS];
    int i, j, n = 0;

    bool whole_a[NAMES_MAX_UNITS] = {false}, whole_b[NAMES_MAX_UNITS] = {false};

    /* units that are a whole token by themselves */
    for (int k = 0; k < a->nunits; k++) {
        whole_a[k] = true;
        for (int q = 0; q < a->nunits; q++)
            if (q != k && a->u[q].tok == a->u[k].tok)
                whole_a[k] = false;
    }
    for (int k = 0; k < b->nunits; k++) {
        whole_b[k] = true;
        for (int q = 0; q < b->nunits; q++)
            if (q != k && b->u[q].tok == b->u[k].tok)
                whole_b[k] = false;
    }
    for (i = 0; i <= na; i++)
        best[i][0] = 0;
    for (j = 0; j <= nb; j++)
        best[0][j] = 0;
    for (i = 1; i <= na; i++) {
        for (j = 1; j <= nb; j++) {
            const struct names_unit *x = &a->u[ia[i - 1]];
            const struct names_unit *y = &b->u[ib[j - 1]];
            double s;
            int same;
            /* two spellings of whole one-syllable surnames: the regional
             * surname spellings decide (Chan/Chen/Tan are 陳, Tsang is
             * 曾 and never Chan) */
            if (x->kind == NAMES_KIND_SYL && y->kind == NAMES_KIND_SYL &&
                x->role == NAMES_ROLE_SURNAME &&
                y->role == NAMES_ROLE_SURNAME && whole_a[ia[i - 1]] &&
                whole_b[ib[j - 1]] && strcmp(x->text, y->text) != 0 &&
                (same = names_same_surname(x->text, y->text)) >= 0) {
                s = same ? SIM_VARIANT : 0.0;
                how[i - 1][j - 1] = same ? HOW_SURNAME : HOW_DIFFERENT;
            } else {
                s = chinese_sim(x, y, wu, &how[i - 1][j - 1]);
            }
            double v = best[i - 1][j];
            sim[i - 1][j - 1] = s;
            if (best[i][j - 1] > v)
                v = best[i][j - 1];
            if (s > 0 && best[i - 1][j - 1] + s > v)
                v = best[i - 1][j - 1] + s;
            best[i][j] = v;
        }
    }
    /* trace back */
    i = na;
    j = nb;
    while (i > 0 && j > 0) {
        double s = sim[i - 1][j - 1];
        if (s > 0 && fabs(best[i][j] - (best[i - 1][j - 1] + s)) < 1e-9) {
            pairs[n].a = (int8_t)ia[i - 1];
            pairs[n].b = (int8_t)ib[j - 1];
            pairs[n].how = how[i - 1][j - 1];
            pairs[n].sim = (float)s;
            n++;
            i--;
            j--;
        } else if (fabs(best[i][j] - best[i - 1][j]) < 1e-9) {
            i--;
        } else {
            j--;
        }
    }
    *npairs = n;
    return best[na][nb];
}

static bool pair_has(const struct pair *p, int n, int side, int idx)
{
    for (int k = 0; k < n; k++)
        if ((side == 0 ? p[k].a : p[k].b) == idx)
            return true;
    return false;
}

/* Given units (not surname) of a sequence: any left after alignment? */
static bool seq_has_given(const struct names_parsed *p)
{
    return p->nseq > p->nsurname;
}

static void seq_order(const struct names_parsed *p, bool rotate, int *idx)
{
    int n = p->nseq, k = 0;
    if (!rotate) {
        for (int i = 0; i < n; i++)
            idx[i] = i;
        return;
    }
    for (int i = p->alt_first; i < n; i++)
        idx[k++] = i;
    for (int i = 0; i < p->alt_first; i++)
        idx[k++] = i;
}

/* Han x and Latin y (either order) met, but only through a Cantonese
 * reading: no Mandarin key in common, no Mandarin skeleton, no
 * Shanghainese reading ("Cheung" for 張, "Kit" for 傑, "Yew" for 耀). */
static bool cantonese_only(const struct names_unit *x,
                           const struct names_unit *y)
{
    if (x->kind != NAMES_KIND_HAN) {
        const struct names_unit *t = x;
        x = y;
        y = t;
    }
    if (x->kind != NAMES_KIND_HAN ||
        (y->kind != NAMES_KIND_SYL && y->kind != NAMES_KIND_WORD))
        return false;
    if (wu_meet(x, y))
        return false;
    for (int i = 0; i < x->nkeys; i++) {
        uint16_t k = x->keys[i];
        if (names_key_names[k][0] == 'c')
            continue;
        if (y->skel && names_key_skeletons[k] == y->skel)
            return false;
        for (int j = 0; j < y->nkeys; j++)
            if (y->keys[j] == k)
                return false;
    }
    return true;
}

/*
 * A Shanghainese reading is evidence only when the name is spelt in
 * Shanghainese (and Mandarin) ways: some other aligned part must agree
 * with its character's Shanghainese reading too (董建華 / TUNG Chee-hwa:
 * Tung is 董 ton, Hwa is 華 wa), and no part may be met only through a
 * Cantonese reading (a name spelt in Cantonese is read in Cantonese).
 * One Shanghainese coincidence alone is common (錢 dzi / "Chi").
 */
static bool wu_consistent(const struct names_parsed *a,
                          const struct names_parsed *b, const struct pair *p,
                          int np)
{
    int nwu = 0, agree = 0;
    for (int k = 0; k < np; k++)
        nwu += p[k].how == HOW_WU;
    if (nwu == 0)
        return true;
    for (int k = 0; k < np; k++) {
        const struct names_unit *x = &a->u[p[k].a], *y = &b->u[p[k].b];
        if (p[k].how == HOW_WU)
            continue;
        if (cantonese_only(x, y))
            return false;
        else if (wu_meet(x, y) || wu_meet(y, x))
            agree++;
    }
    return agree > 0 || nwu > 1;
}

static void chinese_once(const struct names_parsed *a, bool rot_a,
                         const struct names_parsed *b, bool rot_b,
                         struct result *r)
{
    int ia[NAMES_MAX_UNITS], ib[NAMES_MAX_UNITS], np = 0;
    struct pair pairs[NAMES_EXPLAIN_MAX];
    double num, den, en_sum = 0;
    int ea[NAMES_MAX_UNITS], eb[NAMES_MAX_UNITS], nea = 0, neb = 0;
    int en_pairs = 0, unm_a, unm_b;
    bool used_b[NAMES_MAX_UNITS];
    bool skip_a_extra, skip_b_extra;

    seq_order(a, rot_a, ia);
    seq_order(b, rot_b, ib);
    num = align_seq(a, ia, a->nseq, b, ib, b->nseq, true, pairs, &np);
    if (!wu_consistent(a, b, pairs, np))
        num = align_seq(a, ia, a->nseq, b, ib, b->nseq, false, pairs, &np);
    unm_a = a->nseq - np;
    unm_b = b->nseq - np;
    /* A side that has only a surname gives no evidence on given names:
     * the other side's extra given syllables are not counted against. */
    skip_a_extra = !seq_has_given(b) && unm_b == 0 && np > 0;
    skip_b_extra = !seq_has_given(a) && unm_a == 0 && np > 0;
    den = np + (skip_a_extra ? 0 : unm_a) + (skip_b_extra ? 0 : unm_b);

    r->npairs = 0;
    for (int k = np - 1; k >= 0; k--)
        r->p[r->npairs++] = pairs[k];
    for (int i = 0; i < a->nseq; i++)
        if (!pair_has(pairs, np, 0, i))
            r->p[r->npairs++] = (struct pair){
                (int8_t)i, -1, skip_a_extra ? HOW_UNCOMPARED : HOW_MISSING, 0};
    for (int j = 0; j < b->nseq; j++)
        if (!pair_has(pairs, np, 1, j))
            r->p[r->npairs++] = (struct pair){
                -1, (int8_t)j, skip_b_extra ? HOW_UNCOMPARED : HOW_MISSING, 0};

    /* English first names */
    for (int i = a->nseq; i < a->nunits; i++)
        if (a->u[i].role == NAMES_ROLE_ENGLISH)
            ea[nea++] = i;
    for (int j = b->nseq; j < b->nunits; j++)
        if (b->u[j].role == NAMES_ROLE_ENGLISH)
            eb[neb++] = j;
    memset(used_b, 0, sizeof(used_b));
    if (nea && neb) {
        for (int x = 0; x < nea; x++) {
            double bs = 0;
            int bj = -1;
            for (int y = 0; y < neb; y++) {
                double s;
                if (used_b[y])
                    continue;
                s = jw_units(&a->u[ea[x]], &b->u[eb[y]]);
                if (s > bs) {
                    bs = s;
                    bj = y;
                }
            }
            if (bj >= 0 && bs >= 0.9) {
                used_b[bj] = true;
                en_sum += bs;
                en_pairs++;
                r->p[r->npairs++] =
                    (struct pair){(int8_t)ea[x], (int8_t)eb[bj],
                                  bs >= 1.0 ? HOW_SAME : HOW_FUZZY, (float)bs};
            } else {
                r->p[r->npairs++] =
                    (struct pair){(int8_t)ea[x], -1, HOW_DIFFERENT, 0};
            }
        }
        for (int y = 0; y < neb; y++)
            if (!used_b[y])
                r->p[r->npairs++] =
                    (struct pair){-1, (int8_t)eb[y], HOW_DIFFERENT, 0};
        num += en_sum;
        den += nea + neb - en_pairs;
    } else {
        for (int x = 0; x < nea; x++)
            r->p[r->npairs++] =
                (struct pair){(int8_t)ea[x], -1, HOW_UNCOMPARED, 0};
        for (int y = 0; y < neb; y++)
            r->p[r->npairs++] =
                (struct pair){-1, (int8_t)eb[y], HOW_UNCOMPARED, 0};
    }
    r->score = den > 0 ? num / den : 0.0;
    r->summary = "parts aligned in surname-first order";
    if (np + en_pairs < 2 && r->score > 0.5) {
        /* one matching part (a surname) is not enough evidence */
        r->score = 0.5;
        r->summary = "only one part could be compared";
    }
}

/* ---- Western names ------------------------------------------------------- */

/*
 * Optimal-string-alignment distance (edits incl. transpositions), bounded:
 * returns max + 1 as soon as the distance must exceed max.
 */
static int osa_distance(const char *a, size_t n, const char *b, size_t m,
                        int max)
{
    int d[3 * NAMES_UNIT_TEXT + 1][3 * NAMES_UNIT_TEXT + 1];
    if (n > 3 * NAMES_UNIT_TEXT)
        n = 3 * NAMES_UNIT_TEXT;
    if (m > 3 * NAMES_UNIT_TEXT)
        m = 3 * NAMES_UNIT_TEXT;
    if ((int)(n > m ? n - m : m - n) > max)
        return max + 1;
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int rowmin = d[i][0];
        for (size_t j = 1; j <= m; j++) {
            int c = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + c < v)
                v = d[i - 1][j - 1] + c;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > max)
            return max + 1;
    }
    return d[n][m];
}

/* Similarity 1 - edits/length when at least min, else 0. */
static double osa_sim(const char *a, size_t n, const char *b, size_t m,
                      double min)
{
    size_t mx = n > m ? n : m;
    int max = (int)((1.0 - min) * (double)mx + 1e-9);
    int dist;
    if (mx == 0)
        return 1.0;
    dist = osa_distance(a, n, b, m, max);
    if (dist > max)
        return 0.0;
    return 1.0 - (double)dist / (double)mx;
}

/*
 * Folds spellings that transliteration systems choose between: y/j/i,
 * w/v, x/ks, ph/f, kh/h, c/k/q, ou/u and doubled letters. out holds at
 * least 2 * NAMES_UNIT_TEXT bytes; returns the length.
 */
size_t names_translit_fold(const char *s, char *out)
{
    size_t o = 0;
    for (size_t i = 0; s[i] && o + 2 < 2 * NAMES_UNIT_TEXT; i++) {
        char c = s[i], n = s[i + 1];
        if ((c == 'p' && n == 'h') || (c == 'k' && n == 'h') ||
            (c == 'o' && n == 'u') || (c == 'c' && n == 'k')) {
            c = c == 'p' ? 'f' : c == 'k' ? 'h' : c == 'o' ? 'u' : 'k';
            i++;
        } else if (c == 'y' || c == 'j') {
            c = 'i';
        } else if (c == 'w') {
            c = 'v';
        } else if (c == 'c' || c == 'q') {
            c = 'k';
        } else if (c == 'x') {
            out[o++] = 'k';
            c = 's';
        }
        if (o > 0 && out[o - 1] == c)
            continue;
        out[o++] = c;
    }
    out[o] = '\0';
    return o;
}

/* Sorted letters of w (len < NAMES_UNIT_TEXT) into out. */
static void sort_letters(const char *w, size_t len, char *out)
{
    memcpy(out, w, len);
    out[len] = '\0';
    for (size_t i = 1; i < len; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            char c = out[j];
            out[j] = out[j - 1];
            out[j - 1] = c;
        }
}

/*
 * The word rules that need index keys beyond its deletion keys
 * (NAMES_EXTRA_WORD_RULES, names_word_extra_keys), for two words no other
 * rule matched:
 * - two edits in a word of five to nine letters, the first letter kept
 *   (Schulze/Scholz, Merkur/Merkel, Starkey/Starmer, Muhammad/Mohammed):
 *   1 - 2/length, so 0.6 for five letters, 0.75 for eight;
 * - a word written backwards (nituP/Putin, four letters or more): 0.9;
 * - the same letters scrambled (rimaldiV/Vladimir, six or more): 0.8.
 */
static double extra_word_sim(const char *x, size_t lx, const char *y, size_t ly,
                             uint8_t *how)
{
    size_t mx = lx > ly ? lx : ly;
    char sx[NAMES_UNIT_TEXT], sy[NAMES_UNIT_TEXT];
    bool rev = lx == ly && lx >= 4;

    if (mx >= 5 && mx <= 9 && x[0] == y[0] &&
        osa_distance(x, lx, y, ly, 2) <= 2) {
        *how = HOW_FUZZY;
        return 1.0 - 2.0 / (double)mx;
    }
    if (lx != ly || lx < 4 || lx >= NAMES_UNIT_TEXT)
        return 0.0;
    for (size_t i = 0; i < lx && rev; i++)
        rev = x[i] == y[lx - 1 - i];
    if (rev) {
        *how = HOW_REORDERED;
        return 0.9;
    }
    sort_letters(x, lx, sx);
    sort_letters(y, ly, sy);
    if (lx >= 6 && strcmp(sx, sy) == 0) {
        *how = HOW_REORDERED;
        return 0.8;
    }
    return 0.0;
}

size_t names_word_extra_keys(const char *w, char (*out)[2 * NAMES_UNIT_TEXT],
                             size_t max)
{
    size_t len = strlen(w), n = 0;

    if (len >= NAMES_UNIT_TEXT)
        return 0;
    if (len >= 4 && n < max) {
        out[n][0] = '#';
        sort_letters(w, len, out[n] + 1);
        n++;
    }
    if (len < 3 || len > 9)
        return n;
    if (n < max)
        memcpy(out[n++], w, len + 1);
    /* one letter deleted (four letters or more), then two (five or more);
     * never the first letter, which the rule keeps */
    for (size_t i = 1; i < len && len >= 4; i++) {
        if (n < max) {
            memcpy(out[n], w, i);
            memcpy(out[n] + i, w + i + 1, len - i);
            n++;
        }
        for (size_t j = i + 1; j < len && len >= 5; j++) {
            size_t o = 0;
            if (n >= max)
                break;
            for (size_t k = 0; k < len; k++)
                if (k != i && k != j)
                    out[n][o++] = w[k];
            out[n][o] = '\0';
            n++;
        }
    }
    return n;
}

/*
 * Similarity of two words of Western names: 1 when equal, 1 - edits/length
 * when at most one edit per five letters (a typo or transliteration
 * variant: Scholz/Scholze, Putin/Pudin), 0.8 for an initial or a clipped
 * form (Ben/Benjamin), else 0. Numbers must be equal.
 */
static double word_sim(const struct names_unit *x, const struct names_unit *y,
                       const char *fx, size_t nx, const char *fy, size_t ny,
                       bool last, uint8_t *how)
{
    size_t lx = strlen(x->text), ly = strlen(y->text), mx;
    bool dx = x->text[0] >= '0' && x->text[0] <= '9';
    bool dy = y->text[0] >= '0' && y->text[0] <= '9';
    double s;

    if (strcmp(x->text, y->text) == 0) {
        *how = HOW_SAME;
        return 1.0;
    }
    /* two words read from Hangul syllables (cp): one syllable or two */
    if (x->cp && y->cp && x->kind == NAMES_KIND_WORD &&
        y->kind == NAMES_KIND_WORD)
        return x->cp == y->cp ? (*how = HOW_SAME, 1.0) : 0.0;
    if (x->kind == NAMES_KIND_INITIAL || y->kind == NAMES_KIND_INITIAL) {
        /* a number or roman numeral is no word an initial stands for
         * ("I" is not "II") */
        if (x->text[0] == y->text[0] &&
            !(x->kind == NAMES_KIND_INITIAL && y->kind == NAMES_KIND_INITIAL) &&
            x->weight != NAMES_NUMBER_WEIGHT &&
            y->weight != NAMES_NUMBER_WEIGHT) {
            *how = HOW_INITIAL;
            return 0.75;
        }
        return 0.0;
    }
    if (dx || dy)
        return 0.0;
    /* clipped given names: Ben/Benjamin, Alex/Alexander (not a
     * patronymic, not a surname cut short: Lind/Lindemann) */
    if (!last && lx >= 3 && ly >= 3 && (lx <= 5 || ly <= 5) &&
        (lx >= ly + 2 || ly >= lx + 2) &&
        strncmp(x->text, y->text, lx < ly ? lx : ly) == 0) {
        *how = HOW_PREFIX;
        return 0.8;
    }
    mx = lx > ly ? lx : ly;
    if (mx == 4 && lx == 4 && ly == 4 &&
        osa_distance(x->text, 4, y->text, 4, 1) <= 1) {
        /* one letter off in a four-letter word (Benz/Benn, Musk/Mosk,
         * Beta/Meta, Ssad/Asad) */
        *how = HOW_FUZZY;
        return 0.75;
    }
    if (mx < 5)
        return 0.0;
    s = osa_sim(x->text, lx, y->text, ly, 0.8);
    if (s >= 0.8) {
        *how = HOW_FUZZY;
        return s;
    }
    {
        /* transliteration variants: Volodymyr/Volodimir, Aleksandr/Alexandr */
        size_t m = nx > ny ? nx : ny;
        if (m >= 4) {
            s = osa_sim(fx, nx, fy, ny, 0.8);
            if (s >= 0.8) {
                *how = HOW_TRANSLIT;
                return 0.95 * s;
            }
        }
    }
    if (NAMES_EXTRA_WORD_RULES)
        return extra_word_sim(x->text, lx, y->text, ly, how);
    return 0.0;
}

/* Words of a parsed name (for a Chinese name written in Latin letters:
 * the syllables of each input token joined again). */
static int words_of(const struct names_parsed *p, struct names_unit *w)
{
    int n = 0;
    if (p->mode == NAMES_MODE_WESTERN) {
        for (int i = 0; i < p->nunits; i++)
            w[n++] = p->u[i];
        return n;
    }
    if (p->has_han)
        return 0;
    for (int t = 0; t < 64 && n < NAMES_MAX_UNITS; t++) {
        struct names_unit *u = NULL;
        for (int i = 0; i < p->nunits; i++) {
            size_t l;
            if (p->u[i].tok != t)
                continue;
            if (!u) {
                u = &w[n++];
                *u = p->u[i];
                u->kind = p->u[i].kind == NAMES_KIND_INITIAL
                              ? NAMES_KIND_INITIAL
                              : NAMES_KIND_WORD;
                u->role = NAMES_ROLE_OTHER;
                continue;
            }
            l = strlen(u->text);
            if (l + strlen(p->u[i].text) < NAMES_UNIT_TEXT)
                memcpy(u->text + l, p->u[i].text, strlen(p->u[i].text) + 1);
        }
    }
    return n;
}

/* An acronym of x ("PLA", "ABC", "JC") spelt by initials or by the first
 * letters of consecutive words of y: those words become one. */
static bool merge_acronym(const struct names_unit *x, struct names_unit *y,
                          int *ny)
{
    int k = (int)strlen(x->text);
    for (int q = 0; q < *ny; q++)
        if (strcmp(y[q].text, x->text) == 0)
            return false;
    for (int j = 0; k >= 2 && j + k <= *ny; j++) {
        bool ok = true;
        for (int q = 0; q < k && ok; q++)
            ok = y[j + q].text[0] == x->text[q] &&
                 y[j + q].role != NAMES_ROLE_LEGAL;
        if (!ok)
            continue;
        memcpy(y[j].text, x->text, (size_t)k + 1);
        y[j].kind = NAMES_KIND_WORD;
        y[j].weight = 1.0f;
        memmove(&y[j + 1], &y[j + k], (size_t)(*ny - j - k) * sizeof(y[0]));
        *ny -= k - 1;
        return true;
    }
    return false;
}

/* Joins words of y that together spell a word of x ("Van der Bilt" and
 * "Vanderbilt", "Good Will" and "Goodwill"). */
static void merge_joined(const struct names_unit *x, int nx,
                         struct names_unit *y, int *ny)
{
    for (int i = 0; i < nx; i++) {
        size_t lx = strlen(x[i].text);
        bool exact = false;
        if (x[i].role == NAMES_ROLE_LEGAL || lx < 2)
            continue;
        if (lx <= 5 && merge_acronym(&x[i], y, ny))
            continue;
        if (lx < 5)
            continue;
        for (int j = 0; j < *ny; j++)
            if (strcmp(x[i].text, y[j].text) == 0)
                exact = true;
        if (exact)
            continue;
        for (int k = 3; k >= 2; k--) {
            bool merged = false;
            for (int j = 0; j + k <= *ny && !merged; j++) {
                char cat[3 * NAMES_UNIT_TEXT + 2];
                size_t l = 0;
                bool legal = false;
                for (int q = j; q < j + k; q++) {
                    size_t ql = strlen(y[q].text);
                    memcpy(cat + l, y[q].text, ql);
                    l += ql;
                    legal |= y[q].role == NAMES_ROLE_LEGAL;
                }
                cat[l] = '\0';
                if (legal || l >= NAMES_UNIT_TEXT)
                    continue;
                if (strcmp(cat, x[i].text) != 0 &&
                    osa_sim(x[i].text, lx, cat, l, 0.85) < 0.85)
                    continue;
                memcpy(y[j].text, cat, l + 1);
                for (int q = j + 1; q < j + k; q++)
                    if (y[q].weight > y[j].weight)
                        y[j].weight = y[q].weight;
                memmove(&y[j + 1], &y[j + k],
                        (size_t)(*ny - j - k) * sizeof(y[0]));
                *ny -= k - 1;
                merged = true;
            }
            if (merged)
                break;
        }
    }
}

/* bin, ibn, ben, bint: "son/daughter of" in an Arabic name. */
static bool is_nasab(const struct names_unit *u)
{
    return strcmp(u->text, "bin") == 0 || strcmp(u->text, "ibn") == 0 ||
           strcmp(u->text, "ben") == 0 || strcmp(u->text, "bint") == 0;
}

static bool is_light(const struct names_unit *u)
{
    return u->weight < 0.31f || u->role == NAMES_ROLE_LEGAL;
}

/*
 * Per word of w: bit 1 when it stands right before bin/ibn (the person,
 * or in a chain a father), bit 2 right after (a father or grandfather);
 * particles between are skipped ("Ibrahim bin Al-Din").
 */
static void nasab_roles(const struct names_unit *w, int n, uint8_t *role)
{
    memset(role, 0, (size_t)n);
    for (int k = 0; k < n; k++) {
        int q;
        if (!is_nasab(&w[k]))
            continue;
        for (q = k - 1; q >= 0 && is_light(&w[q]); q--)
            ;
        if (q >= 0)
            role[q] |= 1;
        for (q = k + 1; q < n && is_light(&w[q]); q++)
            ;
        if (q < n)
            role[q] |= 2;
    }
}

/* An East Slavic patronymic (Viktorovich, Oleksandrovych, Borisovitch,
 * Ivanovna). */
static bool is_patronymic(const char *s)
{
    static const char *const ends[] = {"vich", "vych", "vitch", "vna", "ichna"};
    size_t l = strlen(s);
    if (l < 7)
        return false;
    for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
        size_t e = strlen(ends[k]);
        if (strcmp(s + l - e, ends[k]) == 0)
            return true;
    }
    return false;
}

/* Series number of a number or roman numeral word ("23", "II", "v"), 0
 * when the word is neither. */
static int series_value(const struct names_unit *u)
{
    static const char *const romans[] = {
        "i",  "ii",  "iii",  "iv",  "v",  "vi",  "vii",  "viii",  "ix",  "x",
        "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
    };
    int v = 0;
    if (u->role == NAMES_ROLE_LEGAL)
        return 0;
    if (u->text[0] >= '0' && u->text[0] <= '9') {
        for (const char *c = u->text; *c >= '0' && *c <= '9' && v < 100000; c++)
            v = v * 10 + (*c - '0');
        return v;
    }
    for (size_t k = 0; k < sizeof(romans) / sizeof(romans[0]); k++)
        if (strcmp(u->text, romans[k]) == 0)
            return (int)k + 1;
    return 0;
}

/*
 * Words of one side not compared: an unmatched patronymic when the other
 * side has none ("Sergejs Lavrovs" / "Sergey Viktorovich Lavrov"), an
 * unmatched father's name (after bin/ibn) when nothing of the other side
 * is unmatched ("Osama bin Laden" / "Usama bin Muhammad ibn Awad ibn
 * Ladin"). Both are names of the person's ancestors, often left out.
 */
static void ancestors(const struct names_unit *wa, int na, const int *ma,
                      const struct names_unit *wb, int nb, const int *mb,
                      bool *skip_a)
{
    uint8_t role[NAMES_MAX_UNITS];
    bool pat_b = false, open_b = false;

    for (int j = 0; j < nb; j++) {
        pat_b |= is_patronymic(wb[j].text);
        open_b |= mb[j] < 0 && !is_light(&wb[j]);
    }
    nasab_roles(wa, na, role);
    for (int i = 0; i < na; i++)
        skip_a[i] = ma[i] < 0 && !is_light(&wa[i]) &&
                    ((!pat_b && is_patronymic(wa[i].text)) ||
                     (!open_b && (role[i] & 2)));
}

/* True when a word that stands for the person in one name (before bin)
 * stands for the father in the other (after bin): Muhammad bin Salman is
 * not Salman bin Muhammad. */
static bool nasab_swapped(const struct names_unit *wa, int na, const int *ma,
                          const struct names_unit *wb, int nb)
{
    uint8_t ra[NAMES_MAX_UNITS], rb[NAMES_MAX_UNITS];
    nasab_roles(wa, na, ra);
    nasab_roles(wb, nb, rb);
    for (int i = 0; i < na; i++)
        if (ma[i] >= 0 &&
            ((ra[i] == 1 && rb[ma[i]] == 2) || (ra[i] == 2 && rb[ma[i]] == 1)))
            return true;
    return false;
}

/* A series number of 2 or more on one side only (Solutions II /
 * Solutions, Company 23 / Company): another member of the series. */
static bool series_one_side(const struct names_unit *wa, int na, const int *ma,
                            const struct names_unit *wb, int nb)
{
    bool open = false;
    for (int i = 0; i < na; i++)
        open |= ma[i] < 0 && wa[i].kind == NAMES_KIND_WORD &&
                series_value(&wa[i]) > 1;
    for (int j = 0; j < nb && open; j++)
        if (series_value(&wb[j]) > 0)
            return false;
    return open;
}

static void western_once(const struct names_parsed *pa,
                         const struct names_parsed *pb, struct result *r,
                         bool *merged)
{
    struct names_unit wa[NAMES_MAX_UNITS], wb[NAMES_MAX_UNITS];
    int na = words_of(pa, wa), nb = words_of(pb, wb);
    int na0 = na, nb0 = nb;
    double sim[NAMES_MAX_UNITS][NAMES_MAX_UNITS];
    uint8_t how[NAMES_MAX_UNITS][NAMES_MAX_UNITS];
    int ma[NAMES_MAX_UNITS], mb[NAMES_MAX_UNITS];
    double num = 0, wsum_a = 0, wsum_b = 0, unm_a = 0, unm_b = 0;
    int heavy_a = 0, heavy_b = 0, legal_a = 0, legal_b = 0;
    int last_a = -1, last_b = -1;
    char fa[NAMES_MAX_UNITS][2 * NAMES_UNIT_TEXT];
    char fb[NAMES_MAX_UNITS][2 * NAMES_UNIT_TEXT];
    size_t nfa[NAMES_MAX_UNITS], nfb[NAMES_MAX_UNITS];
    bool legal_both, anc_a[NAMES_MAX_UNITS], anc_b[NAMES_MAX_UNITS];

    r->npairs = 0;
    r->nwa = r->nwb = 0;
    r->summary = "words compared by spelling";
    *merged = false;
    if (na == 0 || nb == 0) {
        r->score = 0;
        return;
    }
    merge_joined(wa, na, wb, &nb);
    merge_joined(wb, nb, wa, &na);
    *merged = na != na0 || nb != nb0;
    for (int i = 0; i < na; i++)
        nfa[i] = names_translit_fold(wa[i].text, fa[i]);
    for (int j = 0; j < nb; j++)
        nfb[j] = names_translit_fold(wb[j].text, fb[j]);
    for (int i = 0; i < na; i++)
        if (wa[i].role != NAMES_ROLE_LEGAL && wa[i].weight >= 1.0f)
            last_a = i;
    for (int j = 0; j < nb; j++)
        if (wb[j].role != NAMES_ROLE_LEGAL && wb[j].weight >= 1.0f)
            last_b = j;
    for (int i = 0; i < na; i++)
        legal_a += wa[i].role == NAMES_ROLE_LEGAL;
    for (int j = 0; j < nb; j++)
        legal_b += wb[j].role == NAMES_ROLE_LEGAL;
    legal_both = legal_a && legal_b;
    for (int i = 0; i < na; i++) {
        ma[i] = -1;
        for (int j = 0; j < nb; j++) {
            bool la = wa[i].role == NAMES_ROLE_LEGAL;
            bool lb = wb[j].role == NAMES_ROLE_LEGAL;
            how[i][j] = HOW_DIFFERENT;
            if (la != lb)
                sim[i][j] = 0;
            else if (la && strcmp(wa[i].text, wb[j].text) == 0) {
                sim[i][j] = 1.0;
                how[i][j] = HOW_SAME;
            } else if (la && wa[i].cp && wa[i].cp == wb[j].cp) {
                sim[i][j] = 0.9;
                how[i][j] = HOW_LEGAL;
            } else if (la)
                sim[i][j] = 0;
            else
                sim[i][j] =
                    word_sim(&wa[i], &wb[j], fa[i], nfa[i], fb[j], nfb[j],
                             i == last_a || j == last_b, &how[i][j]);
        }
    }
    for (int j = 0; j < nb; j++)
        mb[j] = -1;
    /* greedy: best remaining pair first */
    for (;;) {
        double bs = 0;
        int bi = -1, bj = -1;
        for (int i = 0; i < na; i++) {
            if (ma[i] >= 0)
                continue;
            for (int j = 0; j < nb; j++)
                if (mb[j] < 0 && sim[i][j] > bs) {
                    bs = sim[i][j];
                    bi = i;
                    bj = j;
                }
        }
        if (bi < 0)
            break;
        ma[bi] = bj;
        mb[bj] = bi;
        num += bs * (wa[bi].weight + wb[bj].weight);
        r->p[r->npairs++] =
            (struct pair){(int8_t)bi, (int8_t)bj, how[bi][bj], (float)bs};
    }
    ancestors(wa, na, ma, wb, nb, mb, anc_a);
    ancestors(wb, nb, mb, wa, na, ma, anc_b);
    /* A legal form on one side only says nothing ("Siemens" is "Siemens
     * AG"); different legal forms on both sides count against. */
    for (int i = 0; i < na; i++) {
        if ((wa[i].role == NAMES_ROLE_LEGAL && !legal_both) || anc_a[i])
            continue;
        /* a particle without counterpart (al, bin, van) says nothing */
        if (wa[i].role != NAMES_ROLE_LEGAL && wa[i].weight < 0.31f && ma[i] < 0)
            continue;
        /* two different legal forms are a conflict: full weight */
        wsum_a +=
            wa[i].role == NAMES_ROLE_LEGAL && ma[i] < 0 ? 1.0 : wa[i].weight;
        if (ma[i] < 0)
            unm_a += wa[i].weight;
        if (wa[i].weight >= 1.0f)
            heavy_a++;
    }
    for (int j = 0; j < nb; j++) {
        if ((wb[j].role == NAMES_ROLE_LEGAL && !legal_both) || anc_b[j])
            continue;
        /* a particle without counterpart (al, bin, van) says nothing */
        if (wb[j].role != NAMES_ROLE_LEGAL && wb[j].weight < 0.31f && mb[j] < 0)
            continue;
        /* two different legal forms are a conflict: full weight */
        wsum_b +=
            wb[j].role == NAMES_ROLE_LEGAL && mb[j] < 0 ? 1.0 : wb[j].weight;
        if (mb[j] < 0)
            unm_b += wb[j].weight;
        if (wb[j].weight >= 1.0f)
            heavy_b++;
    }
    /* Unmatched words on both sides are a conflict (AL-DULAIMI vs
     * AL-TIKRITI): they count twice. */
    if (unm_a > 0.5 && unm_b > 0.5) {
        wsum_a += unm_a;
        wsum_b += unm_b;
    }
    /* The shorter name fully found in the longer one: the longer name's
     * extra words (middle names, patronymics) cost little. */
    if (unm_a == 0 && heavy_a >= 2 && unm_b > 0) {
        wsum_b -= 0.8 * unm_b;
        r->summary = "all words of the shorter name found";
    } else if (unm_b == 0 && heavy_b >= 2 && unm_a > 0) {
        wsum_a -= 0.8 * unm_a;
        r->summary = "all words of the shorter name found";
    }
    for (int i = 0; i < na; i++)
        if (ma[i] < 0)
            r->p[r->npairs++] = (struct pair){
                (int8_t)i, -1,
                anc_a[i]                                        ? HOW_ANCESTOR
                : wa[i].role == NAMES_ROLE_LEGAL && !legal_both ? HOW_UNCOMPARED
                                                                : HOW_MISSING,
                0};
    for (int j = 0; j < nb; j++)
        if (mb[j] < 0)
            r->p[r->npairs++] = (struct pair){
                -1, (int8_t)j,
                anc_b[j]                                        ? HOW_ANCESTOR
                : wb[j].role == NAMES_ROLE_LEGAL && !legal_both ? HOW_UNCOMPARED
                                                                : HOW_MISSING,
                0};
    r->score = wsum_a + wsum_b > 0 ? num / (wsum_a + wsum_b) : 0;
    if (r->score > 1)
        r->score = 1;
    /* Two names that share their words can still name two people or two
     * bodies: a father and his son, two members of a series. */
    if (r->score > SCORE_NASAB_SWAP && nasab_swapped(wa, na, ma, wb, nb)) {
        r->score = SCORE_NASAB_SWAP;
        r->summary = "one name's father is the other's own name (bin)";
    }
    if (r->score > SCORE_SERIES && (series_one_side(wa, na, ma, wb, nb) ||
                                    series_one_side(wb, nb, mb, wa, na))) {
        r->score = SCORE_SERIES;
        r->summary = "a numbered member of a series against the name alone";
    }
    /* explanation indexes refer to the merged word lists */
    memcpy(r->wa, wa, sizeof(wa));
    memcpy(r->wb, wb, sizeof(wb));
    r->nwa = na;
    r->nwb = nb;
}

/*
 * Western comparison, symmetric: which name's words are joined first
 * ("S Lutions" against "Slutions") can change the pairs, so when a join
 * happened the other order is tried too and the better result kept (in a,
 * b order). Joins are rare, so this costs little.
 */
static void western(const struct names_parsed *pa,
                    const struct names_parsed *pb, struct result *r)
{
    struct result r2;
    bool merged = false;

    western_once(pa, pb, r, &merged);
    if (!merged)
        return;
    western_once(pb, pa, &r2, &merged);
    if (r2.score <= r->score)
        return;
    r->score = r2.score;
    r->summary = r2.summary;
    r->npairs = r2.npairs;
    for (int k = 0; k < r2.npairs; k++) {
        r->p[k] = r2.p[k];
        r->p[k].a = r2.p[k].b;
        r->p[k].b = r2.p[k].a;
    }
    memcpy(r->wa, r2.wb, sizeof(r->wa));
    memcpy(r->wb, r2.wa, sizeof(r->wb));
    r->nwa = r2.nwb;
    r->nwb = r2.nwa;
}

static const char *role_name(const struct names_parsed *p, int i)
{
    if (i < 0 || i >= p->nunits)
        return "";
    switch (p->u[i].role) {
    case NAMES_ROLE_SURNAME:
        return "surname";
    case NAMES_ROLE_GIVEN:
        return "given";
    case NAMES_ROLE_ENGLISH:
        return "english";
    default:
        return "word";
    }
}

static void fill_explain(const struct names_parsed *a,
                         const struct names_parsed *b, const struct result *r,
                         bool words, struct names_explain *ex)
{
    const struct names_unit *ua = a->u, *ub = b->u;
    int na = a->nunits, nb = b->nunits;

    if (words) {
        na = r->nwa;
        nb = r->nwb;
        ua = r->wa;
        ub = r->wb;
    }
    ex->nparts = 0;
    ex->summary = r->summary;
    for (int k = 0; k < r->npairs && ex->nparts < NAMES_EXPLAIN_MAX; k++) {
        const struct pair *p = &r->p[k];
        struct names_explain_part *e = &ex->part[ex->nparts++];
        e->role =
            words ? (p->a >= 0 && ua[p->a].role == NAMES_ROLE_LEGAL ? "legal"
                                                                    : "word")
                  : (p->a >= 0 ? role_name(a, p->a) : role_name(b, p->b));
        e->a[0] = e->b[0] = '\0';
        if (p->a >= 0 && p->a < na)
            memcpy(e->a, ua[p->a].text, sizeof(e->a));
        if (p->b >= 0 && p->b < nb)
            memcpy(e->b, ub[p->b].text, sizeof(e->b));
        e->score = p->sim;
        e->how = how_text[p->how];
    }
}

/* ---- Korean names in Latin letters -------------------------------------- */

/* Korean surnames as romanised, leaving out spellings that are also
 * Cantonese or Mandarin surnames (Lee, Cho, Han, Kang ...). Sorted. */
static const char *const korean_surnames[] = {
    "ahn",  "bae",   "baek", "byun", "chae", "choe",  "choi", "eom",
    "heo",  "hwang", "hyun", "jang", "jeon", "jeong", "jung", "kim",
    "kwak", "kwon",  "moon", "noh",  "paek", "pak",   "park", "rhee",
    "ri",   "roh",   "ryu",  "seo",  "shin", "yoon",
};

static bool is_korean_surname(const char *s)
{
    return names_in_sorted(korean_surnames,
                           sizeof(korean_surnames) / sizeof(korean_surnames[0]),
                           s, strlen(s));
}

/*
 * Folds what Korean romanisations write differently for one syllable
 * (McCune-Reischauer without its breves, Revised Romanisation, common
 * spellings): the vowels o, u, eo, eu, oo, uu, ou (정 Jeong/Jong/Jung,
 * 은 Eun/Un), ch/j, k/g, p/b, t/d, r/l, sh/s, doubled letters.
 */
static size_t korean_fold(const char *s, char *out, size_t max)
{
    size_t o = 0;
    for (size_t i = 0; s[i] && o + 1 < max; i++) {
        char c = s[i], n = s[i + 1];
        if ((c == 'e' || c == 'o' || c == 'u') && (n == 'o' || n == 'u')) {
            c = 'o';
            i++;
        } else if (c == 'e' && n == 'u') {
            c = 'o';
            i++;
        } else if ((c == 'c' || c == 's') && n == 'h') {
            c = c == 'c' ? 'j' : 's';
            i++;
        } else if (c == 'u') {
            c = 'o';
        } else if (c == 'k' || c == 'p' || c == 't' || c == 'r') {
            c = c == 'k' ? 'g' : c == 'p' ? 'b' : c == 't' ? 'd' : 'l';
        }
        if (o > 0 && out[o - 1] == c)
            continue;
        out[o++] = c;
    }
    out[o] = '\0';
    return o;
}

/*
 * Two Korean names read as Chinese syllables that did not match ("Kim
 * Jong Un" / "Kim Jong On", "Kim Jong-uun"): when both have the same
 * Korean surname and as many syllables (three or more, no English name),
 * and every syllable folds to the same Korean spelling, they are one
 * name: 0.95 per differently spelt syllable, 1 per same one.
 */
static void korean(const struct names_parsed *a, const struct names_parsed *b,
                   struct result *r)
{
    double sum = 0;

    r->score = 0;
    r->npairs = 0;
    r->nwa = r->nwb = 0;
    r->summary = "Korean syllables compared in order";
    if (a->has_han || b->has_han || a->nseq != b->nseq || a->nseq < 3 ||
        a->nunits != a->nseq || b->nunits != b->nseq ||
        strcmp(a->u[0].text, b->u[0].text) != 0 ||
        !is_korean_surname(a->u[0].text))
        return;
    for (int i = 0; i < a->nseq; i++) {
        char fa[2 * NAMES_UNIT_TEXT], fb[2 * NAMES_UNIT_TEXT];
        bool same = strcmp(a->u[i].text, b->u[i].text) == 0;
        korean_fold(a->u[i].text, fa, sizeof(fa));
        korean_fold(b->u[i].text, fb, sizeof(fb));
        if (!same && strcmp(fa, fb) != 0)
            return;
        r->p[r->npairs++] =
            (struct pair){(int8_t)i, (int8_t)i, same ? HOW_SAME : HOW_KOREAN,
                          same ? 1.0f : 0.95f};
        sum += same ? 1.0 : 0.95;
    }
    r->score = sum / a->nseq;
}

double names_score(const struct names_parsed *a, const struct names_parsed *b,
                   struct names_explain *ex)
{
    struct result res[2], *best = &res[0], *cur = &res[1];
    bool words = false;

    best->score = 0;
    best->npairs = 0;
    best->nwa = best->nwb = 0;
    best->summary = "nothing to compare";
    if (a->mode == NAMES_MODE_EMPTY || b->mode == NAMES_MODE_EMPTY) {
        ;
    } else if (a->mode == NAMES_MODE_CHINESE && b->mode == NAMES_MODE_CHINESE) {
        for (int ra = 0; ra <= (a->order_ambiguous ? 1 : 0); ra++)
            for (int rb = 0; rb <= (b->order_ambiguous ? 1 : 0); rb++) {
                chinese_once(a, ra, b, rb, cur);
                if (cur->score > best->score || (ra == 0 && rb == 0)) {
                    struct result *t = best;
                    best = cur;
                    cur = t;
                }
            }
        if (best->score < NAMES_THRESHOLD) {
            korean(a, b, cur);
            if (cur->score > best->score) {
                struct result *t = best;
                best = cur;
                cur = t;
            }
        }
    } else if (a->has_han || b->has_han) {
        best->summary = "Chinese characters against a non-Chinese name";
        best->nwa = best->nwb = 0;
        words = true;
    } else {
        western(a, b, best);
        words = true;
    }
    if (ex)
        fill_explain(a, b, best, words, ex);
    return best->score;
}

double names_match(const char *a, const char *b, struct names_explain *ex)
{
    struct names_parsed pa, pb;
    struct err e = ERR_INIT;
    (void)names_parse(a, &pa, &e);
    err_clear(&e);
    (void)names_parse(b, &pb, &e);
    return names_score(&pa, &pb, ex);
}
