/*
 * formats/zipr: reading zip archives (libzip), from a file or from
 * memory: list the entries, find one by name, read one whole (with a size
 * cap) or pull it in pieces. Archives are untrusted input: every read is
 * capped by the caller, and errors name the entry but not the archive
 * (callers add their own context with err_prefix or their own message).
 * Writing zips: formats/zipw.
 */
#ifndef FORMATS_ZIPR_H
#define FORMATS_ZIPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/strbuf.h"

struct zipr;       /* an open archive */
struct zipr_entry; /* one entry open for reading */

/* zipr_open_* flags. */
enum zipr_flags {
    ZIPR_CHECKCONS = 1 << 0, /* extra consistency checks of the archive */
};

/*
 * Opens the archive at path. ERR_INVALID "'PATH' is not a readable zip
 * archive (libzip error N)" when it cannot be opened or is not a zip.
 * *out is owned: free with zipr_close.
 */
enum err_code zipr_open_file(const char *path, unsigned flags,
                             struct zipr **out, struct err *e);

/*
 * Opens an archive held in memory (n bytes at data, borrowed until
 * zipr_close). ERR_INVALID "not a readable zip archive" on failure.
 */
enum err_code zipr_open_mem(const void *data, size_t n, unsigned flags,
                            struct zipr **out, struct err *e);

/* Closes the archive (entries must be closed first); NULL is ignored. */
void zipr_close(struct zipr *z);

/* Number of entries. */
size_t zipr_count(const struct zipr *z);

/* Name of entry i (borrowed, valid until zipr_close), or NULL. */
const char *zipr_name(struct zipr *z, size_t i);

/* Whether an entry named name exists; its index in *idx (may be NULL). */
bool zipr_locate(struct zipr *z, const char *name, size_t *idx);

/*
 * The uncompressed size the archive states for entry name in *size:
 * ERR_NOTFOUND "no entry 'NAME'" when absent, ERR_INVALID when the size
 * is unknown. The stated size is untrusted: readers cap what they read.
 */
enum err_code zipr_size(struct zipr *z, const char *name, uint64_t *size,
                        struct err *e);

/*
 * Appends the whole entry name to out, reading at most max bytes:
 * ERR_NOTFOUND "no entry 'NAME'", ERR_TOOBIG "entry 'NAME' is larger than
 * MAX bytes", ERR_INVALID "cannot read entry 'NAME'" (corrupt data, bad
 * checksum). out keeps its own cap too (out->max).
 */
enum err_code zipr_read(struct zipr *z, const char *name, size_t max,
                        struct strbuf *out, struct err *e);

/*
 * Opens entry name to pull its bytes with zipr_entry_read; *out is owned:
 * free with zipr_entry_close (before zipr_close). ERR_NOTFOUND "no entry
 * 'NAME'" when absent.
 */
enum err_code zipr_entry_open(struct zipr *z, const char *name,
                              struct zipr_entry **out, struct err *e);

/*
 * Reads up to n bytes of the entry into buf; *got is 0 at the end.
 * ERR_INVALID "cannot read entry 'NAME'" on corrupt data.
 */
enum err_code zipr_entry_read(struct zipr_entry *f, void *buf, size_t n,
                              size_t *got, struct err *e);

/* Closes the entry; NULL is ignored. */
void zipr_entry_close(struct zipr_entry *f);

#endif
