/*
 * check: the completeness check of one target against one regime
 * (dossier.h). Maps the target's links to incidents onto the regime's
 * criteria (violation category x involvement role) and reports what is
 * missing (blocking) or weak, following the safeguards of the product:
 * two independent identifiers, no allegation on one unverified source, a
 * link from the target to the conduct, an exculpatory section, reviewed
 * screening alerts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/dossier.h"
#include "screen/screen_case.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

const char *dossier_severity_name(enum dossier_severity s)
{
    switch (s) {
    case DOSSIER_BLOCKING:
        return "blocking";
    case DOSSIER_WEAK:
        return "weak";
    case DOSSIER_INFO:
        return "info";
    }
    return "info";
}

static void issue(struct dossier_check *c, enum dossier_severity sev,
                  const char *code, const char *crit, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void issue(struct dossier_check *c, enum dossier_severity sev,
                  const char *code, const char *crit, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    struct dossier_issue *x;
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    ALLOC_GROW(c->issues, c->nissues + 1, c->allocissues);
    x = &c->issues[c->nissues++];
    x->severity = sev;
    x->code = code;
    x->criterion = crit;
    x->text = arena_strdup(&c->arena, sb.buf);
    strbuf_release(&sb);
    if (sev == DOSSIER_BLOCKING)
        c->nblocking++;
    else if (sev == DOSSIER_WEAK)
        c->nweak++;
}

static void idx_add_unique(struct dossier_idx *l, size_t i)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->v[k] == i)
            return;
    ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = i;
}

static bool has_fact(const struct dossier_target *t, const char *key)
{
    for (size_t i = 0; i < t->nfacts; i++)
        if (strcmp(t->facts[i].key, key) == 0)
            return true;
    return false;
}

static bool is_identifier(const char *key)
{
    static const char *const keys[] = {
        "birth-date", "birth-place", "hkid",          "passport",
        "id-number",  "address",     "warrant-number"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (strcmp(keys[i], key) == 0)
            return true;
    return false;
}

static void check_identifiers(struct dossier_check *c)
{
    const struct dossier_target *t = c->target;
    const struct regime *r = c->regime;
    const char *srcs[64];
    size_t nsrc = 0, nident = 0, nweak = 0;
    struct strbuf kinds = STRBUF_INIT;

    for (size_t i = 0; i < r->nrequired_ids; i++)
        if (!has_fact(t, r->required_ids[i]))
            issue(c, DOSSIER_BLOCKING, "required-identifier", NULL,
                  "[missing: %s] required by %s",
                  regime_ident_label(r->required_ids[i]), r->short_name);
    for (size_t i = 0; i < r->nhelpful_ids; i++)
        if (!has_fact(t, r->helpful_ids[i]))
            issue(c, DOSSIER_INFO, "helpful-identifier", NULL,
                  "not recorded (helpful for %s): %s", r->short_name,
                  regime_ident_label(r->helpful_ids[i]));
    for (size_t i = 0; i < t->nfacts; i++) {
        const struct dossier_fact *f = &t->facts[i];
        bool seen = false;

        if (!is_identifier(f->key) || f->conf == STORE_CONF_DISPUTED)
            continue;
        nident++;
        if (f->conf == STORE_CONF_POSSIBLE)
            nweak++;
        strbuf_addf(&kinds, "%s%s", kinds.len ? ", " : "", f->key);
        if (!f->source_id)
            continue;
        for (size_t k = 0; k < nsrc; k++)
            if (strcmp(srcs[k], f->source_id) == 0)
                seen = true;
        if (!seen && nsrc < sizeof(srcs) / sizeof(srcs[0]))
            srcs[nsrc++] = f->source_id;
    }
    if (nident < 2)
        issue(c, DOSSIER_BLOCKING, "identifiers", NULL,
              "fewer than two independent identifiers (%zu found%s%s): "
              "[missing: identifier] such as date of birth, HKID, passport "
              "or warrant card number",
              nident, nident ? ": " : "", kinds.buf);
    else if (nsrc < 2)
        issue(c, DOSSIER_BLOCKING, "identifiers", NULL,
              "the %zu identifiers (%s) rest on %s: two independent "
              "identifiers need two sources",
              nident, kinds.buf, nsrc ? "a single source" : "no source");
    else if (nweak == nident)
        issue(c, DOSSIER_WEAK, "identifiers", NULL,
              "every identifier is recorded only as possible");
    strbuf_release(&kinds);
}

static bool exhibit_verified(const struct dossier_exhibit *x)
{
    return x->verification && strcmp(x->verification, "verified") == 0;
}

/* Distinct sources behind an incident: its statements, the target's
 * involvement, its exhibits' sources. */
static size_t incident_sources(const struct dossier_snapshot *s,
                               const struct dossier_incident *in,
                               const struct dossier_link *l, const char **one,
                               bool *verified)
{
    const char *seen[128];
    size_t n = 0;

#define SEEN_ADD(id)                                                           \
    do {                                                                       \
        const char *id_ = (id);                                                \
        bool dup_ = false;                                                     \
        for (size_t q_ = 0; q_ < n; q_++)                                      \
            if (strcmp(seen[q_], id_) == 0)                                    \
                dup_ = true;                                                   \
        if (!dup_ && n < sizeof(seen) / sizeof(seen[0]))                       \
            seen[n++] = id_;                                                   \
    } while (0)

    *verified = false;
    for (size_t i = 0; i < in->sources.n; i++)
        SEEN_ADD(in->sources.v[i]);
    for (size_t i = 0; l && i < l->sources.n; i++)
        SEEN_ADD(l->sources.v[i]);
    for (size_t i = 0; i < in->exhibits.n; i++) {
        const struct dossier_exhibit *x = &s->exhibits[in->exhibits.v[i]];

        if (exhibit_verified(x))
            *verified = true;
        for (size_t k = 0; k < x->sources.n; k++)
            SEEN_ADD(x->sources.v[k]);
    }
#undef SEEN_ADD
    *one = n ? seen[0] : NULL;
    return n;
}

static const char *source_caption(const struct dossier_snapshot *s,
                                  const char *id)
{
    size_t k = dossier_source_find(s, id);
    return k == DOSSIER_NONE ? id : s->sources[k].caption;
}

static void check_criteria(const struct dossier_snapshot *s,
                           struct dossier_check *c)
{
    const struct dossier_target *t = c->target;
    const struct regime *r = c->regime;
    size_t nmet = 0;

    c->ncrits = r->ncriteria;
    c->crits = xcalloc(r->ncriteria ? r->ncriteria : 1, sizeof(*c->crits));
    for (size_t i = 0; i < r->ncriteria; i++) {
        struct dossier_crit_result *cr = &c->crits[i];
        const struct regime_criterion *crit = &r->criteria[i];
        size_t nverified = 0, nstrong = 0;

        cr->crit = crit;
        for (size_t k = 0; k < t->nlinks; k++) {
            const struct dossier_link *l = &t->links[k];
            const struct dossier_incident *in = &s->incidents[l->incident];
            bool hit = false;

            if (!regime_criterion_accepts_role(r, crit, l->role))
                continue;
            for (size_t v = 0; v < in->violations.n; v++)
                if (regime_criterion_has_violation(crit, in->violations.v[v]))
                    hit = true;
            if (!hit)
                continue;
            idx_add_unique(&cr->links, k);
            idx_add_unique(&cr->incidents, l->incident);
            for (size_t x = 0; x < in->exhibits.n; x++)
                idx_add_unique(&cr->exhibits, in->exhibits.v[x]);
            if (l->conf <= STORE_CONF_PROBABLE &&
                (!l->via_chain || l->certainty == CASE_CERTAIN))
                nstrong++;
        }
        cr->met = cr->links.n > 0;
        if (!cr->met)
            continue;
        nmet++;
        for (size_t x = 0; x < cr->exhibits.n; x++)
            if (exhibit_verified(&s->exhibits[cr->exhibits.v[x]]))
                nverified++;
        if (!cr->exhibits.n)
            issue(c, DOSSIER_BLOCKING, "no-exhibit", crit->id,
                  "[missing: exhibit] criterion %s rests on no exhibit in "
                  "the evidence vault",
                  crit->id);
        else if (!nverified)
            issue(c, DOSSIER_WEAK, "unverified-exhibits", crit->id,
                  "none of the %zu exhibits for criterion %s is verified",
                  cr->exhibits.n, crit->id);
        if (!nstrong)
            issue(c, DOSSIER_WEAK, "weak-link", crit->id,
                  "the link to the conduct under %s is only possible "
                  "(confidence or date match)",
                  crit->id);
        for (size_t k = 0; k < crit->nelements; k++)
            issue(c, DOSSIER_WEAK, "element", crit->id,
                  "%s also needs: %s (not recorded in the case: state it "
                  "in the legal analysis with its evidence)",
                  crit->id, crit->elements[k]);
        if (!crit->verified)
            issue(c, DOSSIER_INFO, "unverified-criterion", crit->id,
                  "[unverified] the wording of criterion %s is not checked "
                  "against the primary text",
                  crit->id);
    }
    if (!t->nlinks)
        issue(c, DOSSIER_BLOCKING, "no-link", NULL,
              "[missing: link to conduct] no involvement in any incident, "
              "and no command post over an involved unit on an incident's "
              "date");
    else if (!nmet) {
        struct strbuf cats = STRBUF_INIT, roles = STRBUF_INIT;

        for (size_t k = 0; k < t->nlinks; k++) {
            const struct dossier_incident *in =
                &s->incidents[t->links[k].incident];
            for (size_t v = 0; v < in->violations.n; v++)
                if (!strstr(cats.buf, in->violations.v[v]))
                    strbuf_addf(&cats, "%s%s", cats.len ? ", " : "",
                                in->violations.v[v]);
            if (!strstr(roles.buf, t->links[k].role))
                strbuf_addf(&roles, "%s%s", roles.len ? ", " : "",
                            t->links[k].role);
        }
        issue(c, DOSSIER_BLOCKING, "no-criterion", NULL,
              "[missing: conduct meeting a criterion] the target's incidents "
              "(categories: %s; roles: %s) meet no criterion of %s",
              cats.len ? cats.buf : "none", roles.buf, r->short_name);
        strbuf_release(&cats);
        strbuf_release(&roles);
    }
}

static void check_incidents(const struct dossier_snapshot *s,
                            struct dossier_check *c)
{
    const struct dossier_target *t = c->target;
    struct dossier_idx done = {NULL, 0, 0};

    for (size_t k = 0; k < t->nlinks; k++) {
        const struct dossier_link *l = &t->links[k];
        const struct dossier_incident *in = &s->incidents[l->incident];
        const char *one;
        bool verified;
        size_t n, before = done.n;

        idx_add_unique(&done, l->incident);
        if (done.n == before)
            continue;
        n = incident_sources(s, in, l, &one, &verified);
        if (n == 0)
            issue(c, DOSSIER_BLOCKING, "no-source", NULL,
                  "[missing: source] the allegation '%s' has no source",
                  in->caption);
        else if (n == 1 && !verified)
            issue(c, DOSSIER_BLOCKING, "single-source", NULL,
                  "the allegation '%s' rests on one unverified source "
                  "('%s')",
                  in->caption, source_caption(s, one));
        if (!in->violations.n)
            issue(c, DOSSIER_WEAK, "no-category", NULL,
                  "[missing: violation category] incident '%s'", in->caption);
        if (!in->start)
            issue(c, DOSSIER_WEAK, "no-date", NULL,
                  "[missing: date] incident '%s'", in->caption);
    }
    free(done.v);
}

void dossier_check_run(const struct dossier_snapshot *s,
                       const struct dossier_target *t, const struct regime *r,
                       struct dossier_check *out)
{
    bool excul = false;
    size_t nscreened = 0;

    memset(out, 0, sizeof(*out));
    arena_init(&out->arena, 4096);
    out->regime = r;
    out->target = t;
    check_identifiers(out);
    check_criteria(s, out);
    check_incidents(s, out);
    for (size_t i = 0; i < t->nnotes; i++)
        if (strcmp(t->notes[i].key, "exculpatory") == 0)
            excul = true;
    if (!excul)
        issue(out, DOSSIER_BLOCKING, "exculpatory", NULL,
              "[missing: exculpatory information] record what contrary "
              "evidence was sought and found: dossier set %s "
              "notes=\"...\" --qualifier exculpatory",
              t->id);
    for (size_t i = 0; i < t->decisions.n; i++) {
        const struct dossier_decision *d = &s->decisions[t->decisions.v[i]];

        nscreened++;
        if (d->decision && (strcmp(d->decision, "possible-match") == 0 ||
                            strcmp(d->decision, "escalated") == 0))
            issue(out, DOSSIER_BLOCKING, "screening-alert", NULL,
                  "unreviewed screening alert: %s entry %s is a %s",
                  d->list ? d->list : "a list", d->entry_id ? d->entry_id : "?",
                  d->decision);
    }
    if (t->gap) {
        for (size_t i = 0; i < DOSSIER_NJUR; i++) {
            const struct dossier_gap_cell *g = &t->gap->cell[i];

            if (g->status == SCREEN_GAP_PENDING)
                issue(out, DOSSIER_BLOCKING, "screening-alert", NULL,
                      "unreviewed screening alert: %s list entry %s (%s); "
                      "decide it with 'dossier decide'",
                      screen_jurisdiction_names[i],
                      g->entry_id ? g->entry_id : "?", g->via ? g->via : "");
            else if (g->status != SCREEN_GAP_NO_LIST)
                nscreened++;
        }
    }
    if (!nscreened)
        issue(out, DOSSIER_WEAK, "not-screened", NULL,
              "the target was not screened: the case holds no sanctions "
              "list and no screening decision about the target ('dossier "
              "lists import FILE')");
    if (!r->legal_basis.verified)
        issue(out, DOSSIER_INFO, "unverified-regime", NULL,
              "[unverified] legal basis of %s", r->short_name);
    if (!r->who.verified)
        issue(out, DOSSIER_INFO, "unverified-regime", NULL,
              "[unverified] who can be listed under %s", r->short_name);
    if (!r->proof.verified)
        issue(out, DOSSIER_INFO, "unverified-regime", NULL,
              "[unverified] standard of proof of %s", r->short_name);
    if (!r->route.verified)
        issue(out, DOSSIER_INFO, "unverified-regime", NULL,
              "[unverified] submission route of %s", r->short_name);
    for (size_t i = 0; i < r->ncaveats; i++)
        if (!r->caveats[i].verified)
            issue(out, DOSSIER_INFO, "unverified-regime", NULL,
                  "[unverified] %s", r->caveats[i].text);
    if (t->fictional)
        issue(out, DOSSIER_INFO, "fictional", NULL,
              "the target is a FICTIONAL record (demo or training)");
}

void dossier_check_release(struct dossier_check *c)
{
    for (size_t i = 0; i < c->ncrits; i++) {
        free(c->crits[i].links.v);
        free(c->crits[i].incidents.v);
        free(c->crits[i].exhibits.v);
    }
    free(c->crits);
    free(c->issues);
    arena_release(&c->arena);
    memset(c, 0, sizeof(*c));
}
