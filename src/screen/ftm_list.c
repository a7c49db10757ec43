/*
 * ftm_list: OpenSanctions FollowTheMoney JSON lines into the list model,
 * and OpenSanctions delta files ({"op":"ADD"|"MOD"|"DEL","entity":{..}}),
 * through formats/ftm (the project's jansson wrapper).
 *
 * Entries are the Person, Organization, Company, LegalEntity, PublicBody,
 * Vessel and Airplane entities. Sanction entities give their target
 * (property "entity") its program, authority and listing date; Passport
 * and Identification entities give their holder an identifier. Other
 * schemata (Ownership, Family, Address ...) are skipped. Both may come
 * before or after their target, so they are applied at the end.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/ftm.h"
#include "screen/importers.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct ftm_ctx {
    struct list *l;
    struct arena side;        /* pending sanctions and documents */
    struct ftm_entity *later; /* Sanction/Passport/Identification */
    size_t nlater, alloc;
};

static enum list_type type_of(const char *schema)
{
    static const char *const entities[] = {"Organization", "Company",
                                           "LegalEntity", "PublicBody", NULL};

    if (strcmp(schema, "Person") == 0)
        return LIST_TYPE_PERSON;
    if (strcmp(schema, "Vessel") == 0)
        return LIST_TYPE_VESSEL;
    if (strcmp(schema, "Airplane") == 0)
        return LIST_TYPE_AIRCRAFT;
    for (size_t i = 0; entities[i]; i++)
        if (strcmp(schema, entities[i]) == 0)
            return LIST_TYPE_ENTITY;
    return LIST_TYPE_UNKNOWN;
}

static bool is_later(const char *schema)
{
    return strcmp(schema, "Sanction") == 0 || strcmp(schema, "Passport") == 0 ||
           strcmp(schema, "Identification") == 0;
}

struct ident_prop {
    const char *prop;
    const char *type;
};

static const struct ident_prop ident_props[] = {
    {"passportNumber", "passport"},
    {"idNumber", "national id"},
    {"taxNumber", "tax id"},
    {"innCode", "tax id"},
    {"ogrnCode", "registration number"},
    {"registrationNumber", "registration number"},
    {"leiCode", "lei"},
    {"imoNumber", "imo"},
    {"mmsi", "mmsi"},
    {"swiftBic", "swift"},
    {"callSign", "call sign"},
    {"registrationNumber", "registration number"},
};

static void fill(struct list *l, struct list_entry *en,
                 const struct ftm_entity *f)
{
    bool have_primary = false;

    en->type = type_of(f->schema);
    for (size_t i = 0; i < f->nvalues; i++) {
        const char *p = f->values[i].prop, *v = f->values[i].value;

        if (strcmp(p, "name") == 0) {
            list_add_name(l, en, v,
                          have_primary ? LIST_NAME_AKA : LIST_NAME_PRIMARY);
            have_primary = true;
        }
    }
    for (size_t i = 0; i < f->nvalues; i++) {
        const char *p = f->values[i].prop, *v = f->values[i].value;

        if (strcmp(p, "alias") == 0)
            list_add_name(l, en, v, LIST_NAME_AKA);
        else if (strcmp(p, "weakAlias") == 0)
            list_add_name(l, en, v, LIST_NAME_WEAK);
        else if (strcmp(p, "previousName") == 0)
            list_add_name(l, en, v, LIST_NAME_FKA);
        else if (strcmp(p, "birthDate") == 0)
            list_add_dob(l, en, v);
        else if (strcmp(p, "birthPlace") == 0)
            list_add_pob(l, en, v);
        else if (strcmp(p, "nationality") == 0)
            list_add_nationality(l, en, v);
        else if (strcmp(p, "citizenship") == 0)
            list_add_citizenship(l, en, v);
        else if (strcmp(p, "gender") == 0)
            en->gender = strcmp(v, "male") == 0     ? "male"
                         : strcmp(v, "female") == 0 ? "female"
                                                    : en->gender;
        else if (strcmp(p, "position") == 0 && !en->title)
            en->title = list_strdup(l, v);
        else if (strcmp(p, "address") == 0)
            list_add_address(l, en, v, NULL);
        else if (strcmp(p, "notes") == 0)
            list_add_remark(l, en, v);
        else if (strcmp(p, "program") == 0)
            list_add_program(l, en, v);
        else if (strcmp(p, "flag") == 0 && en->type == LIST_TYPE_VESSEL)
            list_add_nationality(l, en, v);
        else {
            for (size_t k = 0; k < sizeof(ident_props) / sizeof(ident_props[0]);
                 k++)
                if (strcmp(p, ident_props[k].prop) == 0) {
                    struct list_ident d = {
                        ident_props[k].type, v, NULL, NULL, NULL, NULL};

                    list_add_ident(l, en, &d);
                    break;
                }
        }
    }
    /* FtM keeps no primary/alias split beyond "name": use the id. */
    if (!en->nnames)
        list_add_name(l, en, en->id, LIST_NAME_PRIMARY);
}

static const char *prop1(const struct ftm_entity *f, const char *prop)
{
    for (size_t i = 0; i < f->nvalues; i++)
        if (strcmp(f->values[i].prop, prop) == 0)
            return f->values[i].value;
    return NULL;
}

/* Deep-copies f into the side arena so it survives the line's arena. */
static void keep_later(struct ftm_ctx *c, const struct ftm_entity *f)
{
    struct ftm_entity *k;

    ALLOC_GROW(c->later, c->nlater + 1, c->alloc);
    k = &c->later[c->nlater++];
    k->id = arena_strdup(&c->side, f->id);
    k->schema = arena_strdup(&c->side, f->schema);
    k->nvalues = f->nvalues;
    k->values =
        arena_calloc(&c->side, f->nvalues ? f->nvalues : 1, sizeof(*k->values));
    for (size_t i = 0; i < f->nvalues; i++) {
        k->values[i].prop = arena_strdup(&c->side, f->values[i].prop);
        k->values[i].value = arena_strdup(&c->side, f->values[i].value);
    }
}

static void apply_later(struct ftm_ctx *c)
{
    struct list *l = c->l;

    for (size_t i = 0; i < c->nlater; i++) {
        const struct ftm_entity *f = &c->later[i];
        bool sanction = strcmp(f->schema, "Sanction") == 0;
        struct list_entry *en =
            list_find(l, prop1(f, sanction ? "entity" : "holder"));

        if (!en)
            continue;
        if (sanction) {
            for (size_t k = 0; k < f->nvalues; k++) {
                const char *p = f->values[k].prop, *v = f->values[k].value;

                if (strcmp(p, "program") == 0 || strcmp(p, "programId") == 0)
                    list_add_program(l, en, v);
                else if (strcmp(p, "listingDate") == 0 && !en->listed)
                    en->listed = list_strdup(l, v);
                else if (strcmp(p, "startDate") == 0 && !en->listed)
                    en->listed = list_strdup(l, v);
            }
        } else {
            struct list_ident d = {0};
            const char *t = prop1(f, "type");

            d.type = strcmp(f->schema, "Passport") == 0 ? "passport"
                                                        : (t ? t : "id");
            d.number = prop1(f, "number");
            d.country = prop1(f, "country");
            d.issued = prop1(f, "startDate");
            d.expires = prop1(f, "endDate");
            list_add_ident(l, en, &d);
        }
    }
}

enum ftm_op { OP_ADD, OP_MOD, OP_DEL };

/* Handles one entity line: a plain entity, or (delta) an op + entity. */
static enum err_code one_line(struct ftm_ctx *c, const char *line, size_t len,
                              bool delta, struct arena *a, struct err *e)
{
    struct ftm_entity f;
    enum ftm_op op = OP_ADD;
    struct list_entry *en;
    enum err_code rc;

    if (delta) {
        const char *ent = strstr(line, "\"entity\"");
        const char *end = line + len;

        if (strncmp(line, "{\"op\":\"MOD\"", 11) == 0)
            op = OP_MOD;
        else if (strncmp(line, "{\"op\":\"DEL\"", 11) == 0)
            op = OP_DEL;
        else if (strncmp(line, "{\"op\":\"ADD\"", 11) != 0)
            return err_set(e, ERR_INVALID,
                           "not a delta line ({\"op\":\"ADD|MOD|DEL\", ...})");
        if (!ent || !(ent = strchr(ent + 8, '{')))
            return err_set(e, ERR_INVALID, "delta line without \"entity\"");
        while (end > ent && (end[-1] == ' ' || end[-1] == '\r'))
            end--;
        if (end <= ent || end[-1] != '}')
            return err_set(e, ERR_INVALID, "delta line not closed");
        end--; /* the outer object's brace */
        if (op == OP_DEL) {
            const char *id = strstr(ent, "\"id\"");
            const char *q1, *q2;
            char buf[256];

            if (!id || !(q1 = strchr(id + 4, '"')) ||
                !(q2 = strchr(q1 + 1, '"')) || q2 - q1 - 1 >= (long)sizeof(buf))
                return err_set(e, ERR_INVALID, "DEL without an entity id");
            snprintf(buf, sizeof(buf), "%.*s", (int)(q2 - q1 - 1), q1 + 1);
            en = list_find(c->l, buf);
            if (en)
                en->deleted = true;
            return ERR_OK;
        }
        len = (size_t)(end - ent);
        line = ent;
    }
    rc = ftm_parse(line, len, a, &f, e);
    if (rc)
        return rc;
    if (is_later(f.schema)) {
        keep_later(c, &f);
        return ERR_OK;
    }
    if (type_of(f.schema) == LIST_TYPE_UNKNOWN)
        return ERR_OK;
    en = list_find(c->l, f.id);
    if (en && (delta || op == OP_MOD)) {
        en->deleted = true; /* replaced below by the new version */
        list_finish(c->l);  /* drop it so the id can be added again */
    }
    rc = list_add_entry(c->l, f.id, &en, e);
    if (rc)
        return rc;
    fill(c->l, en, &f);
    return ERR_OK;
}

static enum err_code read_file(struct ftm_ctx *c, const char *path, bool delta,
                               struct err *e)
{
    FILE *fp = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    enum err_code rc = ERR_OK;
    struct arena a;

    if (!fp)
        return err_set(e, ERR_IO, "cannot open '%s'", path);
    arena_init(&a, 65536);
    while ((n = getline(&line, &cap, fp)) > 0) {
        size_t len = (size_t)n;

        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        if (len > FTM_LINE_MAX) {
            rc = err_set(e, ERR_TOOBIG, "%s:%zu: line too long", path, lineno);
            break;
        }
        line[len] = '\0';
        rc = one_line(c, line, len, delta, &a, e);
        arena_release(&a);
        arena_init(&a, 65536);
        if (rc) {
            err_prefix(e, "%s:%zu", path, lineno);
            break;
        }
    }
    arena_release(&a);
    free(line);
    fclose(fp);
    return rc;
}

static void ctx_init(struct ftm_ctx *c, struct list *l)
{
    memset(c, 0, sizeof(*c));
    c->l = l;
    arena_init(&c->side, 65536);
}

static void ctx_release(struct ftm_ctx *c)
{
    arena_release(&c->side);
    free(c->later);
}

enum err_code list_load_ftm(const char *path, struct list *l, struct err *e)
{
    struct ftm_ctx c;
    enum err_code rc;

    l->source = "opensanctions";
    l->jurisdiction = "";
    l->format = "ftm-json";
    l->path = list_strdup(l, path);
    ctx_init(&c, l);
    rc = read_file(&c, path, false, e);
    if (!rc) {
        apply_later(&c);
        list_finish(l);
    }
    ctx_release(&c);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Version folders (each with entities.delta.json), oldest first. */
static enum err_code delta_files(const char *dir, char ***out, size_t *n,
                                 struct err *e)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t alloc = 0;

    *out = NULL;
    *n = 0;
    if (!d)
        return err_set(e, ERR_IO, "cannot open folder '%s'", dir);
    while ((de = readdir(d)) != NULL) {
        struct strbuf p = STRBUF_INIT;
        struct stat st;

        if (de->d_name[0] == '.')
            continue;
        strbuf_addf(&p, "%s/%s/entities.delta.json", dir, de->d_name);
        if (stat(p.buf, &st) == 0 && S_ISREG(st.st_mode)) {
            ALLOC_GROW(*out, *n + 1, alloc);
            (*out)[(*n)++] = strbuf_detach(&p, NULL);
        } else {
            strbuf_release(&p);
        }
    }
    closedir(d);
    if (*n)
        qsort(*out, *n, sizeof(**out), cmp_str);
    return ERR_OK;
}

enum err_code list_load_ftm_delta(const char *path, struct list *l,
                                  struct err *e)
{
    struct ftm_ctx c;
    struct stat st;
    enum err_code rc = ERR_OK;
    char **files = NULL;
    size_t nfiles = 0;

    l->source = "opensanctions";
    l->jurisdiction = "";
    l->format = "ftm-delta";
    l->path = list_strdup(l, path);
    if (stat(path, &st) != 0)
        return err_set(e, ERR_IO, "cannot open '%s'", path);
    ctx_init(&c, l);
    if (S_ISDIR(st.st_mode)) {
        rc = delta_files(path, &files, &nfiles, e);
        for (size_t i = 0; !rc && i < nfiles; i++)
            rc = read_file(&c, files[i], true, e);
        if (!rc && nfiles) {
            /* The newest version folder names the publication. */
            const char *slash = strrchr(files[nfiles - 1], '/');
            const char *ver = files[nfiles - 1];
            size_t vlen;

            if (slash) {
                const char *prev = slash;

                while (prev > ver && prev[-1] != '/')
                    prev--;
                vlen = (size_t)(slash - prev);
                l->published = list_strndup(l, prev, vlen);
            }
        }
        for (size_t i = 0; i < nfiles; i++)
            free(files[i]);
        free(files);
    } else {
        rc = read_file(&c, path, true, e);
    }
    if (!rc) {
        apply_later(&c);
        list_finish(l);
    }
    ctx_release(&c);
    return rc;
}
