/*
 * xml: libxml2 xmlTextReader wrapper. Record subtrees are expanded by
 * libxml2 and copied into the caller's arena as struct xml_node, so no
 * libxml2 type leaves this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "formats/xml.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define XML_TEXT_MAX (4u << 20)

struct xml_reader {
    xmlTextReaderPtr tr;
    char *name;     /* file name for messages (owned) */
    bool pending;   /* current node already read (after xml_read_tree) */
    int pending_rc; /* what xmlTextReaderNext returned: 1 node, 0 end */
    bool err_set;
    int err_line;
    char err_msg[256];
};

static void on_error(void *ctx, xmlErrorPtr err)
{
    struct xml_reader *r = ctx;
    size_t n;

    if (r->err_set || !err || err->level < XML_ERR_ERROR)
        return;
    r->err_set = true;
    r->err_line = err->line;
    snprintf(r->err_msg, sizeof(r->err_msg), "%s",
             err->message ? err->message : "malformed XML");
    n = strlen(r->err_msg);
    while (n > 0 && (r->err_msg[n - 1] == '\n' || r->err_msg[n - 1] == ' '))
        r->err_msg[--n] = '\0';
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* No network, no entity substitution, no DTD loading, default limits. */
#define XML_SAFE_OPTIONS                                                       \
    (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

static enum err_code finish_open(struct xml_reader *r, const char *name,
                                 struct xml_reader **out, struct err *e)
{
    if (!r->tr) {
        err_set(e, ERR_IO, "cannot open XML '%s'", name);
        free(r->name);
        free(r);
        return ERR_IO;
    }
    xmlTextReaderSetStructuredErrorHandler(r->tr, on_error, r);
    *out = r;
    return ERR_OK;
}

enum err_code xml_open_file(const char *path, struct xml_reader **out,
                            struct err *e)
{
    struct xml_reader *r;
    FILE *fp = fopen(path, "rb");

    *out = NULL;
    if (!fp)
        return err_set(e, ERR_IO, "cannot open '%s'", path);
    fclose(fp);
    xmlSetGenericErrorFunc(NULL, silent);
    r = xcalloc(1, sizeof(*r));
    r->name = xstrdup(path);
    r->tr = xmlReaderForFile(path, NULL, XML_SAFE_OPTIONS);
    return finish_open(r, path, out, e);
}

enum err_code xml_open_mem(const void *data, size_t len, const char *name,
                           struct xml_reader **out, struct err *e)
{
    struct xml_reader *r;

    *out = NULL;
    if (len > (size_t)0x7fffffff)
        return err_set(e, ERR_TOOBIG, "XML '%s' too large", name);
    xmlSetGenericErrorFunc(NULL, silent);
    r = xcalloc(1, sizeof(*r));
    r->name = xstrdup(name ? name : "(memory)");
    r->tr = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_SAFE_OPTIONS);
    return finish_open(r, r->name, out, e);
}

enum err_code xml_open_fn(int (*read_fn)(void *ctx, char *buf, int len),
                          void *ctx, const char *name, struct xml_reader **out,
                          struct err *e)
{
    struct xml_reader *r;

    *out = NULL;
    xmlSetGenericErrorFunc(NULL, silent);
    r = xcalloc(1, sizeof(*r));
    r->name = xstrdup(name ? name : "(stream)");
    r->tr = xmlReaderForIO(read_fn, NULL, ctx, NULL, NULL, XML_SAFE_OPTIONS);
    return finish_open(r, r->name, out, e);
}

void xml_free(struct xml_reader *r)
{
    if (!r)
        return;
    if (r->tr)
        xmlFreeTextReader(r->tr);
    free(r->name);
    free(r);
}

static enum err_code fail(struct xml_reader *r, struct err *e)
{
    if (r->err_set)
        return err_set(e, ERR_INVALID, "%s:%d: %s", r->name, r->err_line,
                       r->err_msg);
    return err_set(e, ERR_INVALID, "%s:%d: malformed XML", r->name,
                   xmlTextReaderGetParserLineNumber(r->tr));
}

static enum err_code check_node(struct xml_reader *r, struct err *e)
{
    int t = xmlTextReaderNodeType(r->tr);

    if (t == XML_READER_TYPE_DOCUMENT_TYPE)
        return err_set(e, ERR_INVALID,
                       "%s:%d: document type declarations are not allowed",
                       r->name, xmlTextReaderGetParserLineNumber(r->tr));
    if (t == XML_READER_TYPE_ENTITY_REFERENCE)
        return err_set(e, ERR_INVALID,
                       "%s:%d: entity references are not allowed", r->name,
                       xmlTextReaderGetParserLineNumber(r->tr));
    return ERR_OK;
}

enum err_code xml_next(struct xml_reader *r, bool *got, struct err *e)
{
    int rc;

    *got = false;
    if (r->pending) {
        r->pending = false;
        rc = r->pending_rc;
    } else {
        rc = xmlTextReaderRead(r->tr);
    }
    if (rc < 0 || r->err_set)
        return fail(r, e);
    if (rc == 0)
        return ERR_OK;
    *got = true;
    return check_node(r, e);
}

enum xml_node_kind xml_kind(const struct xml_reader *r)
{
    switch (xmlTextReaderNodeType(r->tr)) {
    case XML_READER_TYPE_ELEMENT:
        return XML_START;
    case XML_READER_TYPE_END_ELEMENT:
        return XML_END;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
        return XML_TEXT;
    default:
        return XML_OTHER;
    }
}

const char *xml_name(const struct xml_reader *r)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r->tr);

    return n ? (const char *)n : "";
}

int xml_depth(const struct xml_reader *r)
{
    return xmlTextReaderDepth(r->tr);
}

int xml_line(const struct xml_reader *r)
{
    return xmlTextReaderGetParserLineNumber(r->tr);
}

const char *xml_file(const struct xml_reader *r)
{
    return r->name;
}

bool xml_attr(struct xml_reader *r, const char *name, char *out, size_t n)
{
    xmlChar *v = xmlTextReaderGetAttribute(r->tr, (const xmlChar *)name);

    if (!v)
        return false;
    snprintf(out, n, "%s", (const char *)v);
    xmlFree(v);
    return true;
}

struct conv {
    struct arena *a;
    size_t nodes;
    size_t max_nodes;
    size_t text;
};

static const char *trimmed(struct arena *a, const char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        n--;
    return arena_strndup(a, s, n);
}

static bool convert(struct conv *c, xmlNodePtr src, struct xml_node *dst)
{
    struct strbuf text = STRBUF_INIT;
    size_t nchild = 0, nattr = 0, k;
    bool ok = true;

    if (++c->nodes > c->max_nodes)
        return false;
    dst->name = arena_strdup(c->a, (const char *)src->name);
    dst->line = (int)xmlGetLineNo(src);
    for (xmlAttrPtr at = src->properties; at; at = at->next)
        nattr++;
    dst->attrs = arena_calloc(c->a, nattr ? nattr : 1, sizeof(*dst->attrs));
    k = 0;
    for (xmlAttrPtr at = src->properties; at; at = at->next) {
        xmlChar *v = xmlNodeListGetString(src->doc, at->children, 1);

        dst->attrs[k].name = arena_strdup(c->a, (const char *)at->name);
        dst->attrs[k].value = arena_strdup(c->a, v ? (const char *)v : "");
        xmlFree(v);
        k++;
    }
    dst->nattrs = nattr;
    for (xmlNodePtr ch = src->children; ch; ch = ch->next) {
        if (ch->type == XML_ELEMENT_NODE)
            nchild++;
        else if ((ch->type == XML_TEXT_NODE ||
                  ch->type == XML_CDATA_SECTION_NODE) &&
                 ch->content) {
            size_t n = strlen((const char *)ch->content);

            c->text += n;
            if (c->text > XML_TEXT_MAX)
                ok = false;
            else
                strbuf_add(&text, ch->content, n);
        }
    }
    dst->text = trimmed(c->a, text.buf);
    strbuf_release(&text);
    dst->children =
        arena_calloc(c->a, nchild ? nchild : 1, sizeof(*dst->children));
    dst->nchildren = nchild;
    k = 0;
    for (xmlNodePtr ch = src->children; ch && ok; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            ok = convert(c, ch, &dst->children[k++]);
    return ok;
}

enum err_code xml_read_tree(struct xml_reader *r, struct arena *a,
                            size_t max_nodes, struct xml_node **out,
                            struct err *e)
{
    xmlNodePtr n;
    struct conv c = {a, 0, max_nodes, 0};
    int line = xml_line(r);
    int rc;

    *out = NULL;
    if (xmlTextReaderNodeType(r->tr) != XML_READER_TYPE_ELEMENT)
        return err_set(e, ERR_INVALID, "%s:%d: expected an element", r->name,
                       line);
    n = xmlTextReaderExpand(r->tr);
    if (!n || r->err_set)
        return fail(r, e);
    *out = arena_calloc(a, 1, sizeof(**out));
    if (!convert(&c, n, *out))
        return err_set(e, ERR_TOOBIG, "%s:%d: element <%s> too large", r->name,
                       line, (const char *)n->name);
    rc = xmlTextReaderNext(r->tr);
    if (rc < 0 || r->err_set)
        return fail(r, e);
    r->pending = true;
    r->pending_rc = rc; /* 0: xml_next reports the end */
    return ERR_OK;
}

const struct xml_node *xml_child(const struct xml_node *n, const char *name)
{
    if (!n)
        return NULL;
    for (size_t i = 0; i < n->nchildren; i++)
        if (strcmp(n->children[i].name, name) == 0)
            return &n->children[i];
    return NULL;
}

const char *xml_child_text(const struct xml_node *n, const char *name)
{
    const struct xml_node *c = xml_child(n, name);

    return c && *c->text ? c->text : NULL;
}

const char *xml_node_attr(const struct xml_node *n, const char *name)
{
    if (!n)
        return NULL;
    for (size_t i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}
