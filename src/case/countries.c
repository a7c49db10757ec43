/*
 * countries: ISO 3166-1 codes for SCHEMA_COUNTRY values. Values are kept
 * as FtM keeps them: lower-case alpha-2. Input may be alpha-2, alpha-3 or
 * an English name (short, common or official), in any case.
 *
 * The ISO table was generated from Debian's iso-codes (iso_3166-1.json,
 * 249 entries); codes and country names are public facts. FtM also uses
 * codes outside ISO 3166-1 for territories and historic states; the ones
 * accepted here are listed in extras[] below (documented, on purpose
 * short): an unlisted code fails validation unless CASE_LENIENT keeps it.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "case/schema.h"
#include "util/banned.h"

struct country {
    const char *a2; /* lower-case alpha-2 (or FtM territory code) */
    const char *a3; /* lower-case alpha-3, or NULL */
    const char *name;
    const char *alt1; /* other English names, or NULL */
    const char *alt2;
};

static const struct country iso[] = {
    {"ad", "and", "Andorra", "Principality of Andorra", NULL},
    {"ae", "are", "United Arab Emirates", NULL, NULL},
    {"af", "afg", "Afghanistan", "Islamic Republic of Afghanistan", NULL},
    {"ag", "atg", "Antigua and Barbuda", NULL, NULL},
    {"ai", "aia", "Anguilla", NULL, NULL},
    {"al", "alb", "Albania", "Republic of Albania", NULL},
    {"am", "arm", "Armenia", "Republic of Armenia", NULL},
    {"ao", "ago", "Angola", "Republic of Angola", NULL},
    {"aq", "ata", "Antarctica", NULL, NULL},
    {"ar", "arg", "Argentina", "Argentine Republic", NULL},
    {"as", "asm", "American Samoa", NULL, NULL},
    {"at", "aut", "Austria", "Republic of Austria", NULL},
    {"au", "aus", "Australia", NULL, NULL},
    {"aw", "abw", "Aruba", NULL, NULL},
    {"ax", "ala", "Åland Islands", NULL, NULL},
    {"az", "aze", "Azerbaijan", "Republic of Azerbaijan", NULL},
    {"ba", "bih", "Bosnia and Herzegovina",
     "Republic of Bosnia and Herzegovina", NULL},
    {"bb", "brb", "Barbados", NULL, NULL},
    {"bd", "bgd", "Bangladesh", "People's Republic of Bangladesh", NULL},
    {"be", "bel", "Belgium", "Kingdom of Belgium", NULL},
    {"bf", "bfa", "Burkina Faso", NULL, NULL},
    {"bg", "bgr", "Bulgaria", "Republic of Bulgaria", NULL},
    {"bh", "bhr", "Bahrain", "Kingdom of Bahrain", NULL},
    {"bi", "bdi", "Burundi", "Republic of Burundi", NULL},
    {"bj", "ben", "Benin", "Republic of Benin", NULL},
    {"bl", "blm", "Saint Barthélemy", NULL, NULL},
    {"bm", "bmu", "Bermuda", NULL, NULL},
    {"bn", "brn", "Brunei Darussalam", NULL, NULL},
    {"bo", "bol", "Bolivia", "Bolivia, Plurinational State of",
     "Plurinational State of Bolivia"},
    {"bq", "bes", "Bonaire, Sint Eustatius and Saba", NULL, NULL},
    {"br", "bra", "Brazil", "Federative Republic of Brazil", NULL},
    {"bs", "bhs", "Bahamas", "Commonwealth of the Bahamas", NULL},
    {"bt", "btn", "Bhutan", "Kingdom of Bhutan", NULL},
    {"bv", "bvt", "Bouvet Island", NULL, NULL},
    {"bw", "bwa", "Botswana", "Republic of Botswana", NULL},
    {"by", "blr", "Belarus", "Republic of Belarus", NULL},
    {"bz", "blz", "Belize", NULL, NULL},
    {"ca", "can", "Canada", NULL, NULL},
    {"cc", "cck", "Cocos (Keeling) Islands", NULL, NULL},
    {"cd", "cod", "Congo, The Democratic Republic of the", NULL, NULL},
    {"cf", "caf", "Central African Republic", NULL, NULL},
    {"cg", "cog", "Congo", "Republic of the Congo", NULL},
    {"ch", "che", "Switzerland", "Swiss Confederation", NULL},
    {"ci", "civ", "Côte d'Ivoire", "Republic of Côte d'Ivoire", NULL},
    {"ck", "cok", "Cook Islands", NULL, NULL},
    {"cl", "chl", "Chile", "Republic of Chile", NULL},
    {"cm", "cmr", "Cameroon", "Republic of Cameroon", NULL},
    {"cn", "chn", "China", "People's Republic of China", NULL},
    {"co", "col", "Colombia", "Republic of Colombia", NULL},
    {"cr", "cri", "Costa Rica", "Republic of Costa Rica", NULL},
    {"cu", "cub", "Cuba", "Republic of Cuba", NULL},
    {"cv", "cpv", "Cabo Verde", "Republic of Cabo Verde", NULL},
    {"cw", "cuw", "Curaçao", NULL, NULL},
    {"cx", "cxr", "Christmas Island", NULL, NULL},
    {"cy", "cyp", "Cyprus", "Republic of Cyprus", NULL},
    {"cz", "cze", "Czechia", "Czech Republic", NULL},
    {"de", "deu", "Germany", "Federal Republic of Germany", NULL},
    {"dj", "dji", "Djibouti", "Republic of Djibouti", NULL},
    {"dk", "dnk", "Denmark", "Kingdom of Denmark", NULL},
    {"dm", "dma", "Dominica", "Commonwealth of Dominica", NULL},
    {"do", "dom", "Dominican Republic", NULL, NULL},
    {"dz", "dza", "Algeria", "People's Democratic Republic of Algeria", NULL},
    {"ec", "ecu", "Ecuador", "Republic of Ecuador", NULL},
    {"ee", "est", "Estonia", "Republic of Estonia", NULL},
    {"eg", "egy", "Egypt", "Arab Republic of Egypt", NULL},
    {"eh", "esh", "Western Sahara", NULL, NULL},
    {"er", "eri", "Eritrea", "the State of Eritrea", NULL},
    {"es", "esp", "Spain", "Kingdom of Spain", NULL},
    {"et", "eth", "Ethiopia", "Federal Democratic Republic of Ethiopia", NULL},
    {"fi", "fin", "Finland", "Republic of Finland", NULL},
    {"fj", "fji", "Fiji", "Republic of Fiji", NULL},
    {"fk", "flk", "Falkland Islands (Malvinas)", NULL, NULL},
    {"fm", "fsm", "Micronesia, Federated States of",
     "Federated States of Micronesia", NULL},
    {"fo", "fro", "Faroe Islands", NULL, NULL},
    {"fr", "fra", "France", "French Republic", NULL},
    {"ga", "gab", "Gabon", "Gabonese Republic", NULL},
    {"gb", "gbr", "United Kingdom",
     "United Kingdom of Great Britain and Northern Ireland", NULL},
    {"gd", "grd", "Grenada", NULL, NULL},
    {"ge", "geo", "Georgia", NULL, NULL},
    {"gf", "guf", "French Guiana", NULL, NULL},
    {"gg", "ggy", "Guernsey", NULL, NULL},
    {"gh", "gha", "Ghana", "Republic of Ghana", NULL},
    {"gi", "gib", "Gibraltar", NULL, NULL},
    {"gl", "grl", "Greenland", NULL, NULL},
    {"gm", "gmb", "Gambia", "Republic of the Gambia", NULL},
    {"gn", "gin", "Guinea", "Republic of Guinea", NULL},
    {"gp", "glp", "Guadeloupe", NULL, NULL},
    {"gq", "gnq", "Equatorial Guinea", "Republic of Equatorial Guinea", NULL},
    {"gr", "grc", "Greece", "Hellenic Republic", NULL},
    {"gs", "sgs", "South Georgia and the South Sandwich Islands", NULL, NULL},
    {"gt", "gtm", "Guatemala", "Republic of Guatemala", NULL},
    {"gu", "gum", "Guam", NULL, NULL},
    {"gw", "gnb", "Guinea-Bissau", "Republic of Guinea-Bissau", NULL},
    {"gy", "guy", "Guyana", "Republic of Guyana", NULL},
    {"hk", "hkg", "Hong Kong",
     "Hong Kong Special Administrative Region of China", NULL},
    {"hm", "hmd", "Heard Island and McDonald Islands", NULL, NULL},
    {"hn", "hnd", "Honduras", "Republic of Honduras", NULL},
    {"hr", "hrv", "Croatia", "Republic of Croatia", NULL},
    {"ht", "hti", "Haiti", "Republic of Haiti", NULL},
    {"hu", "hun", "Hungary", NULL, NULL},
    {"id", "idn", "Indonesia", "Republic of Indonesia", NULL},
    {"ie", "irl", "Ireland", NULL, NULL},
    {"il", "isr", "Israel", "State of Israel", NULL},
    {"im", "imn", "Isle of Man", NULL, NULL},
    {"in", "ind", "India", "Republic of India", NULL},
    {"io", "iot", "British Indian Ocean Territory", NULL, NULL},
    {"iq", "irq", "Iraq", "Republic of Iraq", NULL},
    {"ir", "irn", "Iran", "Iran, Islamic Republic of",
     "Islamic Republic of Iran"},
    {"is", "isl", "Iceland", "Republic of Iceland", NULL},
    {"it", "ita", "Italy", "Italian Republic", NULL},
    {"je", "jey", "Jersey", NULL, NULL},
    {"jm", "jam", "Jamaica", NULL, NULL},
    {"jo", "jor", "Jordan", "Hashemite Kingdom of Jordan", NULL},
    {"jp", "jpn", "Japan", NULL, NULL},
    {"ke", "ken", "Kenya", "Republic of Kenya", NULL},
    {"kg", "kgz", "Kyrgyzstan", "Kyrgyz Republic", NULL},
    {"kh", "khm", "Cambodia", "Kingdom of Cambodia", NULL},
    {"ki", "kir", "Kiribati", "Republic of Kiribati", NULL},
    {"km", "com", "Comoros", "Union of the Comoros", NULL},
    {"kn", "kna", "Saint Kitts and Nevis", NULL, NULL},
    {"kp", "prk", "North Korea", "Democratic People's Republic of Korea",
     "Korea, Democratic People's Republic of"},
    {"kr", "kor", "South Korea", "Korea, Republic of", NULL},
    {"kw", "kwt", "Kuwait", "State of Kuwait", NULL},
    {"ky", "cym", "Cayman Islands", NULL, NULL},
    {"kz", "kaz", "Kazakhstan", "Republic of Kazakhstan", NULL},
    {"la", "lao", "Laos", "Lao People's Democratic Republic", NULL},
    {"lb", "lbn", "Lebanon", "Lebanese Republic", NULL},
    {"lc", "lca", "Saint Lucia", NULL, NULL},
    {"li", "lie", "Liechtenstein", "Principality of Liechtenstein", NULL},
    {"lk", "lka", "Sri Lanka", "Democratic Socialist Republic of Sri Lanka",
     NULL},
    {"lr", "lbr", "Liberia", "Republic of Liberia", NULL},
    {"ls", "lso", "Lesotho", "Kingdom of Lesotho", NULL},
    {"lt", "ltu", "Lithuania", "Republic of Lithuania", NULL},
    {"lu", "lux", "Luxembourg", "Grand Duchy of Luxembourg", NULL},
    {"lv", "lva", "Latvia", "Republic of Latvia", NULL},
    {"ly", "lby", "Libya", NULL, NULL},
    {"ma", "mar", "Morocco", "Kingdom of Morocco", NULL},
    {"mc", "mco", "Monaco", "Principality of Monaco", NULL},
    {"md", "mda", "Moldova", "Moldova, Republic of", "Republic of Moldova"},
    {"me", "mne", "Montenegro", NULL, NULL},
    {"mf", "maf", "Saint Martin (French part)", NULL, NULL},
    {"mg", "mdg", "Madagascar", "Republic of Madagascar", NULL},
    {"mh", "mhl", "Marshall Islands", "Republic of the Marshall Islands", NULL},
    {"mk", "mkd", "North Macedonia", "Republic of North Macedonia", NULL},
    {"ml", "mli", "Mali", "Republic of Mali", NULL},
    {"mm", "mmr", "Myanmar", "Republic of Myanmar", NULL},
    {"mn", "mng", "Mongolia", NULL, NULL},
    {"mo", "mac", "Macao", "Macao Special Administrative Region of China",
     NULL},
    {"mp", "mnp", "Northern Mariana Islands",
     "Commonwealth of the Northern Mariana Islands", NULL},
    {"mq", "mtq", "Martinique", NULL, NULL},
    {"mr", "mrt", "Mauritania", "Islamic Republic of Mauritania", NULL},
    {"ms", "msr", "Montserrat", NULL, NULL},
    {"mt", "mlt", "Malta", "Republic of Malta", NULL},
    {"mu", "mus", "Mauritius", "Republic of Mauritius", NULL},
    {"mv", "mdv", "Maldives", "Republic of Maldives", NULL},
    {"mw", "mwi", "Malawi", "Republic of Malawi", NULL},
    {"mx", "mex", "Mexico", "United Mexican States", NULL},
    {"my", "mys", "Malaysia", NULL, NULL},
    {"mz", "moz", "Mozambique", "Republic of Mozambique", NULL},
    {"na", "nam", "Namibia", "Republic of Namibia", NULL},
    {"nc", "ncl", "New Caledonia", NULL, NULL},
    {"ne", "ner", "Niger", "Republic of the Niger", NULL},
    {"nf", "nfk", "Norfolk Island", NULL, NULL},
    {"ng", "nga", "Nigeria", "Federal Republic of Nigeria", NULL},
    {"ni", "nic", "Nicaragua", "Republic of Nicaragua", NULL},
    {"nl", "nld", "Netherlands", "Kingdom of the Netherlands", NULL},
    {"no", "nor", "Norway", "Kingdom of Norway", NULL},
    {"np", "npl", "Nepal", "Federal Democratic Republic of Nepal", NULL},
    {"nr", "nru", "Nauru", "Republic of Nauru", NULL},
    {"nu", "niu", "Niue", NULL, NULL},
    {"nz", "nzl", "New Zealand", NULL, NULL},
    {"om", "omn", "Oman", "Sultanate of Oman", NULL},
    {"pa", "pan", "Panama", "Republic of Panama", NULL},
    {"pe", "per", "Peru", "Republic of Peru", NULL},
    {"pf", "pyf", "French Polynesia", NULL, NULL},
    {"pg", "png", "Papua New Guinea", "Independent State of Papua New Guinea",
     NULL},
    {"ph", "phl", "Philippines", "Republic of the Philippines", NULL},
    {"pk", "pak", "Pakistan", "Islamic Republic of Pakistan", NULL},
    {"pl", "pol", "Poland", "Republic of Poland", NULL},
    {"pm", "spm", "Saint Pierre and Miquelon", NULL, NULL},
    {"pn", "pcn", "Pitcairn", NULL, NULL},
    {"pr", "pri", "Puerto Rico", NULL, NULL},
    {"ps", "pse", "Palestine, State of", "the State of Palestine", NULL},
    {"pt", "prt", "Portugal", "Portuguese Republic", NULL},
    {"pw", "plw", "Palau", "Republic of Palau", NULL},
    {"py", "pry", "Paraguay", "Republic of Paraguay", NULL},
    {"qa", "qat", "Qatar", "State of Qatar", NULL},
    {"re", "reu", "Réunion", NULL, NULL},
    {"ro", "rou", "Romania", NULL, NULL},
    {"rs", "srb", "Serbia", "Republic of Serbia", NULL},
    {"ru", "rus", "Russian Federation", NULL, NULL},
    {"rw", "rwa", "Rwanda", "Rwandese Republic", NULL},
    {"sa", "sau", "Saudi Arabia", "Kingdom of Saudi Arabia", NULL},
    {"sb", "slb", "Solomon Islands", NULL, NULL},
    {"sc", "syc", "Seychelles", "Republic of Seychelles", NULL},
    {"sd", "sdn", "Sudan", "Republic of the Sudan", NULL},
    {"se", "swe", "Sweden", "Kingdom of Sweden", NULL},
    {"sg", "sgp", "Singapore", "Republic of Singapore", NULL},
    {"sh", "shn", "Saint Helena, Ascension and Tristan da Cunha", NULL, NULL},
    {"si", "svn", "Slovenia", "Republic of Slovenia", NULL},
    {"sj", "sjm", "Svalbard and Jan Mayen", NULL, NULL},
    {"sk", "svk", "Slovakia", "Slovak Republic", NULL},
    {"sl", "sle", "Sierra Leone", "Republic of Sierra Leone", NULL},
    {"sm", "smr", "San Marino", "Republic of San Marino", NULL},
    {"sn", "sen", "Senegal", "Republic of Senegal", NULL},
    {"so", "som", "Somalia", "Federal Republic of Somalia", NULL},
    {"sr", "sur", "Suriname", "Republic of Suriname", NULL},
    {"ss", "ssd", "South Sudan", "Republic of South Sudan", NULL},
    {"st", "stp", "Sao Tome and Principe",
     "Democratic Republic of Sao Tome and Principe", NULL},
    {"sv", "slv", "El Salvador", "Republic of El Salvador", NULL},
    {"sx", "sxm", "Sint Maarten (Dutch part)", NULL, NULL},
    {"sy", "syr", "Syria", "Syrian Arab Republic", NULL},
    {"sz", "swz", "Eswatini", "Kingdom of Eswatini", NULL},
    {"tc", "tca", "Turks and Caicos Islands", NULL, NULL},
    {"td", "tcd", "Chad", "Republic of Chad", NULL},
    {"tf", "atf", "French Southern Territories", NULL, NULL},
    {"tg", "tgo", "Togo", "Togolese Republic", NULL},
    {"th", "tha", "Thailand", "Kingdom of Thailand", NULL},
    {"tj", "tjk", "Tajikistan", "Republic of Tajikistan", NULL},
    {"tk", "tkl", "Tokelau", NULL, NULL},
    {"tl", "tls", "Timor-Leste", "Democratic Republic of Timor-Leste", NULL},
    {"tm", "tkm", "Turkmenistan", NULL, NULL},
    {"tn", "tun", "Tunisia", "Republic of Tunisia", NULL},
    {"to", "ton", "Tonga", "Kingdom of Tonga", NULL},
    {"tr", "tur", "Türkiye", "Republic of Türkiye", NULL},
    {"tt", "tto", "Trinidad and Tobago", "Republic of Trinidad and Tobago",
     NULL},
    {"tv", "tuv", "Tuvalu", NULL, NULL},
    {"tw", "twn", "Taiwan", "Taiwan, Province of China", NULL},
    {"tz", "tza", "Tanzania", "Tanzania, United Republic of",
     "United Republic of Tanzania"},
    {"ua", "ukr", "Ukraine", NULL, NULL},
    {"ug", "uga", "Uganda", "Republic of Uganda", NULL},
    {"um", "umi", "United States Minor Outlying Islands", NULL, NULL},
    {"us", "usa", "United States", "United States of America", NULL},
    {"uy", "ury", "Uruguay", "Eastern Republic of Uruguay", NULL},
    {"uz", "uzb", "Uzbekistan", "Republic of Uzbekistan", NULL},
    {"va", "vat", "Holy See (Vatican City State)", NULL, NULL},
    {"vc", "vct", "Saint Vincent and the Grenadines", NULL, NULL},
    {"ve", "ven", "Venezuela", "Bolivarian Republic of Venezuela",
     "Venezuela, Bolivarian Republic of"},
    {"vg", "vgb", "Virgin Islands, British", "British Virgin Islands", NULL},
    {"vi", "vir", "Virgin Islands, U.S.", "Virgin Islands of the United States",
     NULL},
    {"vn", "vnm", "Vietnam", "Socialist Republic of Viet Nam", "Viet Nam"},
    {"vu", "vut", "Vanuatu", "Republic of Vanuatu", NULL},
    {"wf", "wlf", "Wallis and Futuna", NULL, NULL},
    {"ws", "wsm", "Samoa", "Independent State of Samoa", NULL},
    {"ye", "yem", "Yemen", "Republic of Yemen", NULL},
    {"yt", "myt", "Mayotte", NULL, NULL},
    {"za", "zaf", "South Africa", "Republic of South Africa", NULL},
    {"zm", "zmb", "Zambia", "Republic of Zambia", NULL},
    {"zw", "zwe", "Zimbabwe", "Republic of Zimbabwe", NULL},
};

/* FtM codes outside ISO 3166-1 that dossier accepts. */
static const struct country extras[] = {
    {"eu", NULL, "European Union", NULL, NULL},
    {"xk", "xkx", "Kosovo", NULL, NULL},
    {"zz", NULL, "Global", "Unknown", NULL},
    {"suhh", NULL, "Soviet Union", "USSR", NULL},
    {"csxx", NULL, "Serbia and Montenegro", NULL, NULL},
    {"yucs", NULL, "Yugoslavia", NULL, NULL},
    {"ddde", NULL, "East Germany", "German Democratic Republic", NULL},
    {"cshh", NULL, "Czechoslovakia", NULL, NULL},
    {"ge-ab", NULL, "Abkhazia", NULL, NULL},
    {"ge-sos", NULL, "South Ossetia", NULL, NULL},
    {"az-nk", NULL, "Nagorno-Karabakh", NULL, NULL},
    {"cy-trnc", NULL, "Northern Cyprus", NULL, NULL},
    {"md-pmr", NULL, "Transnistria", NULL, NULL},
    {"so-som", NULL, "Somaliland", NULL, NULL},
    {"ua-cri", NULL, "Crimea", NULL, NULL},
    {"ua-dpr", NULL, "Donetsk People's Republic", NULL, NULL},
    {"ua-lpr", NULL, "Luhansk People's Republic", NULL, NULL},
    {"iq-kr", NULL, "Kurdistan", NULL, NULL},
};

/* Common spellings that are not ISO names. */
static const struct {
    const char *alias;
    const char *a2;
} aliases[] = {
    {"uk", "gb"},
    {"great britain", "gb"},
    {"britain", "gb"},
    {"england", "gb"},
    {"usa", "us"},
    {"united states of america", "us"},
    {"russia", "ru"},
    {"hongkong", "hk"},
    {"hong kong sar", "hk"},
    {"hong kong sar, china", "hk"},
    {"macao sar", "mo"},
    {"macau", "mo"},
    {"china", "cn"},
    {"prc", "cn"},
    {"mainland china", "cn"},
    {"taiwan", "tw"},
    {"south korea", "kr"},
    {"north korea", "kp"},
    {"iran", "ir"},
    {"syria", "sy"},
    {"vietnam", "vn"},
    {"laos", "la"},
    {"burma", "mm"},
    {"czech republic", "cz"},
    {"ivory coast", "ci"},
    {"turkey", "tr"},
    {"korea, south", "kr"},
    {"korea, north", "kp"},
    {"republic of korea", "kr"},
    {"dprk", "kp"},
    {"hong kong, china", "hk"},
    {"hong kong (china)", "hk"},
    {"china, hong kong sar", "hk"},
    {"macao, china", "mo"},
    {"macau, china", "mo"},
    {"vatican", "va"},
    {"vatican city", "va"},
    {"holy see", "va"},
    {"palestine", "ps"},
    {"cape verde", "cv"},
    {"swaziland", "sz"},
    {"east timor", "tl"},
    {"uae", "ae"},
    {"drc", "cd"},
    {"democratic republic of the congo", "cd"},
    {"republic of the congo", "cg"},
};

#define NISO (sizeof(iso) / sizeof(iso[0]))
#define NEXTRAS (sizeof(extras) / sizeof(extras[0]))
#define NALIASES (sizeof(aliases) / sizeof(aliases[0]))

static const struct country *by_a2(const char *a2)
{
    size_t lo = 0, hi = NISO;

    /* iso[] is sorted by alpha-2. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(iso[mid].a2, a2);

        if (c == 0)
            return &iso[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = 0; i < NEXTRAS; i++)
        if (strcmp(extras[i].a2, a2) == 0)
            return &extras[i];
    return NULL;
}

static bool name_is(const struct country *c, const char *s)
{
    return strcasecmp(c->name, s) == 0 ||
           (c->alt1 && strcasecmp(c->alt1, s) == 0) ||
           (c->alt2 && strcasecmp(c->alt2, s) == 0) ||
           (c->a3 && strcasecmp(c->a3, s) == 0);
}

const char *schema_country_code(const char *s)
{
    char low[16];
    size_t n;
    const struct country *c;

    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return NULL;
    if (n < sizeof(low)) {
        for (size_t i = 0; i < n; i++) {
            char ch = s[i];

            low[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
        }
        low[n] = '\0';
        c = by_a2(low);
        if (c)
            return c->a2;
    } else {
        low[0] = '\0';
    }
    {
        char buf[128];

        if (n >= sizeof(buf))
            return NULL;
        memcpy(buf, s, n);
        buf[n] = '\0';
        for (size_t i = 0; i < NISO; i++)
            if (name_is(&iso[i], buf))
                return iso[i].a2;
        for (size_t i = 0; i < NEXTRAS; i++)
            if (name_is(&extras[i], buf))
                return extras[i].a2;
        for (size_t i = 0; i < NALIASES; i++)
            if (strcasecmp(aliases[i].alias, buf) == 0)
                return by_a2(aliases[i].a2)->a2;
    }
    return NULL;
}

const char *schema_country_name(const char *code)
{
    const struct country *c = code ? by_a2(code) : NULL;

    return c ? c->name : NULL;
}
