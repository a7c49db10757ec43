/*
 * render_gv: the only file that includes Graphviz (libgvc, libcgraph).
 * DOT text in, SVG or PNG bytes out, laid out by the dot engine.
 * Graphviz prints its own warnings to stderr through agerr; we route
 * them into our error message instead (agseterrf), so the library
 * stays silent as a feature module must.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "graph/graph.h"
#include "util/banned.h"

static char gv_msg[256];

/*
 * One Graphviz context for the life of the process. Graphviz 2.42's pango
 * plugin keeps a pointer into the text-size cache of the context it last
 * served, so freeing a context and making another is a use after free
 * (seen under ASan); one context, reused, avoids it.
 */
static GVC_t *gvc_shared;

static int gv_errf(char *msg)
{
    size_t n = strlen(gv_msg);

    if (n + 1 < sizeof(gv_msg))
        snprintf(gv_msg + n, sizeof(gv_msg) - n, "%s", msg);
    return 0;
}

#if defined(__SANITIZE_ADDRESS__)
/*
 * Under LeakSanitizer (make asan): fontconfig, which Graphviz's text
 * layout calls, keeps its caches until the process exits by design; they
 * are not our leaks. Weak, so another module may define its own list.
 */
const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\nleak:libpango\nleak:libgvplugin_pango\n";
}
#endif

enum err_code graph_render(const char *dot, size_t len, const char *format,
                           struct strbuf *out, struct err *e)
{
    GVC_t *gvc;
    Agraph_t *g;
    char *data = NULL, *text;
    unsigned int dlen = 0;
    enum err_code rc = ERR_OK;

    if (strcmp(format, "svg") != 0 && strcmp(format, "png") != 0)
        return err_set(e, ERR_INVALID, "unknown picture format '%s'", format);
    /* agmemread wants a NUL-terminated string. */
    text = malloc(len + 1);
    if (!text)
        return err_set(e, ERR_NOMEM, "out of memory");
    memcpy(text, dot, len);
    text[len] = '\0';
    gv_msg[0] = '\0';
    agseterr(AGERR);
    agseterrf(gv_errf);
    if (!gvc_shared)
        gvc_shared = gvContext();
    gvc = gvc_shared;
    if (!gvc) {
        free(text);
        return err_set(e, ERR_IO, "cannot start graphviz");
    }
    g = agmemread(text);
    if (!g) {
        rc = err_set(e, ERR_INVALID, "graphviz cannot read the graph%s%s",
                     gv_msg[0] ? ": " : "", gv_msg);
        goto out_ctx;
    }
    if (gvLayout(gvc, g, "dot") != 0) {
        rc = err_set(e, ERR_IO, "graphviz layout failed%s%s",
                     gv_msg[0] ? ": " : "", gv_msg);
        goto out_graph;
    }
    if (gvRenderData(gvc, g, format, &data, &dlen) != 0 || !data) {
        rc = err_set(e, ERR_IO, "graphviz cannot render %s%s%s", format,
                     gv_msg[0] ? ": " : "", gv_msg);
    } else if (strbuf_add(out, data, dlen)) {
        rc = err_set(e, ERR_TOOBIG, "picture too large");
    }
    if (data)
        gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
out_graph:
    agclose(g);
out_ctx:
    free(text);
    return rc;
}
