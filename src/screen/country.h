/*
 * country: country names as sanctions lists print them ("Korea, North",
 * "Iran (Islamic Republic of)", "Hong Kong", "Burma") mapped to ISO 3166
 * alpha-2 codes. Pure lookup, no I/O.
 */
#ifndef SCREEN_COUNTRY_H
#define SCREEN_COUNTRY_H

/*
 * Returns the ISO alpha-2 code (static string, upper case) for a country
 * name or a two-letter code, ignoring case and punctuation; NULL when
 * unknown.
 */
const char *country_code(const char *name);

#endif
