/*
 * list_xml: the reading loop shared by the XML list importers (OFAC
 * advanced, UN, EU, UK, Canada): open a file or a buffer, set the list's
 * metadata, check the root element, read each record element as a
 * bounded subtree (one arena per record, so memory stays bounded by one
 * record) and hand it to the importer. The importer interprets records;
 * this module knows no list format.
 */
#ifndef SCREEN_LIST_XML_H
#define SCREEN_LIST_XML_H

#include <stddef.h>

#include "formats/xml.h"
#include "screen/list.h"
#include "util/err.h"

/* Interprets one record subtree n (borrowed for the call) of file. */
typedef enum err_code (*list_xml_record_fn)(struct list *l,
                                            const struct xml_node *n,
                                            const char *file, void *ctx,
                                            struct err *e);

/* What an importer reads (all strings static, borrowed). */
struct list_xml {
    const char *source, *jurisdiction, *format; /* list metadata */
    const char *root;           /* required root element, or NULL for any */
    const char *root_what;      /* for the refusal: "a UN consolidated list" */
    const char *date_attr;      /* root attribute holding the publication date
                                   (its first 10 characters), or NULL */
    const char *const *records; /* elements read whole, NULL-terminated */
    size_t max_nodes;           /* cap per record (hostile input) */
    size_t arena_block;         /* arena block size per record */
    list_xml_record_fn record;
};

/*
 * Reads path (or the buffer data/len, named name in messages) into l as
 * x says; ctx goes to x->record. Does not call list_finish (the importer
 * may have work after the last record). Errors: the reader's (naming
 * file and line), ERR_INVALID for another root element ("FILE:LINE: root
 * element <x> is not ROOT_WHAT") or a file without one, the record
 * callback's.
 */
enum err_code list_xml_load(const char *path, struct list *l,
                            const struct list_xml *x, void *ctx, struct err *e);
enum err_code list_xml_load_mem(const void *data, size_t len, const char *name,
                                struct list *l, const struct list_xml *x,
                                void *ctx, struct err *e);

#endif
