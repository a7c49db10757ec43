/*
 * formats/zipw: writing zip archives (libzip), for documents that are zip
 * packages (DOCX) and evidence bundles (vault/bundle.c). Writes to a
 * temporary file next to the target and renames it into place on
 * zipw_close, so a failed write leaves nothing. Members are either copies
 * of memory or streams whose bytes a callback supplies while the archive
 * is written (so an exhibit is decrypted straight into the zip and no
 * plaintext temporary file exists). Reading zips: formats/zipr.
 */
#ifndef FORMATS_ZIPW_H
#define FORMATS_ZIPW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct zipw;

/*
 * Starts a new archive that will replace path on zipw_close. *out is
 * owned: finish with zipw_close or zipw_discard. ERR_IO on failure.
 */
enum err_code zipw_open(const char *path, struct zipw **out, struct err *e);

/*
 * As zipw_open, with the temporary file named path + tmp_suffix (e.g.
 * ".partial") instead of path + ".tmp". An existing file of that name is
 * removed first.
 */
enum err_code zipw_open_tmp(const char *path, const char *tmp_suffix,
                            struct zipw **out, struct err *e);

/*
 * Adds a member named name (UTF-8) holding a copy of data (n bytes),
 * deflated when compress is set. Members keep the order they are added.
 */
enum err_code zipw_add(struct zipw *z, const char *name, const void *data,
                       size_t n, bool compress, struct err *e);

/*
 * The bytes of a streamed member, pulled while zipw_close writes the
 * archive. open is called before the first read (it may be called again
 * if libzip restarts the member); read fills up to n bytes of buf and sets
 * *got (0 at the end); close ends one open; release (may be NULL) frees
 * ctx when the archive is closed or discarded, whether or not open was
 * ever called. Errors go to e: the first one is what zipw_close reports.
 */
struct zipw_stream {
    enum err_code (*open)(void *ctx, struct err *e);
    enum err_code (*read)(void *ctx, void *buf, size_t n, size_t *got,
                          struct err *e);
    void (*close)(void *ctx);
    void (*release)(void *ctx);
};

/*
 * Adds a member named name (UTF-8) of exactly size bytes read through ops
 * (borrowed; must outlive zipw_close) with ctx, deflated when compress is
 * set. Unlike zipw_add, fails when a member of that name exists. Takes
 * ownership of ctx: ops->release(ctx) is called on failure here too.
 */
enum err_code zipw_add_stream(struct zipw *z, const char *name, uint64_t size,
                              bool compress, const struct zipw_stream *ops,
                              void *ctx, struct err *e);

/*
 * Writes the archive, renames it into place and frees z (always). When a
 * stream failed, its error is the one reported.
 */
enum err_code zipw_close(struct zipw *z, struct err *e);

/* Abandons the archive (nothing is written) and frees z. */
void zipw_discard(struct zipw *z);

#endif
