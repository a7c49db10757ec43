/*
 * meta: what a file says about itself, sniffed from its first bytes while
 * it streams through vault_add_file: media type (libmagic) and, for
 * images, EXIF time, GPS position and device (libexif). The only user of
 * <magic.h> and <libexif/...>. Never reads files itself.
 */
#ifndef VAULT_META_H
#define VAULT_META_H

#include <stddef.h>

#include "vault/vault.h"

struct vault_sniff;

/* Returns an owned sniffer (free with vault_sniff_free). */
struct vault_sniff *vault_sniff_new(void);
/* Feeds the next n bytes of the file (only a bounded prefix is kept). */
void vault_sniff_feed(struct vault_sniff *s, const void *buf, size_t n);
/* Fills m->media_type and m->exif_* from what was fed. */
void vault_sniff_finish(struct vault_sniff *s, struct vault_meta *m);
void vault_sniff_free(struct vault_sniff *s);

#endif
