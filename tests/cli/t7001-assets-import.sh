# Registry imports: BODS 0.4, Companies House PSC (array and JSON lines)
# and BasicCompanyData, Hong Kong company lists; a Source cited on every
# statement; wrong formats refused with nothing imported; holdings with
# effective shares, ranges, flagged shares and a cut cycle.
. "$(dirname "$0")/lib.sh"
O="$TESTDATA/ownership"

run init c
expect_rc 0 init

run -C c import "$O/bods/examples/indirect-ownership.json" --format bods
expect_rc 0 "bods import"
expect_in out "imported 6 records" "bods records counted"
expect_in out "3 ownership links" "bods links counted"
run -C c list Source
expect_in out "Open Ownership BODS file indirect-ownership.json" \
    "a Source for the file"

for f in "$O"/bods/examples/*.json; do
    run -C c import "$f" --format bods
    expect_rc 0 "bods import of $(basename "$f")"
done

run -C c import "$O/uk-companies-house/basic-company-data-1-unwrapped.csv" \
    --format ch-basic
expect_rc 0 "ch-basic import"
run -C c import "$O/uk-companies-house/psc-data-1.json" --format ch-psc
expect_rc 0 "ch-psc import"
expect_in out "2 existing" "PSC meets the BasicCompanyData company"
run -C c import "$O/fixtures/psc-snapshot-lines.json" --format ch-psc
expect_rc 0 "ch-psc JSON lines"
run -C c import "$O/fixtures/hk-companies-fixture.csv" --format hk-companies
expect_rc 0 "hk import"
expect_in out "imported 5 records" "five HK companies"
run -C c search 珍珠冠控股
expect_in out "珍珠冠控股(香港)有限公司" "Chinese name searchable"

# The same file again (a registry snapshot re-read) adds nothing new: no
# duplicated values, no new companies, only the new Source.
run -C c import "$O/fixtures/hk-companies-fixture.csv" --format hk-companies
expect_rc 0 "hk re-import"
expect_in out "0 new entities, 5 existing, 0 statements" \
    "re-import adds no statement"
expect_in out "unchanged: " "re-import counts what the case had"
run -C c search 珍珠冠控股
n=$(grep -c "珍珠冠控股(香港)有限公司" out || true)
test "$n" -le 1 || { echo "FAIL: name stored $n times" >&2; exit 1; }

# The wrapped sample is not a CSV row: refused, clearly.
run -C c import "$O/uk-companies-house/basic-company-data-1.csv" \
    --format ch-basic
expect_rc 1 "wrapped CSV refused"
expect_in err "no company number" "wrapped CSV message"

# Wrong formats: refused, nothing imported.
run -C c list
before=$(wc -l <out)
run -C c import "$O/uk-companies-house/psc-data-1.json" --format bods
expect_rc 1 "PSC as BODS"
expect_in err "not a BODS 0.4 statement" "PSC as BODS message"
expect_in err "nothing was imported" "all or nothing"
run -C c import "$O/bods/examples/fermcat.json" --format ch-psc
expect_rc 1 "BODS as PSC"
expect_in err "not a Companies House PSC record" "BODS as PSC message"
run -C c import "$O/fixtures/hk-companies-fixture.csv" --format ch-basic
expect_rc 1 "HK as CH"
run -C c import "$O/uk-companies-house/basic-company-data-1-unwrapped.csv" \
    --format hk-companies
expect_rc 1 "CH as HK"
expect_in err "not a Hong Kong company list" "CH as HK message"
run -C c import "$O/fixtures/hk-companies-fixture.csv" --format xml
expect_rc 2 "unknown format"
expect_in err "known: ftm, bods, ch-psc, ch-basic, hk-companies" \
    "formats listed"
run -C c list
[ "$(wc -l <out)" -eq "$before" ] || fail "a refused import left records"

# Holdings on the cycle / bad shares fixture.
run init h
run -C h import "$O/fixtures/bods-cycle-bad-shares.json" --format bods
expect_rc 0 "fixture import"
expect_in out "flagged: 2 share(s)" "bad shares flagged at import"
p=$("$DOSSIER" -C h list Person | awk '{print $1}')
run -C h holdings "$p"
expect_rc 0 "direct holdings"
expect_in out "60%" "direct share"
expect_not_in out "15-30%" "no chains without --via-ownership"
run -C h holdings "$p" --via-ownership
expect_rc 0 "holdings via ownership"
expect_in out "15-30%" "range product kept as a range"
expect_in out "invalid" "150% flagged"
expect_in out "share not recorded" "missing share flagged"
expect_in out "control" "voting rights are control"
expect_in err "close a cycle" "cycle cut and reported"
run -C h holdings "$p" --via-ownership --json
expect_in out '"effective":"15-30%","effective_min":15,"effective_max":30' \
    "JSON range"
expect_in out '"effective":"invalid"' "JSON invalid share"
run -C h holdings no-such-person
expect_rc 1 "unknown person"
run -C h holdings "$p" --depth 3
expect_rc 2 "--depth needs --via-ownership"
