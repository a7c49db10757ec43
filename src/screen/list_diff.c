/*
 * list_diff: entries added, removed and changed between two versions of
 * a list, matched by the list's own entry id and compared by the
 * canonical content hash list_finish computed.
 */
#include <stddef.h>

#include "screen/list.h"
#include "util/banned.h"

void list_diff(const struct list *old_l, const struct list *new_l,
               list_diff_fn cb, void *ctx, struct list_diff_stats *stats)
{
    struct list_diff_stats st = {0, 0, 0, 0};
    int stop = 0;

    for (size_t i = 0; i < new_l->nentries && !stop; i++) {
        const struct list_entry *ne = &new_l->entries[i];
        const struct list_entry *oe = list_find(old_l, ne->id);

        if (!oe) {
            st.added++;
            if (cb)
                stop = cb(LIST_ADDED, NULL, ne, ctx);
        } else if (oe->hash != ne->hash) {
            st.changed++;
            if (cb)
                stop = cb(LIST_CHANGED, oe, ne, ctx);
        } else {
            st.unchanged++;
        }
    }
    for (size_t i = 0; i < old_l->nentries && !stop; i++) {
        const struct list_entry *oe = &old_l->entries[i];

        if (!list_find(new_l, oe->id)) {
            st.removed++;
            if (cb)
                stop = cb(LIST_REMOVED, oe, NULL, ctx);
        }
    }
    if (stats)
        *stats = st;
}
