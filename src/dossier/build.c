/*
 * build: composes the submission document (doc.h) for a set of targets
 * under one regime, following the section outline of the domain notes
 * (cover to annexes), and renders it to the formats asked for; then the
 * evidence bundle from the vault. Everything missing is written as
 * "[missing: ...]", never left blank; FICTIONAL records are labelled.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case/demo.h"
#include "case/disclose.h"
#include "screen/screen_case.h"
#include "dossier/doc.h"
#include "dossier/dossier.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "vault/bundle.h"
#include "vault/vault.h"
#include "util/banned.h"

enum err_code dossier_formats_parse(const char *s, unsigned *out, struct err *e)
{
    const char *p = s;

    *out = 0;
    while (p && *p) {
        size_t n = strcspn(p, ",");

        if (n == 4 && strncmp(p, "html", 4) == 0)
            *out |= DOSSIER_HTML;
        else if (n == 4 && strncmp(p, "docx", 4) == 0)
            *out |= DOSSIER_DOCX;
        else if (n == 3 && strncmp(p, "pdf", 3) == 0)
            *out |= DOSSIER_PDF;
        else
            return err_set(e, ERR_USAGE,
                           "unknown format '%.*s' (choose from html, docx, "
                           "pdf)",
                           (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    if (!*out)
        return err_set(e, ERR_USAGE, "no format given (html, docx, pdf)");
    return ERR_OK;
}

/* --- what one build works on
 * ------------------------------------------------*/

struct bctx {
    const struct dossier_snapshot *s;
    const struct dossier_build_opts *o;
    struct dossier_target *targets;
    size_t ntargets;
    struct dossier_idx exhibits; /* union over targets, in id order */
    struct dossier_idx incidents;
    const char *date;
    bool *rel_used;   /* per snapshot release: in the current document */
    size_t nreleased; /* how many are (distinct statements) */
};

static const char *nz(const char *s, const char *missing)
{
    return s && *s ? s : missing;
}

static const char *src_caption(const struct dossier_snapshot *s, const char *id)
{
    size_t k = dossier_source_find(s, id);

    if (k != DOSSIER_NONE)
        return s->sources[k].caption;
    k = dossier_exhibit_find(s, id);
    if (k != DOSSIER_NONE)
        return s->exhibits[k].title;
    return id;
}

static void add_sources(struct strbuf *sb, const struct dossier_snapshot *s,
                        const struct dossier_strs *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        size_t k = dossier_source_find(s, ids->v[i]);

        strbuf_addf(
            sb, "%s%s%s", i ? "; " : "",
            k != DOSSIER_NONE && s->sources[k].fictional ? "[FICTIONAL] " : "",
            src_caption(s, ids->v[i]));
        if (k != DOSSIER_NONE && s->sources[k].reliability)
            strbuf_addf(sb, " (%s)", s->sources[k].reliability);
    }
    if (!ids->n)
        strbuf_addstr(sb, "[missing: source]");
}

static void idx_add_unique(struct dossier_idx *l, size_t i)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->v[k] == i)
            return;
    ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = i;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static const char *date_of(const struct dossier_incident *in)
{
    return in->start ? in->start : "[missing: date]";
}

static void incident_when(struct strbuf *sb, const struct dossier_incident *in)
{
    strbuf_addstr(sb, date_of(in));
    if (in->end && in->start && strcmp(in->end, in->start) != 0)
        strbuf_addf(sb, " to %s", in->end);
}

static const char *short_hash(struct strbuf *sb, const char *h)
{
    strbuf_reset(sb);
    if (!h)
        strbuf_addstr(sb, "[missing: hash]");
    else
        strbuf_addf(sb, "%.16s…", h);
    return sb->buf;
}

static const char *exhibit_ref(struct strbuf *sb,
                               const struct dossier_exhibit *x)
{
    strbuf_reset(sb);
    strbuf_addf(sb, "%s%s", x->fictional ? "[FICTIONAL] " : "", x->id);
    return sb->buf;
}

/* True when entity id is a victim of, or a source listed for, one of the
 * document's incidents (sections 5 and 6). */
static bool entity_in_doc(const struct bctx *b, const char *id)
{
    for (size_t i = 0; i < b->incidents.n; i++) {
        const struct dossier_incident *in = &b->s->incidents[b->incidents.v[i]];

        for (size_t k = 0; k < in->victim_ids.n; k++)
            if (strcmp(in->victim_ids.v[k], id) == 0)
                return true;
        for (size_t k = 0; k < in->sources.n; k++)
            if (strcmp(in->sources.v[k], id) == 0)
                return true;
    }
    return false;
}

/*
 * Picks the released protected values that go into the document under
 * r: released for "all" or r's jurisdiction, of an entity the document
 * shows, once per statement. A value released for another jurisdiction,
 * or of a record this submission does not concern, stays out.
 */
static void plan_releases(struct bctx *b, const struct regime *r)
{
    b->nreleased = 0;
    for (size_t k = 0; k < b->s->nreleases; k++) {
        const struct dossier_release *x = &b->s->releases[k];
        bool dup = false;

        b->rel_used[k] = false;
        if (!dossier_release_applies(x, r) || !entity_in_doc(b, x->entity_id))
            continue;
        for (size_t j = 0; j < k && !dup; j++)
            dup = b->rel_used[j] && b->s->releases[j].stmt_id == x->stmt_id;
        if (dup)
            continue;
        b->rel_used[k] = true;
        b->nreleased++;
    }
}

/* Adds the statements plan_releases picked for r to res->disclosed. */
static void note_disclosed(const struct bctx *b, const struct regime *r,
                           struct dossier_build_result *res)
{
    struct strbuf sb = STRBUF_INIT;
    bool first = true;

    if (!b->nreleased)
        return;
    if (res->disclosed) {
        strbuf_addstr(&sb, res->disclosed);
        sb.len--; /* reopen the array */
        sb.buf[sb.len] = '\0';
        strbuf_addch(&sb, ',');
    } else {
        strbuf_addch(&sb, '[');
    }
    strbuf_addstr(&sb, "{\"regime\":");
    strbuf_add_json_str(&sb, r->id);
    strbuf_addstr(&sb, ",\"statements\":[");
    for (size_t k = 0; k < b->s->nreleases; k++) {
        if (!b->rel_used[k])
            continue;
        strbuf_addf(&sb, "%s%lld", first ? "" : ",",
                    (long long)b->s->releases[k].stmt_id);
        first = false;
    }
    strbuf_addstr(&sb, "]}]");
    free(res->disclosed);
    res->disclosed = strbuf_detach(&sb, NULL);
}

/* True when a released value in the document belongs to a victim. */
static bool released_victims(const struct bctx *b)
{
    for (size_t k = 0; k < b->s->nreleases; k++)
        if (b->rel_used[k] && strcmp(b->s->releases[k].schema, "Victim") == 0)
            return true;
    return false;
}

/* "Real name: NG Ka-yan; Age: 34" for the released values of entity id. */
static void released_of(struct strbuf *sb, const struct bctx *b, const char *id)
{
    for (size_t k = 0; k < b->s->nreleases; k++) {
        const struct dossier_release *x = &b->s->releases[k];

        if (!b->rel_used[k] || strcmp(x->entity_id, id) != 0)
            continue;
        strbuf_addf(sb, "%s%s: %s", sb->len ? "; " : "", x->label, x->value);
    }
}

/* --- sections
 * ----------------------------------------------------------------*/

static void sec_cover(struct doc *d, struct bctx *b, const struct regime *r,
                      size_t nblocking, size_t nweak)
{
    bool fictional = false;

    for (size_t i = 0; i < b->ntargets; i++)
        fictional |= b->targets[i].fictional;
    doc_para(d, "Submitted to: %s", r->authority);
    doc_para(d, "Legal basis: %s%s",
             r->legal_basis.verified ? "" : "[unverified] ",
             r->legal_basis.text);
    if (b->s->title)
        doc_para(d,
                 "Date: %s. Version: 1, generated by dossier from the "
                 "case record \"%s\".",
                 b->date, b->s->title);
    else
        doc_para(d,
                 "Date: %s. Version: 1, generated by dossier from the "
                 "case record.",
                 b->date);
    doc_para(d, "Submitting organisation: %s. Point of contact: %s.",
             nz(b->o->organization, "[missing: submitting organisation]"),
             nz(b->o->contact, "[missing: point of contact]"));
    doc_note(d,
             "CONFIDENTIAL. This submission contains personal data of the "
             "persons named and information that could endanger victims, "
             "witnesses and the submitting organisation. It is provided to "
             "the %s for the purposes of its sanctions work only. We ask "
             "that it is not published, that our identity is not disclosed "
             "to the persons named, and that we are consulted before any "
             "disclosure, including under freedom-of-information law.",
             r->authority);
    if (fictional)
        doc_note(d, "[FICTIONAL] This dossier is built from FICTIONAL demo "
                    "records: the people, units, incidents and sources it "
                    "describes are invented and it makes no allegation about "
                    "any real person.");
    if (nblocking || nweak)
        doc_note(d,
                 "Completeness check: %zu blocking gap%s and %zu weak "
                 "point%s remain (Annex C). Every gap is marked "
                 "[missing: ...] where it occurs.",
                 nblocking, nblocking == 1 ? "" : "s", nweak,
                 nweak == 1 ? "" : "s");
    else
        doc_note(d, "Completeness check: no blocking gap and no weak point "
                    "(Annex C).");
}

static void sec_org(struct doc *d, struct bctx *b)
{
    doc_heading(d, 1, "1. About the submitting organisation");
    doc_para(d, "%s",
             nz(b->o->organization,
                "[missing: submitting organisation: who you are, "
                "why you are credible, your published reporting "
                "and your partners]"));
    doc_para(d, "Point of contact: %s",
             nz(b->o->contact, "[missing: point of contact]"));
}

static void criteria_met(struct strbuf *sb, const struct dossier_check *c)
{
    size_t n = 0;

    for (size_t i = 0; i < c->ncrits; i++)
        if (c->crits[i].met)
            strbuf_addf(sb, "%s%s", n++ ? ", " : "", c->crits[i].crit->id);
    if (!n)
        strbuf_addstr(sb, "[missing: conduct meeting a criterion]");
}

static void sec_summary(struct doc *d, struct bctx *b, const struct regime *r,
                        struct dossier_check *checks)
{
    doc_heading(d, 1, "2. Executive summary");
    doc_para(d,
             "This submission asks for the designation of %zu person%s "
             "under the %s.",
             b->ntargets, b->ntargets == 1 ? "" : "s", r->name);
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];
        struct strbuf sb = STRBUF_INIT, crit = STRBUF_INIT;
        struct dossier_idx seen = {NULL, 0, 0};

        strbuf_addf(&sb, "%s. ", t->caption);
        if (t->npositions)
            strbuf_addf(&sb, "%s, %s. ", nz(t->positions[0].post, "post"),
                        nz(t->positions[0].unit, "[missing: unit]"));
        else
            strbuf_addstr(&sb, "[missing: position]. ");
        for (size_t k = 0; k < t->nlinks; k++)
            idx_add_unique(&seen, t->links[k].incident);
        if (seen.n) {
            strbuf_addstr(&sb, "Linked to: ");
            for (size_t k = 0; k < seen.n; k++) {
                const struct dossier_incident *in = &b->s->incidents[seen.v[k]];
                strbuf_addf(&sb, "%s%s%s (%s)", k ? "; " : "",
                            in->fictional ? "[FICTIONAL] " : "", in->caption,
                            date_of(in));
            }
            strbuf_addstr(&sb, ". ");
        } else
            strbuf_addstr(&sb, "[missing: link to conduct]. ");
        criteria_met(&crit, &checks[i]);
        strbuf_addf(&sb,
                    "Criteria met: %s. Recommended: designation under %s "
                    "(asset freeze and travel ban).",
                    crit.buf, r->short_name);
        doc_para(d, "%s", sb.buf);
        free(seen.v);
        strbuf_release(&sb);
        strbuf_release(&crit);
    }
}

static const char *fact_confidence(const struct dossier_target *t,
                                   const struct dossier_fact *f,
                                   struct strbuf *sb)
{
    const char *srcs[16];
    size_t n = 0;

    strbuf_reset(sb);
    for (size_t i = 0; i < t->nfacts; i++) {
        const struct dossier_fact *g = &t->facts[i];
        bool dup = false;

        if (strcmp(g->key, f->key) != 0 || strcmp(g->value, f->value) != 0 ||
            !g->source_id || g->conf == STORE_CONF_DISPUTED)
            continue;
        for (size_t k = 0; k < n; k++)
            if (strcmp(srcs[k], g->source_id) == 0)
                dup = true;
        if (!dup && n < 16)
            srcs[n++] = g->source_id;
    }
    if (f->conf == STORE_CONF_DISPUTED)
        strbuf_addstr(sb, "disputed");
    else if (n >= 2)
        strbuf_addf(sb, "confirmed (%zu sources)", n);
    else if (f->conf == STORE_CONF_POSSIBLE || !f->source_id)
        strbuf_addf(sb, "inferred (%s)", store_conf_name(f->conf));
    else
        strbuf_addf(sb, "single-source (%s)", store_conf_name(f->conf));
    return sb->buf;
}

static const char *ident_label(const char *key)
{
    const char *l = regime_ident_label(key);
    if (l)
        return l;
    if (strcmp(key, "id-number") == 0)
        return "ID number";
    return key;
}

static void sec_identification(struct doc *d, struct bctx *b,
                               const struct regime *r)
{
    static const char *const head[] = {"Identifier", "Value", "Confidence",
                                       "Source"};
    static const char *const phead[] = {"Post",  "Unit",       "Rank",  "From",
                                        "Until", "Confidence", "Source"};
    struct strbuf conf = STRBUF_INIT, v = STRBUF_INIT;

    doc_heading(d, 1, "3. Target identification");
    doc_para(d, "Each identifier is labelled confirmed (two or more "
                "independent sources), single-source, or inferred. Personal "
                "data below is for the recipient government only.");
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];

        doc_heading(d, 2, "3.%zu %s", i + 1, t->caption);
        doc_table(d, 4, head);
        for (size_t k = 0; k < t->nfacts; k++) {
            const struct dossier_fact *f = &t->facts[k];
            const char *row[4];

            strbuf_reset(&v);
            strbuf_addstr(&v, f->value);
            if (f->qualifier)
                strbuf_addf(&v, " (%s)", f->qualifier);
            row[0] = ident_label(f->key);
            row[1] = v.buf;
            row[2] = fact_confidence(t, f, &conf);
            row[3] = f->source ? f->source : "[missing: source]";
            doc_row(d, row);
        }
        for (size_t k = 0; k < r->nrequired_ids; k++) {
            bool have = false;
            const char *row[4];

            for (size_t j = 0; j < t->nfacts; j++)
                if (strcmp(t->facts[j].key, r->required_ids[k]) == 0)
                    have = true;
            if (have)
                continue;
            strbuf_reset(&v);
            strbuf_addf(&v, "[missing: %s]",
                        regime_ident_label(r->required_ids[k]));
            row[0] = regime_ident_label(r->required_ids[k]);
            row[1] = v.buf;
            row[2] = "";
            row[3] = "";
            doc_row(d, row);
        }
        if (t->npositions) {
            doc_para(d, "Posts held:");
            doc_table(d, 7, phead);
            for (size_t k = 0; k < t->npositions; k++) {
                const struct dossier_position *p = &t->positions[k];
                const char *row[7] = {
                    nz(p->post, "[missing: post]"),
                    nz(p->unit, "[missing: unit]"),
                    nz(p->rank, "not recorded"),
                    nz(p->start, "open"),
                    nz(p->end, "open"),
                    store_conf_name(p->conf),
                    nz(p->source, "[missing: source]"),
                };
                doc_row(d, row);
            }
        }
    }
    strbuf_release(&conf);
    strbuf_release(&v);
}

static void sec_context(struct doc *d, struct bctx *b)
{
    static const char *const head[] = {"Date",      "Involved unit", "Level",
                                       "Unit",      "Commander",     "Post",
                                       "Date match"};
    size_t rows = 0;

    doc_heading(d, 2, "4.1 Command structure on the incident dates");
    doc_para(d, "The command structure on the dates of the incidents, from "
                "the case's record of units, command links and posts held "
                "(level 0 is the unit involved, level 1 its superior, and so "
                "on).");
    for (size_t i = 0; i < b->s->ncommands; i++) {
        const struct dossier_command *c = &b->s->commands[i];
        const struct dossier_involvement *iv =
            &b->s->involvements[c->involvement];
        bool relevant = false;
        char level[16];
        struct strbuf who = STRBUF_INIT;

        for (size_t k = 0; k < b->incidents.n; k++)
            if (b->incidents.v[k] == iv->incident)
                relevant = true;
        if (!relevant)
            continue;
        if (!rows++)
            doc_table(d, 7, head);
        snprintf(level, sizeof(level), "%d", c->level);
        strbuf_addstr(&who,
                      c->holder_caption ? c->holder_caption : c->holder_id);
        {
            const char *row[7] = {
                c->date,
                nz(c->involved, "?"),
                level,
                nz(c->unit_caption, "?"),
                who.buf,
                c->rank ? c->rank : nz(c->post, "?"),
                case_certainty_name(c->certainty),
            };
            if (c->post && c->rank) {
                struct strbuf pr = STRBUF_INIT;
                strbuf_addf(&pr, "%s (%s)", c->post, c->rank);
                row[5] = pr.buf;
                doc_row(d, row);
                strbuf_release(&pr);
            } else
                doc_row(d, row);
        }
        strbuf_release(&who);
    }
    if (!rows)
        doc_para(d, "No unit involvement with a recorded chain of command on "
                    "the incident dates.");
}

static void roles_of(struct strbuf *sb, struct bctx *b, size_t incident)
{
    size_t n = 0;

    for (size_t i = 0; i < b->ntargets; i++)
        for (size_t k = 0; k < b->targets[i].nlinks; k++) {
            const struct dossier_link *l = &b->targets[i].links[k];

            if (l->incident != incident)
                continue;
            strbuf_addf(sb, "%s%s: %s%s", n++ ? "; " : "",
                        nz(b->targets[i].name_latin, b->targets[i].id), l->role,
                        l->via_chain ? " (chain of command)" : "");
        }
}

static void sec_chronology(struct doc *d, struct bctx *b)
{
    static const char *const head[] = {"Date",    "Incident",
                                       "Place",   "Categories",
                                       "Victims", "Targets and roles"};

    doc_heading(d, 1, "5. Conduct: chronology");
    if (!b->incidents.n) {
        doc_para(d, "[missing: incidents linked to the targets]");
        return;
    }
    if (released_victims(b))
        doc_para(d, "Victims appear by pseudonym. Where a reviewer of the "
                    "submitting organisation released an identity for this "
                    "submission, it follows the pseudonym (Annex F); all "
                    "other identities are held by the submitting "
                    "organisation.");
    else
        doc_para(d, "Victims appear by pseudonym only; their identities are "
                    "held by the submitting organisation.");
    doc_table(d, 6, head);
    for (size_t i = 0; i < b->incidents.n; i++) {
        const struct dossier_incident *in = &b->s->incidents[b->incidents.v[i]];
        struct strbuf when = STRBUF_INIT, name = STRBUF_INIT,
                      cats = STRBUF_INIT, vic = STRBUF_INIT,
                      roles = STRBUF_INIT;

        incident_when(&when, in);
        strbuf_addf(&name, "%s%s", in->fictional ? "[FICTIONAL] " : "",
                    in->caption);
        for (size_t k = 0; k < in->violations.n; k++) {
            const char *l = regime_violation_label(in->violations.v[k]);
            strbuf_addf(&cats, "%s%s", k ? "; " : "",
                        l ? l : in->violations.v[k]);
        }
        if (!b->nreleased)
            for (size_t k = 0; k < in->victims.n; k++)
                strbuf_addf(&vic, "%s%s", k ? ", " : "", in->victims.v[k]);
        for (size_t k = 0; b->nreleased && k < in->victim_ids.n; k++) {
            struct strbuf rel = STRBUF_INIT;

            released_of(&rel, b, in->victim_ids.v[k]);
            strbuf_addf(&vic, "%s%s", k ? ", " : "", in->victim_names.v[k]);
            if (rel.len)
                strbuf_addf(&vic, " (%s)", rel.buf);
            strbuf_release(&rel);
        }
        roles_of(&roles, b, b->incidents.v[i]);
        {
            const char *row[6] = {
                when.buf,
                name.buf,
                nz(in->place, "[missing: place]"),
                cats.len ? cats.buf : "[missing: violation category]",
                vic.len ? vic.buf : "none recorded",
                roles.buf,
            };
            doc_row(d, row);
        }
        strbuf_release(&when);
        strbuf_release(&name);
        strbuf_release(&cats);
        strbuf_release(&vic);
        strbuf_release(&roles);
    }
}

static void sec_evidence(struct doc *d, struct bctx *b)
{
    static const char *const shead[] = {"Source", "Kind", "Reliability"};
    static const char *const xhead[] = {"Exhibit", "Title", "Verification",
                                        "Captured", "SHA-256 (start)"};
    struct strbuf h = STRBUF_INIT, ref = STRBUF_INIT;

    doc_heading(d, 1, "6. Evidence by incident");
    doc_para(d, "Reliability grades: A (reliable) to F (cannot be judged). "
                "Exhibits are listed in full, with their SHA-256 hashes and "
                "timestamps, in Annex A.");
    for (size_t i = 0; i < b->incidents.n; i++) {
        const struct dossier_incident *in = &b->s->incidents[b->incidents.v[i]];
        struct dossier_strs srcs = {NULL, 0, 0};
        size_t nverified = 0;
        const char **tmp;

        doc_heading(d, 2, "6.%zu %s%s (%s)", i + 1,
                    in->fictional ? "[FICTIONAL] " : "", in->caption,
                    date_of(in));
        doc_para(d, "%s",
                 nz(in->summary, "[missing: summary of the "
                                 "incident]"));
        tmp = xcalloc(in->sources.n + 1, sizeof(*tmp));
        srcs.v = tmp;
        for (size_t k = 0; k < in->sources.n; k++)
            srcs.v[srcs.n++] = in->sources.v[k];
        if (srcs.n) {
            doc_table(d, 3, shead);
            for (size_t k = 0; k < srcs.n; k++) {
                size_t si = dossier_source_find(b->s, srcs.v[k]);
                const struct dossier_source *so =
                    si == DOSSIER_NONE ? NULL : &b->s->sources[si];
                struct strbuf cap = STRBUF_INIT;
                const char *row[3];

                strbuf_addf(&cap, "%s%s",
                            so && so->fictional ? "[FICTIONAL] " : "",
                            src_caption(b->s, srcs.v[k]));
                if (b->nreleased) {
                    struct strbuf rel = STRBUF_INIT;

                    released_of(&rel, b, srcs.v[k]);
                    if (rel.len)
                        strbuf_addf(&cap, " (%s)", rel.buf);
                    strbuf_release(&rel);
                }
                row[0] = cap.buf;
                row[1] = so ? nz(so->kind, "not recorded") : "exhibit";
                row[2] = so ? nz(so->reliability, "[missing: grade]") : "";
                doc_row(d, row);
                strbuf_release(&cap);
            }
        } else
            doc_para(d, "[missing: source]");
        free(tmp);
        if (in->exhibits.n) {
            doc_table(d, 5, xhead);
            for (size_t k = 0; k < in->exhibits.n; k++) {
                const struct dossier_exhibit *x =
                    &b->s->exhibits[in->exhibits.v[k]];
                const char *row[5];

                if (x->verification && strcmp(x->verification, "verified") == 0)
                    nverified++;
                row[0] = exhibit_ref(&ref, x);
                row[1] = x->title;
                row[2] = nz(x->verification, "unverified");
                row[3] = nz(x->captured_at, "not recorded");
                row[4] = short_hash(&h, x->hash);
                doc_row(d, row);
            }
        } else
            doc_para(d, "[missing: exhibit] no exhibit in the evidence vault "
                        "supports this incident.");
        doc_para(d,
                 "Corroboration: %zu source%s; %zu exhibit%s, %zu "
                 "verified.",
                 in->sources.n, in->sources.n == 1 ? "" : "s", in->exhibits.n,
                 in->exhibits.n == 1 ? "" : "s", nverified);
    }
    if (!b->incidents.n)
        doc_para(d, "[missing: incidents linked to the targets]");
    strbuf_release(&h);
    strbuf_release(&ref);
}

static void link_how(struct strbuf *sb, const struct dossier_link *l)
{
    const struct dossier_command *c = l->cmd;

    if (!l->via_chain) {
        strbuf_addstr(sb, "recorded involvement");
        return;
    }
    strbuf_addf(sb, "command responsibility: held %s%s%s%s of %s",
                nz(c->post, "a command post"), c->rank ? " (" : "",
                c->rank ? c->rank : "", c->rank ? ")" : "",
                nz(c->unit_caption, "?"));
    if (c->level == 0)
        strbuf_addf(sb, ", the unit involved, on %s", c->date);
    else
        strbuf_addf(sb, ", %d level%s above %s, on %s", c->level,
                    c->level == 1 ? "" : "s", nz(c->involved, "?"), c->date);
    strbuf_addf(sb, " (date match %s)", case_certainty_name(l->certainty));
}

static void sec_link(struct doc *d, struct bctx *b)
{
    static const char *const head[] = {"Incident",   "Date",
                                       "Role",       "How the link is known",
                                       "Confidence", "Sources"};

    doc_heading(d, 1, "7. Link between the targets and the conduct");
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];

        doc_heading(d, 2, "7.%zu %s", i + 1, t->caption);
        if (!t->nlinks) {
            doc_para(d, "[missing: link to conduct] no recorded involvement "
                        "and no command post over an involved unit on an "
                        "incident date.");
            continue;
        }
        doc_table(d, 6, head);
        for (size_t k = 0; k < t->nlinks; k++) {
            const struct dossier_link *l = &t->links[k];
            const struct dossier_incident *in = &b->s->incidents[l->incident];
            struct strbuf how = STRBUF_INIT, srcs = STRBUF_INIT;
            const char *row[6];

            link_how(&how, l);
            add_sources(&srcs, b->s, &l->sources);
            row[0] = in->caption;
            row[1] = date_of(in);
            row[2] = l->role;
            row[3] = how.buf;
            row[4] = store_conf_name(l->conf);
            row[5] = srcs.buf;
            doc_row(d, row);
            strbuf_release(&how);
            strbuf_release(&srcs);
        }
    }
}

static void sec_legal(struct doc *d, struct bctx *b, const struct regime *r,
                      struct dossier_check *checks)
{
    static const char *const head[] = {"Element", "Analysis and evidence"};
    struct strbuf ref = STRBUF_INIT;

    doc_heading(d, 1, "8. Legal analysis under %s", r->short_name);
    doc_para(d, "Standard of proof: %s%s",
             r->proof.verified ? "" : "[unverified] ", r->proof.text);
    doc_para(d, "Who can be listed: %s%s",
             r->who.verified ? "" : "[unverified] ", r->who.text);
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];
        const struct dossier_check *c = &checks[i];

        doc_heading(d, 2, "8.%zu %s", i + 1, t->caption);
        for (size_t k = 0; k < c->ncrits; k++) {
            const struct dossier_crit_result *cr = &c->crits[k];
            struct strbuf conduct = STRBUF_INIT, limb = STRBUF_INIT,
                          ev = STRBUF_INIT;

            doc_heading(d, 3, "Criterion %s: %s", cr->crit->id,
                        cr->met ? "met" : "not shown");
            doc_para(d, "%s%s (source: %s)",
                     cr->crit->verified ? "" : "[unverified] ", cr->crit->text,
                     cr->crit->source);
            if (!cr->met) {
                doc_para(d, "No incident linked to the target falls under "
                            "this criterion.");
                continue;
            }
            for (size_t j = 0; j < cr->incidents.n; j++) {
                const struct dossier_incident *in =
                    &b->s->incidents[cr->incidents.v[j]];
                bool first = true;

                strbuf_addf(&conduct, "%s%s (%s): ", j ? ". " : "", in->caption,
                            date_of(in));
                for (size_t v = 0; v < in->violations.n; v++)
                    if (regime_criterion_has_violation(cr->crit,
                                                       in->violations.v[v])) {
                        const char *lab =
                            regime_violation_label(in->violations.v[v]);
                        if (!first)
                            strbuf_addstr(&conduct, "; ");
                        strbuf_addstr(&conduct,
                                      lab ? lab : in->violations.v[v]);
                        first = false;
                    }
            }
            for (size_t j = 0; j < cr->links.n; j++) {
                const struct dossier_link *l = &t->links[cr->links.v[j]];
                strbuf_addf(&limb, "%s%s: %s%s", j ? "; " : "", l->role,
                            nz(regime_role_limb(r, l->role), "?"),
                            l->via_chain ? " (through the chain of command)"
                                         : "");
            }
            for (size_t j = 0; j < cr->exhibits.n; j++)
                strbuf_addf(
                    &ev, "%s%s", j ? ", " : "",
                    exhibit_ref(&ref, &b->s->exhibits[cr->exhibits.v[j]]));
            if (!cr->exhibits.n)
                strbuf_addstr(&ev, "[missing: exhibit]");
            doc_table(d, 2, head);
            {
                const char *r1[2] = {"Conduct", conduct.buf};
                const char *r2[2] = {"Involvement (limb)", limb.buf};
                const char *r3[2] = {"Exhibits (Annex A)", ev.buf};
                const char *r4[2] = {"Standard", r->proof.text};
                doc_row(d, r1);
                doc_row(d, r2);
                doc_row(d, r3);
                for (size_t q = 0; q < cr->crit->nelements; q++) {
                    struct strbuf el = STRBUF_INIT;
                    const char *r5[2];

                    strbuf_addf(&el,
                                "%s Not recorded in the case: state it here "
                                "with its evidence.",
                                cr->crit->elements[q]);
                    r5[0] = "Further element";
                    r5[1] = el.buf;
                    doc_row(d, r5);
                    strbuf_release(&el);
                }
                doc_row(d, r4);
            }
            strbuf_release(&conduct);
            strbuf_release(&limb);
            strbuf_release(&ev);
        }
    }
    strbuf_release(&ref);
}

static void sec_exculpatory(struct doc *d, struct bctx *b)
{
    doc_heading(d, 1, "9. Exculpatory information");
    doc_para(d, "Contrary evidence, alternative explanations, and how they "
                "were tested.");
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];
        size_t n = 0;

        doc_heading(d, 2, "9.%zu %s", i + 1, t->caption);
        for (size_t k = 0; k < t->nnotes; k++) {
            const struct dossier_fact *f = &t->notes[k];
            doc_para(d, "%s%s%s%s", f->value, f->source ? " (source: " : "",
                     f->source ? f->source : "", f->source ? ")" : "");
            if (strcmp(f->key, "exculpatory") == 0)
                n++;
        }
        for (size_t k = 0; k < t->nlinks; k++) {
            const struct dossier_incident *in =
                &b->s->incidents[t->links[k].incident];
            for (size_t j = 0; j < in->exhibits.n; j++) {
                const struct dossier_exhibit *x =
                    &b->s->exhibits[in->exhibits.v[j]];
                if (x->verification &&
                    (strcmp(x->verification, "disputed") == 0 ||
                     strcmp(x->verification, "false") == 0))
                    doc_para(d, "Exhibit %s (%s) on '%s' is recorded as %s.",
                             x->id, x->title, in->caption, x->verification);
            }
        }
        if (!n)
            doc_para(d, "[missing: exculpatory information] record what "
                        "contrary evidence was sought and what was found.");
    }
}

static bool matches_any(const char *hay, const char **needles, size_t n)
{
    for (size_t i = 0; hay && i < n; i++)
        if (strcasestr(hay, needles[i]))
            return true;
    return false;
}

/* True when designation x was made by the regime's jurisdiction. */
static bool desig_by(const struct regime *r,
                     const struct dossier_designation *x)
{
    return matches_any(x->authority, r->desig_authorities,
                       r->ndesig_authorities) ||
           (x->country && strcmp(x->country, r->jurisdiction) == 0);
}

static bool desig_under(const struct regime *r,
                        const struct dossier_designation *x)
{
    return desig_by(r, x) &&
           matches_any(x->program, r->desig_programs, r->ndesig_programs);
}

static void sec_assets(struct doc *d, struct bctx *b, const struct regime *r)
{
    static const char *const head[] = {"Kind", "Country", "What", "Source"};

    doc_heading(d, 1, "10. Assets and ties to %s, and impact",
                nz(schema_country_name(r->jurisdiction), r->jurisdiction));
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];
        size_t local = 0;

        doc_heading(d, 2, "10.%zu %s", i + 1, t->caption);
        if (!t->nties) {
            doc_para(d, "[missing: assets and ties] no property, company, "
                        "account, residence or family tie abroad is "
                        "recorded.");
            continue;
        }
        doc_table(d, 4, head);
        for (size_t k = 0; k < t->nties; k++) {
            const struct dossier_tie *x = &t->ties[k];
            const char *row[4] = {x->kind, nz(x->country, "not recorded"),
                                  nz(x->what, "?"),
                                  nz(x->source, "[missing: source]")};
            if (x->country && strcmp(x->country, r->jurisdiction) == 0)
                local++;
            doc_row(d, row);
        }
        doc_para(d, "Ties to the sanctioning jurisdiction (%s): %zu.",
                 r->jurisdiction, local);
    }
}

static void sec_designations(struct doc *d, struct bctx *b,
                             const struct regime *r)
{
    static const char *const head[] = {"Authority", "Program", "Entry",
                                       "Listed on"};
    const struct regime_set *all = b->o->all_regimes;

    doc_heading(d, 1,
                "11. Existing designations and the cross-jurisdiction "
                "gap");
    doc_note(d, "By jurisdiction: the case's gap report (designations "
                "recorded in the case, and screening alerts decided as "
                "matches against the sanctions lists held in the case). By "
                "regime: the designation records of the case, matched to "
                "each regime's authority and programs.");
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];

        doc_heading(d, 2, "11.%zu %s", i + 1, t->caption);
        if (t->designations.n) {
            doc_table(d, 4, head);
            for (size_t k = 0; k < t->designations.n; k++) {
                const struct dossier_designation *x =
                    &b->s->designations[t->designations.v[k]];
                const char *row[4] = {nz(x->authority, "?"),
                                      nz(x->program, "?"),
                                      nz(x->authority_id, x->id),
                                      nz(x->listing_date, "not recorded")};
                doc_row(d, row);
            }
        } else
            doc_para(d, "No existing designation recorded.");
        if (t->gap) {
            static const char *const jhead[] = {"Jurisdiction", "Status",
                                                "Program",      "Listed on",
                                                "Entry",        "Basis"};
            doc_table(d, 6, jhead);
            for (size_t k = 0; k < DOSSIER_NJUR; k++) {
                const struct dossier_gap_cell *g = &t->gap->cell[k];
                const char *row[6] = {
                    screen_jurisdiction_names[k],
                    g->status == SCREEN_GAP_NOT_LISTED ? "not designated: gap"
                    : g->status == SCREEN_GAP_PENDING
                        ? "[missing: review of a screening alert]"
                    : g->status == SCREEN_GAP_NO_LIST ? "unknown: no list held"
                                                      : "designated",
                    nz(g->program, ""),
                    nz(g->date, ""),
                    nz(g->entry_id, ""),
                    nz(g->via, "")};
                doc_row(d, row);
            }
        } else
            doc_para(d, "[missing: screening] the target is not in the "
                        "case's gap report.");
        if (all && all->n) {
            static const char *const ghead[] = {"Regime", "Jurisdiction",
                                                "Status"};
            doc_table(d, 3, ghead);
            for (size_t k = 0; k < all->n; k++) {
                const struct regime *o = &all->items[k];
                const char *status = "not designated: gap";
                bool by = false;

                for (size_t j = 0; j < t->designations.n; j++) {
                    const struct dossier_designation *x =
                        &b->s->designations[t->designations.v[j]];
                    if (desig_under(o, x))
                        status = "designated under this regime";
                    else if (desig_by(o, x))
                        by = true;
                }
                if (by && strncmp(status, "not", 3) == 0)
                    status = "designated by this jurisdiction under another "
                             "program";
                {
                    const char *row[3] = {o->short_name, o->jurisdiction,
                                          o == r ? (strncmp(status, "not", 3)
                                                        ? status
                                                        : "this submission")
                                                 : status};
                    doc_row(d, row);
                }
            }
        }
    }
}

static void sec_recommend(struct doc *d, struct bctx *b, const struct regime *r,
                          struct dossier_check *checks)
{
    doc_heading(d, 1, "12. Recommended action");
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_target *t = &b->targets[i];
        struct strbuf crit = STRBUF_INIT, units = STRBUF_INIT;

        criteria_met(&crit, &checks[i]);
        for (size_t k = 0; k < t->nlinks; k++)
            if (t->links[k].via_chain && t->links[k].cmd->involved &&
                !strstr(units.buf, t->links[k].cmd->involved))
                strbuf_addf(&units, "%s%s", units.len ? ", " : "",
                            t->links[k].cmd->involved);
        doc_para(d,
                 "Designate %s under %s (criteria: %s): asset freeze and "
                 "travel ban.%s%s%s",
                 t->caption, r->short_name, crit.buf,
                 units.len ? " Related units for consideration: " : "",
                 units.buf, units.len ? "." : "");
        strbuf_release(&crit);
        strbuf_release(&units);
    }
    doc_para(d, "Coordinate with the jurisdictions that have designated the "
                "targets or related officials (section 11), and with allied "
                "governments where the gap table shows no designation.");
}

static void sec_confidential(struct doc *d, struct bctx *b)
{
    size_t withheld =
        b->s->nwithheld > b->nreleased ? b->s->nwithheld - b->nreleased : 0;

    doc_heading(d, 1, "13. Confidentiality and protection");
    if (!b->nreleased)
        doc_para(d,
                 "This submission is confidential. Personal data of the "
                 "targets is given to the recipient government, not the "
                 "public. Victims and witnesses appear by pseudonym only; %zu "
                 "protected value%s (identities, contacts, informants) %s "
                 "withheld from this document and are held by the submitting "
                 "organisation.",
                 withheld, withheld == 1 ? "" : "s",
                 withheld == 1 ? "is" : "are");
    else
        doc_para(d,
                 "This submission is confidential. Personal data of the "
                 "targets is given to the recipient government, not the "
                 "public. Victims and witnesses appear by pseudonym; %zu "
                 "protected value%s a reviewer of the submitting organisation "
                 "released for this submission %s listed in Annex F "
                 "(Disclosures), with who released %s, when and why. %zu "
                 "other protected value%s (identities, contacts, informants) "
                 "%s withheld from this document and are held by the "
                 "submitting organisation.",
                 b->nreleased, b->nreleased == 1 ? "" : "s",
                 b->nreleased == 1 ? "is" : "are",
                 b->nreleased == 1 ? "it" : "them", withheld,
                 withheld == 1 ? "" : "s", withheld == 1 ? "is" : "are");
    doc_para(d, "We ask that the submission is exempt from disclosure under "
                "freedom-of-information law, and that the persons named are "
                "not told who submitted it. Consent records of the victims "
                "and witnesses are kept by the submitting organisation.");
}

struct custody_rows {
    struct doc *d;
    size_t n;
};

static int custody_cb(const struct store_custody_rec *r, void *ctx)
{
    struct custody_rows *cr = ctx;
    char seq[32], obj[24], hash[24];
    const char *row[6];

    snprintf(seq, sizeof(seq), "%lld", (long long)r->seq);
    snprintf(obj, sizeof(obj), "%.16s", r->object);
    snprintf(hash, sizeof(hash), "%.16s", r->hash);
    row[0] = seq;
    row[1] = r->at;
    row[2] = r->actor;
    row[3] = r->action;
    row[4] = obj;
    row[5] = hash;
    doc_row(cr->d, row);
    cr->n++;
    return 0;
}

struct ts_count {
    size_t n;
    char last[40];
};

static int ts_cb(const struct store_custody_rec *r, void *ctx)
{
    struct ts_count *t = ctx;

    if (strcmp(r->action, "timestamp") == 0) {
        t->n++;
        snprintf(t->last, sizeof(t->last), "%s", r->at);
    }
    return 0;
}

/*
 * Annex F: what this document discloses of the protected record, so the
 * export records what it contains. Only present when something is.
 */
static void annex_disclosures(struct doc *d, struct bctx *b,
                              const struct regime *r)
{
    static const char *const head[] = {"Value",       "Record", "Scope",
                                       "Released by", "When",   "Reason"};
    const char *scope = case_disclose_scope_of_jurisdiction(r->jurisdiction);
    struct strbuf n = STRBUF_INIT;

    if (b->nreleased == 1)
        strbuf_addstr(&n, "This value was");
    else
        strbuf_addf(&n, "These %zu values were", b->nreleased);
    doc_heading(d, 2, "Annex F. Disclosures");
    doc_para(d,
             "Protected values (identities of victims and witnesses, "
             "informants) are withheld from exports unless a reviewer of the "
             "submitting organisation releases them, for every export or for "
             "one jurisdiction's. %s released for this submission (scope "
             "all%s%s). Each release is logged in the case and can be "
             "withdrawn for later exports.",
             n.buf, scope ? " or " : "", scope ? scope : "");
    doc_table(d, 6, head);
    for (size_t k = 0; k < b->s->nreleases; k++) {
        const struct dossier_release *x = &b->s->releases[k];
        struct strbuf what = STRBUF_INIT, rec = STRBUF_INIT;
        const char *row[6];

        if (!b->rel_used[k])
            continue;
        strbuf_addf(&what, "%s: %s", x->label, x->value);
        strbuf_addf(&rec, "%s %s (%s)", x->schema, nz(x->caption, x->entity_id),
                    x->entity_id);
        row[0] = what.buf;
        row[1] = rec.buf;
        row[2] = x->scope;
        row[3] = x->author;
        row[4] = x->at;
        row[5] = x->reason;
        doc_row(d, row);
        strbuf_release(&what);
        strbuf_release(&rec);
    }
    strbuf_release(&n);
}

static void sec_annexes(struct doc *d, struct bctx *b, const struct regime *r,
                        struct dossier_check *checks)
{
    static const char *const xhead[] = {"Exhibit", "SHA-256"};
    static const char *const chead[] = {"Seq",    "Time (UTC)", "Actor",
                                        "Action", "Object",     "Record hash"};
    static const char *const ihead[] = {"Severity", "Finding", "Criterion"};
    struct strbuf ref = STRBUF_INIT;

    doc_heading(d, 1, "14. Annexes");
    doc_heading(d, 2, "Annex A. Exhibit register");
    if (!b->exhibits.n)
        doc_para(d, "[missing: exhibit] the targets' incidents have no "
                    "exhibit in the evidence vault.");
    else
        doc_table(d, 2, xhead);
    for (size_t i = 0; i < b->exhibits.n; i++) {
        const struct dossier_exhibit *x = &b->s->exhibits[b->exhibits.v[i]];
        struct strbuf src = STRBUF_INIT, ts = STRBUF_INIT;
        const char *row[2];

        add_sources(&src, b->s, &x->sources);
        if (b->o->custody && x->hash) {
            struct ts_count tc = {0, ""};
            struct err ce = ERR_INIT;

            store_custody_each(b->o->custody, x->hash, ts_cb, &tc, &ce);
            if (tc.n)
                strbuf_addf(&ts, "%zu (last %s)", tc.n, tc.last);
            else
                strbuf_addstr(&ts, "none");
        } else
            strbuf_addstr(&ts, "not checked");
        strbuf_reset(&ref);
        strbuf_addf(&ref,
                    "%s%s: %s. Verification: %s. Source: %s. Captured: %s. "
                    "RFC 3161 timestamps: %s. Media type: %s.",
                    x->fictional ? "[FICTIONAL] " : "", x->id, x->title,
                    nz(x->verification, "unverified"), src.buf,
                    nz(x->captured_at, "not recorded"), ts.buf,
                    nz(x->media_type, "not recorded"));
        if (x->url)
            strbuf_addf(&ref, " Captured from %s.", x->url);
        row[0] = ref.buf;
        row[1] = nz(x->hash, "[missing: hash]");
        doc_row(d, row);
        strbuf_release(&src);
        strbuf_release(&ts);
    }
    doc_heading(d, 2, "Annex B. Chain of custody");
    if (!b->o->custody)
        doc_para(d, "[missing: custody log] the case's custody log was not "
                    "available to this build.");
    else if (!b->exhibits.n)
        doc_para(d, "No exhibit, so no custody records.");
    else {
        struct custody_rows cr = {d, 0};

        doc_para(d, "Every action on each exhibit, from the case's signed "
                    "custody chain (Ed25519, hash-linked). The bundle's "
                    "custody.txt holds the full records and signatures.");
        doc_table(d, 6, chead);
        for (size_t i = 0; i < b->exhibits.n; i++) {
            const struct dossier_exhibit *x = &b->s->exhibits[b->exhibits.v[i]];
            struct err ce = ERR_INIT;

            if (x->hash)
                store_custody_each(b->o->custody, x->hash, custody_cb, &cr,
                                   &ce);
        }
        if (!cr.n)
            doc_para(d, "[missing: custody records] none found for these "
                        "exhibits.");
    }
    doc_heading(d, 2, "Annex C. Completeness check");
    for (size_t i = 0; i < b->ntargets; i++) {
        const struct dossier_check *c = &checks[i];

        doc_heading(d, 3, "%s: %zu blocking, %zu weak", b->targets[i].caption,
                    c->nblocking, c->nweak);
        if (!c->nissues)
            continue;
        doc_table(d, 3, ihead);
        for (size_t k = 0; k < c->nissues; k++) {
            const char *row[3] = {dossier_severity_name(c->issues[k].severity),
                                  c->issues[k].text,
                                  nz(c->issues[k].criterion, "")};
            doc_row(d, row);
        }
    }
    doc_heading(d, 2, "Annex D. The regime");
    doc_para(d, "%s (%s).", r->name, r->id);
    {
        static const char *const rhead[] = {"Point", "Text", "Source"};
        const struct {
            const char *label;
            const struct regime_point *p;
        } pts[] = {{"Legal basis", &r->legal_basis},
                   {"Who can be listed", &r->who},
                   {"Standard of proof", &r->proof},
                   {"Submission route", &r->route}};
        struct strbuf t = STRBUF_INIT;

        doc_table(d, 3, rhead);
        for (size_t i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
            const char *row[3];

            strbuf_reset(&t);
            strbuf_addf(&t, "%s%s", pts[i].p->verified ? "" : "[unverified] ",
                        pts[i].p->text);
            row[0] = pts[i].label;
            row[1] = t.buf;
            row[2] = pts[i].p->source;
            doc_row(d, row);
        }
        for (size_t i = 0; i < r->ncaveats; i++) {
            const char *row[3];

            strbuf_reset(&t);
            strbuf_addf(&t, "%s%s",
                        r->caveats[i].verified ? "" : "[unverified] ",
                        r->caveats[i].text);
            row[0] = "Open point";
            row[1] = t.buf;
            row[2] = r->caveats[i].source;
            doc_row(d, row);
        }
        for (size_t i = 0; i < r->ncriteria; i++) {
            const char *row[3];

            strbuf_reset(&t);
            strbuf_addf(&t, "%s: %s%s", r->criteria[i].id,
                        r->criteria[i].verified ? "" : "[unverified] ",
                        r->criteria[i].text);
            row[0] = "Criterion";
            row[1] = t.buf;
            row[2] = r->criteria[i].source;
            doc_row(d, row);
        }
        strbuf_release(&t);
        doc_para(d, "Sources:");
        for (size_t i = 0; i < r->nsources; i++)
            doc_para(d, "%s", r->sources[i]);
    }
    doc_heading(d, 2, "Annex E. Exhibit bundle");
    if (b->exhibits.n && b->o->vault)
        doc_para(d,
                 "exhibits.zip holds the %zu exhibits, SHA256SUMS, the "
                 "custody records and the case's public key. Check it with "
                 "'sha256sum -c SHA256SUMS' inside the bundle, or with "
                 "'dossier verify-bundle exhibits.zip'.",
                 b->exhibits.n);
    else if (b->exhibits.n)
        doc_para(d, "[missing: exhibit bundle] the evidence vault was not "
                    "opened for this build.");
    else
        doc_para(d, "No exhibit, so no bundle.");
    if (b->nreleased)
        annex_disclosures(d, b, r);
    strbuf_release(&ref);
}

/* --- the build -----------------------------------------------------------*/

static void compose(struct doc *d, struct bctx *b, const struct regime *r,
                    struct dossier_check *checks, size_t nblocking,
                    size_t nweak)
{
    sec_cover(d, b, r, nblocking, nweak);
    sec_org(d, b);
    sec_summary(d, b, r, checks);
    sec_identification(d, b, r);
    doc_heading(d, 1, "4. Context");
    doc_para(d, "Incidents: %zu. Units and the chain of command follow.",
             b->incidents.n);
    sec_context(d, b);
    sec_chronology(d, b);
    sec_evidence(d, b);
    sec_link(d, b);
    sec_legal(d, b, r, checks);
    sec_exculpatory(d, b);
    sec_assets(d, b, r);
    sec_designations(d, b, r);
    sec_recommend(d, b, r, checks);
    sec_confidential(d, b);
    sec_annexes(d, b, r, checks);
}

static enum err_code mkdirs(const char *dir, struct err *e)
{
    struct strbuf p = STRBUF_INIT;

    strbuf_addstr(&p, dir);
    for (size_t i = 1; i <= p.len; i++) {
        if (p.buf[i] != '/' && p.buf[i] != '\0')
            continue;
        p.buf[i] = '\0';
        if (mkdir(p.buf, 0700) != 0 && errno != EEXIST) {
            err_set(e, ERR_IO, "cannot create folder '%s': %s", p.buf,
                    strerror(errno));
            strbuf_release(&p);
            return ERR_IO;
        }
        if (i < p.len)
            p.buf[i] = '/';
    }
    strbuf_release(&p);
    return ERR_OK;
}

static void add_file(struct dossier_build_result *res, const char *path)
{
    /*
     * Confidential: readable by the owner only, whatever the umask (not
     * fatal if it fails: the file is written and a new folder is 0700).
     */
    (void)chmod(path, 0600);
    ALLOC_GROW(res->files, res->nfiles + 1, res->allocfiles);
    res->files[res->nfiles++] = arena_strdup(&res->arena, path);
}

static enum err_code render(struct doc *d, const struct dossier_build_opts *o,
                            const struct regime *r,
                            struct dossier_build_result *res, struct err *e)
{
    struct strbuf path = STRBUF_INIT;
    enum err_code rc = ERR_OK;

    if (o->formats & DOSSIER_HTML) {
        struct strbuf html = STRBUF_INIT;

        strbuf_addf(&path, "%s/dossier-%s.html", o->out_dir, r->id);
        rc = doc_render_html(d, &html, e);
        if (!rc)
            rc = doc_write_file(path.buf, html.buf, html.len, e);
        if (!rc)
            add_file(res, path.buf);
        strbuf_release(&html);
    }
    if (!rc && (o->formats & DOSSIER_DOCX)) {
        strbuf_reset(&path);
        strbuf_addf(&path, "%s/dossier-%s.docx", o->out_dir, r->id);
        rc = doc_render_docx(d, path.buf, e);
        if (!rc)
            add_file(res, path.buf);
    }
    if (!rc && (o->formats & DOSSIER_PDF)) {
        strbuf_reset(&path);
        strbuf_addf(&path, "%s/dossier-%s.pdf", o->out_dir, r->id);
        rc = doc_render_pdf(d, path.buf, e);
        if (!rc)
            add_file(res, path.buf);
    }
    strbuf_release(&path);
    return rc;
}

static enum err_code bundle(struct bctx *b, struct dossier_build_result *res,
                            struct err *e)
{
    struct vault_bundle_item *items;
    struct strbuf path = STRBUF_INIT;
    size_t n = 0;
    enum err_code rc = ERR_OK;

    items = xcalloc(b->exhibits.n + 1, sizeof(*items));
    for (size_t i = 0; i < b->exhibits.n; i++) {
        const struct dossier_exhibit *x = &b->s->exhibits[b->exhibits.v[i]];
        bool dup = false;

        if (!x->hash || !vault_has(b->o->vault, x->hash))
            continue;
        for (size_t k = 0; k < n; k++)
            if (strcmp(items[k].object, x->hash) == 0)
                dup = true;
        if (dup)
            continue;
        items[n].object = x->hash;
        items[n].name = x->title;
        n++;
    }
    if (n) {
        strbuf_addf(&path, "%s/exhibits.zip", b->o->out_dir);
        unlink(path.buf);
        rc = vault_bundle_export(b->o->vault, b->o->custody, items, n, path.buf,
                                 e);
        if (!rc)
            add_file(res, path.buf);
        res->nexhibits = n;
    }
    free(items);
    strbuf_release(&path);
    return rc;
}

enum err_code dossier_build(struct store *st,
                            const struct dossier_build_opts *o,
                            struct dossier_build_result *res, struct err *e)
{
    struct dossier_snapshot snap;
    struct bctx b;
    enum err_code rc;
    char today[32];

    memset(res, 0, sizeof(*res));
    arena_init(&res->arena, 4096);
    memset(&b, 0, sizeof(b));
    if (!o->ntargets || !o->nregimes)
        return err_set(e, ERR_USAGE, "no target or no regime given");
    rc = mkdirs(o->out_dir, e);
    if (rc)
        return rc;
    rc = dossier_snapshot_load(st, &snap, e);
    if (rc)
        return rc;
    b.s = &snap;
    b.o = o;
    date_now_iso(today);
    today[10] = '\0';
    b.date = o->date ? o->date : today;
    b.targets = xcalloc(o->ntargets, sizeof(*b.targets));
    b.rel_used = xcalloc(snap.nreleases + 1, sizeof(*b.rel_used));
    for (size_t i = 0; !rc && i < o->ntargets; i++) {
        rc = dossier_target_load(&snap, o->targets[i], &b.targets[b.ntargets],
                                 e);
        if (!rc)
            b.ntargets++;
    }
    for (size_t i = 0; !rc && i < b.ntargets; i++)
        for (size_t k = 0; k < b.targets[i].nlinks; k++) {
            size_t in = b.targets[i].links[k].incident;
            idx_add_unique(&b.incidents, in);
        }
    if (!rc) {
        /* Chronological order; undated incidents last. */
        for (size_t i = 1; i < b.incidents.n; i++) {
            size_t x = b.incidents.v[i], j = i;
            const char *dx = snap.incidents[x].start;

            while (j > 0) {
                const char *dy = snap.incidents[b.incidents.v[j - 1]].start;
                if (!dy || (dx && strcmp(dy, dx) <= 0))
                    break;
                b.incidents.v[j] = b.incidents.v[j - 1];
                j--;
            }
            b.incidents.v[j] = x;
        }
        for (size_t i = 0; i < b.incidents.n; i++) {
            const struct dossier_incident *in =
                &snap.incidents[b.incidents.v[i]];
            for (size_t k = 0; k < in->exhibits.n; k++)
                idx_add_unique(&b.exhibits, in->exhibits.v[k]);
        }
        if (b.exhibits.n > 1)
            qsort(b.exhibits.v, b.exhibits.n, sizeof(size_t), cmp_size);
    }
    for (size_t ri = 0; !rc && ri < o->nregimes; ri++) {
        const struct regime *r = o->regimes[ri];
        struct dossier_check *checks = xcalloc(b.ntargets, sizeof(*checks));
        size_t nblocking = 0, nweak = 0;
        struct strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
        struct doc d;

        for (size_t i = 0; i < b.ntargets; i++) {
            dossier_check_run(&snap, &b.targets[i], r, &checks[i]);
            nblocking += checks[i].nblocking;
            nweak += checks[i].nweak;
        }
        res->nblocking += nblocking;
        res->nweak += nweak;
        strbuf_addf(&title, "Submission under the %s", r->name);
        strbuf_addstr(&sub, "Targets: ");
        for (size_t i = 0; i < b.ntargets; i++)
            strbuf_addf(&sub, "%s%s", i ? "; " : "", b.targets[i].caption);
        doc_init(&d, title.buf, sub.buf, "CONFIDENTIAL", r->short_name);
        plan_releases(&b, r);
        res->nreleased += b.nreleased;
        note_disclosed(&b, r, res);
        compose(&d, &b, r, checks, nblocking, nweak);
        rc = render(&d, o, r, res, e);
        doc_release(&d);
        for (size_t i = 0; i < b.ntargets; i++)
            dossier_check_release(&checks[i]);
        free(checks);
        strbuf_release(&title);
        strbuf_release(&sub);
    }
    if (!rc && o->vault && b.exhibits.n)
        rc = bundle(&b, res, e);
    for (size_t i = 0; i < b.ntargets; i++)
        dossier_target_release(&b.targets[i]);
    free(b.targets);
    free(b.rel_used);
    free(b.incidents.v);
    free(b.exhibits.v);
    dossier_snapshot_release(&snap);
    return rc;
}

void dossier_build_result_release(struct dossier_build_result *res)
{
    free(res->files);
    free(res->disclosed);
    arena_release(&res->arena);
    memset(res, 0, sizeof(*res));
}

enum err_code dossier_demo_build(const char *case_dir,
                                 struct dossier_build_result *res,
                                 struct err *e)
{
    static const char *const targets[] = {DEMO_OFFICER_ID, DEMO_COMMANDER_ID};
    struct regime_set rs;
    const struct regime *regs[2];
    struct dossier_build_opts o;
    struct store *st = NULL;
    struct store_custody *cs = NULL;
    struct vault *v = NULL;
    struct strbuf db = STRBUF_INIT, out = STRBUF_INIT;
    char dir[4096];
    enum err_code rc;

    memset(res, 0, sizeof(*res));
    regime_default_dir(dir, sizeof(dir));
    rc = regime_set_load(dir, &rs, e);
    if (rc)
        return rc;
    rc = regime_set_get(&rs, "uk-ghr", &regs[0], e);
    if (!rc)
        rc = regime_set_get(&rs, "us-glomag", &regs[1], e);
    strbuf_addf(&db, "%s/case.db", case_dir);
    strbuf_addf(&out, "%s/exports/dossiers", case_dir);
    if (!rc)
        rc = store_open(db.buf, 0, &st, e);
    if (!rc) {
        struct err ce = ERR_INIT;
        if (store_custody_open(db.buf, false, &cs, &ce))
            cs = NULL;
        /* The demo's exhibits go into the bundle when the vault opens. */
        if (vault_open(case_dir, getenv("DOSSIER_PASSPHRASE"), &v, &ce))
            v = NULL;
    }
    if (!rc) {
        memset(&o, 0, sizeof(o));
        o.targets = targets;
        o.ntargets = 2;
        o.regimes = regs;
        o.nregimes = 2;
        o.all_regimes = &rs;
        o.formats = DOSSIER_HTML | DOSSIER_DOCX | DOSSIER_PDF;
        o.out_dir = out.buf;
        o.organization = "[FICTIONAL] Demo Documentation Group, a training "
                         "organisation that does not exist";
        o.contact = "[FICTIONAL] demo@example.org";
        o.custody = cs;
        o.vault = v;
        rc = dossier_build(st, &o, res, e);
    }
    if (v)
        vault_close(v);
    if (cs)
        store_custody_close(cs);
    if (st)
        store_close(st);
    regime_set_release(&rs);
    strbuf_release(&db);
    strbuf_release(&out);
    return rc;
}
