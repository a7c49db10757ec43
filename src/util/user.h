/*
 * user: who is acting, for statements, audit records, decisions and the
 * custody log alike: $DOSSIER_USER, else $DOSSIER_AUTHOR (older name,
 * still honoured), else $USER, else "unknown".
 */
#ifndef UTIL_USER_H
#define UTIL_USER_H

/* The acting user's name (borrowed from the environment or static). */
const char *user_current(void);

/* author when it is non-empty, else user_current(). */
const char *user_or_current(const char *author);

#endif
