/*
 * parse: normalisation and name parsing. Turns one name into a
 * names_parsed: Unicode NFKC (utf8proc, wrapped only here), other scripts
 * to Latin (translit.c), tokens with their case and punctuation signals,
 * honorifics removed, then either a Chinese syllable sequence in
 * surname-first order (with English first names aside) or a list of
 * Western words. Pure: no I/O.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <utf8proc.h>

#include "names/names_int.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define MAX_TOKS 32
#define TOK_TEXT 32

struct tok {
    char s[TOK_TEXT]; /* lowercase ASCII, or UTF-8 of one Han char */
    uint8_t len;
    bool han;
    bool caps;     /* all upper case in the input, 2+ letters */
    bool hyphen;   /* part of a hyphenated group ("Ka-shing") */
    bool dotted;   /* followed by '.' in the input */
    bool comma;    /* a comma follows this token */
    bool digit;    /* contains a digit */
    uint8_t group; /* hyphen group id (tokens of one word share it) */
    uint32_t cp;   /* Han: folded code point; a word read from one Hangul
                      syllable: that syllable; else 0 */
};

struct toks {
    struct tok t[MAX_TOKS];
    int n;
    bool any_lower; /* some letter in the input is lower case */
};

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Appends the UTF-8 of cp to sb (cp is valid). */
static void add_cp(struct strbuf *sb, uint32_t cp)
{
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, buf);
    if (n > 0)
        (void)strbuf_add(sb, buf, (size_t)n);
}

/* Hangul syllable blocks (U+AC00..U+D7A3). */
static bool is_hangul(uint32_t cp)
{
    return cp >= 0xac00 && cp <= 0xd7a3;
}

/*
 * Step 1: validate, NFKC, transliterate non-Latin non-Han runs. Writes a
 * string of ASCII plus Han characters (folded) into out.
 */
static enum err_code prepare(const char *name, struct strbuf *out,
                             struct err *e)
{
    size_t len = strlen(name);
    utf8proc_uint8_t *nfkc = NULL;
    utf8proc_ssize_t n, i;
    struct strbuf run = STRBUF_INIT;
    bool run_ascii = true;
    enum err_code rc = ERR_OK;

    if (len > NAMES_MAX_BYTES)
        return err_set(e, ERR_TOOBIG, "name longer than %d bytes",
                       NAMES_MAX_BYTES);
    n = utf8proc_map((const utf8proc_uint8_t *)name, (utf8proc_ssize_t)len,
                     &nfkc,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                         UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
    if (n < 0)
        return err_set(e, ERR_INVALID, "name is not valid UTF-8");
    strbuf_init(&run, 4 * NAMES_MAX_BYTES);
    for (i = 0; i <= n;) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t k = 0;
        bool flush;
        if (i < n) {
            k = utf8proc_iterate(nfkc + i, n - i, &cp);
            if (k <= 0) {
                rc = err_set(e, ERR_INVALID, "name is not valid UTF-8");
                goto out;
            }
        }
        flush = i >= n || names_is_han((uint32_t)cp) || is_hangul((uint32_t)cp);
        if (flush && run.len) {
            if (run_ascii) {
                rc = strbuf_add(out, run.buf, run.len);
            } else {
                struct err e2 = ERR_INIT;
                if (names_translit(run.buf, run.len, out, &e2))
                    rc = strbuf_add(out, " ", 1);
            }
            if (rc)
                goto out;
            strbuf_reset(&run);
            run_ascii = true;
        }
        if (i >= n)
            break;
        if (names_is_han((uint32_t)cp)) {
            (void)strbuf_add(out, " ", 1);
            add_cp(out, names_fold_cp((uint32_t)cp));
            (void)strbuf_add(out, " ", 1);
        } else if (is_hangul((uint32_t)cp)) {
            /*
             * A Hangul syllable is one word of its own, written as a 0x01
             * marker, the syllable (tokenise keeps it with the word) and
             * its romanisation: a Korean name in Hangul is compared
             * syllable by syllable, like Han characters (김정은 is not
             * 김종은), while its romanisations vary.
             */
            struct err e2 = ERR_INIT;
            (void)strbuf_add(out, " \x01", 2);
            (void)strbuf_add(out, nfkc + i, (size_t)k);
            (void)names_translit((const char *)nfkc + i, (size_t)k, out, &e2);
            (void)strbuf_add(out, " ", 1);
        } else {
            if (cp >= 0x80)
                run_ascii = false;
            /* curly apostrophes and modifier letters become ASCII */
            if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc || cp == 0x02bb ||
                cp == 0x00b4 || cp == 0x0060)
                (void)strbuf_add(&run, "'", 1);
            else if (strbuf_add(&run, nfkc + i, (size_t)k)) {
                rc = err_set(e, ERR_TOOBIG, "name too long");
                goto out;
            }
        }
        i += k;
    }
out:
    strbuf_release(&run);
    free(nfkc);
    return rc;
}

/*
 * Digits written for letters inside a word ("Ig0r Sech1n", "I9or"): a run
 * of digits with a letter on both sides is read as the letters they look
 * like (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b, 9 g); numbers, codes and
 * series markers ("2004-1", "AHL1", "3M", "B2B") stay as they are.
 */
static void unleet(struct tok *t)
{
    static const char look[] = "oi?eas?tbg";
    bool digit = false;

    for (int i = 0; i < t->len; i++) {
        int j = i;
        if (!isdigit((unsigned char)t->s[i]))
            continue;
        while (j < t->len && isdigit((unsigned char)t->s[j]))
            j++;
        if (i > 0 && j < t->len)
            for (int k = i; k < j; k++)
                if (look[t->s[k] - '0'] != '?')
                    t->s[k] = look[t->s[k] - '0'];
        i = j - 1;
    }
    for (int i = 0; i < t->len; i++)
        digit |= isdigit((unsigned char)t->s[i]) != 0;
    t->digit = digit;
}

/* Step 2: tokens. */
static void tokenise(const char *s, struct toks *tk)
{
    const unsigned char *p = (const unsigned char *)s;
    uint8_t group = 0;
    bool in_group = false;

    uint32_t hangul = 0; /* syllable of the next word (prepare's 0x01) */

    memset(tk, 0, sizeof(*tk));
    while (*p && tk->n < MAX_TOKS) {
        struct tok *t;
        int upper = 0, lower = 0;
        if (*p == 0x01) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p + 1, 4, &cp);
            p++;
            if (k > 0) {
                hangul = (uint32_t)cp;
                p += k;
            }
            continue;
        }
        if (*p >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p, 4, &cp);
            if (k <= 0) {
                p++;
                continue;
            }
            if (names_is_han((uint32_t)cp) && k < TOK_TEXT) {
                t = &tk->t[tk->n++];
                memcpy(t->s, p, (size_t)k);
                t->s[k] = '\0';
                t->len = (uint8_t)k;
                t->han = true;
                t->cp = (uint32_t)cp;
                t->group = ++group;
            }
            p += k;
            in_group = false;
            continue;
        }
        if (!isalnum(*p)) {
            if (*p == ',' && tk->n)
                tk->t[tk->n - 1].comma = true;
            if (*p == '.' && tk->n)
                tk->t[tk->n - 1].dotted = true;
            if (*p != '-' && *p != '\'')
                in_group = false;
            p++;
            continue;
        }
        t = &tk->t[tk->n];
        memset(t, 0, sizeof(*t));
        while (*p && (isalnum(*p) || *p == '\'')) {
            /* camelCase joins two words ("VladimirPutin"); a capital
             * that ends the word is a word written backwards
             * ("rimaldiV nituP"), not a word of one letter */
            if (isupper(*p) && t->len > 0 && islower(p[-1]) && isalnum(p[1]))
                break;
            if (*p != '\'' && t->len < TOK_TEXT - 1) {
                if (isupper(*p))
                    upper++;
                else if (islower(*p))
                    lower++;
                if (isdigit(*p))
                    t->digit = true;
                t->s[t->len++] = (char)tolower(*p);
            }
            p++;
        }
        t->s[t->len] = '\0';
        if (!t->len)
            continue;
        if (t->digit)
            unleet(t);
        t->cp = hangul;
        hangul = 0;
        if (lower)
            tk->any_lower = true;
        t->caps = upper >= 2 && lower == 0;
        if (in_group) {
            t->group = group;
            t->hyphen = true;
            tk->t[tk->n - 1].hyphen = true;
        } else {
            t->group = ++group;
        }
        tk->n++;
        in_group = *p == '-';
    }
}

enum err_code names_normalise(const char *name, struct strbuf *out,
                              struct err *e)
{
    struct strbuf pre = STRBUF_INIT;
    struct toks *tk;
    enum err_code rc;

    strbuf_init(&pre, 8 * NAMES_MAX_BYTES);
    rc = prepare(name, &pre, e);
    if (rc) {
        strbuf_release(&pre);
        return rc;
    }
    tk = malloc(sizeof(*tk));
    if (!tk)
        abort();
    tokenise(pre.buf, tk);
    for (int i = 0; i < tk->n; i++) {
        if (i)
            (void)strbuf_add(out, " ", 1);
        (void)strbuf_add(out, tk->t[i].s, tk->t[i].len);
    }
    free(tk);
    strbuf_release(&pre);
    return ERR_OK;
}

/* ---- syllable segmentation ---------------------------------------------- */

/* Vowel groups in s: a short unknown word with one group ("Jeou", "Sie")
 * is one syllable spelt outside the tables, not two syllables. */
static int vowel_groups(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (is_vowel(s[i]) && (i == 0 || !is_vowel(s[i - 1])))
            n++;
    return n;
}

#define SEG_MAX 16

/*
 * Splits s into known romanised syllables at the least cost: each
 * syllable costs 10, a one-letter syllable 5 more, a syllable after the
 * first that starts with a vowel, "ng" or "ny" 1 more (as pinyin writes
 * "Xi'an"; "Wenguang" is wen-guang, not we-nguang).
 * Returns the count (0: s does not split) and the end offsets in ends.
 */
static int segment(const char *s, size_t len, uint8_t ends[SEG_MAX])
{
    int cost[TOK_TEXT + 1];
    uint8_t from[TOK_TEXT + 1];
    int cnt;
    size_t i, k;

    if (len == 0 || len > TOK_TEXT - 1)
        return 0;
    for (i = 0; i <= len; i++)
        cost[i] = -1;
    cost[0] = 0;
    for (i = 0; i < len; i++) {
        if (cost[i] < 0)
            continue;
        for (k = 1; k <= 7 && i + k <= len; k++) {
            int c;
            if (!names_spelling_lookup(s + i, k))
                continue;
            c = cost[i] + 10 + (k == 1 ? 5 : 0) +
                (i > 0 && (is_vowel(s[i]) ||
                           (s[i] == 'n' && k > 1 &&
                            (s[i + 1] == 'g' || s[i + 1] == 'y')))
                     ? 1
                     : 0);
            if (cost[i + k] < 0 || c < cost[i + k]) {
                cost[i + k] = c;
                from[i + k] = (uint8_t)i;
            }
        }
    }
    if (cost[len] < 0)
        return 0;
    cnt = 0;
    for (i = len; i > 0; i = from[i])
        cnt++;
    if (cnt > SEG_MAX)
        return 0;
    k = (size_t)cnt;
    for (i = len; i > 0; i = from[i])
        ends[--k] = (uint8_t)i;
    return cnt;
}

/* ---- units -----------------------------------------------------------------
 */

static struct names_unit *new_unit(struct names_parsed *p)
{
    struct names_unit *u;
    if (p->nunits >= NAMES_MAX_UNITS)
        return NULL;
    u = &p->u[p->nunits++];
    memset(u, 0, sizeof(*u));
    u->weight = 1.0f;
    return u;
}

static void set_text(struct names_unit *u, const char *s, size_t len)
{
    if (len > NAMES_UNIT_TEXT - 1)
        len = NAMES_UNIT_TEXT - 1;
    memcpy(u->text, s, len);
    u->text[len] = '\0';
}

static void add_syllable(struct names_parsed *p, const char *s, size_t len,
                         int role, int tok)
{
    const struct names_spelling_entry *sp = names_spelling_lookup(s, len);
    struct names_unit *u = new_unit(p);
    if (!u)
        return;
    set_text(u, s, len);
    u->kind = NAMES_KIND_SYL;
    u->role = (uint8_t)role;
    u->tok = (uint8_t)tok;
    if (sp) {
        u->keys = &names_key_pool[sp->off];
        u->nkeys = sp->nkeys;
        u->ext = &names_key_pool[sp->eoff];
        u->next_m = sp->nextm;
        u->next_c = sp->nextc;
        u->inits = sp->inits;
    }
    u->inits |= 1u << (s[0] - 'a');
    u->skel = names_skeleton(s, len, 'l');
}

static void add_han(struct names_parsed *p, const struct tok *t, int role,
                    int tok)
{
    const struct names_char_entry *ce = names_char_lookup(t->cp);
    struct names_unit *u = new_unit(p);
    if (!u)
        return;
    set_text(u, t->s, t->len);
    u->kind = NAMES_KIND_HAN;
    u->role = (uint8_t)role;
    u->tok = (uint8_t)tok;
    u->cp = t->cp;
    if (ce) {
        u->keys = &names_key_pool[ce->off];
        u->nkeys = ce->nkeys;
        u->inits = ce->inits;
        /* Shanghainese readings (score.c wu_meet) */
        u->ext = &names_key_pool[ce->off + ce->nkeys];
        u->next_m = ce->nwu;
    }
}

static bool is_roman(const char *s, size_t len)
{
    static const char *const romans[] = {
        "ii",  "iii", "iv",  "vii",  "viii",  "ix",  "xii", "xiii",
        "xiv", "xv",  "xvi", "xvii", "xviii", "xix", "xx",
    };
    for (size_t i = 0; i < sizeof(romans) / sizeof(romans[0]); i++)
        if (strlen(romans[i]) == len && memcmp(romans[i], s, len) == 0)
            return true;
    return false;
}

static void add_word(struct names_parsed *p, const struct tok *t, int kind,
                     int role, int tok)
{
    struct names_unit *u = new_unit(p);
    if (!u)
        return;
    set_text(u, t->s, t->len);
    u->kind = (uint8_t)kind;
    u->role = (uint8_t)role;
    u->tok = (uint8_t)tok;
    if (t->s[0] >= 'a' && t->s[0] <= 'z')
        u->inits = 1u << (t->s[0] - 'a');
    if (!t->han)
        u->skel = names_skeleton(t->s, t->len, 'l');
    if (!t->han && t->cp)
        u->cp = t->cp; /* Hangul syllable: compared whole (score.c) */
    if (kind == NAMES_KIND_WORD && !t->cp &&
        (names_is_particle(t->s, t->len) || names_is_orgword(t->s, t->len)))
        u->weight = 0.3f;
    /* numbers and roman numerals tell series apart (Fund IV, Trust
     * 2004-1) more weakly than words tell names apart */
    if (kind == NAMES_KIND_WORD && (t->digit || is_roman(t->s, t->len)))
        u->weight = NAMES_NUMBER_WEIGHT;
}

/* Latin token classes in a Chinese-looking name. */
enum tclass { TC_SYL, TC_INITIAL, TC_ENGLISH, TC_WORD };

/* Adds the units of one Latin token of a Chinese name. */
static void add_chinese_tok(struct names_parsed *p, const struct tok *t,
                            enum tclass c, int role, int tok)
{
    uint8_t ends[SEG_MAX];
    int n, k, start = 0;
    if (c == TC_INITIAL) {
        add_word(p, t, NAMES_KIND_INITIAL, role, tok);
        return;
    }
    if (c == TC_WORD) {
        add_word(p, t, NAMES_KIND_WORD, role, tok);
        return;
    }
    n = segment(t->s, t->len, ends);
    for (k = 0; k < n; k++) {
        add_syllable(p, t->s + start, (size_t)(ends[k] - start), role, tok);
        start = ends[k];
    }
}

/*
 * Titles written after a Chinese name (先生 Mr, 女士 Ms, 博士 Dr, 議員
 * legislator, 司長 secretary ...), in folded (simplified) form. Dropped when
 * at least two characters of name remain.
 */
static const char *const han_titles[] = {
    /* longest first */
    "警务处长", "大律师", "总警司", "先生", "女士", "小姐", "太太", "夫人",
    "博士",     "教授",   "医生",   "律师", "议员", "主席", "局长", "司长",
    "处长",     "署长",   "特首",   "法官", "爵士", "阁下", "同志", "警司",
};

static int strip_han_titles(const struct toks *tk, const int *idx, int n)
{
    bool again = true;
    while (again && n > 2) {
        again = false;
        for (size_t t = 0; t < sizeof(han_titles) / sizeof(han_titles[0]);
             t++) {
            size_t tl = strlen(han_titles[t]), l = 0;
            int k = n;
            /* the last characters, joined, must spell the title */
            while (k > 0 && l < tl)
                l += tk->t[idx[--k]].len;
            if (l != tl || n - k < 1 || k < 2)
                continue;
            {
                char buf[32];
                size_t o = 0;
                for (int q = k; q < n; q++) {
                    memcpy(buf + o, tk->t[idx[q]].s, tk->t[idx[q]].len);
                    o += tk->t[idx[q]].len;
                }
                if (memcmp(buf, han_titles[t], tl) == 0) {
                    n = k;
                    again = true;
                    break;
                }
            }
        }
    }
    return n;
}

static void parse_han(struct names_parsed *p, const struct toks *tk)
{
    int idx[MAX_TOKS], n = 0, nsur = 1;
    char two[16];

    for (int i = 0; i < tk->n; i++)
        if (tk->t[i].han)
            idx[n++] = i;
    n = strip_han_titles(tk, idx, n);
    if (n >= 3) {
        size_t l0 = tk->t[idx[0]].len, l1 = tk->t[idx[1]].len;
        memcpy(two, tk->t[idx[0]].s, l0);
        memcpy(two + l0, tk->t[idx[1]].s, l1);
        if (names_is_han_surname(two, l0 + l1))
            nsur = 2;
        else if (n == 4 && names_is_han_surname(tk->t[idx[0]].s, l0) &&
                 names_is_han_surname(tk->t[idx[1]].s, l1))
            nsur = 2; /* married name: husband's + own surname */
    }
    for (int k = 0; k < n; k++)
        add_han(p, &tk->t[idx[k]],
                k < nsur ? NAMES_ROLE_SURNAME : NAMES_ROLE_GIVEN, idx[k]);
    p->nseq = p->nunits;
    p->nsurname = (uint8_t)(nsur < n ? nsur : n);
    p->has_han = true;
    /* English names written beside the characters */
    for (int i = 0; i < tk->n; i++)
        if (!tk->t[i].han && names_is_english(tk->t[i].s, tk->t[i].len))
            add_word(p, &tk->t[i], NAMES_KIND_ENGLISH, NAMES_ROLE_ENGLISH, i);
}

/* True when token i is a known surname spelling. */
static bool is_surname_tok(const struct tok *t)
{
    return names_is_latin_surname(t->s, t->len);
}

static bool parse_chinese_latin(struct names_parsed *p, const struct toks *tk,
                                const bool *skip)
{
    enum tclass cls[MAX_TOKS];
    bool sur[MAX_TOKS];
    int nsyl_tok = 0, nsyl = 0, nword = 0, ninit = 0, ncaps = 0, nplain = 0;
    int first = -1, last = -1, comma_at = -1, nhyph_groups = 0;
    uint8_t ends[SEG_MAX];
    bool fixed = false, strong_form = false;

    for (int i = 0; i < tk->n; i++) {
        const struct tok *t = &tk->t[i];
        sur[i] = false;
        if (skip[i])
            continue;
        if (t->digit) {
            return false;
        } else if (t->len == 1 && t->s[0] >= 'a' && t->s[0] <= 'z') {
            cls[i] = TC_INITIAL;
            ninit++;
        } else if (!(t->caps && tk->any_lower) &&
                   names_is_english(t->s, t->len)) {
            cls[i] = TC_ENGLISH;
        } else if ((t->len > 4 || vowel_groups(t->s, t->len) >= 2 ||
                    names_spelling_lookup(t->s, t->len)) &&
                   segment(t->s, t->len, ends) > 0 &&
                   segment(t->s, t->len, ends) <= 2) {
            /* a Chinese name's word holds one or two syllables ("Taiman",
             * "Auyeung"); "Shamsuddin" is no Chinese word */
            int k = segment(t->s, t->len, ends);
            cls[i] = TC_SYL;
            nsyl_tok++;
            nsyl += k;
        } else {
            cls[i] = TC_WORD;
            nword++;
        }
    }
    /* A word that is no syllable, written before an ALL-CAPS surname
     * ("Junius HO Kwan-yiu"), is a Western given name. */
    for (int i = 0; i < tk->n; i++) {
        if (skip[i])
            continue;
        /* a hyphen says "Chinese given name" only between syllables
         * ("Tai-man", not "Jean-Marie") */
        if (tk->t[i].comma || (tk->t[i].caps && tk->any_lower))
            strong_form = true;
        if (tk->t[i].hyphen) {
            bool all_syl = true;
            for (int j = 0; j < tk->n; j++)
                if (!skip[j] && tk->t[j].group == tk->t[i].group &&
                    cls[j] != TC_SYL)
                    all_syl = false;
            if (all_syl)
                strong_form = true;
        }
    }
    for (int i = 0; i < tk->n; i++) {
        bool caps_after = false;
        if (skip[i] || cls[i] != TC_WORD || tk->t[i].hyphen || tk->t[i].caps)
            continue;
        for (int j = i + 1; j < tk->n; j++)
            if (!skip[j] && tk->t[j].caps && cls[j] == TC_SYL)
                caps_after = true;
        /* so is a longer word of two or more vowel groups in a name
         * written the Hong Kong way ("TSANG, Erick Kwok-wai", "LAU, Edwina
         * Chi Wai"); a short one ("Hwa", "Tzar") is a syllable spelt
         * outside the tables */
        if ((caps_after && tk->any_lower) ||
            (strong_form && tk->t[i].len >= 4 &&
             vowel_groups(tk->t[i].s, tk->t[i].len) >= 2)) {
            cls[i] = TC_ENGLISH;
            nword--;
        }
    }
    /* Chinese when every word is a syllable sequence, or when most are
     * and the odd one is a spelling outside the tables ("Chee-hwa") */
    if (!((nword == 0 && nsyl >= 1 && nsyl + ninit >= 2) ||
          (nsyl_tok >= 2 && 2 * nword <= nsyl_tok)))
        return false;

    /* surname detection */
    for (int i = 0; i < tk->n; i++) {
        if (skip[i] || cls[i] == TC_ENGLISH)
            continue;
        if (first < 0)
            first = i;
        last = i;
        if (tk->t[i].comma && comma_at < 0)
            comma_at = i;
        if (tk->t[i].caps && cls[i] == TC_SYL)
            ncaps++;
        if (cls[i] == TC_SYL && !tk->t[i].hyphen)
            nplain++;
        if (tk->t[i].hyphen && (i == 0 || tk->t[i].group != tk->t[i - 1].group))
            nhyph_groups++;
    }
    if (first < 0)
        return false;
    if (comma_at >= 0 && comma_at < last) {
        for (int i = first; i <= comma_at; i++)
            sur[i] = !skip[i] && cls[i] == TC_SYL;
        fixed = true;
    } else if (ncaps > 0 && tk->any_lower) {
        for (int i = 0; i < tk->n; i++)
            sur[i] = !skip[i] && cls[i] == TC_SYL && tk->t[i].caps;
        fixed = true;
    } else if (nhyph_groups == 1 && nplain >= 1) {
        for (int i = 0; i < tk->n; i++)
            sur[i] = !skip[i] && cls[i] == TC_SYL && !tk->t[i].hyphen;
        fixed = true;
    } else if (ninit > 0 && nplain >= 1) {
        for (int i = 0; i < tk->n; i++)
            sur[i] = !skip[i] && cls[i] == TC_SYL && !tk->t[i].hyphen;
        fixed = true;
    } else {
        bool fs = is_surname_tok(&tk->t[first]);
        bool ls = is_surname_tok(&tk->t[last]);
        if (!fs && ls && first != last) {
            sur[last] = true;
        } else {
            sur[first] = true;
            /* married names: "Fan Xu Litai" (two surnames then given) */
        }
        fixed = !(fs && ls) || first == last;
        if (fs && !ls)
            fixed = true;
        if (cls[first] != TC_SYL || cls[last] != TC_SYL)
            fixed = true;
    }

    /* A romanised Chinese name has a Chinese surname where its surname
     * stands ("Michael Jorgan" and "Jean Marie Le Pen" are not Chinese). */
    {
        bool known = false;
        for (int i = 0; i < tk->n; i++)
            if (!skip[i] && (sur[i] || (!fixed && i == last)) &&
                names_is_latin_surname(tk->t[i].s, tk->t[i].len))
                known = true;
        if (!known && !strong_form)
            return false;
    }
    p->mode = NAMES_MODE_CHINESE;
    for (int i = 0; i < tk->n; i++)
        if (!skip[i] && sur[i])
            add_chinese_tok(p, &tk->t[i], cls[i], NAMES_ROLE_SURNAME, i);
    p->nsurname = p->nunits;
    for (int i = 0; i < tk->n; i++)
        if (!skip[i] && !sur[i] && cls[i] != TC_ENGLISH)
            add_chinese_tok(p, &tk->t[i], cls[i], NAMES_ROLE_GIVEN, i);
    p->nseq = p->nunits;
    if (!fixed && first != last) {
        /* alternative: the last token is the surname */
        for (int k = 0; k < p->nseq; k++)
            if (p->u[k].tok == last) {
                p->alt_first = (uint8_t)k;
                p->order_ambiguous = k > 0;
                break;
            }
    }
    for (int i = 0; i < tk->n; i++)
        if (!skip[i] && cls[i] == TC_ENGLISH)
            add_word(p, &tk->t[i], NAMES_KIND_ENGLISH, NAMES_ROLE_ENGLISH, i);
    return true;
}

/* ---- company legal forms --------------------------------------------------
 * The aliases of org_types.yml, normalised once with this file's own
 * normaliser (so "Aktiengesellschaft", "A.G." and Cyrillic forms meet the
 * tokens of a name), sorted for phrase lookup. */

struct org_alias {
    char *norm; /* tokens joined by single spaces */
    char cmp[NAMES_UNIT_TEXT];
    uint32_t generic; /* hash of the generic class, 0 none */
};

static struct org_alias *org_aliases;
static size_t norg_aliases;
static pthread_once_t org_once = PTHREAD_ONCE_INIT;

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ? h : 1;
}

static int cmp_alias(const void *a, const void *b)
{
    return strcmp(((const struct org_alias *)a)->norm,
                  ((const struct org_alias *)b)->norm);
}

static void toks_join(const struct toks *tk, int from, int to, char *out,
                      size_t max, bool space)
{
    size_t o = 0;
    for (int i = from; i < to; i++) {
        if (space && i > from && o + 1 < max)
            out[o++] = ' ';
        for (int k = 0; k < tk->t[i].len && o + 1 < max; k++)
            out[o++] = tk->t[i].s[k];
    }
    out[o] = '\0';
}

static void org_init(void)
{
    struct toks *tk = malloc(sizeof(*tk));
    org_aliases = calloc(names_orgtype_count, sizeof(*org_aliases));
    if (!tk || !org_aliases)
        abort();
    for (size_t i = 0; i < names_orgtype_count; i++) {
        struct strbuf pre = STRBUF_INIT;
        struct err e = ERR_INIT;
        char norm[256];
        struct org_alias *a = &org_aliases[norg_aliases];
        memset(a, 0, sizeof(*a));
        if (prepare(names_orgtypes[i].alias, &pre, &e)) {
            strbuf_release(&pre);
            continue;
        }
        tokenise(pre.buf, tk);
        toks_join(tk, 0, tk->n, norm, sizeof(norm), true);
        strbuf_reset(&pre);
        if (!prepare(names_orgtypes[i].compare, &pre, &e)) {
            tokenise(pre.buf, tk);
            toks_join(tk, 0, tk->n, a->cmp, sizeof(a->cmp), false);
        }
        strbuf_release(&pre);
        /* one- or two-letter aliases that are also Chinese syllables
         * ("yu") are left out unless they are well-known legal forms */
        if (!norm[0] ||
            (strlen(norm) <= 2 && names_spelling_lookup(norm, strlen(norm)) &&
             !names_is_orgword(norm, strlen(norm))))
            continue;
        if (!a->cmp[0])
            snprintf(a->cmp, sizeof(a->cmp), "%.15s", norm);
        a->norm = strdup(norm);
        if (!a->norm)
            abort();
        a->generic = names_orgtypes[i].generic[0]
                         ? hash_str(names_orgtypes[i].generic)
                         : 0;
        norg_aliases++;
    }
    qsort(org_aliases, norg_aliases, sizeof(*org_aliases), cmp_alias);
    free(tk);
}

static const struct org_alias *org_lookup(const char *norm)
{
    size_t lo = 0, hi = norg_aliases;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(norm, org_aliases[mid].norm);
        if (c == 0)
            return &org_aliases[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* Tokens idx[k .. k + l) joined by spaces into norm (size n, truncated
 * at a token boundary): the form org_lookup takes. */
static void phrase(const struct toks *tk, const int *idx, int k, int l,
                   char *norm, size_t n)
{
    size_t o = 0;
    for (int j = k; j < k + l; j++) {
        const struct tok *tj = &tk->t[idx[j]];
        if (o + tj->len + 2 >= n)
            break;
        if (j > k)
            norm[o++] = ' ';
        memcpy(norm + o, tj->s, tj->len);
        o += tj->len;
    }
    norm[o] = '\0';
}

/* ---- number words ----------------------------------------------------------
 */

static const char *const number_words[] = {
    "zero",    "one",     "two",       "three",    "four",
    "five",    "six",     "seven",     "eight",    "nine",
    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
};
static const char *const tens_words[] = {
    "",      "",      "twenty",  "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety",
};
static const char *const ordinal_words[] = {
    "",      "first",   "second", "third", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth",
};

/* Value of a number word or numeral ("four", "4", "4th", "first"),
 * -1 when not a number; *tens set for "twenty".."ninety". */
static int number_value(const struct tok *t, bool *tens)
{
    *tens = false;
    if (t->digit) {
        int v = 0, k = 0;
        for (; k < t->len && t->s[k] >= '0' && t->s[k] <= '9' && v < 100000;
             k++)
            v = v * 10 + (t->s[k] - '0');
        if (k == 0)
            return -1;
        if (k == t->len || strcmp(t->s + k, "st") == 0 ||
            strcmp(t->s + k, "nd") == 0 || strcmp(t->s + k, "rd") == 0 ||
            strcmp(t->s + k, "th") == 0)
            return v;
        return -1;
    }
    for (int i = 0; i < 20; i++)
        if (strcmp(t->s, number_words[i]) == 0)
            return i;
    for (int i = 2; i < 10; i++)
        if (strcmp(t->s, tens_words[i]) == 0 ||
            (i == 4 && strcmp(t->s, "fourty") == 0)) {
            *tens = true;
            return i * 10;
        }
    for (int i = 1; i <= 10; i++)
        if (strcmp(t->s, ordinal_words[i]) == 0)
            return i;
    return -1;
}

/* Rewrites number words as numerals: "Forty-Four" and "Forty 4" -> "44",
 * "First" and "1st" -> "1", "Three" -> "3". */
static void numbers_to_digits(struct toks *tk, bool *skip)
{
    for (int i = 0; i < tk->n; i++) {
        bool tens, tens2;
        int v, v2;
        if (skip[i])
            continue;
        v = number_value(&tk->t[i], &tens);
        if (v < 0)
            continue;
        if (tens && i + 1 < tk->n && !skip[i + 1] &&
            (v2 = number_value(&tk->t[i + 1], &tens2)) > 0 && v2 < 10 &&
            !tens2) {
            v += v2;
            skip[i + 1] = true;
        }
        snprintf(tk->t[i].s, sizeof(tk->t[i].s), "%d", v);
        tk->t[i].len = (uint8_t)strlen(tk->t[i].s);
        tk->t[i].digit = true;
    }
}

/*
 * Length of the run of dotted single letters at idx[k] ("C.B.A.", "L.X.C"
 * whose last letter may lack its dot), 0 or 1 when none; never the whole
 * name ("N.N." stays initials).
 */
static int dotted_run(const struct toks *tk, const int *idx, int n, int k)
{
    int e = k;
    while (e < n && e - k < TOK_TEXT - 1) {
        const struct tok *t = &tk->t[idx[e]];
        if (t->len != 1 || t->digit || t->han ||
            (e > k && idx[e] != idx[e - 1] + 1) ||
            !(t->dotted || (e > k && tk->t[idx[e - 1]].dotted)))
            break;
        e++;
    }
    return e - k < n ? e - k : 0;
}

static void parse_western(struct names_parsed *p, struct toks *tk, bool *skip)
{
    int idx[MAX_TOKS], n = 0;

    pthread_once(&org_once, org_init);
    numbers_to_digits(tk, skip);
    p->mode = NAMES_MODE_WESTERN;
    for (int i = 0; i < tk->n; i++)
        if (!skip[i] && !tk->t[i].han)
            idx[n++] = i;
    /* "SURNAME, Given": the part before the first comma goes last */
    for (int k = 0; k + 1 < n; k++) {
        char rest[256];
        size_t o = 0;
        if (!tk->t[idx[k]].comma)
            continue;
        /* "Apple, Inc.": a legal form after the comma stays put */
        for (int j = k + 1; j < n && o + TOK_TEXT + 2 < sizeof(rest); j++) {
            if (j > k + 1)
                rest[o++] = ' ';
            memcpy(rest + o, tk->t[idx[j]].s, tk->t[idx[j]].len);
            o += tk->t[idx[j]].len;
        }
        rest[o] = '\0';
        if (org_lookup(rest))
            break;
        {
            int rot[MAX_TOKS], m = 0;
            for (int j = k + 1; j < n; j++)
                rot[m++] = idx[j];
            for (int j = 0; j <= k; j++)
                rot[m++] = idx[j];
            memcpy(idx, rot, (size_t)n * sizeof(int));
        }
        break;
    }
    for (int k = 0; k < n;) {
        const struct org_alias *best = NULL;
        int blen = 0, run;
        const struct tok *t;
        /* longest legal-form phrase starting here */
        for (int l = n - k < 8 ? n - k : 8; l >= 1 && !best; l--) {
            char norm[256];
            phrase(tk, idx, k, l, norm, sizeof(norm));
            best = org_lookup(norm);
            blen = l;
        }
        /* a roman numeral is a number ("Solutions II"), not the legal
         * form some alias spells the same (Romanian "II") */
        if (best && blen == 1 && is_roman(tk->t[idx[k]].s, tk->t[idx[k]].len))
            best = NULL;
        /* a legal form alone is the name itself ("Company") */
        if (best && n > blen) {
            struct names_unit *u = new_unit(p);
            if (u) {
                set_text(u, best->cmp, strlen(best->cmp));
                u->kind = NAMES_KIND_WORD;
                u->role = NAMES_ROLE_LEGAL;
                u->tok = (uint8_t)idx[k];
                u->cp = best->generic;
                u->weight = 0.5f;
            }
            k += blen;
            continue;
        }
        t = &tk->t[idx[k]];
        run = dotted_run(tk, idx, n, k);
        if (run >= 2) {
            /* dotted letters spell one word: "C.B.A." is not "A.B.C." */
            struct tok w = *t;
            for (int q = 0; q < run; q++)
                w.s[q] = tk->t[idx[k + q]].s[0];
            w.len = (uint8_t)run;
            w.s[run] = '\0';
            add_word(p, &w, NAMES_KIND_WORD, NAMES_ROLE_OTHER, idx[k]);
            k += run;
            continue;
        }
        add_word(p, t,
                 t->len == 1 && !t->digit && !t->cp ? NAMES_KIND_INITIAL
                                                    : NAMES_KIND_WORD,
                 NAMES_ROLE_OTHER, idx[k]);
        k++;
    }
    p->nseq = 0;
}

/*
 * True when the Latin words hold a company legal form ("ANO", "Ltd",
 * "Co., Ltd."): such a name is a body, never a Chinese personal name,
 * even when its words split into romanised syllables ("ANO" = a-no). A
 * single word that is itself a romanised syllable ("Co" is jyutping) or
 * a roman numeral does not count alone.
 */
static bool has_legal_form(const struct toks *tk, const bool *skip)
{
    int idx[MAX_TOKS], n = 0;

    pthread_once(&org_once, org_init);
    for (int i = 0; i < tk->n; i++)
        if (!skip[i] && !tk->t[i].han && !tk->t[i].cp)
            idx[n++] = i;
    for (int k = 0; k < n; k++)
        for (int l = n - k < 8 ? n - k : 8; l >= 1; l--) {
            char norm[256];
            const struct tok *t0 = &tk->t[idx[k]];

            phrase(tk, idx, k, l, norm, sizeof(norm));
            if (!org_lookup(norm))
                continue;
            if (l == 1 && (is_roman(t0->s, t0->len) ||
                           names_spelling_lookup(t0->s, t0->len)))
                continue;
            return true;
        }
    return false;
}

/* Dotted letter runs ("p.l.c.", "S.A.") join into one token unless they
 * are initials of a person ("C. Y."). */
static void join_dotted(struct toks *tk)
{
    int i = 0;
    while (i < tk->n) {
        int j = i;
        char buf[TOK_TEXT];
        size_t len = 0;
        while (j < tk->n && tk->t[j].len == 1 && tk->t[j].dotted &&
               !tk->t[j].han)
            j++;
        if (j - i >= 2 && j - i < TOK_TEXT) {
            for (int k = i; k < j; k++)
                buf[len++] = tk->t[k].s[0];
            if (names_is_orgword(buf, len)) {
                memcpy(tk->t[i].s, buf, len);
                tk->t[i].s[len] = '\0';
                tk->t[i].len = (uint8_t)len;
                tk->t[i].dotted = false;
                tk->t[i].comma = tk->t[j - 1].comma;
                memmove(&tk->t[i + 1], &tk->t[j],
                        (size_t)(tk->n - j) * sizeof(tk->t[0]));
                tk->n -= j - i - 1;
            }
        }
        i = j > i ? j : i + 1;
    }
}

enum err_code names_parse(const char *name, struct names_parsed *out,
                          struct err *e)
{
    struct strbuf pre = STRBUF_INIT;
    struct toks tk;
    bool skip[MAX_TOKS];
    int nleft, nhan = 0, nhangul = 0;
    enum err_code rc;

    (void)names_key_skeleton(0); /* builds the skeleton table once */
    memset(out, 0, offsetof(struct names_parsed, u));
    out->mode = NAMES_MODE_EMPTY;
    strbuf_init(&pre, 8 * NAMES_MAX_BYTES);
    rc = prepare(name, &pre, e);
    if (rc) {
        strbuf_release(&pre);
        return rc;
    }
    tokenise(pre.buf, &tk);
    strbuf_release(&pre);
    join_dotted(&tk);
    for (int i = 0; i + 1 < tk.n; i++)
        if (tk.t[i].comma)
            out->comma = true;

    /* honorifics: leading titles and trailing post-nominals */
    memset(skip, 0, sizeof(skip));
    nleft = tk.n;
    for (int i = 0; i < tk.n && nleft > 1; i++) {
        if (tk.t[i].han || !names_is_honorific(tk.t[i].s, tk.t[i].len))
            break;
        skip[i] = true;
        nleft--;
    }
    for (int i = tk.n - 1; i >= 0 && nleft > 1; i--) {
        if (skip[i] || tk.t[i].han ||
            !names_is_honorific(tk.t[i].s, tk.t[i].len) ||
            (tk.t[i].caps && tk.any_lower &&
             names_spelling_lookup(tk.t[i].s, tk.t[i].len) &&
             !(i > 0 && tk.t[i - 1].comma)))
            break;
        skip[i] = true;
        nleft--;
    }
    for (int i = 0; i < tk.n; i++) {
        if (tk.t[i].han)
            nhan++;
        else if (tk.t[i].cp)
            nhangul++; /* Korean: never read as Chinese syllables */
    }
    if (nhan > 0) {
        out->mode = NAMES_MODE_CHINESE;
        parse_han(out, &tk);
    } else if (nleft > 0 && (nhangul > 0 || has_legal_form(&tk, skip) ||
                             !parse_chinese_latin(out, &tk, skip))) {
        out->nunits = 0;
        out->nseq = 0;
        out->nsurname = 0;
        parse_western(out, &tk, skip);
    }
    if (out->nunits == 0)
        out->mode = NAMES_MODE_EMPTY;
    return ERR_OK;
}
