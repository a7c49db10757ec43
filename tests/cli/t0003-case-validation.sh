# Bad input gets a clear error and changes nothing.
. "$(dirname "$0")/lib.sh"

"$DOSSIER" init c >/dev/null || fail init
cd c || fail cd
"$DOSSIER" add Person --id p1 name="CHAN Tai-man" >/dev/null || fail add
"$DOSSIER" add Organization --id u1 name="Unit" >/dev/null || fail add

run add Persn name=x
expect_rc 1 "unknown schema"
expect_in err "unknown schema 'Persn'" "unknown schema named"
expect_in err "Person" "allowed schemata listed"

run set p1 favouriteColour blue
expect_rc 1 "unknown property"
expect_in err "favouriteColour" "unknown property named"
expect_in err "birthDate" "allowed properties listed"

run set p1 birthDate "1960-02-30"
expect_rc 1 "impossible date"
expect_in err "1960-02-30" "bad date quoted"

run set p1 hkid "A123456(4)"
expect_rc 1 "bad HKID check digit"
expect_in err "check digit" "HKID check digit message"

run set p1 nationality Atlantis
expect_rc 1 "unknown country"
expect_in err "Atlantis" "bad country quoted"

run link Occupancy u1 p1
expect_rc 1 "reference to the wrong schema"

run set p1 birthDate 1960 --source u1
expect_rc 1 "source must be a Source or Exhibit"

run add Person name="Half" birthDate=notadate
expect_rc 1 "add with a bad value"
run list Person
expect_not_in out "Half" "a failed add leaves nothing behind"

run set p1 name
expect_rc 2 "set without a value"
run set p1 name=
expect_rc 1 "empty value"
run retract 1
expect_rc 2 "retract without reason"
run add Person name=x --confidence sure
expect_rc 2 "bad confidence"
run link Person p1 u1
expect_rc 2 "link needs a link schema"

run history p1
[ "$(grep -c '#' out)" -eq 1 ] || fail "refused values must not be stored"
