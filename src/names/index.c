/*
 * index: candidate retrieval by blocking keys. A stored name gets one key
 * per reading key of each Chinese part (Han characters and romanised
 * syllables share the key space of jyutping/pinyin readings), and the
 * deletion neighbourhood of each Latin word (plus clipped-name, joined-word
 * and acronym keys); a query adds the "bridged" keys of its syllables. Two
 * names the scorer can match share a key (see docs/internals/names.md §6).
 * Postings are sorted (key, ref) pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "names/names_int.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define KEY_READING 0x10000000u
#define KEY_WORD 0x20000000u
#define KEY_HAN 0x30000000u
#define KEY_CLIPS 0x40000000u
#define KEY_CLIPL 0x50000000u
#define KEY_ACRONYM 0x60000000u
#define KEY_WU_LAT 0x70000000u
#define KEY_READ_HAN 0x80000000u
#define KEY_WU_HAN 0x90000000u
#define KEY_XWORD 0xa0000000u

struct posting {
    uint32_t key;
    uint32_t ref;
};

/*
 * A built posting list: the distinct keys, sorted, each with the range of
 * its refs (sorted), and a bucket table over the keys' top bits so a
 * lookup is one bucket read and a short binary search.
 */
struct plist {
    uint32_t *ukey;   /* nkeys distinct keys, ascending */
    uint32_t *uoff;   /* nkeys + 1 offsets into ref */
    uint32_t *ref;    /* nrefs refs, ascending within a key */
    uint32_t *bucket; /* (1 << bits) + 1 first key index per bucket */
    size_t nkeys, nrefs;
    int bits;
};

struct names_index {
    struct posting *post; /* while adding: (key, ref) pairs */
    size_t n, alloc;
    struct plist pmain;  /* built: names without slack */
    struct plist pslack; /* built: names with slack (see slack_of) */
    bool built;
    uint8_t *slack; /* per ref: parts that may match without a key */
    size_t slack_alloc;
    uint32_t max_ref;
};

static void plist_unbuild(struct names_index *ix, struct plist *pl);

static void plist_free(struct plist *pl)
{
    free(pl->ukey);
    free(pl->uoff);
    free(pl->ref);
    free(pl->bucket);
    memset(pl, 0, sizeof(*pl));
}

struct names_index *names_index_new(void)
{
    return xcalloc(1, sizeof(struct names_index));
}

void names_index_free(struct names_index *ix)
{
    if (!ix)
        return;
    free(ix->post);
    plist_free(&ix->pmain);
    plist_free(&ix->pslack);
    free(ix->slack);
    free(ix);
}

#define KEYS_MAX 2048

/*
 * Keys as they are produced: key, the token bit it comes from and its
 * order (so the first token of a key is known after sorting).
 */
struct kent {
    uint32_t key;
    uint32_t tok;
    uint32_t seq;
};

struct kbuf {
    struct kent *e;
    size_t n, max;
};

static void kput(struct kbuf *b, uint32_t key, uint32_t tokbit)
{
    if (b->n >= b->max)
        return;
    b->e[b->n].key = key;
    b->e[b->n].tok = tokbit;
    b->e[b->n].seq = (uint32_t)b->n;
    b->n++;
}

static uint32_t hash3(uint32_t tag, const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return tag | (h & 0x0fffffffu);
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Folded words this long or longer (or raw words of 10 letters) also get
 * the keys of every two letters deleted. */
#define DEL2_MIN 10
#define DEL2_MAX 20

/*
 * Word keys of a Latin word, a deletion neighbourhood of its folded form
 * (names_translit_fold): the word, the word with any one letter deleted
 * (four letters or more) and, for long words, with any two deleted. Two
 * words one edit apart (a letter changed, added, dropped, or two swapped)
 * share one of these, and two edits apart when a word is long: the edit
 * similarity of names_score (one edit per five letters). Clipped given
 * names (Ben/Benjamin: a 3-5-letter word starting a word at least two
 * letters longer) meet through KEY_CLIPS/KEY_CLIPL, asymmetric between a
 * stored name and a query so that each side fetches only the other form;
 * not for the last word of a name (clip false), which names_score never
 * compares as clipped (Lind is not Lindemann).
 */
static void word_keys(const char *raw, bool query, bool clip, struct kbuf *b,
                      uint32_t tb)
{
    char f[2 * NAMES_UNIT_TEXT], d[2 * NAMES_UNIT_TEXT];
    size_t len = names_translit_fold(raw, f), rl = strlen(raw);

    kput(b, hash3(KEY_WORD, f, len), tb);
    if (len >= 4)
        for (size_t i = 0; i < len; i++) {
            if (i > 0 && f[i] == f[i - 1])
                continue; /* the same string as deleting f[i - 1] */
            memcpy(d, f, i);
            memcpy(d + i, f + i + 1, len - i - 1);
            kput(b, hash3(KEY_WORD, d, len - 1), tb);
        }
    if ((len >= DEL2_MIN || rl >= 10) && len <= DEL2_MAX)
        for (size_t i = 0; i < len; i++)
            for (size_t j = i + 1; j < len; j++) {
                size_t o = 0;
                for (size_t k = 0; k < len; k++)
                    if (k != i && k != j)
                        d[o++] = f[k];
                kput(b, hash3(KEY_WORD, d, o), tb);
            }
    /* the word rules beyond one edit per five letters (names_int.h) */
    if (NAMES_EXTRA_WORD_RULES) {
        char xt[48][2 * NAMES_UNIT_TEXT];
        size_t nx = names_word_extra_keys(raw, xt, 48);
        for (size_t i = 0; i < nx; i++)
            kput(b, hash3(KEY_XWORD, xt[i], strlen(xt[i])), tb);
    }
    if (!clip)
        return;
    if (rl >= 3 && rl <= 5)
        kput(b, hash3(query ? KEY_CLIPL : KEY_CLIPS, raw, rl), tb);
    for (size_t k = 3; k <= 5 && k + 2 <= rl; k++)
        kput(b, hash3(query ? KEY_CLIPS : KEY_CLIPL, raw, k), tb);
}

/*
 * Keys of words joined: two or three adjacent words that together spell
 * a word of the other name ("van der Bilt"/"Vanderbilt", "Good
 * Will"/"Goodwill"; names_score joins them when the spelling is within
 * one edit). The key carries the tokens of all its words.
 */
static void joined_keys(char words[][2 * NAMES_UNIT_TEXT], const uint32_t *wtok,
                        int nw, struct kbuf *b)
{
    for (int j = 0; j < nw; j++)
        for (int k = 2; k <= 3 && j + k <= nw; k++) {
            char cat[6 * NAMES_UNIT_TEXT], f[2 * NAMES_UNIT_TEXT],
                d[2 * NAMES_UNIT_TEXT];
            size_t l = 0, len;
            uint32_t tb = 0;

            for (int q = j; q < j + k; q++) {
                size_t ql = strlen(words[q]);
                memcpy(cat + l, words[q], ql);
                l += ql;
                tb |= wtok[q];
            }
            cat[l] = '\0';
            if (l < 4 || l >= NAMES_UNIT_TEXT)
                continue;
            len = names_translit_fold(cat, f);
            kput(b, hash3(KEY_WORD, f, len), tb);
            for (size_t i = 0; i < len; i++) {
                memcpy(d, f, i);
                memcpy(d + i, f + i + 1, len - i - 1);
                kput(b, hash3(KEY_WORD, d, len - 1), tb);
            }
        }
}

static int cmp_kent(const void *a, const void *b)
{
    const struct kent *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Keys of the Latin words of p (a romanised Chinese name's syllables
 * joined back into its words, so it meets the same name read as a Western
 * one), its joined words and its acronyms.
 */
static void latin_keys(const struct names_parsed *p, bool query, int heavy,
                       struct kbuf *kb)
{
    char words[NAMES_MAX_UNITS][2 * NAMES_UNIT_TEXT];
    uint32_t wtok[NAMES_MAX_UNITS];
    int nj = 0, last = -1;

    /* the last word that is no legal form and weighs 1 (names_score) */
    for (int i = 0; i < p->nunits; i++)
        if (p->u[i].role != NAMES_ROLE_LEGAL && p->u[i].weight >= 1.0f &&
            p->u[i].tok > last)
            last = p->u[i].tok;

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
                kput(kb, hash3(KEY_ACRONYM, u->text, strlen(u->text)),
                     1u << (u->tok & 31));
        }
        for (int j = 0; j < nw; j++)
            for (int k = 3; k <= 5 && j + k <= nw; k++)
                kput(kb, hash3(KEY_ACRONYM, first + j, (size_t)k),
                     1u << (ftok[j] & 31));
    }
    for (int t = 0; t < 64; t++) {
        char word[2 * NAMES_UNIT_TEXT];
        size_t wl = 0;
        bool first = true, keyed = false, any = false, legal = false;
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
            legal |= u->role == NAMES_ROLE_LEGAL;
            keyed |= (u->kind != NAMES_KIND_INITIAL &&
                      u->role != NAMES_ROLE_LEGAL && u->weight >= 1.0f) ||
                     (heavy == 0);
        }
        if (!any)
            continue;
        word[wl] = '\0';
        /* the first word is keyed even when it is a particle */
        if (keyed || first)
            word_keys(word, query, t != last, kb, 1u << (t & 31));
        if (!legal && nj < NAMES_MAX_UNITS) {
            memcpy(words[nj], word, wl + 1);
            wtok[nj++] = 1u << (t & 31);
        } else if (legal) {
            if (nj > 1)
                joined_keys(words, wtok, nj, kb);
            nj = 0;
        }
    }
    if (nj > 1)
        joined_keys(words, wtok, nj, kb);
}

/*
 * Keys of p with, for each, the tokens it comes from (bit tok & 31 of
 * toks[k]; a key two tokens share has both bits) and the first of them
 * (firsts[k]); toks and firsts may be NULL. Keys come out sorted.
 * A query also gets its syllables' bridge keys.
 */
static size_t keys_tok(const struct names_parsed *p, bool query, uint32_t *out,
                       uint32_t *toks, uint32_t *firsts, size_t max,
                       uint32_t *heavy_toks)
{
    struct kent ebuf[KEYS_MAX];
    struct kbuf kb = {ebuf, 0, KEYS_MAX};
    size_t n = 0;
    int heavy = 0;
    uint32_t hmask = 0;

#define ADD(k, t) kput(&kb, (k), 1u << ((unsigned)(t)&31))

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
            /* Shanghainese readings meet Latin parts by skeleton only
             * (names_score's wu_meet): a character keys the skeletons of
             * its Wu spellings, a Latin part its own, each under the type
             * the other side looks up */
            for (int k = 0; u->ext && k < u->next_m; k++)
                ADD((query ? KEY_WU_LAT : KEY_WU_HAN) |
                        (names_key_skeleton(u->ext[k]) & 0x0fffffffu),
                    u->tok);
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
        if (p->mode == NAMES_MODE_CHINESE && u->skel &&
            (u->kind == NAMES_KIND_SYL || u->kind == NAMES_KIND_WORD))
            ADD((query ? KEY_WU_HAN : KEY_WU_LAT) | (u->skel & 0x0fffffffu),
                u->tok);
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
    if (!p->has_han)
        latin_keys(p, query, heavy, &kb);
#undef ADD
    /* sort by key, then order of production; merge duplicates (insertion
     * sort for the usual few dozen keys: qsort's calls cost more) */
    if (kb.n > 64) {
        qsort(kb.e, kb.n, sizeof(kb.e[0]), cmp_kent);
    } else {
        for (size_t i = 1; i < kb.n; i++) {
            struct kent x = kb.e[i];
            size_t j = i;
            while (j > 0 && cmp_kent(&kb.e[j - 1], &x) > 0) {
                kb.e[j] = kb.e[j - 1];
                j--;
            }
            kb.e[j] = x;
        }
    }
    for (size_t i = 0; i < kb.n;) {
        size_t j = i;
        uint32_t all = 0;
        while (j < kb.n && kb.e[j].key == kb.e[i].key)
            all |= kb.e[j++].tok;
        if (n < max) {
            out[n] = kb.e[i].key;
            if (toks)
                toks[n] = all;
            if (firsts)
                firsts[n] = kb.e[i].tok;
            n++;
        }
        i = j;
    }
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
    uint32_t keys[KEYS_MAX];
    size_t n = names_index_keys(p, false, keys, KEYS_MAX);
    if (ix->built) {
        plist_unbuild(ix, &ix->pmain);
        plist_unbuild(ix, &ix->pslack);
        ix->built = false;
    }
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

/* Builds pl from sorted postings a[0..n) (those with want(ref) only). */
static void plist_build(struct plist *pl, const struct posting *a, size_t n,
                        const uint8_t *slack, bool with_slack)
{
    size_t nk = 0, nr = 0, u = 0;

    for (size_t i = 0; i < n; i++) {
        if ((slack[a[i].ref] != 0) != with_slack)
            continue;
        nr++;
    }
    /* distinct keys among the kept postings */
    {
        bool any = false;
        uint32_t last = 0;
        for (size_t i = 0; i < n; i++) {
            if ((slack[a[i].ref] != 0) != with_slack)
                continue;
            if (!any || a[i].key != last)
                nk++;
            any = true;
            last = a[i].key;
        }
    }
    pl->nkeys = nk;
    pl->nrefs = nr;
    pl->ukey = xreallocarray(NULL, nk ? nk : 1, sizeof(*pl->ukey));
    pl->uoff = xreallocarray(NULL, nk + 1, sizeof(*pl->uoff));
    pl->ref = xreallocarray(NULL, nr ? nr : 1, sizeof(*pl->ref));
    nr = 0;
    for (size_t i = 0; i < n; i++) {
        if ((slack[a[i].ref] != 0) != with_slack)
            continue;
        if (u == 0 || pl->ukey[u - 1] != a[i].key) {
            pl->ukey[u] = a[i].key;
            pl->uoff[u] = (uint32_t)nr;
            u++;
        }
        pl->ref[nr++] = a[i].ref;
    }
    pl->uoff[nk] = (uint32_t)nr;
    /* about four keys per bucket, 2^8 .. 2^22 buckets */
    pl->bits = 8;
    while (pl->bits < 22 && ((size_t)1 << (pl->bits + 2)) < nk)
        pl->bits++;
    pl->bucket =
        xreallocarray(NULL, ((size_t)1 << pl->bits) + 1, sizeof(*pl->bucket));
    u = 0;
    for (size_t b = 0; b <= ((size_t)1 << pl->bits); b++) {
        while (u < nk && (size_t)(pl->ukey[u] >> (32 - pl->bits)) < b)
            u++;
        pl->bucket[b] = (uint32_t)u;
    }
}

/* The refs of key in pl: [*lo, *hi) of pl->ref (empty when absent). */
static void plist_find(const struct plist *pl, uint32_t key, size_t *lo,
                       size_t *hi)
{
    size_t b, l, h;

    *lo = *hi = 0;
    if (!pl->nkeys)
        return;
    b = key >> (32 - pl->bits);
    l = pl->bucket[b];
    h = pl->bucket[b + 1];
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (pl->ukey[mid] < key)
            l = mid + 1;
        else
            h = mid;
    }
    if (l < pl->nkeys && pl->ukey[l] == key) {
        *lo = pl->uoff[l];
        *hi = pl->uoff[l + 1];
    }
}

/*
 * plist_find for n keys at once: the bucket and first-key reads of all
 * keys are issued (prefetched) before any is waited for, so their cache
 * misses overlap instead of adding up.
 */
static void plist_find_many(const struct plist *pl, const uint32_t *keys,
                            size_t n, size_t *lo, size_t *hi)
{
    if (!pl->nkeys) {
        for (size_t k = 0; k < n; k++)
            lo[k] = hi[k] = 0;
        return;
    }
    for (size_t k = 0; k < n; k++)
        __builtin_prefetch(&pl->bucket[keys[k] >> (32 - pl->bits)]);
    for (size_t k = 0; k < n; k++) {
        size_t b = keys[k] >> (32 - pl->bits);
        lo[k] = pl->bucket[b];
        hi[k] = pl->bucket[b + 1];
        __builtin_prefetch(&pl->ukey[lo[k] + (hi[k] - lo[k]) / 2]);
    }
    for (size_t k = 0; k < n; k++) {
        size_t l = lo[k], h = hi[k];
        while (l < h) {
            size_t mid = l + (h - l) / 2;
            if (pl->ukey[mid] < keys[k])
                l = mid + 1;
            else
                h = mid;
        }
        lo[k] = l;
        if (l < pl->nkeys && pl->ukey[l] == keys[k])
            __builtin_prefetch(&pl->uoff[l]);
    }
    for (size_t k = 0; k < n; k++) {
        size_t l = lo[k];
        if (l < pl->nkeys && pl->ukey[l] == keys[k]) {
            lo[k] = pl->uoff[l];
            hi[k] = pl->uoff[l + 1];
            __builtin_prefetch(&pl->ref[lo[k]]);
        } else {
            lo[k] = hi[k] = 0;
        }
    }
}

/* Back to (key, ref) pairs, for names_index_add after a build. */
static void plist_unbuild(struct names_index *ix, struct plist *pl)
{
    for (size_t k = 0; k < pl->nkeys; k++)
        for (size_t i = pl->uoff[k]; i < pl->uoff[k + 1]; i++) {
            ALLOC_GROW(ix->post, ix->n + 1, ix->alloc);
            ix->post[ix->n].key = pl->ukey[k];
            ix->post[ix->n].ref = pl->ref[i];
            ix->n++;
        }
    plist_free(pl);
}

void names_index_build(struct names_index *ix)
{
    if (ix->built)
        return;
    sort_postings(ix->post, ix->n);
    if (ix->slack_alloc <= ix->max_ref) {
        size_t want = (size_t)ix->max_ref + 1;
        ix->slack = xrealloc(ix->slack, want);
        memset(ix->slack + ix->slack_alloc, 0, want - ix->slack_alloc);
        ix->slack_alloc = want;
    }
    /* names with slack apart: a query needs only one of its parts to hit
     * them, so they are always walked in full (query) */
    plist_build(&ix->pmain, ix->post, ix->n, ix->slack, false);
    plist_build(&ix->pslack, ix->post, ix->n, ix->slack, true);
    free(ix->post);
    ix->post = NULL;
    ix->n = ix->alloc = 0;
    ix->built = true;
}

size_t names_index_postings(const struct names_index *ix)
{
    return ix->built ? ix->pmain.nrefs + ix->pslack.nrefs : ix->n;
}

static size_t plist_bytes(const struct plist *pl)
{
    return pl->nkeys * 8 + 4 + pl->nrefs * 4 +
           (pl->bucket ? (((size_t)1 << pl->bits) + 1) * 4 : 0);
}

size_t names_index_bytes(const struct names_index *ix)
{
    return sizeof(*ix) + ix->alloc * sizeof(*ix->post) +
           plist_bytes(&ix->pmain) + plist_bytes(&ix->pslack) + ix->slack_alloc;
}

#define QKEYS KEYS_MAX

/* Per-query hit table: ref -> token bits (open addressing, grows). */
struct hitmap {
    uint32_t *ref;
    uint64_t *bits;
    uint32_t *order; /* slots in first-hit order */
    size_t cap, n;
};

#define HIT_EMPTY UINT32_MAX

static void hitmap_init(struct hitmap *h, size_t cap)
{
    h->cap = cap;
    h->n = 0;
    h->ref = xmalloc(cap * sizeof(*h->ref));
    memset(h->ref, 0xff, cap * sizeof(*h->ref));
    h->bits = xmalloc(cap * sizeof(*h->bits));
    h->order = xmalloc(cap / 2 * sizeof(*h->order));
}

static void hitmap_free(struct hitmap *h)
{
    free(h->ref);
    free(h->bits);
    free(h->order);
}

static size_t hitmap_slot(const struct hitmap *h, uint32_t r)
{
    size_t i = (size_t)(r * 2654435761u) & (h->cap - 1);
    while (h->ref[i] != HIT_EMPTY && h->ref[i] != r)
        i = (i + 1) & (h->cap - 1);
    return i;
}

static void hitmap_or(struct hitmap *h, uint32_t r, uint64_t bits);

static void hitmap_grow(struct hitmap *h)
{
    struct hitmap g;
    hitmap_init(&g, h->cap * 2);
    for (size_t k = 0; k < h->n; k++) {
        size_t s = h->order[k];
        hitmap_or(&g, h->ref[s], h->bits[s]);
    }
    hitmap_free(h);
    *h = g;
}

static void hitmap_or(struct hitmap *h, uint32_t r, uint64_t bits)
{
    size_t i = hitmap_slot(h, r);
    if (h->ref[i] == HIT_EMPTY) {
        if (h->n + 1 > h->cap / 2) {
            hitmap_grow(h);
            i = hitmap_slot(h, r);
        }
        h->ref[i] = r;
        h->bits[i] = 0;
        h->order[h->n++] = (uint32_t)i;
    }
    h->bits[i] |= bits;
}

/* Whether ref is among the refs [lo, hi) of one key (sorted). */
static bool has_ref(const uint32_t *a, size_t lo, size_t hi, uint32_t ref)
{
    size_t end = hi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < ref)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < end && a[lo] == ref;
}

static void walk(const uint32_t *a, size_t lo, size_t hi, uint64_t bits,
                 struct hitmap *hm)
{
    for (size_t i = lo; i < hi; i++)
        hitmap_or(hm, a[i], bits);
}

/*
 * The query behind names_index_query and names_index_query_mask: cb gets
 * each candidate and every query token it shares a key with. Reads the
 * index only, so queries may run in parallel.
 *
 * A name without slack must be hit by two heavy tokens of a query with
 * two or more: so the keys of the heavy token with the most postings
 * (typically a common given name) need not be walked; the names the other
 * keys hit are looked up in that token's postings instead (binary search),
 * when that is cheaper. Light-only keys are looked up the same way. The
 * result is the same as walking every key.
 */
static size_t query(const struct names_index *ix, const struct names_parsed *q,
                    bool all,
                    void (*cb)(uint32_t ref, uint32_t toks, void *ctx),
                    void *ctx)
{
    uint32_t keys[QKEYS], toks[QKEYS], first[QKEYS], seen_toks = 0;
    uint32_t heavy_toks = 0, cbits[QKEYS];
    uint64_t bits[QKEYS];
    size_t nk, count = 0, lo[QKEYS], hi[QKEYS], vol[32] = {0}, vskip = 0;
    size_t nskip = 0;
    bool skip[QKEYS];
    struct hitmap hm;
    unsigned slack_q, ntok, need;
    int big = -1;

    nk = keys_tok(q, true, keys, toks, first, QKEYS, &heavy_toks);
    /* names_index_query counts a key for the first token that has it (a
     * word repeated does not count twice); with all, for every token that
     * has it, as looking up each token on its own would. cb gets them all. */
    for (size_t k = 0; k < nk; k++) {
        bits[k] = (uint64_t)toks[k] << 32 | first[k];
        cbits[k] = all ? toks[k] : first[k];
        seen_toks |= cbits[k];
    }
    ntok = (unsigned)__builtin_popcount(seen_toks & heavy_toks);
    slack_q = slack_of(q);
    /*
     * A match needs two matching parts when the query has two keyed
     * words or syllables (names_score caps one-part agreement below the
     * threshold), unless a part may match without a key (initials,
     * spellings outside the tables) on either side.
     */
    need = ntok >= 2 && slack_q == 0 ? 2 : 1;
    hitmap_init(&hm, 1024);
    plist_find_many(&ix->pmain, keys, nk, lo, hi);
    for (size_t k = 0; k < nk; k++) {
        skip[k] = false;
        for (uint32_t b = cbits[k] & heavy_toks; b; b &= b - 1)
            vol[__builtin_ctz(b)] += hi[k] - lo[k];
    }
    if (need == 2) {
        for (int t = 0; t < 32; t++)
            if ((heavy_toks & (1u << t)) && (big < 0 || vol[t] > vol[big]))
                big = t;
        for (size_t k = 0; k < nk; k++) {
            uint32_t hb = cbits[k] & heavy_toks;
            if (hb == 0 || hb == 1u << big) {
                skip[k] = true;
                vskip += hi[k] - lo[k];
                nskip++;
            }
        }
    }
    for (size_t k = 0; k < nk; k++)
        if (!skip[k])
            walk(ix->pmain.ref, lo[k], hi[k], bits[k], &hm);
    /* looking up every hit in every skipped key costs about 20 steps */
    if (nskip && hm.n * nskip * 20 >= vskip) {
        for (size_t k = 0; k < nk; k++)
            if (skip[k])
                walk(ix->pmain.ref, lo[k], hi[k], bits[k], &hm);
        nskip = 0;
    }
    for (size_t i = 0; i < hm.n; i++) {
        size_t s = hm.order[i];
        uint32_t r = hm.ref[s];
        uint64_t b = hm.bits[s];
        uint32_t m;

        for (size_t k = 0; nskip && k < nk; k++)
            if (skip[k] && lo[k] < hi[k] &&
                has_ref(ix->pmain.ref, lo[k], hi[k], r))
                b |= bits[k];
        m = all ? (uint32_t)(b >> 32) : (uint32_t)b;
        if ((unsigned)__builtin_popcount(m & heavy_toks) >= need ||
            (need == 1 && m)) {
            cb(r, (uint32_t)(b >> 32), ctx);
            count++;
        }
    }
    /* names with slack: one part is enough */
    if (ix->pslack.nrefs) {
        size_t first_s = hm.n;
        for (size_t k = 0; k < nk; k++) {
            size_t a, z;
            plist_find(&ix->pslack, keys[k], &a, &z);
            walk(ix->pslack.ref, a, z, bits[k], &hm);
        }
        for (size_t i = first_s; i < hm.n; i++) {
            size_t s = hm.order[i];
            uint64_t b = hm.bits[s];
            uint32_t m = all ? (uint32_t)(b >> 32) : (uint32_t)b;
            if (m) {
                cb(hm.ref[s], (uint32_t)(b >> 32), ctx);
                count++;
            }
        }
    }
    hitmap_free(&hm);
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
    if (!ix->built)
        names_index_build(ix);
    return query(ix, q, false, call_plain, &p);
}

size_t
names_index_query_mask(struct names_index *ix, const struct names_parsed *q,
                       void (*cb)(uint32_t ref, uint32_t toks, void *ctx),
                       void *ctx)
{
    if (!ix->built)
        names_index_build(ix);
    return query(ix, q, true, cb, ctx);
}
