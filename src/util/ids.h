/*
 * ids: entity identifiers. An id is text, stable for the life of the
 * entity and never reused. New ids are random (getrandom, 100 bits, base32
 * lower-case: 20 characters, e.g. "k3x9q..."); derived ids are stable
 * functions of a namespace and a key (for imports that must be
 * idempotent). Imported ids (FtM, list entry ids) are kept as they come
 * once they pass ids_is_valid.
 */
#ifndef UTIL_IDS_H
#define UTIL_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define ID_RANDOM_LEN 20
#define ID_MAX_LEN 128

/* Writes a new random id (ID_RANDOM_LEN chars + NUL) into out. */
enum err_code ids_new(char out[ID_RANDOM_LEN + 1], struct err *e);

/*
 * Writes a stable id for (ns, key): "ns-" followed by 20 base32 chars of a
 * 100-bit non-cryptographic hash of key. out must hold ID_MAX_LEN + 1.
 */
void ids_derive(const char *ns, const char *key, char out[ID_MAX_LEN + 1]);

/* True when s is 1..ID_MAX_LEN chars of [A-Za-z0-9._:-]. */
bool ids_is_valid(const char *s);

#endif
