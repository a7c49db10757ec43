/*
 * timestamp: RFC 3161 trusted timestamps for vault objects. Sends the
 * object's SHA-256 to a TSA (crypto/tsa builds and checks, net/http
 * carries), stores the token as a vault object of its own and appends a
 * "timestamp" custody record to the object's chain naming the TSA, the
 * time and the token's hash.
 */
#ifndef VAULT_TIMESTAMP_H
#define VAULT_TIMESTAMP_H

#include <stddef.h>

#include "store/store_custody.h"
#include "vault/vault.h"

/*
 * Timestamps object (hex hash) at tsa_url. tsa_cert (PEM CA file of the
 * TSA, may be NULL) makes the signature checked now; without it only
 * imprint and nonce are. gentime receives the TSA's time.
 * ERR_IO (network), ERR_INVALID (not a TSA answer), ERR_AUTH (refused or
 * not matching).
 */
enum err_code vault_timestamp_object(struct vault *v, struct store_custody *cs,
                                     const char *object, const char *tsa_url,
                                     const char *tsa_cert, char *gentime,
                                     size_t gmax, struct err *e);

/*
 * Re-checks a stored token (a vault object, hex token_hash) against
 * object; with tsa_cert also its signature. Fills gentime.
 */
enum err_code vault_timestamp_check(struct vault *v, const char *object,
                                    const char *token_hash,
                                    const char *tsa_cert, char *gentime,
                                    size_t gmax, struct err *e);

#endif
