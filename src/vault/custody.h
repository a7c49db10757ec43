/*
 * custody: the signed hash chain over every action on evidence (add, open,
 * export, verify, annotate, release, timestamp, capture). This module
 * makes the canonical form of a record, its hash and signature, appends
 * through store_custody (which stores), and checks chains: the case log,
 * one object's chain, or records read back from a bundle.
 *
 * Canonical record (what is hashed and signed), one "key=value" line
 * each, newlines in values replaced by spaces:
 *   dossier-custody=1, seq, at, actor, action, object, exhibit, detail,
 *   prev, obj_prev
 */
#ifndef VAULT_CUSTODY_H
#define VAULT_CUSTODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store_custody.h"
#include "util/strbuf.h"
#include "vault/vault.h"

/*
 * Appends a record for action on object (hex hash) signed by the case
 * key. exhibit and detail (JSON object text) may be NULL. The actor is
 * user_current() (util/user.h). All strings borrowed.
 */
enum err_code vault_custody_log(struct vault *v, struct store_custody *cs,
                                const char *action, const char *object,
                                const char *exhibit, const char *detail,
                                struct err *e);

/*
 * Writes the signed head file (vault/custody.head) for the log's last
 * record. vault_custody_log does it itself, except for a record that
 * joined the caller's store transaction (store_custody_joined): call this
 * after that transaction commits. A head one record behind the log is
 * not a problem for verification; one ahead of it would be.
 */
enum err_code vault_custody_head_update(struct vault *v,
                                        struct store_custody *cs,
                                        struct err *e);

/* Appends the canonical text of r to sb. */
void vault_custody_canonical(const struct store_custody_rec *r,
                             struct strbuf *sb);

/* Reports one problem: seq of the record (0 when not tied to one), the
 * object it concerns (may be ""), and what is wrong. */
typedef void (*vault_problem_fn)(int64_t seq, const char *object,
                                 const char *what, void *ctx);

/*
 * Incremental chain checker: feed records in seq order. With global set,
 * the whole-log links (seq continuity, prev) are checked too; per-object
 * links (obj_prev), record hashes and signatures always are.
 */
struct vault_chain {
    uint8_t pk[DC_SIG_PK_BYTES];
    bool global;
    int64_t last_seq;
    char last_hash[DC_SHA256_HEX];
    struct vault_chain_obj *objs; /* object -> its last record hash */
    size_t nobjs, allocobjs;
    size_t nrecords, nproblems;
    vault_problem_fn problem;
    void *ctx;
    int64_t head_seq;              /* record the head file names, or 0 */
    char head_hash[DC_SHA256_HEX]; /* its hash per the head file */
    bool head_seen;                /* that record was fed */
};

void vault_chain_init(struct vault_chain *c, const uint8_t *pk, bool global,
                      vault_problem_fn problem, void *ctx);
void vault_chain_feed(struct vault_chain *c, const struct store_custody_rec *r);
void vault_chain_release(struct vault_chain *c);

/*
 * Checks the custody log of the case (object NULL: the whole log; else
 * that object's chain). The whole-log check also reads the signed head
 * file (CASE/vault/custody.head, rewritten after every append), so a log
 * cut back below the head (its newest records deleted) is reported. Problems go
 * to problem; *nproblems gets their count. Returns ERR_OK when the log could be
 * read (whatever was found).
 */
enum err_code vault_custody_verify(struct vault *v, struct store_custody *cs,
                                   const char *object, vault_problem_fn problem,
                                   void *ctx, size_t *nproblems, struct err *e);

#endif
