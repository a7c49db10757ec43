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

struct posting {
    uint32_t key;
    uint32_t ref;
};

struct names_index {
    struct posting *post;
    size_t n, alloc;
    bool built;
    uint32_t *seen; /* bitmap over refs, for de-duplication */
    size_t seen_words;
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
    free(ix->seen);
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

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/*
 * Word keys of a Latin word, after folding transliteration choices: its
 * first three letters, its last three, and its first three consonants.
 * A typo or variant spelling rarely changes all three ("Qaeda"/"Qa'ida"
 * share consonants, "Gazprom"/"Gasprom" the ending).
 */
static size_t word_keys(const char *w, uint32_t *out, size_t n, size_t max)
{
    char f[2 * NAMES_UNIT_TEXT], c[4];
    size_t len = names_translit_fold(w, f), nc = 0;

    if (len <= 3)
        return add_key(out, n, max, hash3(KEY_PREFIX, f, len));
    n = add_key(out, n, max, hash3(KEY_PREFIX, f, 3));
    n = add_key(out, n, max, hash3(KEY_SUFFIX, f + len - 3, 3));
    for (size_t i = 0; i < len && nc < 3; i++)
        if (!is_vowel(f[i]) && f[i] != 'h')
            c[nc++] = f[i];
    if (nc >= 2)
        n = add_key(out, n, max, hash3(KEY_CONSONANT, c, nc));
    return n;
}

size_t names_index_keys(const struct names_parsed *p, bool query, uint32_t *out,
                        size_t max)
{
    size_t n = 0;
    int heavy = 0;

    for (int i = 0; i < p->nunits; i++) {
        const struct names_unit *u = &p->u[i];
        if (u->kind == NAMES_KIND_HAN) {
            n = add_key(out, n, max, KEY_HAN | (u->cp & 0x0fffffffu));
            for (int k = 0; k < u->nkeys; k++)
                n = add_key(out, n, max, KEY_READING | u->keys[k]);
        } else if (u->kind == NAMES_KIND_SYL) {
            for (int k = 0; k < u->nkeys; k++)
                n = add_key(out, n, max, KEY_READING | u->keys[k]);
            if (query)
                for (int k = 0; k < u->next_m + u->next_c; k++)
                    n = add_key(out, n, max, KEY_READING | u->ext[k]);
        }
        if (u->kind != NAMES_KIND_HAN && u->kind != NAMES_KIND_INITIAL &&
            u->role != NAMES_ROLE_LEGAL && u->weight >= 1.0f)
            heavy++;
    }
    if (p->has_han)
        return n;
    /* acronyms: first letters of 2..5 consecutive words ("People's
     * Liberation Army", "A.B.C.") meet a short word ("PLA", "ABC") */
    {
        char first[NAMES_MAX_UNITS];
        int nw = 0, lastt = -1;
        for (int i = 0; i < p->nunits; i++) {
            const struct names_unit *u = &p->u[i];
            if (u->tok == lastt || u->role == NAMES_ROLE_LEGAL)
                continue;
            lastt = u->tok;
            first[nw++] = u->text[0];
            if (u->kind != NAMES_KIND_INITIAL && strlen(u->text) >= 2 &&
                strlen(u->text) <= 5)
                n = add_key(out, n, max,
                            hash3(KEY_ACRONYM, u->text, strlen(u->text)));
        }
        for (int j = 0; j < nw; j++)
            for (int k = 2; k <= 5 && j + k <= nw; k++)
                n = add_key(out, n, max,
                            hash3(KEY_ACRONYM, first + j, (size_t)k));
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
        if (keyed || first)
            n = word_keys(word, out, n, max);
    }
    return n;
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
    free(ix->seen);
    ix->seen_words = ((size_t)ix->max_ref >> 5) + 1;
    ix->seen = xcalloc(ix->seen_words, sizeof(uint32_t));
    ix->built = true;
}

size_t names_index_postings(const struct names_index *ix)
{
    return ix->n;
}

size_t names_index_bytes(const struct names_index *ix)
{
    return sizeof(*ix) + ix->alloc * sizeof(*ix->post) +
           ix->seen_words * sizeof(uint32_t);
}

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

size_t names_index_query(struct names_index *ix, const struct names_parsed *q,
                         void (*cb)(uint32_t ref, void *ctx), void *ctx)
{
    uint32_t keys[512];
    size_t nk, count = 0;
    uint32_t *hits = NULL;
    size_t nhits = 0, ahits = 0;

    if (!ix->built)
        names_index_build(ix);
    nk = names_index_keys(q, true, keys, 512);
    for (size_t k = 0; k < nk; k++) {
        for (size_t i = lower_bound(ix->post, ix->n, keys[k]);
             i < ix->n && ix->post[i].key == keys[k]; i++) {
            uint32_t r = ix->post[i].ref;
            uint32_t bit = 1u << (r & 31);
            if (ix->seen[r >> 5] & bit)
                continue;
            ix->seen[r >> 5] |= bit;
            ALLOC_GROW(hits, nhits + 1, ahits);
            hits[nhits++] = r;
            cb(r, ctx);
            count++;
        }
    }
    for (size_t i = 0; i < nhits; i++)
        ix->seen[hits[i] >> 5] = 0;
    free(hits);
    return count;
}
