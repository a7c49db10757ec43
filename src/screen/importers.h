/*
 * importers: the per-format loaders behind list_load (screen-internal;
 * other modules use list.h). Each fills a freshly initialised list and
 * calls list_finish on success; on error the list is partial and must be
 * released. Messages name the file and the line or element. The _mem
 * variants parse a buffer (borrowed) and exist for the fuzzers; name is
 * used in messages.
 */
#ifndef SCREEN_IMPORTERS_H
#define SCREEN_IMPORTERS_H

#include <stddef.h>

#include "screen/list.h"

/* OFAC SDN / consolidated CSV: a folder (sdn.csv or cons_prim.csv plus
 * add/alt/comments files when present) or a single main file. */
enum err_code list_load_ofac_csv(const char *path, struct list *l,
                                 struct err *e);
enum err_code list_parse_ofac_csv_mem(const void *data, size_t len,
                                      const char *name, struct list *l,
                                      struct err *e);
/* Parses OFAC remarks text ("DOB ...; POB ...; a.k.a. '...'; Passport
 * ...") into the entry's fields. */
void list_parse_ofac_remarks(struct list *l, struct list_entry *en,
                             const char *remarks);

enum err_code list_load_ofac_xml(const char *path, struct list *l,
                                 struct err *e);
enum err_code list_parse_ofac_xml_mem(const void *data, size_t len,
                                      const char *name, struct list *l,
                                      struct err *e);

enum err_code list_load_un_xml(const char *path, struct list *l, struct err *e);
enum err_code list_parse_un_xml_mem(const void *data, size_t len,
                                    const char *name, struct list *l,
                                    struct err *e);

enum err_code list_load_eu_xml(const char *path, struct list *l, struct err *e);
enum err_code list_load_ca_xml(const char *path, struct list *l, struct err *e);
enum err_code list_load_uk_xml(const char *path, struct list *l, struct err *e);
enum err_code list_load_uk_csv(const char *path, struct list *l, struct err *e);
enum err_code list_load_uk_derived(const char *dir, struct list *l,
                                   struct err *e);
enum err_code list_parse_au_xlsx_mem(const void *data, size_t len,
                                     const char *name, struct list *l,
                                     struct err *e);
enum err_code list_load_au_xlsx(const char *path, struct list *l,
                                struct err *e);
enum err_code list_load_ftm(const char *path, struct list *l, struct err *e);
enum err_code list_load_ftm_delta(const char *path, struct list *l,
                                  struct err *e);

#endif
