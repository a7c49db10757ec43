# The demo case: fictional records marked FICTIONAL in every output, the
# real OFAC designations present, protected values never exported, the
# chain of command on a date.
. "$(dirname "$0")/lib.sh"

run demo d
expect_rc 0 "demo"
expect_in out "What to look at" "demo prints a tour"
run demo d
expect_rc 1 "demo never overwrites a case"

run -C d list Person
expect_in out "[FICTIONAL] CHAN Tai-man 陳大文" "fictional officer marked"
expect_in out "CHAN, Eric" "real designated official present"
[ "$(grep -c 'ofac-' out)" -eq 42 ] || fail "42 HK-EO13936 people"
run -C d list Designation
[ "$(grep -c 'HK-EO13936\|ofac-' out)" -eq 42 ] || fail "42 designations"
run -C d show ofac-29250
expect_in out "LEE, John Ka-chiu" "OFAC name as published"
expect_in out "G0286787" "OFAC national id as published"

run -C d chain demo-unit-tactical-company-7 --on 2019-11-18
expect_rc 0 chain
golden out demo-chain-2019-11-18.exp
run -C d chain demo-unit-tactical-company-7 --on 2020-08-01
golden out demo-chain-2020-08-01.exp

run -C d show demo-victim-v01
expect_in out "[FICTIONAL]" "victim marked fictional"
expect_in out "[protected]" "victim identity masked"
expect_not_in out "NG Ka-yan" "victim name not shown"

run -C d export --out d.json
expect_rc 0 export
expect_in err "withheld" "export reports withheld values"
for secret in "NG Ka-yan" "吳嘉欣" "TSE Wing-hong" "LAU Mei-ling" "5555 0101"; do
    expect_not_in d.json "$secret" "protected value in export"
done
# Every record but the real OFAC ones (ids ofac-...) is fictional and
# marked so in the export.
n=$(grep -c '"fictional":\["true"\]' d.json)
total=$(grep -c '^{"id":' d.json)
real=$(grep -c '^{"id":"ofac-' d.json)
[ "$real" -eq 85 ] || fail "real records exported ($real)"
[ "$n" -ge 32 ] || fail "fictional demo records exported ($n)"
[ "$n" -eq $((total - real)) ] ||
    fail "every fictional record marked in the export ($n of $((total - real)))"
grep '"fictional":\["true"\]' d.json | grep -q '"schema":"Exhibit"' ||
    fail "demo exhibits exported and marked fictional"
run -C d evidence verify --all
expect_rc 0 "demo evidence verifies"
run -C d export --schema Person
for secret in "NG Ka-yan" "LAU Mei-ling"; do
    expect_not_in out "$secret" "protected value in export"
done
