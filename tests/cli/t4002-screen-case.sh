# Case mode: lists import (versions, diff, re-screening, new alerts), the
# list versions held, alerts, decisions (audit trail), gap report in text,
# JSON and CSV; a bad file leaves the previous version intact.
. "$(dirname "$0")/lib.sh"

L=$TESTDATA/lists
run init c
expect_rc 0 "init"
run -C c add Person name="CHAN Kwok-ki" alias="陳國基" birthDate=1959-04-05 gender=male
expect_rc 0 "add person"
pid=$(tail -1 out)
run -C c add Person name="CHAN Kwok-keung" birthDate=1970
expect_rc 0 "add namesake"

run -C c lists import "$L/ofac/sdn-2021-07"
expect_rc 0 "import sdn"
expect_in out "first version" "first version"
expect_in out "1 new alerts" "one alert"
expect_in out "29260" "alert names the entry"

run -C c lists import "$L/un/consolidated-2024-11-30.xml"
expect_rc 0 "import un 2024"
run -C c lists import "$L/un/consolidated-2026-02-27.xml" --json
expect_rc 0 "import un 2026"
expect_in out '"previous_published":"2024-11-30"' "diff against previous"
expect_in out '"added":' "added count"

# same file again: nothing written
run -C c lists import "$L/un/consolidated-2026-02-27.xml"
expect_rc 0 "re-import"
expect_in out "already held" "re-import detected"

# bad files: clear error, versions unchanged
run -C c lists --json
expect_rc 0 "lists held"
before=$(cat out)
run -C c lists import "$L/fixtures/un-truncated.xml"
expect_rc 1 "truncated"
expect_in err "un-truncated.xml" "names the file"
run -C c lists import "$L/fixtures/empty.csv"
expect_rc 1 "empty"
run -C c lists import "$L/ofac/sdn-2022-01-resaved"
expect_rc 1 "duplicate ids"
expect_in err "duplicate" "duplicate id message"
run -C c lists import "$L/fixtures/un-latin1.xml"
expect_rc 1 "wrong encoding"
expect_in err "un-latin1.xml:" "names the file and line"
printf 'query\nsomebody\n' >notalist.tsv
run -C c lists import notalist.tsv
expect_rc 1 "another format"
expect_in err "notalist.tsv" "names the file"
run -C c lists --json
[ "$(cat out)" = "$before" ] || fail "a failed import changed the versions held"
[ -z "$(ls c/lists | grep -v '^[0-9a-f]*$')" ] || fail "temporary files left in c/lists"
run -C c lists
expect_in out "un-sc" "text listing"

run -C c alerts --json
expect_rc 0 "alerts"
expect_in out '"entry_id":"29260"' "alert in json"
aid=$(sed -n 's/.*"alert":\([0-9]*\).*/\1/p' out | head -1)
[ -n "$aid" ] || fail "no alert id"

run -C c gaps
expect_in out "alert to review" "open alert is pending"

run -C c decide "$aid" --match
expect_rc 2 "decide without reason"
run -C c decide "$aid" --match --reason "HKID G142458A and DOB agree" --by reviewer1
expect_rc 0 "decide"
run -C c alerts --json
expect_in out '"decision":"match"' "decision shown"
expect_in out '"reviewer":"reviewer1"' "reviewer kept"
run -C c log
expect_in out "screen.decide" "decision audited"
expect_in out "list.import" "import audited"

run -C c gaps
expect_rc 0 "gaps"
expect_in out "designated (HK-EO13936" "US designation from the confirmed alert"
expect_in out "not yet designated by: un" "UN gap"
expect_in out "no list held" "jurisdictions without a list"
run -C c gaps --json
expect_in out '"us":{"status":"designated","program":"HK-EO13936"' "gaps json"
run -C c gaps --csv
expect_in out "person,caption,us_status" "gaps csv header"
exit 0
