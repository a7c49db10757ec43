/*
 * list: the list model. Strings and per-entry arrays live in the list's
 * arena; per-entry arrays grow by doubling inside the arena (capacity is
 * implied by the count: the next power of two), so no capacity fields
 * are stored. An open-addressing table maps ids to entry indexes.
 */
#include <stdlib.h>
#include <string.h>

#include "screen/country.h"
#include "screen/list.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct list_index {
    size_t cap;      /* power of two */
    uint32_t *slots; /* entry index + 1; 0 = empty */
};

static uint64_t fnv1a(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

#define FNV_INIT 14695981039346656037ULL

void list_init(struct list *l)
{
    memset(l, 0, sizeof(*l));
    arena_init(&l->arena, 1u << 20);
    l->source = "";
    l->jurisdiction = "";
    l->format = "";
}

static void index_free(struct list *l)
{
    if (l->index) {
        free(l->index->slots);
        free(l->index);
        l->index = NULL;
    }
}

void list_release(struct list *l)
{
    index_free(l);
    free(l->entries);
    arena_release(&l->arena);
    list_init(l);
}

const char *list_strdup(struct list *l, const char *s)
{
    return s ? arena_strdup(&l->arena, s) : NULL;
}

const char *list_strndup(struct list *l, const char *s, size_t n)
{
    return s ? arena_strndup(&l->arena, s, n) : NULL;
}

static void index_put(struct list_index *ix, const struct list *l, size_t i)
{
    const char *id = l->entries[i].id;
    size_t h = (size_t)fnv1a(id, strlen(id), FNV_INIT) & (ix->cap - 1);

    while (ix->slots[h])
        h = (h + 1) & (ix->cap - 1);
    ix->slots[h] = (uint32_t)(i + 1);
}

static void index_rebuild(struct list *l, size_t cap)
{
    index_free(l);
    l->index = xcalloc(1, sizeof(*l->index));
    l->index->cap = cap;
    l->index->slots = xcalloc(cap, sizeof(uint32_t));
    for (size_t i = 0; i < l->nentries; i++)
        if (!l->entries[i].deleted)
            index_put(l->index, l, i);
}

struct list_entry *list_find(const struct list *l, const char *id)
{
    size_t h;

    if (!l->index || !id)
        return NULL;
    h = (size_t)fnv1a(id, strlen(id), FNV_INIT) & (l->index->cap - 1);
    while (l->index->slots[h]) {
        struct list_entry *en = &l->entries[l->index->slots[h] - 1];

        if (!en->deleted && strcmp(en->id, id) == 0)
            return en;
        h = (h + 1) & (l->index->cap - 1);
    }
    return NULL;
}

enum err_code list_add_entry(struct list *l, const char *id,
                             struct list_entry **out, struct err *e)
{
    struct list_entry *en;

    *out = NULL;
    if (!id || !*id)
        return err_set(e, ERR_INVALID, "entry without an id");
    if (list_find(l, id))
        return err_set(e, ERR_CONFLICT, "duplicate entry id '%s'", id);
    if (l->nentries >= UINT32_MAX - 1)
        return err_set(e, ERR_TOOBIG, "too many entries");
    ALLOC_GROW(l->entries, l->nentries + 1, l->alloc);
    en = &l->entries[l->nentries++];
    memset(en, 0, sizeof(*en));
    en->id = list_strdup(l, id);
    /* Keep the table at most half full. */
    if (!l->index || l->nentries * 2 > l->index->cap) {
        size_t cap = l->index ? l->index->cap * 2 : 1024;

        while (l->nentries * 2 > cap)
            cap *= 2;
        index_rebuild(l, cap);
    } else {
        index_put(l->index, l, l->nentries - 1);
    }
    *out = en;
    return ERR_OK;
}

/*
 * Makes room for one more element in an arena array of n elements of
 * size sz: capacities are powers of two, so a full array has n == 0 or
 * n a power of two.
 */
static void *grow(struct list *l, void *arr, size_t n, size_t sz)
{
    void *na;

    if (n != 0 && (n & (n - 1)) != 0)
        return arr;
    na = arena_alloc(&l->arena, (n ? n * 2 : 1) * sz);
    if (n)
        memcpy(na, arr, n * sz);
    return na;
}

static bool blank(const char *s)
{
    return !s || !*s;
}

void list_add_name(struct list *l, struct list_entry *en, const char *name,
                   enum list_name_kind kind)
{
    struct list_name *nm;

    if (blank(name))
        return;
    for (size_t i = 0; i < en->nnames; i++)
        if (strcmp(en->names[i].full, name) == 0)
            return;
    en->names = grow(l, en->names, en->nnames, sizeof(*en->names));
    nm = &en->names[en->nnames++];
    nm->full = list_strdup(l, name);
    nm->kind = kind;
    nm->script = list_detect_script(name);
}

void list_add_dob(struct list *l, struct list_entry *en, const char *text)
{
    struct list_dob *d;
    struct err e = ERR_INIT;

    if (blank(text))
        return;
    for (size_t i = 0; i < en->ndobs; i++)
        if (strcmp(en->dobs[i].text, text) == 0)
            return;
    en->dobs = grow(l, en->dobs, en->ndobs, sizeof(*en->dobs));
    d = &en->dobs[en->ndobs++];
    d->text = list_strdup(l, text);
    if (date_parse(text, &d->range, &e) != ERR_OK)
        memset(&d->range, 0, sizeof(d->range));
}

static void add_str(struct list *l, const char ***arr, size_t *n,
                    const char *text)
{
    if (blank(text))
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i], text) == 0)
            return;
    *arr = grow(l, *arr, *n, sizeof(**arr));
    (*arr)[(*n)++] = list_strdup(l, text);
}

void list_add_pob(struct list *l, struct list_entry *en, const char *text)
{
    add_str(l, &en->pobs, &en->npobs, text);
}

static void add_country(struct list *l, struct list_country **arr, size_t *n,
                        const char *text)
{
    struct list_country *c;

    if (blank(text))
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i].text, text) == 0)
            return;
    *arr = grow(l, *arr, *n, sizeof(**arr));
    c = &(*arr)[(*n)++];
    c->text = list_strdup(l, text);
    c->iso = country_code(text);
}

void list_add_nationality(struct list *l, struct list_entry *en,
                          const char *text)
{
    add_country(l, &en->nationalities, &en->nnationalities, text);
}

void list_add_citizenship(struct list *l, struct list_entry *en,
                          const char *text)
{
    add_country(l, &en->citizenships, &en->ncitizenships, text);
}

static const char *dup_or_null(struct list *l, const char *s)
{
    return blank(s) ? NULL : list_strdup(l, s);
}

void list_add_ident(struct list *l, struct list_entry *en,
                    const struct list_ident *id)
{
    struct list_ident *d;
    const char *iso;

    if (blank(id->number))
        return;
    for (size_t i = 0; i < en->nidents; i++)
        if (strcmp(en->idents[i].number, id->number) == 0 &&
            strcmp(en->idents[i].type, id->type ? id->type : "id") == 0)
            return;
    en->idents = grow(l, en->idents, en->nidents, sizeof(*en->idents));
    d = &en->idents[en->nidents++];
    d->type = list_strdup(l, blank(id->type) ? "id" : id->type);
    d->number = list_strdup(l, id->number);
    iso = country_code(id->country);
    d->country = iso ? iso : dup_or_null(l, id->country);
    d->issued = dup_or_null(l, id->issued);
    d->expires = dup_or_null(l, id->expires);
    d->note = dup_or_null(l, id->note);
}

void list_add_address(struct list *l, struct list_entry *en, const char *text,
                      const char *country)
{
    struct list_address *a;
    const char *iso = country_code(country);

    if (blank(text) && blank(country))
        return;
    if (!text)
        text = "";
    for (size_t i = 0; i < en->naddresses; i++) {
        const char *c = en->addresses[i].country;
        const char *want = iso ? iso : (blank(country) ? NULL : country);

        if (strcmp(en->addresses[i].text, text) == 0 &&
            ((!c && !want) || (c && want && strcmp(c, want) == 0)))
            return;
    }
    en->addresses =
        grow(l, en->addresses, en->naddresses, sizeof(*en->addresses));
    a = &en->addresses[en->naddresses++];
    a->text = list_strdup(l, blank(text) ? "" : text);
    a->country = iso ? iso : dup_or_null(l, country);
}

static const char *join(struct list *l, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = arena_alloc(&l->arena, na + nb + 3);

    memcpy(s, a, na);
    memcpy(s + na, "; ", 2);
    memcpy(s + na + 2, b, nb + 1);
    return s;
}

void list_add_remark(struct list *l, struct list_entry *en, const char *text)
{
    if (blank(text))
        return;
    en->remarks =
        en->remarks ? join(l, en->remarks, text) : list_strdup(l, text);
}

void list_add_program(struct list *l, struct list_entry *en,
                      const char *program)
{
    if (blank(program))
        return;
    if (en->program) {
        const char *p = en->program;
        size_t n = strlen(program);

        /* Already there as one of the "; "-separated parts? */
        while ((p = strstr(p, program)) != NULL) {
            if ((p == en->program || p[-1] == ' ') &&
                (p[n] == '\0' || p[n] == ';'))
                return;
            p += n;
        }
        en->program = join(l, en->program, program);
    } else {
        en->program = list_strdup(l, program);
    }
}

/* --- hashing --- */

static uint64_t hstr(uint64_t h, const char *s)
{
    if (!s)
        s = "";
    /* Include the NUL so "ab"+"c" differs from "a"+"bc". */
    return fnv1a(s, strlen(s) + 1, h);
}

static uint64_t hint(uint64_t h, long v)
{
    return fnv1a(&v, sizeof(v), h);
}

static uint64_t entry_hash(const struct list_entry *en)
{
    uint64_t h = FNV_INIT;

    h = hstr(h, en->program);
    h = hint(h, en->type);
    h = hstr(h, en->gender);
    h = hstr(h, en->title);
    h = hstr(h, en->remarks);
    h = hstr(h, en->listed);
    h = hint(h, (long)en->nnames);
    for (size_t i = 0; i < en->nnames; i++) {
        h = hstr(h, en->names[i].full);
        h = hint(h, en->names[i].kind);
    }
    h = hint(h, (long)en->ndobs);
    for (size_t i = 0; i < en->ndobs; i++)
        h = hstr(h, en->dobs[i].text);
    h = hint(h, (long)en->npobs);
    for (size_t i = 0; i < en->npobs; i++)
        h = hstr(h, en->pobs[i]);
    h = hint(h, (long)en->nnationalities);
    for (size_t i = 0; i < en->nnationalities; i++)
        h = hstr(h, en->nationalities[i].text);
    h = hint(h, (long)en->ncitizenships);
    for (size_t i = 0; i < en->ncitizenships; i++)
        h = hstr(h, en->citizenships[i].text);
    h = hint(h, (long)en->nidents);
    for (size_t i = 0; i < en->nidents; i++) {
        const struct list_ident *d = &en->idents[i];

        h = hstr(h, d->type);
        h = hstr(h, d->number);
        h = hstr(h, d->country);
        h = hstr(h, d->issued);
        h = hstr(h, d->expires);
        h = hstr(h, d->note);
    }
    h = hint(h, (long)en->naddresses);
    for (size_t i = 0; i < en->naddresses; i++) {
        h = hstr(h, en->addresses[i].text);
        h = hstr(h, en->addresses[i].country);
    }
    return h;
}

void list_finish(struct list *l)
{
    size_t j = 0;

    for (size_t i = 0; i < l->nentries; i++) {
        if (l->entries[i].deleted)
            continue;
        if (i != j)
            l->entries[j] = l->entries[i];
        l->entries[j].hash = entry_hash(&l->entries[j]);
        j++;
    }
    l->nentries = j;
    {
        size_t cap = 1024;

        while (l->nentries * 2 > cap)
            cap *= 2;
        index_rebuild(l, cap);
    }
}

/* --- scripts --- */

static enum list_script script_of(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
        (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x1E00 && cp <= 0x1EFF))
        return LIST_SCRIPT_LATIN;
    if (cp >= 0x400 && cp <= 0x52F)
        return LIST_SCRIPT_CYRILLIC;
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
        (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
        return LIST_SCRIPT_ARABIC;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F))
        return LIST_SCRIPT_HAN;
    if (cp < 0x80)
        return LIST_SCRIPT_UNKNOWN; /* digits, punctuation, space */
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F))
        return LIST_SCRIPT_UNKNOWN; /* punctuation and symbols */
    return LIST_SCRIPT_OTHER;
}

enum list_script list_detect_script(const char *s)
{
    size_t counts[LIST_SCRIPT_OTHER + 1] = {0};
    const unsigned char *p = (const unsigned char *)s;
    enum list_script best = LIST_SCRIPT_UNKNOWN;

    while (p && *p) {
        uint32_t cp;
        int n;

        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
            cp = ((uint32_t)(*p & 0x1F) << 6) | (p[1] & 0x3F);
            n = 2;
        } else if ((*p & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 &&
                   (p[2] & 0xC0) == 0x80) {
            cp = ((uint32_t)(*p & 0x0F) << 12) |
                 ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            n = 3;
        } else if ((*p & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 &&
                   (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
            cp = ((uint32_t)(*p & 0x07) << 18) |
                 ((uint32_t)(p[1] & 0x3F) << 12) |
                 ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            n = 4;
        } else {
            p++; /* invalid byte: skip */
            continue;
        }
        counts[script_of(cp)]++;
        p += n;
    }
    for (int i = LIST_SCRIPT_LATIN; i <= LIST_SCRIPT_OTHER; i++)
        if (counts[i] > counts[best])
            best = (enum list_script)i;
    return best;
}

const char *list_type_name(enum list_type t)
{
    static const char *const names[] = {"unknown", "person", "entity", "vessel",
                                        "aircraft"};

    return (unsigned)t < 5 ? names[t] : "unknown";
}

const char *list_name_kind_name(enum list_name_kind k)
{
    static const char *const names[] = {"primary", "aka", "fka", "weak-aka",
                                        "low-quality"};

    return (unsigned)k < 5 ? names[k] : "aka";
}

const char *list_script_name(enum list_script s)
{
    static const char *const names[] = {"Zyyy", "Latn", "Hani",
                                        "Cyrl", "Arab", "Zzzz"};

    return (unsigned)s < 6 ? names[s] : "Zzzz";
}

void list_count_types(const struct list *l, size_t counts[5])
{
    memset(counts, 0, 5 * sizeof(counts[0]));
    for (size_t i = 0; i < l->nentries; i++)
        if ((unsigned)l->entries[i].type < 5)
            counts[l->entries[i].type]++;
}

size_t list_count_names(const struct list *l)
{
    size_t n = 0;

    for (size_t i = 0; i < l->nentries; i++)
        n += l->entries[i].nnames;
    return n;
}
