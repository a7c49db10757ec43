# The demo's FICTIONAL assets: holdings through a BVI company, ties to the
# UK and Canada, pictures in exports/ (SVG, PNG, GraphML, DOT) with both
# scripts and no protected person.
. "$(dirname "$0")/lib.sh"
OFF=demo-officer-chan-tai-man

run demo d
expect_rc 0 demo
expect_in out "Assets, ties and pictures" "tour mentions the pictures"
for f in network-chan-tai-man.svg network-chan-tai-man.png \
    network-chan-tai-man.graphml network-chan-tai-man.dot \
    chain-tactical-company-7.svg chain-tactical-company-7-2019-11-18.svg; do
    [ -s "d/exports/$f" ] || fail "demo picture $f missing"
done
head -c 4 d/exports/network-chan-tai-man.png | od -c | grep -q 'P   N   G' ||
    fail "PNG magic"
expect_in d/exports/network-chan-tai-man.svg "陳大文" "Han name in SVG"
expect_in d/exports/network-chan-tai-man.svg "CHAN Tai&#45;man" "Latin name in SVG"
expect_in d/exports/network-chan-tai-man.svg "FICTIONAL" "SVG labelled"
for f in d/exports/*; do
    for secret in "NG Ka-yan" "吳嘉欣" "TSE Wing-hong" "LAU Mei-ling" V-01 \
        V-02; do
        expect_not_in "$f" "$secret" "protected person in $f"
    done
done
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout d/exports/network-chan-tai-man.graphml ||
        fail "GraphML is not well-formed XML"
    xmllint --noout d/exports/network-chan-tai-man.svg || fail "SVG not XML"
fi
expect_in d/exports/network-chan-tai-man.graphml \
    'xmlns="http://graphml.graphdrawing.org/xmlns"' "GraphML namespace"

run -C d holdings $OFF --via-ownership
expect_rc 0 holdings
expect_in out "[FICTIONAL]" "holder labelled"
expect_in out "37.5-50%  Harbourlight Property Services Ltd" \
    "UK company through the BVI company"
expect_in out "missing   Flat 3, 12 Example Mews, London" \
    "flat share not recorded"
expect_in err "close a cycle" "demo cycle cut"

run -C d ties $OFF --country gb
expect_rc 0 ties
expect_in out "directorship" "spouse's directorship"
expect_in out "via spouse: LAM Siu-wan" "via the spouse"
expect_not_in out "Canada" "filtered to gb"
run -C d ties $OFF --country CAN --json
expect_in out '"kind":"education-of-children"' "child at school in Canada"
run -C d ties $OFF --country Narnia
expect_rc 2 "unknown country"

run -C d graph $OFF --format dot
expect_rc 0 "graph dot"
expect_in out 'CHAN Tai-man\n陳大文' "both scripts on two lines"
expect_in out "(probable)" "confidence in labels"
expect_in err "protected record(s) left out" "withheld counted"
run -C d graph demo-unit-tactical-company-7 --depth 3 --format graphml
expect_rc 0 "unit chain graphml"
expect_in out "Harbour Region Command" "superior unit in the chain"
run -C d graph demo-victim-v01
expect_rc 1 "a victim is never drawn"
run -C d graph $OFF --format gif
expect_rc 2 "unknown picture format"
run -C d graph $OFF --format svg --out x.svg
expect_rc 0 "svg to file"
[ -s x.svg ] || fail "x.svg written"
run -C d graph demo-unit-tactical-company-7 --on 2019-11-18 --format dot
expect_rc 0 "chain on a date"
expect_in out "commander, Superintendent\\non 2019-11-18" "commander that day"
expect_in out "Harbour Region Command" "top of the chain"
expect_not_in out "Pearl Crest" "no assets in a chain"
run -C d graph demo-unit-tactical-company-7 --on 2019-13-45
expect_rc 1 "bad date refused"
