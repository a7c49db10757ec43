/*
 * xml: a streaming XML reader over libxml2's xmlTextReader, the only
 * user of libxml2 in the project. Secure by default: no network access,
 * no entity substitution (so no XXE and no entity expansion), no DTD
 * loading, a document type declaration is rejected outright, libxml2's
 * default size limits (no XML_PARSE_HUGE). Nothing is printed: libxml2's
 * messages are captured and the first one is returned with the file and
 * line.
 *
 * Importers walk the document node by node (xml_next) and, for each
 * record element, read its whole subtree into a small tree in a caller's
 * arena (xml_read_tree), so memory stays bounded by one record.
 */
#ifndef FORMATS_XML_H
#define FORMATS_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

struct xml_reader;

enum xml_node_kind {
    XML_START, /* an element start tag (also for <empty/>) */
    XML_END,   /* an element end tag */
    XML_TEXT,  /* text or CDATA */
    XML_OTHER, /* comment, processing instruction, whitespace ... */
};

struct xml_attr {
    const char *name; /* local name */
    const char *value;
};

/* A record subtree read by xml_read_tree; all memory in the arena. */
struct xml_node {
    const char *name; /* local name (namespace prefix dropped) */
    const char *text; /* concatenated direct text, trimmed; "" if none */
    struct xml_attr *attrs;
    size_t nattrs;
    struct xml_node *children; /* element children, in document order */
    size_t nchildren;
    int line;
};

/* Opens path; free with xml_free. ERR_IO names the file. */
enum err_code xml_open_file(const char *path, struct xml_reader **out,
                            struct err *e);
/* Reads from memory (borrowed until xml_free); name is for messages. */
enum err_code xml_open_mem(const void *data, size_t len, const char *name,
                           struct xml_reader **out, struct err *e);
/*
 * Reads through a callback (streaming, e.g. from a zip member): read_fn
 * fills buf with up to len bytes and returns the count, 0 at the end or
 * -1 on error. ctx is borrowed until xml_free; name is for messages.
 */
enum err_code xml_open_fn(int (*read_fn)(void *ctx, char *buf, int len),
                          void *ctx, const char *name, struct xml_reader **out,
                          struct err *e);
void xml_free(struct xml_reader *r);

/*
 * Moves to the next node. *got is false at end of document. Errors
 * (not well-formed, truncated, bad encoding, a DTD) return ERR_INVALID
 * "FILE:LINE: MESSAGE".
 */
enum err_code xml_next(struct xml_reader *r, bool *got, struct err *e);

enum xml_node_kind xml_kind(const struct xml_reader *r);
/* Local name of the current element ("" for non-elements). */
const char *xml_name(const struct xml_reader *r);
int xml_depth(const struct xml_reader *r);
int xml_line(const struct xml_reader *r);
const char *xml_file(const struct xml_reader *r);

/*
 * Copies attribute name of the current element into out (truncated to
 * n-1 bytes); returns false when absent.
 */
bool xml_attr(struct xml_reader *r, const char *name, char *out, size_t n);

/*
 * Reads the current element and its whole subtree into *out (memory in
 * a, owned by the caller's arena) and moves past it, so the next
 * xml_next returns the node after the element's end. A subtree of more
 * than max_nodes elements, or more than 4 MiB of text, is ERR_TOOBIG.
 */
enum err_code xml_read_tree(struct xml_reader *r, struct arena *a,
                            size_t max_nodes, struct xml_node **out,
                            struct err *e);

/* First child element named name, or NULL. */
const struct xml_node *xml_child(const struct xml_node *n, const char *name);
/* Text of the first child named name, or NULL when absent or empty. */
const char *xml_child_text(const struct xml_node *n, const char *name);
/* Value of attribute name, or NULL. */
const char *xml_node_attr(const struct xml_node *n, const char *name);

#endif
