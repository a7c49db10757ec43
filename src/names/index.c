/*
 * index: candidate retrieval by blocking keys. A stored name gets one key
 * per reading key of each Chinese part (Han characters and romanised
 * syllables share the key space of jyutping/pinyin readings), and one key
 * per 3-letter prefix of each Latin word; a query adds the "bridged" keys
 * of its syllables. Two names the scorer can match share a key (see
 * docs/internals/names.md). Postings are sorted (key, ref) pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "names/names_int.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define KEY_READING 0x10000000u
#define KEY_PREFIX 0x20000000u
#define KEY_HAN 0x30000000u
#define KEY_SUFFIX 0x40000000u
#define KEY_CONSONANT 0x50000000u
#define KEY_ACRONYM 0x60000000u
#define KEY_ENDS 0x70000000u
#define KEY_READ_HAN 0x80000000u

struct posting {
    uint32_t key;
    uint32_t ref;
};

struct names_index {
    struct posting *post;
    size_t n, alloc;
    bool built;
    uint64_t *mask; /* per ref, query scratch: tokens that hit it (low 32
                       bits: the first token of each key; high: all) */
    uint8_t *slack; /* per ref: parts that may match without a key */
    size_t nrefs;   /* entries of mask and slack */
    size_t slack_alloc;
    uint32_t max_ref;
};

struct names_index *names_index_new(void)
{
    return xcalloc(1, sizeof(struct names_index));
}

void names_index_free(struct names_index *ix)
{
    if (!ix)
        return;
    free(ix->post);
    free(ix->mask);
    free(ix->slack);
    free(ix);
}

static size_t add_key(uint32_t *out, size_t n, size_t max, uint32_t k)
{
    for (size_t i = 0; i < n; i++)
        if (out[i] == k)
            return n;
    if (n < max)
        out[n++] = k;
    return n;
}

static uint32_t hash3(uint32_t tag, const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return tag | (h & 0x0fffffffu);
}

static char devoice(char c)
{
    switch (c) {
    case 'd':
        return 't';
    case 'b':
        return 'p';
    case 'g':
        return 'k';
    case 'z':
        return 's';
    case 'v':
        return 'f';
    default:
        return c;
    }
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/*
 * Word keys of a Latin word, after folding transliteration choices: its
 * first three letters, its last three, its first three consonants
 * (voicing folded: Putin/Pudin) and its first and last letters.
 * A typo or variant spelling rarely changes all three ("Qaeda"/"Qa'ida"
 * share consonants, "Gazprom"/"Gasprom" the ending).
 */
static size_t word_keys(const char *w, uint32_t *out, size_t n, size_t max)
{
    char f[2 * NAMES_UNIT_TEXT], c[4];
    size_t len = names_translit_fold(w, f), nc = 0;

    if (len <= 3) {
        n = add_key(out, n, max, hash3(KEY_PREFIX, f, len));
        return add_key(out, n, max, hash3(KEY_SUFFIX, f, len));
    }
    n = add_key(out, n, max, hash3(KEY_PREFIX, f, 3));
    n = add_key(out, n, max, hash3(KEY_SUFFIX, f + len - 3, 3));
    for (size_t i = 0; i < len && nc < 3; i++)
        if (!is_vowel(f[i]) && f[i] != 'h')
            c[nc++] = devoice(f[i]);
    if (nc >= 2)
        n = add_key(out, n, max, hash3(KEY_CONSONANT, c, nc));
    /* first and last letter and length: one letter changed or two swapped
     * inside (Putin/Pulin, Macron/Marcon) */
    c[0] = f[0];
    c[1] = f[len - 1];
    c[2] = (char)len;
    n = add_key(out, n, max, hash3(KEY_ENDS, c, 3));
    return n;
}

/*
 * Keys of p with, for each, the tokens it comes from (bit tok & 31 of
 * toks[k]; a key two tokens share has both bits) and the first of them
 * (firsts[k]); toks and firsts may be NULL.
 * A query also gets its syllables' bridge keys.
 */
static size_t keys_tok(const struct names_parsed *p, bool query, uint32_t *out,
                       uint32_t *toks, uint32_t *firsts, size_t max,
                       uint32_t *heavy_toks)
{
    size_t n = 0;
    int heavy = 0;
    uint32_t hmask = 0;

#define ADD(k, t)                                                              \
    do {                                                                       \
        uint32_t k_ = (k);                                                     \
        size_t j_ = 0;                                                         \
        while (j_ < n && out[j_] != k_)                                        \
            j_++;                                                              \
        if (j_ == n) {                                                         \
            if (n >= max)                                                      \
                break;                                                         \
            out[n++] = k_;                                                     \
            if (toks)                                                          \
                toks[j_] = 0;                                                  \
            if (firsts)                                                        \
                firsts[j_] = 1u << ((unsigned)(t)&31);                         \
        }                                                                      \
        if (toks)                                                              \
            toks[j_] |= 1u << ((unsigned)(t)&31);                              \
    } while (0)

    for (int i = 0; i < p->nunits; i++) {
        const struct names_unit *u = &p->u[i];
        /*
         * Han meets Han only by the character itself, Han meets Latin by
         * a reading, Latin meets Latin by a reading or a bridge: readings
         * of characters (KEY_READ_HAN) and of syllables (KEY_READING) are
         * kept apart so a Chinese-character query does not fetch every
         * homophone written in characters.
         */
        if (u->kind == NAMES_KIND_HAN) {
            ADD(KEY_HAN | (u->cp & 0x0fffffffu), u->tok);
            for (int k = 0; k < u->nkeys; k++)
                ADD((query ? KEY_READING : KEY_READ_HAN) | u->keys[k], u->tok);
        } else if (u->kind == NAMES_KIND_SYL) {
            for (int k = 0; k < u->nkeys; k++)
                ADD(KEY_READING | u->keys[k], u->tok);
            if (query) {
                for (int k = 0; k < u->nkeys; k++)
                    ADD(KEY_READ_HAN | u->keys[k], u->tok);
                for (int k = 0; k < u->next_m + u->next_c; k++)
                    ADD(KEY_READING | u->ext[k], u->tok);
            }
        }
        if (u->kind != NAMES_KIND_HAN && u->kind != NAMES_KIND_INITIAL &&
            u->role != NAMES_ROLE_LEGAL && u->weight >= 1.0f)
            heavy++;
        if (u->kind == NAMES_KIND_HAN ||
            (u->kind != NAMES_KIND_INITIAL && u->role != NAMES_ROLE_LEGAL &&
             u->weight >= 1.0f))
            hmask |= 1u << (u->tok & 31);
    }
    if (heavy_toks)
        *heavy_toks = hmask;
    if (p->has_han)
        return n;
    /* acronyms: first letters of 3..5 consecutive words ("People's
     * Liberation Army", "A.B.C.") meet a short word ("PLA", "ABC") */
    {
        char first[NAMES_MAX_UNITS];
        uint8_t ftok[NAMES_MAX_UNITS];
        int nw = 0, lastt = -1;
        for (int i = 0; i < p->nunits; i++) {
            const struct names_unit *u = &p->u[i];
            if (u->tok == lastt || u->role == NAMES_ROLE_LEGAL)
                continue;
            lastt = u->tok;
            ftok[nw] = u->tok;
            first[nw++] = u->text[0];
            if (u->kind != NAMES_KIND_INITIAL && strlen(u->text) >= 3 &&
                strlen(u->text) <= 5)
                ADD(hash3(KEY_ACRONYM, u->text, strlen(u->text)), u->tok);
        }
        for (int j = 0; j < nw; j++)
            for (int k = 3; k <= 5 && j + k <= nw; k++)
                ADD(hash3(KEY_ACRONYM, first + j, (size_t)k), ftok[j]);
    }
    /* Latin words (a romanised Chinese name's syllables joined back into
     * its words, so it meets the same name read as a Western one) */
    for (int t = 0; t < 64; t++) {
        char word[2 * NAMES_UNIT_TEXT];
        size_t wl = 0;
        bool first = true, keyed = false, any = false;
        for (int i = 0; i < p->nunits; i++) {
            const struct names_unit *u = &p->u[i];
            size_t l = strlen(u->text);
            if (u->tok != t)
                continue;
            if (!any && i > 0)
                for (int k = 0; k < i; k++)
                    if (p->u[k].tok < t)
                        first = false;
            any = true;
            if (wl + l < sizeof(word)) {
                memcpy(word + wl, u->text, l);
                wl += l;
            }
            keyed |= (u->kind != NAMES_KIND_INITIAL &&
                      u->role != NAMES_ROLE_LEGAL && u->weight >= 1.0f) ||
                     (heavy == 0);
        }
        if (!any)
            continue;
        word[wl] = '\0';
        /* the first word is keyed even when it is a particle ("van der
         * Bilt" meets "Vanderbilt") */
        if (keyed || first) {
            uint32_t wk[4];
            size_t nw = word_keys(word, wk, 0, 4);
            for (size_t k = 0; k < nw; k++)
                ADD(wk[k], t);
        }
    }
#undef ADD
    return n;
}

size_t names_index_keys(const struct names_parsed *p, bool query, uint32_t *out,
                        size_t max)
{
    return keys_tok(p, query, out, NULL, NULL, max, NULL);
}

/* Parts that can match with no key in common: initials, Chinese
 * syllables spelt outside the tables, short acronyms (capped at 2). */
static unsigned slack_of(const struct names_parsed *p)
{
    unsigned s = 0;
    for (int i = 0; i < p->nunits && s < 2; i++) {
        const struct names_unit *u = &p->u[i];
        size_t l = strlen(u->text);
        bool vowel = false;
        for (size_t k = 0; k < l; k++)
            vowel |= is_vowel(u->text[k]);
        if (u->kind == NAMES_KIND_INITIAL ||
            (p->mode == NAMES_MODE_CHINESE &&
             ((u->kind == NAMES_KIND_SYL && !u->nkeys) ||
              u->kind == NAMES_KIND_WORD)) ||
            /* a short word without vowels may be an acronym ("JC") */
            (u->kind == NAMES_KIND_WORD && l == 2 && !vowel &&
             u->role != NAMES_ROLE_LEGAL))
            s++;
    }
    return s;
}

void names_index_add(struct names_index *ix, const struct names_parsed *p,
                     uint32_t ref)
{
    uint32_t keys[256];
    size_t n = names_index_keys(p, false, keys, 256);
    if (ix->n + n > ix->alloc) {
        size_t want = ix->alloc ? ix->alloc * 2 : 1024;
        while (want < ix->n + n)
            want *= 2;
        ix->post = xreallocarray(ix->post, want, sizeof(*ix->post));
        ix->alloc = want;
    }
    for (size_t k = 0; k < n; k++) {
        ix->post[ix->n].key = keys[k];
        ix->post[ix->n].ref = ref;
        ix->n++;
    }
    if (ref > ix->max_ref)
        ix->max_ref = ref;
    if (ref >= ix->slack_alloc) {
        size_t want = ix->slack_alloc ? ix->slack_alloc : 1024;
        while (want <= ref)
            want *= 2;
        ix->slack = xrealloc(ix->slack, want);
        memset(ix->slack + ix->slack_alloc, 0, want - ix->slack_alloc);
        ix->slack_alloc = want;
    }
    {
        unsigned sl = slack_of(p);
        if (sl > ix->slack[ref])
            ix->slack[ref] = (uint8_t)sl;
    }
    ix->built = false;
}

enum err_code names_index_add_name(struct names_index *ix, const char *name,
                                   uint32_t ref, struct err *e)
{
    struct names_parsed p;
    enum err_code rc = names_parse(name, &p, e);
    if (rc)
        return rc;
    names_index_add(ix, &p, ref);
    return ERR_OK;
}

/* LSD radix sort on (key, ref) as a 64-bit value, 16 bits per pass. */
static void sort_postings(struct posting *a, size_t n)
{
    struct posting *tmp = xmalloc((n ? n : 1) * sizeof(*a));
    size_t *count = xcalloc(65536, sizeof(size_t));
    struct posting *src = a, *dst = tmp;
    for (int pass = 0; pass < 4; pass++) {
        int shift = (pass & 1) * 16;
        memset(count, 0, 65536 * sizeof(size_t));
        for (size_t i = 0; i < n; i++) {
            uint32_t v = pass < 2 ? src[i].ref : src[i].key;
            count[(v >> shift) & 0xffff]++;
        }
        size_t sum = 0;
        for (size_t b = 0; b < 65536; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t v = pass < 2 ? src[i].ref : src[i].key;
            dst[count[(v >> shift) & 0xffff]++] = src[i];
        }
        struct posting *t = src;
        src = dst;
        dst = t;
    }
    /* four passes: result is back in a */
    free(tmp);
    free(count);
}

void names_index_build(struct names_index *ix)
{
    sort_postings(ix->post, ix->n);
    free(ix->mask);
    ix->nrefs = (size_t)ix->max_ref + 1;
    ix->mask = xcalloc(ix->nrefs, sizeof(*ix->mask));
    ix->built = true;
}

size_t names_index_postings(const struct names_index *ix)
{
    return ix->n;
}

size_t names_index_bytes(const struct names_index *ix)
{
    return sizeof(*ix) + ix->alloc * sizeof(*ix->post) +
           ix->nrefs * sizeof(*ix->mask) + ix->slack_alloc;
}

#define QKEYS 512

static size_t lower_bound(const struct posting *a, size_t n, uint32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The query behind names_index_query and names_index_query_mask: cb gets
 * each candidate and every query token it shares a key with.
 */
static size_t query(struct names_index *ix, const struct names_parsed *q,
                    bool all,
                    void (*cb)(uint32_t ref, uint32_t toks, void *ctx),
                    void *ctx)
{
    uint32_t keys[QKEYS], toks[QKEYS], first[QKEYS], seen_toks = 0;
    uint32_t heavy_toks = 0;
    uint64_t bits[QKEYS];
    size_t nk, count = 0;
    uint32_t *hits = NULL;
    size_t nhits = 0, ahits = 0;
    unsigned slack_q, ntok;

    if (!ix->built)
        names_index_build(ix);
    nk = keys_tok(q, true, keys, toks, first, QKEYS, &heavy_toks);
    /* names_index_query counts a key for the first token that has it (a
     * word repeated does not count twice); with all, for every token that
     * has it, as looking up each token on its own would. cb gets them all. */
    for (size_t k = 0; k < nk; k++) {
        bits[k] = (uint64_t)toks[k] << 32 | first[k];
        seen_toks |= all ? toks[k] : first[k];
    }
    ntok = (unsigned)__builtin_popcount(seen_toks & heavy_toks);
    slack_q = slack_of(q);
    for (size_t k = 0; k < nk; k++) {
        for (size_t i = lower_bound(ix->post, ix->n, keys[k]);
             i < ix->n && ix->post[i].key == keys[k]; i++) {
            uint32_t r = ix->post[i].ref;
            if (!ix->mask[r]) {
                ALLOC_GROW(hits, nhits + 1, ahits);
                hits[nhits++] = r;
            }
            ix->mask[r] |= bits[k];
        }
    }
    /*
     * A match needs two matching parts when the query has two keyed
     * words or syllables (names_score caps one-part agreement below the
     * threshold), unless a part may match without a key (initials,
     * spellings outside the tables) on either side.
     */
    for (size_t i = 0; i < nhits; i++) {
        uint32_t r = hits[i];
        uint32_t m =
            all ? (uint32_t)(ix->mask[r] >> 32) : (uint32_t)ix->mask[r];
        unsigned need = ntok >= 2 && slack_q == 0 && ix->slack[r] == 0 ? 2 : 1;
        if ((unsigned)__builtin_popcount(m & heavy_toks) >= need ||
            (need == 1 && m)) {
            cb(r, (uint32_t)(ix->mask[r] >> 32), ctx);
            count++;
        }
        ix->mask[r] = 0;
    }
    free(hits);
    return count;
}

struct plain_cb {
    void (*cb)(uint32_t ref, void *ctx);
    void *ctx;
};

static void call_plain(uint32_t ref, uint32_t toks, void *ctx)
{
    struct plain_cb *p = ctx;
    (void)toks;
    p->cb(ref, p->ctx);
}

size_t names_index_query(struct names_index *ix, const struct names_parsed *q,
                         void (*cb)(uint32_t ref, void *ctx), void *ctx)
{
    struct plain_cb p = {cb, ctx};
    return query(ix, q, false, call_plain, &p);
}

size_t
names_index_query_mask(struct names_index *ix, const struct names_parsed *q,
                       void (*cb)(uint32_t ref, uint32_t toks, void *ctx),
                       void *ctx)
{
    return query(ix, q, true, cb, ctx);
}
