#!/bin/sh
# dossier lists show: summary of real OFAC/UN/AU files and fixtures, the
# OFAC folder set, --entries (the HK-EO13936 officials with their HKID and
# passport numbers), --json, bad input (exit 1 with file and line) and
# usage errors (exit 2).
. "$TOP/tests/cli/lib.sh"
L=$TESTDATA/lists

run lists show "$L/ofac/sdn-2024-05-03.csv"
expect_rc 0 "show sdn.csv"
expect_in out "format: ofac-csv" "format"
expect_in out "entries: 14965 (persons 6854, entities 6884, vessels 851, aircraft 376, unknown 0)" "sdn counts"

run lists show "$L/ofac/sdn-2021-07" "$L/un/consolidated-2026-02-27.xml"
expect_rc 0 "show folder + UN"
expect_in out "entries: 8976" "ofac set"
expect_in out "published: 2026-02-27" "UN date"
expect_in out "entries: 1003 (persons 730, entities 273" "UN counts"

run lists show --entries "$L/ofac/sdn-2024-05-03.csv"
expect_rc 0 "entries"
grep -c "	person	HK-EO13936$" out >hk.count
test "$(cat hk.count)" -eq 42 || fail "42 HK-EO13936 entries, got $(cat hk.count)"
expect_in out "  id hkid D4118015 (HK)" "TANG Chris HKID"
expect_in out "  id passport KJ0638810 (HK) issued 14 Oct 2017 expires 14 Oct 2027" "passport"

run lists show --json "$L/au/regulation8_consolidated-2024-11.xlsx" \
    "$L/fixtures/eu-fsf.xml"
expect_rc 0 "json"
expect_in out '"format":"au-xlsx"' "au json"
expect_in out '"entries":3062' "au count"
expect_in out '"format":"eu-xml"' "eu json"
python3 -c 'import json,sys; d=json.load(open("out")); assert len(d)==2' \
    || fail "json does not parse"

run lists show --json --entries "$L/fixtures/ofac-advanced.xml"
expect_rc 0 "json entries"
expect_in out '"number":"KJ0638810"' "advanced xml passport"
python3 -c 'import json; json.load(open("out"))' || fail "json entries parse"

run lists diff "$L/ofac/sdn-2024-04-02.csv" "$L/ofac/sdn-2024-05-03.csv"
expect_rc 0 "diff"
expect_in out "added 417, removed 12," "sdn diff summary"
expect_in out "(net +405)" "405 net additions"
run lists diff --json "$L/un/consolidated-2024-11-30.xml" \
    "$L/un/consolidated-2026-02-27.xml"
expect_rc 0 "diff json"
python3 -c 'import json; d=json.load(open("out")); assert d["added"]==130 and d["removed"]==6' \
    || fail "UN diff json"
run lists diff "$L/ofac/sdn-2024-05-03.csv"
expect_rc 2 "diff needs two"

run lists show "$L/fixtures/un-truncated.xml"
expect_rc 1 "truncated"
expect_in err "un-truncated.xml:" "names the file"
run lists show "$L/fixtures/ofac-dup.csv"
expect_rc 1 "duplicate"
expect_in err "ofac-dup.csv:2: duplicate entry id '36'" "duplicate line"
run lists show "$L/fixtures/empty.csv"
expect_rc 1 "empty"
expect_in err "is empty" "empty message"
run lists show "$L/SOURCES.md"
expect_rc 1 "other format"
expect_in err "is not a sanctions list format" "other format message"

run lists show
expect_rc 2 "no file"
run lists show --bogus x
expect_rc 2 "bad option"
run lists frobnicate
expect_rc 2 "bad subcommand"
run lists --help
expect_rc 0 "help"
expect_in out "dossier lists show" "help text"
exit 0
