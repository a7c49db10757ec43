/*
 * tsa: RFC 3161 trusted timestamps over the OpenSSL TS API (part of
 * crypto/, the only module that includes OpenSSL headers). Builds
 * requests for a SHA-256 digest, checks replies against their request
 * (status, imprint, nonce and, given the TSA's CA, the signature) and
 * re-checks stored tokens. No network: vault/timestamp.c carries the
 * bytes over net/http.
 *
 * Every returned buffer is owned by the caller (free()).
 */
#ifndef CRYPTO_TSA_H
#define CRYPTO_TSA_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto.h"
#include "util/err.h"

/* A DER TimeStampReq for digest (SHA-256) with a random nonce and
 * certReq set. */
enum err_code crypto_tsa_request(const uint8_t digest[DC_SHA256_BYTES],
                                 uint8_t **der, size_t *n,
                                 struct err *e) CRYPTO_WUR;

/*
 * Checks a DER TimeStampResp against its request: granted, the imprint
 * and nonce match, and with ca_file (PEM, may be NULL) the TSA signature
 * chains to it. On success *token (DER ContentInfo, the part to keep) and
 * gentime ("YYYY-MM-DDTHH:MM:SSZ") are set. ERR_INVALID for garbage,
 * ERR_AUTH for a refused or non-matching reply.
 */
enum err_code crypto_tsa_reply(const uint8_t *reply, size_t n,
                               const uint8_t *req, size_t reqn,
                               const char *ca_file, uint8_t **token,
                               size_t *tokn, char *gentime, size_t gmax,
                               struct err *e) CRYPTO_WUR;

/* Checks a stored token covers digest (and with ca_file, its signature);
 * fills gentime. */
enum err_code crypto_tsa_token_check(const uint8_t *token, size_t n,
                                     const uint8_t digest[DC_SHA256_BYTES],
                                     const char *ca_file, char *gentime,
                                     size_t gmax, struct err *e) CRYPTO_WUR;

#endif
