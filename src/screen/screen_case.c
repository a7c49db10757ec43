/*
 * screen_case: lists held by a case, re-screening on import, gap report,
 * demo extension (see screen_case.h).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/case.h"
#include "crypto/crypto.h"
#include "screen/screen.h"
#include "screen/screen_case.h"
#include "store/store_lists.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define MAX_FILES 256
#define MAX_DEPTH 3
#define MAX_TOTAL_BYTES (2ull << 30)

const char *const screen_jurisdictions[SCREEN_NJUR] = {"us", "uk", "eu",
                                                       "ca", "au", "un"};
const char *const screen_jurisdiction_names[SCREEN_NJUR] = {
    "United States", "United Kingdom", "European Union",
    "Canada",        "Australia",      "United Nations"};

void screen_import_report_init(struct screen_import_report *r)
{
    memset(r, 0, sizeof(*r));
    arena_init(&r->arena, 0);
}

void screen_import_report_release(struct screen_import_report *r)
{
    free(r->changes);
    free(r->alerts);
    arena_release(&r->arena);
    screen_import_report_init(r);
}

/* Joins a and b with a slash; false (and a truncated out) when too long. */
static bool pjoin(char *out, size_t sz, const char *a, const char *b)
{
    int n = snprintf(out, sz, "%s/%s", a, b);

    return n >= 0 && (size_t)n < sz;
}

/* --- files: hash and copy into the case ------------------------------- */

struct files {
    char *rel[MAX_FILES]; /* relative to the root, sorted */
    size_t n;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum err_code walk(const char *root, const char *rel, int depth,
                          struct files *fs, struct err *e)
{
    char dir[PATH_MAX];
    DIR *d;
    struct dirent *de;

    snprintf(dir, sizeof(dir), "%s%s%s", root, *rel ? "/" : "", rel);
    d = opendir(dir);
    if (!d)
        return err_set(e, ERR_IO, "cannot read folder '%s': %s", dir,
                       strerror(errno));
    while ((de = readdir(d))) {
        char sub[PATH_MAX], full[PATH_MAX];
        struct stat sb;

        if (de->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
        if (!pjoin(full, sizeof(full), root, sub))
            continue;
        if (stat(full, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode) && depth < MAX_DEPTH) {
            enum err_code rc = walk(root, sub, depth + 1, fs, e);

            if (rc != ERR_OK) {
                closedir(d);
                return rc;
            }
        } else if (S_ISREG(sb.st_mode)) {
            if (fs->n == MAX_FILES) {
                closedir(d);
                return err_set(e, ERR_TOOBIG,
                               "folder '%s' holds more than %d "
                               "files",
                               root, MAX_FILES);
            }
            fs->rel[fs->n++] = xstrdup(sub);
        }
    }
    closedir(d);
    return ERR_OK;
}

static void files_release(struct files *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        free(fs->rel[i]);
    fs->n = 0;
}

static enum err_code read_all(const char *path, char **buf, size_t *len,
                              struct err *e)
{
    FILE *f = fopen(path, "rb");
    size_t alloc = 0;

    *buf = NULL;
    *len = 0;
    if (!f)
        return err_set(e, ERR_IO, "cannot open '%s': %s", path,
                       strerror(errno));
    for (;;) {
        size_t got;

        if (*len > MAX_TOTAL_BYTES) {
            fclose(f);
            return err_set(e, ERR_TOOBIG, "'%s' is too large", path);
        }
        ALLOC_GROW(*buf, *len + 1048576, alloc);
        got = fread(*buf + *len, 1, alloc - *len, f);
        *len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fclose(f);
        return err_set(e, ERR_IO, "cannot read '%s'", path);
    }
    fclose(f);
    return ERR_OK;
}

static enum err_code write_all(const char *path, const char *buf, size_t len,
                               struct err *e)
{
    FILE *f = fopen(path, "wb");

    if (!f)
        return err_set(e, ERR_IO, "cannot create '%s': %s", path,
                       strerror(errno));
    if (fwrite(buf, 1, len, f) != len || fflush(f) != 0 ||
        fsync(fileno(f)) != 0) {
        fclose(f);
        return err_set(e, ERR_IO, "cannot write '%s': %s", path,
                       strerror(errno));
    }
    if (fclose(f) != 0)
        return err_set(e, ERR_IO, "cannot write '%s'", path);
    return ERR_OK;
}

static enum err_code mkdirs(const char *path, struct err *e)
{
    char tmp[PATH_MAX];

    snprintf(tmp, sizeof(tmp), "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
            return err_set(e, ERR_IO, "cannot create folder '%s': %s", tmp,
                           strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "cannot create folder '%s': %s", tmp,
                       strerror(errno));
    return ERR_OK;
}

/*
 * Hashes path (a file, or every regular file of a folder by relative
 * path) and copies it to case_dir/lists/<hash16>/ unless there already.
 * rel receives the path of the copy relative to the case folder.
 */
static enum err_code hash_and_copy(const char *path, const char *case_dir,
                                   char hex[65], char *rel, size_t relsz,
                                   struct err *e)
{
    struct stat sb;
    struct files fs = {{0}, 0};
    bool is_dir;
    struct crypto_sha256 *h;
    uint8_t dig[DC_SHA256_BYTES];
    char dst[PATH_MAX], tmp[PATH_MAX];
    const char *base;
    enum err_code rc = ERR_OK;

    if (stat(path, &sb) != 0)
        return err_set(e, ERR_IO, "cannot open list '%s': %s", path,
                       strerror(errno));
    is_dir = S_ISDIR(sb.st_mode);
    base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (is_dir) {
        rc = walk(path, "", 0, &fs, e);
        if (rc != ERR_OK) {
            files_release(&fs);
            return rc;
        }
        if (fs.n)
            qsort(fs.rel, fs.n, sizeof(fs.rel[0]), cmp_str);
    } else {
        fs.rel[0] = xstrdup(base);
        fs.n = 1;
    }
    h = crypto_sha256_new();
    for (size_t i = 0; i < fs.n && rc == ERR_OK; i++) {
        char src[PATH_MAX], *buf;
        size_t len;

        if (is_dir)
            snprintf(src, sizeof(src), "%s/%s", path, fs.rel[i]);
        else
            snprintf(src, sizeof(src), "%s", path);
        rc = read_all(src, &buf, &len, e);
        if (rc == ERR_OK) {
            if (is_dir)
                crypto_sha256_update(h, fs.rel[i], strlen(fs.rel[i]) + 1);
            crypto_sha256_update(h, buf, len);
        }
        free(buf);
    }
    crypto_sha256_final(h, dig);
    crypto_sha256_free(h);
    if (rc != ERR_OK)
        goto out;
    crypto_hex(dig, sizeof(dig), hex);
    snprintf(dst, sizeof(dst), "%s/lists/%.16s", case_dir, hex);
    if (is_dir)
        snprintf(rel, relsz, "lists/%.16s", hex);
    else
        snprintf(rel, relsz, "lists/%.16s/%s", hex, base);
    if (access(dst, F_OK) == 0)
        goto out; /* content-addressed: already there */
    snprintf(tmp, sizeof(tmp), "%s/lists/.tmp-%.16s-%ld", case_dir, hex,
             (long)getpid());
    rc = mkdirs(tmp, e);
    for (size_t i = 0; i < fs.n && rc == ERR_OK; i++) {
        char src[PATH_MAX], out[PATH_MAX], *buf, *slash;
        size_t len;

        if (is_dir)
            snprintf(src, sizeof(src), "%s/%s", path, fs.rel[i]);
        else
            snprintf(src, sizeof(src), "%s", path);
        if (!pjoin(out, sizeof(out), tmp, fs.rel[i])) {
            rc = err_set(e, ERR_TOOBIG, "path too long in '%s'", path);
            break;
        }
        slash = strrchr(out, '/');
        if (slash && slash > out + strlen(tmp)) {
            *slash = '\0';
            rc = mkdirs(out, e);
            *slash = '/';
        }
        if (rc == ERR_OK)
            rc = read_all(src, &buf, &len, e);
        else
            buf = NULL;
        if (rc == ERR_OK)
            rc = write_all(out, buf, len, e);
        free(buf);
    }
    if (rc == ERR_OK && rename(tmp, dst) != 0 && access(dst, F_OK) != 0)
        rc = err_set(e, ERR_IO, "cannot move list copy into '%s': %s", dst,
                     strerror(errno));
out:
    files_release(&fs);
    return rc;
}

/* --- persons of the case ----------------------------------------------- */

struct person {
    const char *id;
    const char *caption;
    const char *names[SCREEN_QUERY_MAX];
    size_t nnames;
    const char *dobs[SCREEN_QUERY_MAX];
    size_t ndobs;
    const char *countries[SCREEN_QUERY_MAX];
    size_t ncountries;
    const char *gender;
    bool fictional; /* demo/training record: not screened */
    struct screen_ident ids[SCREEN_QUERY_MAX];
    size_t nids;
};

struct persons {
    struct person *v;
    size_t n, alloc;
    struct arena arena;
};

static int person_id_cb(const struct store_entity *en, void *ctx)
{
    struct persons *ps = ctx;
    struct person *p;

    ALLOC_GROW(ps->v, ps->n + 1, ps->alloc);
    p = &ps->v[ps->n++];
    memset(p, 0, sizeof(*p));
    p->id = arena_strdup(&ps->arena, en->id);
    return 0;
}

struct pctx {
    struct persons *ps;
    struct person *p;
};

static void push(const char **arr, size_t *n, const char *v)
{
    if (*n < SCREEN_QUERY_MAX)
        arr[(*n)++] = v;
}

static int person_stmt_cb(const struct store_stmt *s, void *ctx)
{
    struct pctx *c = ctx;
    struct person *p = c->p;
    const char *v = arena_strdup(&c->ps->arena, s->value);

    if (strcmp(s->prop, "name") == 0 || strcmp(s->prop, "alias") == 0 ||
        strcmp(s->prop, "previousName") == 0)
        push(p->names, &p->nnames, v);
    else if (strcmp(s->prop, "birthDate") == 0)
        push(p->dobs, &p->ndobs, v);
    else if (strcmp(s->prop, "nationality") == 0 ||
             strcmp(s->prop, "citizenship") == 0)
        push(p->countries, &p->ncountries, v);
    else if (strcmp(s->prop, "gender") == 0)
        p->gender = v;
    else if (strcmp(s->prop, "fictional") == 0 && strcmp(v, "true") == 0)
        p->fictional = true;
    else if (p->nids < SCREEN_QUERY_MAX &&
             (strcmp(s->prop, "passportNumber") == 0 ||
              strcmp(s->prop, "idNumber") == 0 ||
              strcmp(s->prop, "hkid") == 0)) {
        p->ids[p->nids].type = strcmp(s->prop, "passportNumber") == 0
                                   ? "passport"
                               : strcmp(s->prop, "hkid") == 0 ? "hkid"
                                                              : NULL;
        p->ids[p->nids++].number = v;
    }
    return 0;
}

static enum err_code persons_load(struct store *st, struct persons *ps,
                                  struct err *e)
{
    enum err_code rc;

    memset(ps, 0, sizeof(*ps));
    arena_init(&ps->arena, 0);
    rc = store_entity_each(st, "Person", person_id_cb, ps, e);
    for (size_t i = 0; i < ps->n && rc == ERR_OK; i++) {
        struct pctx c = {ps, &ps->v[i]};
        char *cap = NULL;

        rc = store_stmt_each(st, ps->v[i].id, 0, person_stmt_cb, &c, e);
        if (rc == ERR_OK && case_caption(st, ps->v[i].id, &cap, e) == ERR_OK) {
            ps->v[i].caption = arena_strdup(&ps->arena, cap);
            free(cap);
        }
        if (!ps->v[i].caption)
            ps->v[i].caption = ps->v[i].id;
    }
    return rc;
}

static void persons_release(struct persons *ps)
{
    free(ps->v);
    arena_release(&ps->arena);
    memset(ps, 0, sizeof(*ps));
}

static void person_query(const struct person *p, struct screen_query *q)
{
    memset(q, 0, sizeof(*q));
    q->names = p->names;
    q->nnames = p->nnames;
    q->birth_dates = p->dobs;
    q->nbirth_dates = p->ndobs;
    q->countries = p->countries;
    q->ncountries = p->ncountries;
    q->gender = p->gender;
    q->idents = p->ids;
    q->nidents = p->nids;
    q->person = true;
}

/* --- import ------------------------------------------------------------ */

struct prev_ctx {
    char path[PATH_MAX];
    char published[64];
    bool found;
};

static int prev_cb(const struct store_list_version *v, void *ctx)
{
    struct prev_ctx *p = ctx;

    snprintf(p->path, sizeof(p->path), "%s", v->path);
    snprintf(p->published, sizeof(p->published), "%s",
             v->published ? v->published : "");
    p->found = true;
    return 1;
}

static int diff_cb(enum list_change what, const struct list_entry *old_e,
                   const struct list_entry *new_e, void *ctx)
{
    struct screen_import_report *r = ctx;
    const struct list_entry *en = new_e ? new_e : old_e;
    struct screen_change *c;

    ALLOC_GROW(r->changes, r->nchanges + 1, r->achanges);
    c = &r->changes[r->nchanges++];
    c->what = what;
    c->entry_id = arena_strdup(&r->arena, en->id);
    c->name = arena_strdup(&r->arena, en->nnames ? en->names[0].full : "");
    return 0;
}

static enum err_code screen_and_record(struct store *st, const struct list *l,
                                       int64_t version,
                                       struct screen_import_report *rep,
                                       struct err *e)
{
    struct persons ps;
    struct screen_index *si;
    enum err_code rc;

    rc = persons_load(st, &ps, e);
    if (rc != ERR_OK) {
        persons_release(&ps);
        return rc;
    }
    si = screen_index_new();
    rc = screen_index_add(si, l, NULL, e);
    if (rc == ERR_OK)
        screen_index_build(si);
    for (size_t i = 0; i < ps.n && rc == ERR_OK; i++) {
        struct screen_query q;
        struct screen_result res = SCREEN_RESULT_INIT;

        if (ps.v[i].fictional)
            continue; /* never tie a fictional record to a real listing */
        person_query(&ps.v[i], &q);
        rc = screen_query(si, &q, SCREEN_THRESHOLD, &res, e);
        for (size_t k = 0; k < res.nalerts && rc == ERR_OK; k++) {
            const struct screen_alert *a = &res.alerts[k];
            struct store_alert sa;
            bool created = false;
            int64_t id = 0;

            memset(&sa, 0, sizeof(sa));
            sa.person_id = ps.v[i].id;
            sa.version_id = version;
            sa.source = l->source;
            sa.jurisdiction = l->jurisdiction;
            sa.entry_id = a->entry->id;
            sa.score = a->score;
            sa.query_name = a->query_name >= 0 ? q.names[a->query_name] : "";
            sa.matched_name = a->matched_name;
            sa.program = a->entry->program;
            sa.listed = a->entry->listed;
            sa.explain = a->explain;
            rc = store_alert_add(st, &sa, &created, &id, e);
            if (rc == ERR_OK && created) {
                struct screen_new_alert *na;

                ALLOC_GROW(rep->alerts, rep->nalerts + 1, rep->aalerts);
                na = &rep->alerts[rep->nalerts++];
                na->alert_id = id;
                na->person_id = arena_strdup(&rep->arena, ps.v[i].id);
                na->person_caption = arena_strdup(&rep->arena, ps.v[i].caption);
                na->entry_id = arena_strdup(&rep->arena, a->entry->id);
                na->matched_name = arena_strdup(&rep->arena, a->matched_name);
                na->score = a->score;
                na->explain = arena_strdup(&rep->arena, a->explain);
            }
        }
        screen_result_release(&res);
    }
    rep->persons_screened = ps.n;
    screen_index_free(si);
    persons_release(&ps);
    return rc;
}

enum err_code screen_case_import(struct store *st, const char *case_dir,
                                 const char *path,
                                 struct screen_import_report *rep,
                                 struct err *e)
{
    struct list l, old;
    char rel[PATH_MAX];
    struct prev_ctx prev;
    struct store_list_version v;
    enum err_code rc;

    list_init(&l);
    list_init(&old);
    rep->path = arena_strdup(&rep->arena, path);
    rc = list_load(path, &l, e);
    if (rc != ERR_OK)
        goto out;
    if (l.nentries == 0) {
        rc = err_set(e, ERR_INVALID, "list '%s' has no entries", path);
        goto out;
    }
    rep->source = arena_strdup(&rep->arena, l.source ? l.source : "unknown");
    rep->jurisdiction =
        arena_strdup(&rep->arena, l.jurisdiction ? l.jurisdiction : "");
    rep->format = arena_strdup(&rep->arena, l.format ? l.format : "");
    rep->published =
        l.published ? arena_strdup(&rep->arena, l.published) : NULL;
    rep->entries = l.nentries;
    rc = hash_and_copy(path, case_dir, rep->hash, rel, sizeof(rel), e);
    if (rc != ERR_OK)
        goto out;

    memset(&prev, 0, sizeof(prev));
    rc = store_list_version_latest(st, rep->source, prev_cb, &prev, e);
    if (rc == ERR_NOTFOUND) {
        err_clear(e);
        rc = ERR_OK;
    }
    if (rc != ERR_OK)
        goto out;
    if (prev.found) {
        char full[PATH_MAX];

        if (!pjoin(full, sizeof(full), case_dir, prev.path)) {
            rc = err_set(e, ERR_TOOBIG, "case path too long");
            goto out;
        }
        rep->had_previous = true;
        rep->previous_published =
            prev.published[0] ? arena_strdup(&rep->arena, prev.published)
                              : NULL;
        rc = list_load(full, &old, e);
        if (rc != ERR_OK) {
            err_prefix(e, "cannot re-read the previous version: ");
            goto out;
        }
        list_diff(&old, &l, diff_cb, rep, &rep->diff);
    }

    rc = store_begin(st, e);
    if (rc != ERR_OK)
        goto out;
    memset(&v, 0, sizeof(v));
    v.source = rep->source;
    v.jurisdiction = rep->jurisdiction;
    v.format = rep->format;
    v.published = rep->published;
    v.file_hash = rep->hash;
    v.path = rel;
    v.origin = path;
    v.entries = (int64_t)l.nentries;
    rc = store_list_version_add(st, &v, &rep->version_id, e);
    if (rc == ERR_CONFLICT) {
        store_rollback(st);
        err_clear(e);
        rep->already_held = true;
        rep->nchanges = 0;
        memset(&rep->diff, 0, sizeof(rep->diff));
        rc = ERR_OK;
        goto out;
    }
    if (rc == ERR_OK)
        rc = screen_and_record(st, &l, rep->version_id, rep, e);
    if (rc == ERR_OK)
        rc = store_commit(st, e);
    else
        store_rollback(st);
out:
    list_release(&old);
    list_release(&l);
    return rc;
}

/* --- gap report ---------------------------------------------------------- */

const char *screen_gap_status_name(enum screen_gap_status s)
{
    switch (s) {
    case SCREEN_GAP_NO_LIST:
        return "no list held";
    case SCREEN_GAP_NOT_LISTED:
        return "not designated";
    case SCREEN_GAP_PENDING:
        return "alert to review";
    case SCREEN_GAP_DESIGNATED:
        return "designated";
    }
    return "?";
}

static int jur_index(const char *j)
{
    for (int i = 0; i < SCREEN_NJUR; i++)
        if (j && strcasecmp(j, screen_jurisdictions[i]) == 0)
            return i;
    if (j && strcasecmp(j, "gb") == 0)
        return 1;
    return -1;
}

/* Jurisdiction of a Designation from its country or authority text. */
static int jur_of_designation(const char *country, const char *authority)
{
    static const struct {
        const char *needle;
        int jur;
    } words[] = {
        {"United Nations", 5}, {"Security Council", 5},
        {"European", 2},       {"OFAC", 0},
        {"Treasury", 0},       {"State Department", 0},
        {"OFSI", 1},           {"FCDO", 1},
        {"United Kingdom", 1}, {"Canada", 3},
        {"Global Affairs", 3}, {"DFAT", 4},
        {"Australia", 4},
    };
    int j = jur_index(country);

    if (j >= 0)
        return j;
    for (size_t i = 0; authority && i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(authority, words[i].needle))
            return words[i].jur;
    return -1;
}

struct gap_ctx {
    struct store *st;
    struct arena arena;
    struct screen_gap_row row;
    bool held[SCREEN_NJUR];
    const char *held_date[SCREEN_NJUR];
    /* one Designation being read */
    const char *d_country, *d_authority, *d_program, *d_date, *d_record;
};

static int held_cb(const struct store_list_version *v, void *ctx)
{
    struct gap_ctx *g = ctx;
    int j = jur_index(v->jurisdiction);

    if (j >= 0) {
        g->held[j] = true;
        char d[64];

        if (v->published)
            snprintf(d, sizeof(d), "%s", v->published);
        else
            snprintf(d, sizeof(d), "imported %.10s", v->imported_at);
        g->held_date[j] = arena_strdup(&g->arena, d);
    }
    return 0;
}

static int desig_stmt_cb(const struct store_stmt *s, void *ctx)
{
    struct gap_ctx *g = ctx;
    const char *v = arena_strdup(&g->arena, s->value);

    if (strcmp(s->prop, "country") == 0 && !g->d_country)
        g->d_country = v;
    else if (strcmp(s->prop, "authority") == 0 && !g->d_authority)
        g->d_authority = v;
    else if (strcmp(s->prop, "program") == 0 && !g->d_program)
        g->d_program = v;
    else if ((strcmp(s->prop, "listingDate") == 0 ||
              strcmp(s->prop, "startDate") == 0) &&
             !g->d_date)
        g->d_date = v;
    else if ((strcmp(s->prop, "recordId") == 0 ||
              strcmp(s->prop, "authorityId") == 0 ||
              strcmp(s->prop, "unscId") == 0) &&
             !g->d_record)
        g->d_record = v;
    return 0;
}

static int desig_ref_cb(const struct store_stmt *s, void *ctx)
{
    struct gap_ctx *g = ctx;
    struct err e = ERR_INIT;
    int j;
    struct screen_gap_cell *c;

    g->d_country = g->d_authority = g->d_program = g->d_date = g->d_record =
        NULL;
    if (store_stmt_each(g->st, s->entity_id, 0, desig_stmt_cb, g, &e) != ERR_OK)
        return 0;
    j = jur_of_designation(g->d_country, g->d_authority);
    if (j < 0)
        return 0;
    c = &g->row.cell[j];
    if (c->status == SCREEN_GAP_DESIGNATED)
        return 0;
    c->status = SCREEN_GAP_DESIGNATED;
    c->program = g->d_program;
    c->date = g->d_date;
    c->entry_id = g->d_record;
    c->via = "case designation";
    return 0;
}

static int alert_gap_cb(const struct store_alert *a, void *ctx)
{
    struct gap_ctx *g = ctx;
    int j = jur_index(a->jurisdiction);
    struct screen_gap_cell *c;
    char via[48];

    if (j < 0)
        return 0;
    c = &g->row.cell[j];
    snprintf(via, sizeof(via), "alert %lld", (long long)a->id);
    if (a->decision && strcmp(a->decision, "match") == 0) {
        if (c->status == SCREEN_GAP_DESIGNATED)
            return 0;
        c->status = SCREEN_GAP_DESIGNATED;
    } else if (!a->decision || strcmp(a->decision, "unsure") == 0) {
        if (c->status >= SCREEN_GAP_PENDING)
            return 0;
        c->status = SCREEN_GAP_PENDING;
    } else {
        return 0; /* decided no-match */
    }
    c->program = a->program ? arena_strdup(&g->arena, a->program) : NULL;
    c->date = a->listed ? arena_strdup(&g->arena, a->listed) : NULL;
    c->entry_id = arena_strdup(&g->arena, a->entry_id);
    c->via = arena_strdup(&g->arena, via);
    return 0;
}

struct idlist {
    char **v;
    size_t n, alloc;
};

static int gap_person_cb(const struct store_entity *en, void *ctx)
{
    struct idlist *l = ctx;

    ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = xstrdup(en->id);
    return 0;
}

enum err_code screen_gaps(struct store *st, screen_gap_cb cb, void *ctx,
                          struct err *e)
{
    struct gap_ctx g;
    struct idlist ids = {NULL, 0, 0};
    enum err_code rc;

    memset(&g, 0, sizeof(g));
    g.st = st;
    arena_init(&g.arena, 0);
    rc = store_list_version_each(st, true, held_cb, &g, e);
    if (rc == ERR_OK)
        rc = store_entity_each(st, "Person", gap_person_cb, &ids, e);
    for (size_t i = 0; i < ids.n && rc == ERR_OK; i++) {
        char *cap = NULL;
        struct err ce = ERR_INIT;

        memset(&g.row, 0, sizeof(g.row));
        g.row.person_id = ids.v[i];
        if (case_caption(st, ids.v[i], &cap, &ce) == ERR_OK) {
            g.row.caption = arena_strdup(&g.arena, cap);
            free(cap);
        } else {
            g.row.caption = ids.v[i];
        }
        for (int j = 0; j < SCREEN_NJUR; j++) {
            g.row.cell[j].status =
                g.held[j] ? SCREEN_GAP_NOT_LISTED : SCREEN_GAP_NO_LIST;
            if (g.held[j]) {
                char via[96];

                snprintf(via, sizeof(via), "list %s",
                         g.held_date[j] ? g.held_date[j] : "held");
                g.row.cell[j].via = arena_strdup(&g.arena, via);
            }
        }
        rc = store_stmt_find(st, "entity", ids.v[i], desig_ref_cb, &g, e);
        if (rc == ERR_OK)
            rc = store_alert_each(st, ids.v[i], alert_gap_cb, &g, e);
        if (rc == ERR_OK && cb(&g.row, ctx))
            break;
    }
    for (size_t i = 0; i < ids.n; i++)
        free(ids.v[i]);
    free(ids.v);
    arena_release(&g.arena);
    return rc;
}

/* --- demo ------------------------------------------------------------ */

static const char *const demo_lists[] = {
    "ofac/sdn-2024-05-03.csv",  "un/consolidated-2026-02-27.xml",
    "uk/derived-2026-04",       "au/regulation8_consolidated-2024-11.xlsx",
    "ca/sema-lmes-2020-04.xml",
};

static bool find_data_dir(char *out, size_t outsz)
{
    const char *env = getenv("DOSSIER_DATA");
    char exe[PATH_MAX];
    ssize_t n;

    if (env && *env) {
        snprintf(out, outsz, "%s/lists", env);
        if (access(out, F_OK) == 0)
            return true;
    }
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        char *slash;

        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* build-xyz/dossier -> ../data ; build-xyz/tests/x -> ../../ */
            if (pjoin(out, outsz, exe, "../data/lists") &&
                access(out, F_OK) == 0)
                return true;
            if (pjoin(out, outsz, exe, "../../data/lists") &&
                access(out, F_OK) == 0)
                return true;
        }
    }
    snprintf(out, outsz, "data/lists");
    return access(out, F_OK) == 0;
}

enum err_code screen_demo_extend(struct store *st, const char *case_dir,
                                 size_t *nimported, struct err *e)
{
    char dir[PATH_MAX];
    size_t n = 0;

    if (nimported)
        *nimported = 0;
    if (!find_data_dir(dir, sizeof(dir)))
        return ERR_OK;
    for (size_t i = 0; i < sizeof(demo_lists) / sizeof(demo_lists[0]); i++) {
        char path[PATH_MAX];
        struct screen_import_report rep;
        enum err_code rc;

        if (!pjoin(path, sizeof(path), dir, demo_lists[i]) ||
            access(path, F_OK) != 0)
            continue;
        screen_import_report_init(&rep);
        rc = screen_case_import(st, case_dir, path, &rep, e);
        screen_import_report_release(&rep);
        if (rc != ERR_OK)
            return rc;
        n++;
    }
    if (nimported)
        *nimported = n;
    return ERR_OK;
}
