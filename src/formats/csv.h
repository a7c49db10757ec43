/*
 * csv: a streaming RFC 4180 CSV reader (hand-written state machine).
 * Accepts CRLF and LF line ends, quoted fields with embedded newlines and
 * doubled quotes, a leading UTF-8 BOM and a trailing 0x1A (DOS EOF) byte
 * as in OFAC's official sdn.csv. Lenient where real files are: a quote
 * inside an unquoted field, or text after a closing quote, is kept as is.
 * Sizes are capped (per field, per row, fields per row) because input is
 * untrusted. Adapter module: no knowledge of what the columns mean.
 */
#ifndef FORMATS_CSV_H
#define FORMATS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct csv_reader;

struct csv_limits {
    size_t max_field;  /* bytes in one field */
    size_t max_row;    /* bytes in one row (all fields) */
    size_t max_fields; /* fields in one row */
};

/* 1 MiB per field, 4 MiB per row, 4096 fields per row. */
#define CSV_LIMITS_DEFAULT                                                     \
    {                                                                          \
        1u << 20, 4u << 20, 4096                                               \
    }

/*
 * Opens path for reading. limits may be NULL (defaults). On success *out
 * is owned by the caller (free with csv_free). ERR_IO names the file.
 */
enum err_code csv_open_file(const char *path, const struct csv_limits *limits,
                            struct csv_reader **out, struct err *e);

/*
 * Reads from memory (borrowed: must outlive the reader). name is used in
 * messages (borrowed). Free with csv_free.
 */
enum err_code csv_open_mem(const void *data, size_t len, const char *name,
                           const struct csv_limits *limits,
                           struct csv_reader **out, struct err *e);

/*
 * Reads the next row. Sets *got to false at end of input. Entirely
 * empty lines are skipped. Returns ERR_TOOBIG when a cap is hit,
 * ERR_INVALID for a quoted field left open at end of input, ERR_IO on a
 * read error; messages name the file and line.
 */
enum err_code csv_next(struct csv_reader *r, bool *got, struct err *e);

/*
 * By default every row must be valid UTF-8 (csv_next returns ERR_INVALID
 * "FILE:LINE: invalid UTF-8 ..." otherwise, which catches Latin-1 and
 * Windows-1252 files). Call this to accept any bytes.
 */
void csv_allow_any_bytes(struct csv_reader *r);

/* Fields of the current row; valid until the next csv_next. */
size_t csv_nfields(const struct csv_reader *r);
/* Field i as a NUL-terminated string ("" when i is out of range). */
const char *csv_field(const struct csv_reader *r, size_t i);
size_t csv_field_len(const struct csv_reader *r, size_t i);
/* 1-based line on which the current row starts. */
size_t csv_line(const struct csv_reader *r);
/* The name given at open (file path). */
const char *csv_name(const struct csv_reader *r);

/* Closes and frees; NULL is fine. */
void csv_free(struct csv_reader *r);

#endif
