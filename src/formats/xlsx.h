/*
 * xlsx: reads the rows of the first worksheet of an Office Open XML
 * workbook (.xlsx): formats/zipr for the container and formats/xml for
 * the parts. Shared strings
 * and inline strings are resolved; numbers come back as their text
 * ("43831" for a date cell: see xlsx_serial_to_iso). Untrusted input:
 * each part is capped when decompressed (zip bombs), the sheet is read
 * row by row.
 */
#ifndef FORMATS_XLSX_H
#define FORMATS_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct xlsx_reader;

/* Opens path; free with xlsx_free. Errors name the file and part. */
enum err_code xlsx_open_file(const char *path, struct xlsx_reader **out,
                             struct err *e);
/* Reads a workbook from memory (borrowed until xlsx_free). */
enum err_code xlsx_open_mem(const void *data, size_t len, const char *name,
                            struct xlsx_reader **out, struct err *e);
void xlsx_free(struct xlsx_reader *r);

/* Next row of the first sheet; *got false at the end. */
enum err_code xlsx_next_row(struct xlsx_reader *r, bool *got, struct err *e);
/* Number of cells (the highest column used in the row). */
size_t xlsx_ncells(const struct xlsx_reader *r);
/* Cell text by 0-based column; "" when empty. Valid until next row. */
const char *xlsx_cell(const struct xlsx_reader *r, size_t col);
/* 1-based row number of the current row (as in the sheet). */
size_t xlsx_row_number(const struct xlsx_reader *r);
const char *xlsx_name(const struct xlsx_reader *r);

/*
 * Converts an Excel date serial ("43831" or "43831.5") to "YYYY-MM-DD"
 * (1900 date system); returns false when s is not a plausible serial.
 */
bool xlsx_serial_to_iso(const char *s, char out[16]);

#endif
