/*
 * list_xml: the XML list importers' reading loop (see list_xml.h).
 */
#include <string.h>

#include "screen/list_xml.h"
#include "util/arena.h"
#include "util/banned.h"

static bool is_record(const struct list_xml *x, const char *name)
{
    for (size_t i = 0; x->records[i]; i++)
        if (strcmp(name, x->records[i]) == 0)
            return true;
    return false;
}

static enum err_code read_all(struct xml_reader *r, struct list *l,
                              const struct list_xml *x, void *ctx,
                              struct err *e)
{
    enum err_code rc;
    bool got, root = false;
    struct arena a;

    arena_init(&a, x->arena_block);
    while (!(rc = xml_next(r, &got, e)) && got) {
        struct xml_node *n;

        if (xml_kind(r) != XML_START)
            continue;
        if (!root) {
            char date[16];

            root = true;
            if (x->root && strcmp(xml_name(r), x->root) != 0) {
                rc = err_set(e, ERR_INVALID,
                             "%s:%d: root element <%s> is not %s", xml_file(r),
                             xml_line(r), xml_name(r), x->root_what);
                break;
            }
            if (x->date_attr && xml_attr(r, x->date_attr, date, 11))
                l->published = list_strdup(l, date);
            if (x->root)
                continue;
        }
        if (!is_record(x, xml_name(r)))
            continue;
        rc = xml_read_tree(r, &a, x->max_nodes, &n, e);
        if (!rc)
            rc = x->record(l, n, xml_file(r), ctx, e);
        arena_release(&a);
        arena_init(&a, x->arena_block);
        if (rc)
            break;
    }
    arena_release(&a);
    if (!rc && !root)
        rc = err_set(e, ERR_INVALID, "%s: no XML root element", xml_file(r));
    return rc;
}

static enum err_code load(struct xml_reader *r, const char *name,
                          struct list *l, const struct list_xml *x, void *ctx,
                          struct err *e)
{
    enum err_code rc;

    l->source = x->source;
    l->jurisdiction = x->jurisdiction;
    l->format = x->format;
    l->path = list_strdup(l, name);
    rc = read_all(r, l, x, ctx, e);
    xml_free(r);
    return rc;
}

enum err_code list_xml_load(const char *path, struct list *l,
                            const struct list_xml *x, void *ctx, struct err *e)
{
    struct xml_reader *r;
    enum err_code rc = xml_open_file(path, &r, e);

    return rc ? rc : load(r, path, l, x, ctx, e);
}

enum err_code list_xml_load_mem(const void *data, size_t len, const char *name,
                                struct list *l, const struct list_xml *x,
                                void *ctx, struct err *e)
{
    struct xml_reader *r;
    enum err_code rc = xml_open_mem(data, len, name, &r, e);

    return rc ? rc : load(r, name, l, x, ctx, e);
}
