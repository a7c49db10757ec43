#!/bin/sh
# dossier match: two names, --explain, --json, --pairs (TSV in, TSV out in
# input order), usage errors (exit 2), bad files (exit 1).
set -eu
: "${DOSSIER:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t3000.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$DOSSIER" match '李家超' 'LEE Ka-chiu') || fail "match exit"
case "$out" in *" match") ;; *) fail "李家超 ~ LEE Ka-chiu: $out" ;; esac
out=$("$DOSSIER" match 'CHAN Kwok-ki' 'CHAN Kwok-keung')
case "$out" in *" nomatch") ;; *) fail "Kwok-ki ~ Kwok-keung: $out" ;; esac
"$DOSSIER" match 'CHAN Tai-man' 'Chen Dawen' --explain > ex.out
grep -q '^0\.[0-9]* match' ex.out || fail "explain head: $(cat ex.out)"
grep -q 'surname' ex.out || fail "explain parts"
"$DOSSIER" match --json 'Siemens AG' 'Siemens Aktiengesellschaft' > j.out
grep -q '"decision":"match"' j.out || fail "json: $(cat j.out)"
grep -q '"parts":\[' j.out || fail "json parts"

printf 'id\tname_b\tname_a\n1\tChan Tai Man\t陳大文\n2\tCHAN Tai-wai\tCHAN Tai-man\n3\t\t\n' > p.tsv
"$DOSSIER" match --pairs p.tsv > p.out || fail "pairs exit"
test "$(head -1 p.out)" = "$(printf 'name_a\tname_b\tscore\tdecision')" \
    || fail "pairs header: $(head -1 p.out)"
test "$(wc -l < p.out)" -eq 4 || fail "pairs rows: $(cat p.out)"
sed -n 2p p.out | grep -q "^陳大文	Chan Tai Man	[01]\.[0-9]*	match$" \
    || fail "pairs row 1: $(sed -n 2p p.out)"
sed -n 3p p.out | grep -q "	nomatch$" || fail "pairs row 2"
sed -n 4p p.out | grep -q "	0.000	nomatch$" || fail "pairs empty row"

# usage errors exit 2, bad input files exit 1
set +e
"$DOSSIER" match onlyone >/dev/null 2>&1; test $? -eq 2 || fail "one name"
"$DOSSIER" match --bogus a b >/dev/null 2>&1; test $? -eq 2 || fail "option"
"$DOSSIER" match --pairs missing.tsv >/dev/null 2>&1; test $? -eq 1 || fail "missing file"
printf 'a\tb\nx\ty\n' > nohdr.tsv
"$DOSSIER" match --pairs nohdr.tsv >/dev/null 2> err.out; test $? -eq 1 || fail "no header"
grep -q "name_a" err.out || fail "header message: $(cat err.out)"
printf 'name_a\tname_b\n\377\376\tx\n' > badutf.tsv
"$DOSSIER" match --pairs badutf.tsv > b.out 2>/dev/null; test $? -eq 0 || fail "bad utf-8 row"
grep -q "	0.000	nomatch$" b.out || fail "bad utf-8 scored 0"
# a 10,000-character name: a defined score, the other rows still scored
{ printf 'name_a\tname_b\n'; head -c 10000 /dev/zero | tr '\0' 'a';
  printf '\tx\nCHAN Tai-man\tChen Dawen\n'; } > long.tsv
"$DOSSIER" match --pairs long.tsv > l.out 2>/dev/null; test $? -eq 0 || fail "long name"
test "$(wc -l < l.out)" -eq 3 || fail "long name rows"
tail -1 l.out | grep -q "	match$" || fail "row after long name"
"$DOSSIER" match "$(head -c 10000 /dev/zero | tr '\0' 'a')" x >/dev/null 2>&1
test $? -eq 1 || fail "long name argument should fail clearly"
set -e
"$DOSSIER" match --help | grep -q 'examples' || fail "help"
exit 0
