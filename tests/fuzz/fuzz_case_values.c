/*
 * libFuzzer target: case value normalisation for every property type
 * (dates, countries, HKIDs, numbers, URLs, ...) and the store's full-text
 * query builder. Checks that normalising is idempotent and that no user
 * text ever reaches FTS5 as syntax (a syntax error would be ERR_DB).
 * Input: first byte picks the property (or, >= 0xf0, the search), the
 * rest is the value.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case/case.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct store *st;
static char dbpath[256];

static void cleanup(void)
{
    char p[300];

    store_close(st);
    unlink(dbpath);
    snprintf(p, sizeof(p), "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof(p), "%s-shm", dbpath);
    unlink(p);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct err e = ERR_INIT;
    const char *t = getenv("TMPDIR");
    struct store_stmt s = {0};

    (void)argc;
    (void)argv;
    snprintf(dbpath, sizeof(dbpath), "%s/fuzz_case_values.%ld.db",
             t && *t ? t : "/tmp", (long)getpid());
    unlink(dbpath);
    if (store_open(dbpath, STORE_CREATE, &st, &e) ||
        store_entity_add(st, "p1", "Person", "fuzz", &e))
        abort();
    s.entity_id = "p1";
    s.prop = "name";
    s.value = "CHAN Tai-man 陳大文";
    if (store_stmt_add(st, &s, STORE_STMT_FTS, NULL, &e))
        abort();
    atexit(cleanup);
    return 0;
}

static int ignore(const struct store_stmt *s, void *ctx)
{
    (void)s;
    (void)ctx;
    return 0;
}

static const struct schema_prop *pick(unsigned k)
{
    size_t total = 0;

    for (size_t i = 0; i < schema_count(); i++)
        total += schema_prop_count(schema_at(i));
    k %= (unsigned)total;
    for (size_t i = 0; i < schema_count(); i++) {
        size_t n = schema_prop_count(schema_at(i));

        if (k < n)
            return schema_prop_at(schema_at(i), k);
        k -= (unsigned)n;
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e = ERR_INIT;
    char *v;

    if (size < 1 || size > 8192)
        return 0;
    v = malloc(size);
    memcpy(v, data + 1, size - 1);
    v[size - 1] = '\0';
    if (data[0] >= 0xf0) {
        if (store_search(st, v, 10, ignore, NULL, &e) == ERR_DB)
            abort(); /* user text reached FTS5 as syntax */
    } else {
        const struct schema_prop *p = pick(data[0]);
        struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
        char hk[CASE_HKID_MAX];

        if (case_value_normalize(p, v, &a, &e) == ERR_OK) {
            struct err e2 = ERR_INIT;

            /* Canonical values stay canonical. */
            if (case_value_normalize(p, a.buf, &b, &e2) != ERR_OK ||
                strcmp(a.buf, b.buf) != 0)
                abort();
        }
        (void)case_hkid_normalize(v, hk, NULL);
        (void)schema_country_code(v);
        strbuf_release(&a);
        strbuf_release(&b);
    }
    free(v);
    return 0;
}
