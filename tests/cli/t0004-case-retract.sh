# Nothing is overwritten: retraction keeps history; a second retraction fails.
. "$(dirname "$0")/lib.sh"

"$DOSSIER" init c >/dev/null || fail init
cd c || fail cd
"$DOSSIER" add Person --id p1 name="LEE Ka-fai" birthDate=1970 >/dev/null ||
    fail add
run show p1 --json
sid=$(python3 -c 'import json; d=json.load(open("out")); print([s["id"] for s in d["statements"] if s["prop"]=="birthDate"][0])')
run retract "$sid" --reason "wrong year: see gazette"
expect_rc 0 "retract"
run set p1 birthDate 1971
expect_rc 0 "set corrected value"
run show p1
expect_not_in out "1970" "retracted value gone from the current view"
expect_in out "1971" "new value shown"
run history p1
expect_in out "1970" "history keeps the retracted value"
expect_in out "RETRACTED" "history marks the retraction"
expect_in out "wrong year: see gazette" "history gives the reason"
run retract "$sid" --reason again
expect_rc 1 "second retraction"
run retract 99999 --reason x
expect_rc 1 "unknown statement"
run log p1
expect_in out "stmt.retract" "audit log records the retraction"
