/*
 * regime: reads and validates the regime data files (regime.h). The
 * vocabularies below are the only place violation categories, roles and
 * identifier keys are named; the regime files must use them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier/regime.h"
#include "formats/json.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct vocab {
    const char *key;
    const char *label;
};

static const struct vocab idents[] = {
    {"name-latin", "Name (Latin script)"},
    {"name-han", "Name (Chinese characters)"},
    {"alias", "Other names and romanisations"},
    {"birth-date", "Date of birth"},
    {"birth-place", "Place of birth"},
    {"nationality", "Nationality"},
    {"gender", "Gender"},
    {"hkid", "HKID number"},
    {"passport", "Passport number"},
    {"address", "Address"},
    {"position", "Position held"},
    {"warrant-number", "Warrant card number"},
};

static const struct vocab violations[] = {
    {"killing", "Killing"},
    {"torture", "Torture"},
    {"ill-treatment", "Cruel, inhuman or degrading treatment"},
    {"excessive-force", "Excessive use of force"},
    {"sexual-violence", "Sexual and gender-based violence"},
    {"arbitrary-detention", "Arbitrary arrest or detention"},
    {"enforced-disappearance", "Enforced disappearance"},
    {"extrajudicial-rendition", "Extrajudicial rendition"},
    {"slavery-forced-labour", "Slavery or forced labour"},
    {"assembly-restriction", "Violation of freedom of assembly"},
    {"expression-restriction", "Violation of freedom of expression"},
    {"autonomy-undermining", "Undermining Hong Kong's autonomy"},
    {"nsl-enforcement", "Implementing the National Security Law"},
    {"corruption-bribery", "Bribery"},
    {"corruption-misappropriation", "Misappropriation of property"},
};

static const char *const roles[] = {
    "direct",  "commanded",   "ordered",
    "present", "facilitated", "responsible-official",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *vocab_label(const struct vocab *v, size_t n, const char *key)
{
    for (size_t i = 0; key && i < n; i++)
        if (strcmp(v[i].key, key) == 0)
            return v[i].label;
    return NULL;
}

const char *regime_ident_label(const char *key)
{
    return vocab_label(idents, NELEM(idents), key);
}

const char *regime_violation_label(const char *key)
{
    return vocab_label(violations, NELEM(violations), key);
}

bool regime_role_is_known(const char *role)
{
    for (size_t i = 0; role && i < NELEM(roles); i++)
        if (strcmp(roles[i], role) == 0)
            return true;
    return false;
}

/* --- parsing -------------------------------------------------------------*/

struct rp {
    const char *name; /* file name for messages */
    struct arena *a;
    struct err *e;
};

static enum err_code bad(struct rp *p, const char *field, const char *what)
{
    return err_set(p->e, ERR_INVALID, "regime file '%s': %s %s", p->name, field,
                   what);
}

/* A string of 1 to max bytes without NUL bytes, or NULL. */
static const char *plain_str(const struct json_val *v, size_t max)
{
    size_t len = 0;
    const char *s = json_val_string(v, &len);

    if (!s || len == 0 || len > max || strlen(s) != len)
        return NULL;
    return s;
}

static enum err_code get_str(struct rp *p, const struct json_val *obj,
                             const char *key, bool required, const char **out)
{
    const struct json_val *v = json_val_member(obj, key);
    const char *s;
    size_t len = 0;

    *out = NULL;
    if (!v) {
        if (required)
            return bad(p, key, "is missing");
        return ERR_OK;
    }
    s = json_val_string(v, &len);
    if (!s)
        return bad(p, key, "must be a string");
    if (len == 0 || len > 16384)
        return bad(p, key, "must be 1 to 16384 bytes long");
    if (strlen(s) != len)
        return bad(p, key, "holds a NUL byte");
    *out = arena_strdup(p->a, s);
    return ERR_OK;
}

static enum err_code get_bool(struct rp *p, const struct json_val *obj,
                              const char *key, bool *out)
{
    const struct json_val *v = json_val_member(obj, key);

    if (!v)
        return bad(p, key, "is missing (true or false)");
    if (!json_val_is_bool(v))
        return bad(p, key, "must be true or false");
    *out = json_val_bool(v);
    return ERR_OK;
}

static enum err_code get_point(struct rp *p, const struct json_val *obj,
                               const char *key, struct regime_point *out)
{
    const struct json_val *v = json_val_member(obj, key);
    enum err_code rc;

    if (!v)
        return bad(p, key, "is missing");
    if (!json_val_is_object(v))
        return bad(p, key, "must be an object {text, verified, source}");
    rc = get_str(p, v, "text", true, &out->text);
    if (!rc)
        rc = get_bool(p, v, "verified", &out->verified);
    if (!rc)
        rc = get_str(p, v, "source", true, &out->source);
    if (rc)
        err_prefix(p->e, "%s", key);
    return rc;
}

enum check_kind { CHECK_NONE, CHECK_IDENT, CHECK_VIOLATION, CHECK_ROLE };

static enum err_code get_strs(struct rp *p, const struct json_val *obj,
                              const char *key, bool required,
                              enum check_kind check, const char ***out,
                              size_t *n)
{
    const struct json_val *v = json_val_member(obj, key);

    *out = NULL;
    *n = 0;
    if (!v)
        return required ? bad(p, key, "is missing") : ERR_OK;
    if (!json_val_is_array(v))
        return bad(p, key, "must be an array of strings");
    if (json_val_size(v) > REGIME_ARRAY_MAX)
        return err_set(p->e, ERR_TOOBIG,
                       "regime file '%s': %s has more than %u "
                       "entries",
                       p->name, key, REGIME_ARRAY_MAX);
    if (required && json_val_size(v) == 0)
        return bad(p, key, "must not be empty");
    *out = arena_calloc(p->a, json_val_size(v) + 1, sizeof(**out));
    for (size_t i = 0; i < json_val_size(v); i++) {
        const char *s = plain_str(json_val_at(v, i), 4096);

        if (!s)
            return bad(p, key, "must hold non-empty strings");
        if (check == CHECK_IDENT && !regime_ident_label(s))
            return err_set(p->e, ERR_INVALID,
                           "regime file '%s': %s: unknown identifier '%s' "
                           "(known: name-latin, name-han, alias, birth-date, "
                           "birth-place, nationality, gender, hkid, passport, "
                           "address, position, warrant-number)",
                           p->name, key, s);
        if (check == CHECK_VIOLATION && !regime_violation_label(s)) {
            struct strbuf sb = STRBUF_INIT;

            for (size_t k = 0; k < NELEM(violations); k++)
                strbuf_addf(&sb, "%s%s", k ? ", " : "", violations[k].key);
            err_set(p->e, ERR_INVALID,
                    "regime file '%s': %s: unknown violation category '%s' "
                    "(known: %s)",
                    p->name, key, s, sb.buf);
            strbuf_release(&sb);
            return ERR_INVALID;
        }
        if (check == CHECK_ROLE && !regime_role_is_known(s))
            return err_set(p->e, ERR_INVALID,
                           "regime file '%s': %s: unknown role '%s' (known: "
                           "direct, commanded, ordered, present, facilitated, "
                           "responsible-official)",
                           p->name, key, s);
        (*out)[(*n)++] = arena_strdup(p->a, s);
    }
    return ERR_OK;
}

static enum err_code get_criteria(struct rp *p, const struct json_val *root,
                                  struct regime *r)
{
    const struct json_val *v = json_val_member(root, "criteria");
    enum err_code rc = ERR_OK;

    if (!json_val_is_array(v) || json_val_size(v) == 0)
        return bad(p, "criteria", "must be a non-empty array");
    if (json_val_size(v) > REGIME_ARRAY_MAX)
        return err_set(p->e, ERR_TOOBIG, "regime file '%s': too many criteria",
                       p->name);
    r->criteria = arena_calloc(p->a, json_val_size(v), sizeof(*r->criteria));
    for (size_t i = 0; i < json_val_size(v); i++) {
        const struct json_val *it = json_val_at(v, i);
        struct regime_criterion *c = &r->criteria[i];

        if (!json_val_is_object(it))
            return bad(p, "criteria", "must hold objects");
        rc = get_str(p, it, "id", true, &c->id);
        if (!rc)
            rc = get_str(p, it, "text", true, &c->text);
        if (!rc)
            rc = get_bool(p, it, "verified", &c->verified);
        if (!rc)
            rc = get_str(p, it, "source", true, &c->source);
        if (!rc)
            rc = get_strs(p, it, "violations", true, CHECK_VIOLATION,
                          &c->violations, &c->nviolations);
        if (!rc)
            rc = get_strs(p, it, "roles", false, CHECK_ROLE, &c->roles,
                          &c->nroles);
        if (!rc)
            rc = get_strs(p, it, "elements", false, CHECK_NONE, &c->elements,
                          &c->nelements);
        if (rc) {
            err_prefix(p->e, "criterion %zu", i + 1);
            return rc;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(r->criteria[k].id, c->id) == 0)
                return err_set(p->e, ERR_INVALID,
                               "regime file '%s': criterion id '%s' appears "
                               "twice",
                               p->name, c->id);
        r->ncriteria++;
    }
    return ERR_OK;
}

static enum err_code get_roles(struct rp *p, const struct json_val *root,
                               struct regime *r)
{
    const struct json_val *v = json_val_member(root, "roles"), *val;
    const char *key, *limb;
    void *it = NULL;
    size_t i = 0;

    if (!json_val_is_object(v) || json_val_size(v) == 0)
        return bad(p, "roles", "must be a non-empty object {role: limb}");
    r->roles = arena_calloc(p->a, json_val_size(v), sizeof(*r->roles));
    while ((key = json_val_member_next(v, &it, &val)) != NULL) {
        if (!regime_role_is_known(key))
            return err_set(p->e, ERR_INVALID,
                           "regime file '%s': roles: unknown role '%s' (known: "
                           "direct, commanded, ordered, present, facilitated, "
                           "responsible-official)",
                           p->name, key);
        limb = plain_str(val, SIZE_MAX);
        if (!limb)
            return bad(p, "roles", "values must be non-empty strings");
        r->roles[i].role = arena_strdup(p->a, key);
        r->roles[i].limb = arena_strdup(p->a, limb);
        i++;
    }
    r->nroles = i;
    return ERR_OK;
}

static enum err_code get_caveats(struct rp *p, const struct json_val *root,
                                 struct regime *r)
{
    const struct json_val *v = json_val_member(root, "caveats");
    enum err_code rc;

    if (!v)
        return ERR_OK;
    if (!json_val_is_array(v) || json_val_size(v) > REGIME_ARRAY_MAX)
        return bad(p, "caveats", "must be an array of at most 256 points");
    r->caveats = arena_calloc(p->a, json_val_size(v) + 1, sizeof(*r->caveats));
    for (size_t i = 0; i < json_val_size(v); i++) {
        const struct json_val *it = json_val_at(v, i);
        struct regime_point *pt = &r->caveats[i];

        if (!json_val_is_object(it))
            return bad(p, "caveats", "must hold objects");
        rc = get_str(p, it, "text", true, &pt->text);
        if (!rc)
            rc = get_bool(p, it, "verified", &pt->verified);
        if (!rc)
            rc = get_str(p, it, "source", true, &pt->source);
        if (rc) {
            err_prefix(p->e, "caveat %zu", i + 1);
            return rc;
        }
        r->ncaveats++;
    }
    return ERR_OK;
}

enum err_code regime_parse(const char *text, size_t len, const char *name,
                           struct arena *a, struct regime *out, struct err *e)
{
    struct rp p = {name ? name : "(memory)", a, e};
    struct json_doc *doc = NULL;
    const struct json_val *root, *v;
    const char *format = NULL;
    enum err_code rc;

    memset(out, 0, sizeof(*out));
    if (len > REGIME_FILE_MAX)
        return err_set(e, ERR_TOOBIG,
                       "regime file '%s' is larger than %u bytes", p.name,
                       REGIME_FILE_MAX);
    rc = json_doc_parse(text, len, REGIME_FILE_MAX, &doc, e);
    if (rc) {
        err_prefix(e, "regime file '%s'", p.name);
        return rc;
    }
    root = json_doc_root(doc);
    if (!json_val_is_object(root)) {
        json_doc_free(doc);
        return bad(&p, "the top level", "must be an object");
    }
    rc = get_str(&p, root, "format", true, &format);
    if (!rc && strcmp(format, "dossier-regime/1") != 0)
        rc = bad(&p, "format", "must be \"dossier-regime/1\"");
    if (!rc)
        rc = get_str(&p, root, "id", true, &out->id);
    if (!rc && name && strcmp(out->id, name) != 0)
        rc = err_set(e, ERR_INVALID,
                     "regime file '%s': id '%s' differs from the file name",
                     p.name, out->id);
    if (!rc)
        rc = get_str(&p, root, "name", true, &out->name);
    if (!rc)
        rc = get_str(&p, root, "short", true, &out->short_name);
    if (!rc)
        rc = get_str(&p, root, "jurisdiction", true, &out->jurisdiction);
    if (!rc)
        rc = get_str(&p, root, "authority", true, &out->authority);
    if (!rc)
        rc = get_point(&p, root, "legal_basis", &out->legal_basis);
    if (!rc)
        rc = get_point(&p, root, "who_can_be_listed", &out->who);
    if (!rc)
        rc = get_point(&p, root, "standard_of_proof", &out->proof);
    if (!rc)
        rc = get_point(&p, root, "submission_route", &out->route);
    if (!rc)
        rc = get_caveats(&p, root, out);
    if (!rc) {
        v = json_val_member(root, "identifiers");
        if (!json_val_is_object(v))
            rc =
                bad(&p, "identifiers", "must be an object {required, helpful}");
        if (!rc)
            rc = get_strs(&p, v, "required", true, CHECK_IDENT,
                          &out->required_ids, &out->nrequired_ids);
        if (!rc)
            rc = get_strs(&p, v, "helpful", false, CHECK_IDENT,
                          &out->helpful_ids, &out->nhelpful_ids);
    }
    if (!rc)
        rc = get_roles(&p, root, out);
    if (!rc)
        rc = get_criteria(&p, root, out);
    if (!rc) {
        v = json_val_member(root, "designations");
        if (v && !json_val_is_object(v))
            rc = bad(&p, "designations", "must be an object");
        else if (v) {
            rc = get_strs(&p, v, "authorities", false, CHECK_NONE,
                          &out->desig_authorities, &out->ndesig_authorities);
            if (!rc)
                rc = get_strs(&p, v, "programs", false, CHECK_NONE,
                              &out->desig_programs, &out->ndesig_programs);
        }
    }
    if (!rc)
        rc = get_strs(&p, root, "sources", true, CHECK_NONE, &out->sources,
                      &out->nsources);
    for (size_t i = 0; !rc && i < out->ncriteria; i++) {
        const struct regime_criterion *c = &out->criteria[i];

        for (size_t k = 0; k < c->nroles; k++)
            if (!regime_role_limb(out, c->roles[k]))
                rc = err_set(e, ERR_INVALID,
                             "regime file '%s': criterion '%s' accepts role "
                             "'%s' that the regime's roles do not describe",
                             p.name, c->id, c->roles[k]);
    }
    json_doc_free(doc);
    if (rc)
        memset(out, 0, sizeof(*out));
    return rc;
}

/* --- sets ---------------------------------------------------------------*/

static int by_id(const void *a, const void *b)
{
    const struct regime *x = a, *y = b;
    return strcmp(x->id, y->id);
}

static enum err_code read_file(const char *path, struct strbuf *sb,
                               struct err *e)
{
    char buf[8192];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f)
        return err_set(e, ERR_IO, "cannot open regime file '%s': %s", path,
                       strerror(errno));
    strbuf_init(sb, REGIME_FILE_MAX + 1);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (strbuf_add(sb, buf, n)) {
            fclose(f);
            return err_set(e, ERR_TOOBIG,
                           "regime file '%s' is larger than %u bytes", path,
                           REGIME_FILE_MAX);
        }
    if (ferror(f)) {
        fclose(f);
        return err_set(e, ERR_IO, "cannot read regime file '%s'", path);
    }
    fclose(f);
    return ERR_OK;
}

enum err_code regime_set_load(const char *dir, struct regime_set *out,
                              struct err *e)
{
    DIR *d;
    struct dirent *de;
    size_t alloc = 0;
    enum err_code rc = ERR_OK;

    memset(out, 0, sizeof(*out));
    arena_init(&out->arena, 0);
    d = opendir(dir);
    if (!d)
        return err_set(e, ERR_NOTFOUND,
                       "cannot open the regimes folder '%s' (set "
                       "$DOSSIER_REGIMES or use --regimes DIR)",
                       dir);
    out->dir = arena_strdup(&out->arena, dir);
    while (!rc && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
        char *name;

        if (len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0 ||
            de->d_name[0] == '.')
            continue;
        if (out->n >= REGIME_ARRAY_MAX) {
            rc = err_set(e, ERR_TOOBIG, "more than %u regime files in '%s'",
                         REGIME_ARRAY_MAX, dir);
            break;
        }
        name = xstrndup(de->d_name, len - 5);
        strbuf_addf(&path, "%s/%s", dir, de->d_name);
        rc = read_file(path.buf, &text, e);
        ALLOC_GROW(out->items, out->n + 1, alloc);
        if (!rc)
            rc = regime_parse(text.buf, text.len, name, &out->arena,
                              &out->items[out->n], e);
        if (!rc)
            out->n++;
        free(name);
        strbuf_release(&path);
        strbuf_release(&text);
    }
    closedir(d);
    if (!rc && out->n == 0)
        rc = err_set(e, ERR_NOTFOUND, "no regime files (*.json) in '%s'", dir);
    if (rc) {
        regime_set_release(out);
        return rc;
    }
    if (out->n)
        qsort(out->items, out->n, sizeof(*out->items), by_id);
    return ERR_OK;
}

void regime_set_release(struct regime_set *rs)
{
    free(rs->items);
    rs->items = NULL;
    rs->n = 0;
    arena_release(&rs->arena);
}

const struct regime *regime_set_find(const struct regime_set *rs,
                                     const char *id)
{
    for (size_t i = 0; id && i < rs->n; i++)
        if (strcmp(rs->items[i].id, id) == 0)
            return &rs->items[i];
    return NULL;
}

enum err_code regime_set_get(const struct regime_set *rs, const char *id,
                             const struct regime **out, struct err *e)
{
    struct strbuf sb = STRBUF_INIT;

    *out = regime_set_find(rs, id);
    if (*out)
        return ERR_OK;
    for (size_t i = 0; i < rs->n; i++)
        strbuf_addf(&sb, "%s%s", i ? ", " : "", rs->items[i].id);
    err_set(e, ERR_NOTFOUND, "unknown regime '%s' (choose one of: %s)",
            id ? id : "", sb.buf);
    strbuf_release(&sb);
    return ERR_NOTFOUND;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void regime_default_dir(char *out, size_t n)
{
    const char *env = getenv("DOSSIER_REGIMES");
    char exe[4096];
    ssize_t len;

    if (env && *env) {
        snprintf(out, n, "%s", env);
        return;
    }
    len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (len > 0) {
        char *slash;
        const char *const ups[] = {"/regimes", "/../regimes", "/../../regimes",
                                   "/../share/dossier/regimes"};

        exe[len] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            for (size_t i = 0; i < NELEM(ups); i++) {
                snprintf(out, n, "%s%s", exe, ups[i]);
                if (is_dir(out))
                    return;
            }
        }
    }
    snprintf(out, n, "regimes");
}

const char *regime_role_limb(const struct regime *r, const char *role)
{
    for (size_t i = 0; role && i < r->nroles; i++)
        if (strcmp(r->roles[i].role, role) == 0)
            return r->roles[i].limb;
    return NULL;
}

bool regime_criterion_accepts_role(const struct regime *r,
                                   const struct regime_criterion *c,
                                   const char *role)
{
    if (!regime_role_limb(r, role))
        return false;
    if (!c->roles)
        return true;
    for (size_t i = 0; i < c->nroles; i++)
        if (strcmp(c->roles[i], role) == 0)
            return true;
    return false;
}

bool regime_criterion_has_violation(const struct regime_criterion *c,
                                    const char *violation)
{
    for (size_t i = 0; violation && i < c->nviolations; i++)
        if (strcmp(c->violations[i], violation) == 0)
            return true;
    return false;
}
