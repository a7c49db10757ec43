/*
 * bundle: evidence bundles for recipients (courts, sanctions units,
 * journalists). A bundle is a zip (written with formats/zipw, read with
 * formats/zipr) holding:
 *   exhibits/<hash12>-<name>   the decrypted exhibits
 *   SHA256SUMS                 `sha256sum -c SHA256SUMS` checks them
 *   MANIFEST.txt               how to check, in plain words
 *   manifest.json              the same, machine-readable
 *   custody.txt                every custody record of each exhibit
 *                              (canonical text + hash + signature)
 *   case-key.pub               the case's Ed25519 public key (hex)
 *   timestamps/<hash12>-N.tsr  RFC 3161 tokens over the exhibit hashes
 * `dossier verify-bundle` checks one without the case.
 */
#ifndef VAULT_BUNDLE_H
#define VAULT_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store_custody.h"
#include "vault/custody.h"
#include "vault/vault.h"

struct vault_bundle_item {
    const char *object; /* hex hash (borrowed) */
    const char *name;   /* original file name, or "" (borrowed) */
};

/* Hard caps for reading untrusted bundles. */
#define BUNDLE_MAX_SUMS (4u << 20)
#define BUNDLE_MAX_CUSTODY (64u << 20)
#define BUNDLE_MAX_ENTRIES 100000

/*
 * Writes a bundle of n objects to out_path (via a temp file and rename;
 * ERR_CONFLICT if out_path exists). Exhibits are decrypted and checked
 * as they stream into the zip: no plaintext temp files, memory flat in
 * exhibit size; an altered object fails the export (ERR_CRYPTO) and appends an
 * "export" custody record for each object. All strings borrowed.
 */
enum err_code vault_bundle_export(struct vault *v, struct store_custody *cs,
                                  const struct vault_bundle_item *items,
                                  size_t n, const char *out_path,
                                  struct err *e);

struct vault_bundle_result {
    size_t exhibits;                   /* exhibit files checked */
    size_t records;                    /* custody records checked */
    size_t tokens;                     /* timestamp tokens found */
    size_t problems;                   /* problems reported */
    char key[2 * DC_SIG_PK_BYTES + 1]; /* the bundle's public key (hex) */
};

/*
 * Checks a bundle: every exhibit's SHA-256 against SHA256SUMS, every
 * listed file present and no unlisted exhibit, the custody records'
 * hashes, signatures (by case-key.pub) and per-exhibit chains, and that
 * each exhibit has an "add" or "capture" record. Problems go to problem
 * (seq 0 for non-record problems). Returns ERR_OK when the bundle could be
 * read (then res->problems says whether it is sound); ERR_INVALID when it
 * is not a readable bundle.
 */
enum err_code vault_bundle_verify_file(const char *path,
                                       vault_problem_fn problem, void *ctx,
                                       struct vault_bundle_result *res,
                                       struct err *e);
/* Same over a bundle in memory (borrowed); used by the fuzzer. */
enum err_code vault_bundle_verify_mem(const void *data, size_t n,
                                      vault_problem_fn problem, void *ctx,
                                      struct vault_bundle_result *res,
                                      struct err *e);

#endif
