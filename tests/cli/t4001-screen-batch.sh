# dossier screen (stateless batch, design.md stable interface): HK officials
# found from Chinese characters, HK romanisation, pinyin and English names
# against the OFAC SDN set, namesakes not; TSV and CSV queries; header and
# row numbers; usage and bad-input errors with exit codes.
. "$(dirname "$0")/lib.sh"

L=$TESTDATA/lists
printf 'query\tbirth_date\n陳國基\t\nCHAN Kwok-ki\t\nChen Guoji\t\nEric Chan\t\n李家超\t\nLEE Ka-chiu\t\nLi Jiachao\t\nCHAN Kwok-keung\t\n李家傑\t\nCHAN Kwok-ki\t1990-01-01\n' >q.tsv

run screen --list "$L/ofac/sdn-2021-07" --queries q.tsv
expect_rc 0 "screen"
head -1 out | grep -qx "$(printf 'row\tquery\tlist\tentry_id\tscore\tmatched_name')" ||
    fail "header: $(head -1 out)"
for r in 1 2 3 4; do
    awk -F'\t' -v r=$r '$1 == r && $4 == "29260"' out | grep -q . ||
        fail "row $r does not find OFAC 29260"
done
for r in 5 6 7; do
    awk -F'\t' -v r=$r '$1 == r && $4 == "29250"' out | grep -q . ||
        fail "row $r does not find OFAC 29250"
done
awk -F'\t' '($1 == 8 && $4 == "29260") || ($1 == 9 && $4 == "29250")' out |
    grep -q . && fail "a namesake (one syllable differs) was alerted"
awk -F'\t' '$1 == 10 && $4 == "29260"' out | grep -q . &&
    fail "a DOB 30 years off still alerts at the default threshold"
expect_in err "queries" "summary on stderr"
expect_in err "queries/s" "summary has throughput"

# CSV with full_name/date_of_birth columns, and --explain
printf 'full_name,gender,date_of_birth,nationality\n"LEE, John Ka-chiu",male,1957-12-07,hk\n' >q.csv
run screen --list "$L/ofac/sdn-2021-07" --queries q.csv --explain
expect_rc 0 "csv queries"
expect_in out "29250" "csv row found"
expect_in out "date of birth overlaps" "explanation"

# several lists, --format per list, threshold
run screen --list "$L/un/consolidated-2026-02-27.xml" --format un-xml \
    --list "$L/ofac/sdn-2021-07" --queries q.tsv --threshold 0.95
expect_rc 0 "two lists"
awk -F'\t' 'NR > 1 && $5 < 0.95' out | grep -q . && fail "threshold ignored"

# usage errors: exit 2
run screen --queries q.tsv
expect_rc 2 "no list"
run screen --list "$L/ofac/sdn-2021-07" --queries q.tsv --threshold 2
expect_rc 2 "bad threshold"
run screen --list x --format nope --queries q.tsv
expect_rc 2 "bad format"

# bad input: exit 1 with the file named
printf 'a\tb\n1\t2\n' >bad.tsv
run screen --list "$L/ofac/sdn-2021-07" --queries bad.tsv
expect_rc 1 "no name column"
expect_in err "bad.tsv" "message names the queries file"
run screen --list "$L/fixtures/un-truncated.xml" --queries q.tsv
expect_rc 1 "truncated list"
expect_in err "un-truncated.xml" "message names the list"
: >empty.tsv
run screen --list "$L/ofac/sdn-2021-07" --queries empty.tsv
expect_rc 1 "empty queries"
run screen --help
expect_rc 0 "help"
expect_in out "examples:" "help has examples"
exit 0
