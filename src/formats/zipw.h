/*
 * formats/zipw: writing zip archives (libzip), for documents that are zip
 * packages (DOCX). Writes to a temporary file next to the target and
 * renames it into place on zipw_close, so a failed write leaves nothing.
 * Reading zips stays with its users (xlsx.c, vault/bundle.c); the evidence
 * bundle writer in vault/bundle.c predates this module (NEEDSWORK: move
 * its writing here).
 */
#ifndef FORMATS_ZIPW_H
#define FORMATS_ZIPW_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct zipw;

/*
 * Starts a new archive that will replace path on zipw_close. *out is
 * owned: finish with zipw_close or zipw_discard. ERR_IO on failure.
 */
enum err_code zipw_open(const char *path, struct zipw **out, struct err *e);

/*
 * Adds a member named name (UTF-8) holding a copy of data (n bytes),
 * deflated when compress is set. Members keep the order they are added.
 */
enum err_code zipw_add(struct zipw *z, const char *name, const void *data,
                       size_t n, bool compress, struct err *e);

/* Writes the archive, renames it into place and frees z (always). */
enum err_code zipw_close(struct zipw *z, struct err *e);

/* Abandons the archive (nothing is written) and frees z. */
void zipw_discard(struct zipw *z);

#endif
