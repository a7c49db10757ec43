/*
 * libFuzzer target: RFC 3161 replies and tokens from a time-stamping
 * authority (crypto/tsa.c), which arrive over the network.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "crypto/tsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t digest[DC_SHA256_BYTES] = {1, 2, 3};
    uint8_t *req = NULL, *token = NULL;
    size_t reqn = 0, tokn = 0;
    char gentime[64];

    if (crypto_tsa_request(digest, &req, &reqn, NULL) != ERR_OK)
        return 0;
    if (crypto_tsa_reply(data, size, req, reqn, NULL, &token, &tokn, gentime,
                         sizeof(gentime), NULL) == ERR_OK)
        free(token);
    if (crypto_tsa_token_check(data, size, digest, NULL, gentime,
                               sizeof(gentime), NULL) != ERR_OK) {
        /* A refused token is the expected outcome for most inputs. */
    }
    free(req);
    return 0;
}
