/*
 * screen: the screening engine (see screen.h). Parsed list names are kept
 * compactly (only the used units of each struct names_parsed) in one byte
 * buffer and copied back into a full struct before scoring; this keeps a
 * 1,000,000-name index in a few hundred MB instead of ~1 GB.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names/names.h"
#include "screen/country.h"
#include "screen/screen.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define HDR_BYTES offsetof(struct names_parsed, u)
#define IDENT_MAX 48

enum ident_class {
    IDC_OTHER = 0, /* not decisive (tax ids, registration numbers ...) */
    IDC_PASSPORT,
    IDC_NATIONAL, /* national id, identity card, HKID */
    IDC_ANY,      /* query side: type not given */
};

struct sname {
    uint64_t off;   /* into pbuf */
    uint32_t entry; /* index into the list's entries */
    uint16_t list;
    uint16_t name;  /* index into the entry's names */
    uint8_t nparts; /* name parts (see name_parts) */
};

struct sident {
    const char *norm; /* in the index arena */
    uint32_t entry;
    uint16_t list;
    uint8_t cls;
};

struct screen_index {
    const struct list **lists;
    size_t nlists, alists;
    struct sname *names;
    size_t nnames, anames;
    unsigned char *pbuf;
    size_t plen, palloc;
    struct sident *ids;
    size_t nids, aids;
    struct arena arena;
    struct names_index *nix;
    bool built;
    bool prefilter; /* part-count pre-filter on (see candidates_by_part) */
};

/* One scored candidate of a query. */
struct hit {
    uint16_t list;
    uint32_t entry;
    uint32_t ref; /* name record, UINT32_MAX for an identifier hit */
    int qname;
    double score;
    bool ident;
};

struct refvec {
    uint32_t *v;
    size_t n, alloc;
};

void screen_result_init(struct screen_result *r)
{
    r->alerts = NULL;
    r->nalerts = 0;
    r->alloc = 0;
}

void screen_result_release(struct screen_result *r)
{
    free(r->alerts);
    screen_result_init(r);
}

struct screen_index *screen_index_new(void)
{
    struct screen_index *si = xcalloc(1, sizeof(*si));

    arena_init(&si->arena, 0);
    si->nix = names_index_new();
    si->prefilter = true;
    return si;
}

void screen_index_free(struct screen_index *si)
{
    if (!si)
        return;
    names_index_free(si->nix);
    arena_release(&si->arena);
    free(si->lists);
    free(si->names);
    free(si->pbuf);
    free(si->ids);
    free(si);
}

size_t screen_ident_norm(const char *number, char *out, size_t outsz)
{
    size_t n = 0;

    if (outsz == 0)
        return 0;
    for (const char *p = number ? number : ""; *p && n + 1 < outsz; p++) {
        char c = *p;

        if (c >= 'a' && c <= 'z')
            out[n++] = (char)(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

static enum ident_class ident_class(const char *type)
{
    if (!type || !*type)
        return IDC_ANY;
    if (strstr(type, "passport") || strstr(type, "Passport"))
        return IDC_PASSPORT;
    if (strcmp(type, "hkid") == 0 || strstr(type, "national") ||
        strstr(type, "National") || strstr(type, "identity") ||
        strstr(type, "id card") || strstr(type, "ID Card"))
        return IDC_NATIONAL;
    return IDC_OTHER;
}

/* A number too short or too uniform to identify anyone is not indexed. */
static bool ident_usable(const char *norm, size_t n)
{
    size_t digits = 0;

    if (n < 5)
        return false;
    for (size_t i = 0; i < n; i++)
        digits += norm[i] >= '0' && norm[i] <= '9';
    return digits >= 3;
}

/*
 * True for a unit the names index keys in a whole name: not an initial,
 * not a legal form, full weight (particles such as "al", "bin", number
 * words weigh less and are keyed only in some positions).
 */
static bool unit_heavy(const struct names_unit *u)
{
    return u->kind != NAMES_KIND_INITIAL && u->role != NAMES_ROLE_LEGAL &&
           u->weight >= 1.0f;
}

/*
 * Parts of a parsed name for the pre-filter: each Han character, and each
 * source token (a token may hold several syllables) with a heavy unit.
 */
static int name_parts(const struct names_parsed *p)
{
    uint64_t toks = 0;
    int n = 0;

    for (int i = 0; i < p->nunits; i++) {
        if (p->u[i].kind == NAMES_KIND_HAN)
            n++;
        else if (unit_heavy(&p->u[i]))
            toks |= 1ull << (p->u[i].tok & 63);
    }
    return n + __builtin_popcountll(toks);
}

static void add_parsed(struct screen_index *si, const struct names_parsed *p,
                       uint16_t list, uint32_t entry, uint16_t name)
{
    size_t need = HDR_BYTES + (size_t)p->nunits * sizeof(p->u[0]);
    struct sname *sn;

    ALLOC_GROW(si->pbuf, si->plen + need, si->palloc);
    memcpy(si->pbuf + si->plen, p, need);
    ALLOC_GROW(si->names, si->nnames + 1, si->anames);
    sn = &si->names[si->nnames++];
    sn->off = si->plen;
    sn->entry = entry;
    sn->list = list;
    sn->name = name;
    sn->nparts = (uint8_t)name_parts(p);
    si->plen += need;
}

static void load_parsed(const struct screen_index *si, uint32_t ref,
                        struct names_parsed *p)
{
    const unsigned char *src = si->pbuf + si->names[ref].off;
    struct names_parsed hdr;

    memcpy(&hdr, src, HDR_BYTES);
    memcpy(p, src, HDR_BYTES + (size_t)hdr.nunits * sizeof(p->u[0]));
}

/* Names parsed in parallel, a chunk at a time (bounded memory). */
#define PARSE_CHUNK 8192
#define PARSE_THREADS 2

struct pjob {
    const char *name;
    uint32_t entry;
    uint16_t name_no;
    bool ok;
    struct names_parsed p;
};

struct pbatch {
    struct pjob *jobs;
    size_t n;
    atomic_size_t next;
};

static void *parse_worker(void *arg)
{
    struct pbatch *b = arg;

    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        struct err pe = ERR_INIT;
        struct pjob *j;

        if (i >= b->n)
            break;
        j = &b->jobs[i];
        j->ok = names_parse(j->name, &j->p, &pe) == ERR_OK &&
                j->p.mode != NAMES_MODE_EMPTY;
    }
    return NULL;
}

static void add_chunk(struct screen_index *si, struct pjob *jobs, size_t n,
                      uint16_t li)
{
    struct pbatch b;
    pthread_t th[PARSE_THREADS];
    int started = 0;

    b.jobs = jobs;
    b.n = n;
    atomic_init(&b.next, 0);
    for (int t = 1; t < PARSE_THREADS && n > 256; t++)
        if (pthread_create(&th[started], NULL, parse_worker, &b) == 0)
            started++;
    parse_worker(&b);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < n; i++) {
        if (!jobs[i].ok)
            continue;
        names_index_add(si->nix, &jobs[i].p, (uint32_t)si->nnames);
        add_parsed(si, &jobs[i].p, li, jobs[i].entry, jobs[i].name_no);
    }
}

enum err_code screen_index_add(struct screen_index *si, const struct list *l,
                               size_t *list_no, struct err *e)
{
    uint16_t li;
    struct pjob *jobs;
    size_t nj = 0;

    if (si->built)
        return err_set(e, ERR_INVALID, "screening index is already built");
    if (si->nlists >= UINT16_MAX)
        return err_set(e, ERR_TOOBIG, "too many lists in one index");
    if (l->nentries >= UINT32_MAX)
        return err_set(e, ERR_TOOBIG, "list '%s' has too many entries",
                       l->path ? l->path : "?");
    if (si->nnames + list_count_names(l) >= UINT32_MAX - 1)
        return err_set(e, ERR_TOOBIG, "too many names in one screening index");
    li = (uint16_t)si->nlists;
    ALLOC_GROW(si->lists, si->nlists + 1, si->alists);
    si->lists[si->nlists++] = l;
    if (list_no)
        *list_no = li;
    jobs = xmalloc(PARSE_CHUNK * sizeof(*jobs));
    for (size_t i = 0; i < l->nentries; i++) {
        const struct list_entry *en = &l->entries[i];
        size_t nn = en->nnames < UINT16_MAX ? en->nnames : UINT16_MAX;

        for (size_t k = 0; k < nn; k++) {
            if (nj == PARSE_CHUNK) {
                add_chunk(si, jobs, nj, li);
                nj = 0;
            }
            jobs[nj].name = en->names[k].full;
            jobs[nj].entry = (uint32_t)i;
            jobs[nj].name_no = (uint16_t)k;
            nj++;
        }
        for (size_t k = 0; k < en->nidents; k++) {
            char norm[IDENT_MAX];
            size_t n =
                screen_ident_norm(en->idents[k].number, norm, sizeof(norm));
            enum ident_class c = ident_class(en->idents[k].type);
            struct sident *d;

            if ((c != IDC_PASSPORT && c != IDC_NATIONAL) ||
                !ident_usable(norm, n))
                continue;
            ALLOC_GROW(si->ids, si->nids + 1, si->aids);
            d = &si->ids[si->nids++];
            d->norm = arena_strndup(&si->arena, norm, n);
            d->entry = (uint32_t)i;
            d->list = li;
            d->cls = (uint8_t)c;
        }
    }
    if (nj)
        add_chunk(si, jobs, nj, li);
    free(jobs);
    return ERR_OK;
}

static int cmp_ident(const void *a, const void *b)
{
    return strcmp(((const struct sident *)a)->norm,
                  ((const struct sident *)b)->norm);
}

void screen_index_build(struct screen_index *si)
{
    if (si->built)
        return;
    names_index_build(si->nix);
    if (si->nids)
        qsort(si->ids, si->nids, sizeof(si->ids[0]), cmp_ident);
    si->built = true;
}

void screen_index_set_prefilter(struct screen_index *si, bool on)
{
    si->prefilter = on;
}

size_t screen_index_nlists(const struct screen_index *si)
{
    return si->nlists;
}

const struct list *screen_index_list(const struct screen_index *si, size_t i)
{
    return i < si->nlists ? si->lists[i] : NULL;
}

size_t screen_index_nnames(const struct screen_index *si)
{
    return si->nnames;
}

size_t screen_index_bytes(const struct screen_index *si)
{
    return sizeof(*si) + si->alists * sizeof(si->lists[0]) +
           si->anames * sizeof(si->names[0]) + si->palloc +
           si->aids * sizeof(si->ids[0]) + si->arena.used +
           names_index_bytes(si->nix);
}

/* --- queries ---------------------------------------------------------- */

static void collect_ref(uint32_t ref, void *ctx)
{
    struct refvec *rv = ctx;

    ALLOC_GROW(rv->v, rv->n + 1, rv->alloc);
    rv->v[rv->n++] = ref;
}

static bool entry_is_person_like(const struct list_entry *en)
{
    return en->type == LIST_TYPE_PERSON || en->type == LIST_TYPE_UNKNOWN;
}

struct qstate {
    struct names_parsed qp[SCREEN_QUERY_MAX];
    int qname[SCREEN_QUERY_MAX]; /* index into q->names */
    size_t nqp;
    struct date_range dobs[SCREEN_QUERY_MAX];
    size_t ndobs;
    const char *countries[SCREEN_QUERY_MAX]; /* ISO alpha-2 */
    size_t ncountries;
    struct hit *hits;
    size_t nhits, ahits;
    struct refvec rv;
    struct refvec touched; /* refs with a part count, to reset */
    uint8_t *cnt;          /* per name record: query parts that hit it */
    size_t ncnt;
};

static void push_hit(struct qstate *st, uint16_t list, uint32_t entry,
                     uint32_t ref, int qname, double score, bool ident)
{
    struct hit *h;

    ALLOC_GROW(st->hits, st->nhits + 1, st->ahits);
    h = &st->hits[st->nhits++];
    h->list = list;
    h->entry = entry;
    h->ref = ref;
    h->qname = qname;
    h->score = score;
    h->ident = ident;
}

static int cmp_hit(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;

    if (x->list != y->list)
        return x->list < y->list ? -1 : 1;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->ref < y->ref ? -1 : x->ref > y->ref;
}

static int cmp_alert(const void *a, const void *b)
{
    const struct screen_alert *x = a, *y = b;

    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->list_no != y->list_no)
        return x->list_no < y->list_no ? -1 : 1;
    return x->entry_no < y->entry_no ? -1 : x->entry_no > y->entry_no;
}

static void prepare(struct qstate *st, const struct screen_query *q)
{
    size_t n;

    st->nqp = 0;
    n = q->nnames < SCREEN_QUERY_MAX ? q->nnames : SCREEN_QUERY_MAX;
    for (size_t i = 0; i < n; i++) {
        struct err pe = ERR_INIT;

        if (!q->names[i] ||
            names_parse(q->names[i], &st->qp[st->nqp], &pe) != ERR_OK ||
            st->qp[st->nqp].mode == NAMES_MODE_EMPTY)
            continue;
        st->qname[st->nqp++] = (int)i;
    }
    st->ndobs = 0;
    n = q->nbirth_dates < SCREEN_QUERY_MAX ? q->nbirth_dates : SCREEN_QUERY_MAX;
    for (size_t i = 0; i < n; i++) {
        struct err pe = ERR_INIT;

        if (q->birth_dates[i] && *q->birth_dates[i] &&
            date_parse(q->birth_dates[i], &st->dobs[st->ndobs], &pe) ==
                ERR_OK &&
            st->dobs[st->ndobs].from.prec != DATE_NONE)
            st->ndobs++;
    }
    st->ncountries = 0;
    n = q->ncountries < SCREEN_QUERY_MAX ? q->ncountries : SCREEN_QUERY_MAX;
    for (size_t i = 0; i < n; i++) {
        const char *c = q->countries[i] ? country_code(q->countries[i]) : NULL;

        if (c)
            st->countries[st->ncountries++] = c;
    }
}

/* Days between two ranges (0 when they overlap). */
static int64_t range_gap(const struct date_range *a, const struct date_range *b)
{
    int64_t a0 = date_first_day(a), a1 = date_last_day(a);
    int64_t b0 = date_first_day(b), b1 = date_last_day(b);

    if (a1 < b0)
        return b0 - a1;
    if (b1 < a0)
        return a0 - b1;
    return 0;
}

static bool country_eq(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

/* Applies the qualifiers; returns the final score, sets flags, adds to
 * the explanation. */
static double qualify(const struct qstate *st, const struct screen_query *q,
                      const struct list_entry *en, double score, bool ident,
                      unsigned *flags, struct strbuf *why)
{
    if (ident) {
        *flags |= SCREEN_IDENT_MATCH;
        strbuf_addstr(why, "; identifier matches exactly (decisive)");
    }
    if (st->ndobs) {
        int64_t best = INT64_MAX;
        size_t known = 0;

        for (size_t i = 0; i < en->ndobs; i++) {
            if (en->dobs[i].range.from.prec == DATE_NONE)
                continue;
            known++;
            for (size_t k = 0; k < st->ndobs; k++) {
                int64_t g = range_gap(&st->dobs[k], &en->dobs[i].range);

                if (g < best)
                    best = g;
            }
        }
        if (known && best == 0) {
            *flags |= SCREEN_DOB_MATCH;
            strbuf_addstr(why, "; date of birth overlaps");
        } else if (known) {
            double pen =
                best <= 366 ? SCREEN_DOB_NEAR_PENALTY : SCREEN_DOB_PENALTY;

            *flags |= SCREEN_DOB_CONTRADICTS;
            score -= pen;
            strbuf_addf(why, "; date of birth contradicts (%s, -%.2f)",
                        en->dobs[0].text, pen);
        }
    }
    if (q->gender && en->gender &&
        ((strcmp(q->gender, "male") == 0 &&
          strcmp(en->gender, "female") == 0) ||
         (strcmp(q->gender, "female") == 0 &&
          strcmp(en->gender, "male") == 0))) {
        *flags |= SCREEN_GENDER_CONTRADICTS;
        score -= SCREEN_GENDER_PENALTY;
        strbuf_addf(why, "; gender contradicts (-%.2f)", SCREEN_GENDER_PENALTY);
    }
    if (st->ncountries) {
        size_t known = 0;
        bool common = false;

        for (size_t i = 0; i < en->nnationalities; i++) {
            if (!en->nationalities[i].iso)
                continue;
            known++;
            for (size_t k = 0; k < st->ncountries; k++)
                common |=
                    country_eq(st->countries[k], en->nationalities[i].iso);
        }
        for (size_t i = 0; i < en->ncitizenships; i++) {
            if (!en->citizenships[i].iso)
                continue;
            known++;
            for (size_t k = 0; k < st->ncountries; k++)
                common |= country_eq(st->countries[k], en->citizenships[i].iso);
        }
        if (common) {
            *flags |= SCREEN_NAT_MATCH;
            strbuf_addstr(why, "; nationality matches");
        } else if (known) {
            *flags |= SCREEN_NAT_MISMATCH;
            score -= SCREEN_NAT_PENALTY;
            strbuf_addf(why, "; nationality differs (-%.2f)",
                        SCREEN_NAT_PENALTY);
        }
    }
    if (ident)
        score = 1.0;
    if (score < 0)
        score = 0;
    return score;
}

static void explain_name(const struct names_explain *ex, double s,
                         struct strbuf *why)
{
    strbuf_addf(why, "name %.2f", s);
    if (ex->summary)
        strbuf_addf(why, " (%s)", ex->summary);
    for (int i = 0; i < ex->nparts && i < 8; i++) {
        const struct names_explain_part *p = &ex->part[i];

        strbuf_addf(why, "%s%s %s~%s %s", i ? ", " : ": ",
                    p->role ? p->role : "part", p->a[0] ? p->a : "-",
                    p->b[0] ? p->b : "-", p->how ? p->how : "");
    }
}

/*
 * Screening guard on Chinese-order alignments: when surname or given-name
 * parts of one name have no counterpart in the other AND some compared
 * part is only approximate (a bridged or variant reading), the match
 * rests on too little: the score is scaled by the share of parts
 * compared. Exact partial matches ("Eric Chan" against "CHAN Kwok-ki,
 * Eric") keep their score. Only runs on scores above the threshold.
 */
static double coverage(const struct names_parsed *a,
                       const struct names_parsed *b, double s)
{
    struct names_explain ex;
    int missing = 0, compared = 0, weak = 0;

    names_score(a, b, &ex);
    for (int i = 0; i < ex.nparts; i++) {
        const struct names_explain_part *p = &ex.part[i];

        if (!p->role ||
            (strcmp(p->role, "surname") != 0 && strcmp(p->role, "given") != 0))
            continue;
        if (!p->a[0] || !p->b[0]) {
            missing++;
            continue;
        }
        compared++;
        if (p->score < 0.999)
            weak++;
    }
    if (missing && weak && compared)
        return s * (double)compared / (double)(compared + missing);
    return s;
}

static void find_idents(const struct screen_index *si,
                        const struct screen_query *q, struct qstate *st)
{
    size_t n = q->nidents < SCREEN_QUERY_MAX ? q->nidents : SCREEN_QUERY_MAX;

    for (size_t i = 0; i < n && si->nids; i++) {
        char norm[IDENT_MAX];
        size_t len = screen_ident_norm(q->idents[i].number, norm, sizeof(norm));
        enum ident_class c = ident_class(q->idents[i].type);
        size_t lo = 0, hi = si->nids;

        if (!ident_usable(norm, len) || c == IDC_OTHER)
            continue;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;

            if (strcmp(si->ids[mid].norm, norm) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < si->nids && strcmp(si->ids[lo].norm, norm) == 0; lo++)
            if (c == IDC_ANY || c == si->ids[lo].cls)
                push_hit(st, si->ids[lo].list, si->ids[lo].entry, UINT32_MAX,
                         -1, 1.0, true);
    }
}

/*
 * Pre-filter: looks up each part of the query on its own and counts, per
 * list name, how many parts share a blocking key with it. A name sharing
 * keys with fewer than min(parts of both) parts (one part may miss when
 * both have three or more) cannot reach the threshold: one unmatched part
 * in two or three already scores <= 0.67, so it is not scored at all.
 * Light parts (particles, number words, initials, legal forms: keyed by
 * the index only in some positions) are neither looked up nor counted.
 * Checked by test_screen: no self-match lost on the UN, SDN, AU and CA
 * lists, same alerts with and without. Leaves the survivors in st->rv.
 */
#define KEYS_MAX 512

static void candidates_by_part(struct screen_index *si, struct qstate *st,
                               const struct names_parsed *qp, int qparts)
{
    struct names_parsed sub;
    uint64_t done = 0;
    uint32_t keys[KEYS_MAX];

    if (st->ncnt < si->nnames) {
        free(st->cnt);
        st->cnt = xcalloc(si->nnames ? si->nnames : 1, 1);
        st->ncnt = si->nnames;
    }
    st->touched.n = 0;
    for (int i = 0; i < qp->nunits; i++) {
        const struct names_unit *u = &qp->u[i];
        bool han = u->kind == NAMES_KIND_HAN;

        if (!han && (done & (1ull << (u->tok & 63))))
            continue;
        if (!han) {
            bool heavy = false;

            for (int k = i; k < qp->nunits; k++)
                if (qp->u[k].kind != NAMES_KIND_HAN &&
                    (qp->u[k].tok & 63) == (u->tok & 63))
                    heavy |= unit_heavy(&qp->u[k]);
            if (!heavy) {
                done |= 1ull << (u->tok & 63);
                continue; /* a light part is not counted (name_parts) */
            }
        }
        memcpy(&sub, qp, HDR_BYTES);
        sub.nunits = 0;
        sub.has_han = han;
        if (han) {
            sub.u[sub.nunits++] = *u;
        } else {
            done |= 1ull << (u->tok & 63);
            for (int k = i; k < qp->nunits; k++)
                if (qp->u[k].kind != NAMES_KIND_HAN &&
                    (qp->u[k].tok & 63) == (u->tok & 63))
                    sub.u[sub.nunits++] = qp->u[k];
        }
        sub.nseq = sub.nseq < sub.nunits ? sub.nseq : sub.nunits;
        sub.nsurname = 0;
        if (names_index_keys(&sub, true, keys, KEYS_MAX) == 0) {
            qparts--; /* a part without keys ("al", a title) is not needed */
            continue;
        }
        st->rv.n = 0;
        names_index_query(si->nix, &sub, collect_ref, &st->rv);
        for (size_t r = 0; r < st->rv.n; r++) {
            uint32_t ref = st->rv.v[r];

            if (st->cnt[ref] == 0)
                collect_ref(ref, &st->touched);
            if (st->cnt[ref] < 255)
                st->cnt[ref]++;
        }
    }
    st->rv.n = 0;
    for (size_t r = 0; r < st->touched.n; r++) {
        uint32_t ref = st->touched.v[r];
        int have = st->cnt[ref];
        int need =
            qparts < si->names[ref].nparts ? qparts : si->names[ref].nparts;

        st->cnt[ref] = 0;
        if (need >= 3)
            need--;
        if (have >= need)
            collect_ref(ref, &st->rv);
    }
}

/*
 * The same pre-filter for a name without Han characters whose tokens are
 * all below 32, in one index query: the index reports, per ref hit by
 * two tokens (or one, with slack), every query token it shares a key with,
 * which is what the part-by-part lookups count (a token's keys in the
 * whole name include its keys on its own). Leaves the survivors in st->rv.
 */
struct mask_ctx {
    const struct screen_index *si;
    struct refvec *rv;
    uint32_t parts; /* token bits of the heavy parts */
    int qparts;
};

static void collect_masked(uint32_t ref, uint32_t toks, void *ctx)
{
    struct mask_ctx *c = ctx;
    int have = __builtin_popcount(toks & c->parts);
    int need = c->qparts < c->si->names[ref].nparts ? c->qparts
                                                    : c->si->names[ref].nparts;

    if (need >= 3)
        need--;
    if (have >= need)
        collect_ref(ref, c->rv);
}

static bool mask_usable(const struct names_parsed *qp, uint32_t *parts)
{
    *parts = 0;
    if (qp->has_han)
        return false;
    for (int i = 0; i < qp->nunits; i++) {
        if (qp->u[i].tok >= 32 || qp->u[i].kind == NAMES_KIND_HAN)
            return false;
        if (unit_heavy(&qp->u[i]))
            *parts |= 1u << qp->u[i].tok;
    }
    return true;
}

static void candidates_by_mask(struct screen_index *si, struct qstate *st,
                               const struct names_parsed *qp, uint32_t parts,
                               int qparts)
{
    struct mask_ctx c = {si, &st->rv, parts, qparts};

    st->rv.n = 0;
    names_index_query_mask(si->nix, qp, collect_masked, &c);
}

static void run_query(const struct screen_index *si_c,
                      const struct screen_query *q, double threshold,
                      struct qstate *st, struct screen_result *out)
{
    /* names_index queries only read the index (safe in parallel) */
    struct screen_index *si = (struct screen_index *)si_c;
    size_t first = out->nalerts;

    st->nhits = 0;
    prepare(st, q);
    for (size_t k = 0; k < st->nqp; k++) {
        int qparts = si->prefilter ? name_parts(&st->qp[k]) : 1;
        uint32_t parts;

        st->rv.n = 0;
        if (qparts <= 1) {
            names_index_query(si->nix, &st->qp[k], collect_ref, &st->rv);
        } else if (mask_usable(&st->qp[k], &parts)) {
            candidates_by_mask(si, st, &st->qp[k], parts, qparts);
        } else {
            candidates_by_part(si, st, &st->qp[k], qparts);
        }
        for (size_t i = 0; i < st->rv.n; i++) {
            uint32_t ref = st->rv.v[i];
            const struct sname *sn = &si->names[ref];
            const struct list_entry *en =
                &si->lists[sn->list]->entries[sn->entry];
            struct names_parsed np;
            double s;

            if (q->person && !entry_is_person_like(en))
                continue;
            load_parsed(si, ref, &np);
            s = names_score(&st->qp[k], &np, NULL);
            if (s >= threshold)
                s = coverage(&st->qp[k], &np, s);
            if (s >= threshold)
                push_hit(st, sn->list, sn->entry, ref, st->qname[k], s, false);
        }
    }
    find_idents(si, q, st);
    if (st->nhits == 0)
        return;
    qsort(st->hits, st->nhits, sizeof(st->hits[0]), cmp_hit);
    for (size_t i = 0; i < st->nhits;) {
        size_t j = i;
        bool ident = false;
        const struct hit *best = NULL;

        while (j < st->nhits && st->hits[j].list == st->hits[i].list &&
               st->hits[j].entry == st->hits[i].entry) {
            if (st->hits[j].ident)
                ident = true;
            else if (!best)
                best = &st->hits[j];
            j++;
        }
        {
            const struct list *l = si->lists[st->hits[i].list];
            const struct list_entry *en = &l->entries[st->hits[i].entry];
            struct strbuf why = STRBUF_INIT;
            unsigned flags = 0;
            double ns = best ? best->score : 0, fs;

            strbuf_init(&why, SCREEN_EXPLAIN_MAX * 2);
            if (best) {
                struct names_parsed np;
                struct names_explain ex;
                int qi = 0;

                for (size_t k = 0; k < st->nqp; k++)
                    if (st->qname[k] == best->qname)
                        qi = (int)k;
                load_parsed(si, best->ref, &np);
                names_score(&st->qp[qi], &np, &ex);
                explain_name(&ex, ns, &why);
            } else {
                strbuf_addstr(&why, "no name matched");
            }
            fs = qualify(st, q, en, ns, ident, &flags, &why);
            if (fs >= threshold) {
                struct screen_alert *a;

                ALLOC_GROW(out->alerts, out->nalerts + 1, out->alloc);
                a = &out->alerts[out->nalerts++];
                memset(a, 0, sizeof(*a));
                a->list_no = st->hits[i].list;
                a->list = l;
                a->entry_no = st->hits[i].entry;
                a->entry = en;
                a->score = fs;
                a->name_score = ns;
                a->query_name = best ? best->qname : -1;
                a->matched_name =
                    best ? en->names[si->names[best->ref].name].full
                         : (en->nnames ? en->names[0].full : "");
                a->flags = flags;
                snprintf(a->explain, sizeof(a->explain), "%s", why.buf);
            }
            strbuf_release(&why);
        }
        i = j;
    }
    if (out->nalerts - first > 1)
        qsort(out->alerts + first, out->nalerts - first, sizeof(out->alerts[0]),
              cmp_alert);
}

static struct qstate *qstate_new(void)
{
    return xcalloc(1, sizeof(struct qstate));
}

static void qstate_free(struct qstate *st)
{
    if (!st)
        return;
    free(st->hits);
    free(st->rv.v);
    free(st->touched.v);
    free(st->cnt);
    free(st);
}

enum err_code screen_query(const struct screen_index *si,
                           const struct screen_query *q, double threshold,
                           struct screen_result *out, struct err *e)
{
    struct qstate *st;

    if (!si->built)
        return err_set(e, ERR_INVALID, "screening index is not built");
    st = qstate_new();
    run_query(si, q, threshold, st, out);
    qstate_free(st);
    return ERR_OK;
}

struct batch {
    const struct screen_index *si;
    const struct screen_query *qs;
    size_t n;
    double threshold;
    struct screen_result *out;
    atomic_size_t next;
};

static void *batch_worker(void *arg)
{
    struct batch *b = arg;
    struct qstate *st = qstate_new();

    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);

        if (i >= b->n)
            break;
        run_query(b->si, &b->qs[i], b->threshold, st, &b->out[i]);
    }
    qstate_free(st);
    return NULL;
}

enum err_code screen_batch(const struct screen_index *si,
                           const struct screen_query *qs, size_t n,
                           double threshold, int nthreads,
                           struct screen_result *out, struct err *e)
{
    struct batch b;
    pthread_t th[64];
    int started = 0;

    if (!si->built)
        return err_set(e, ERR_INVALID, "screening index is not built");
    if (nthreads <= 0)
        nthreads = 2;
    if (nthreads > 64)
        nthreads = 64;
    if ((size_t)nthreads > n)
        nthreads = n ? (int)n : 1;
    b.si = si;
    b.qs = qs;
    b.n = n;
    b.threshold = threshold;
    b.out = out;
    atomic_init(&b.next, 0);
    for (int t = 1; t < nthreads; t++) {
        if (pthread_create(&th[started], NULL, batch_worker, &b) != 0)
            break;
        started++;
    }
    batch_worker(&b);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    return ERR_OK;
}
