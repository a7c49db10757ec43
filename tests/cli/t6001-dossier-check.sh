# dossier check: criteria with their incidents and exhibits, blocking gaps
# (identifiers, exhibits, exculpatory information, screening), exit 1
# while they remain and 0 once they are filled; unknown person or regime
# name the choices; --json is valid JSON.
. "$(dirname "$0")/lib.sh"
export DOSSIER_REGIMES="$TOP/regimes" DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
P=demo-officer-chan-tai-man

run demo d
expect_rc 0 demo
expect_in out "dossier-uk-ghr.pdf" "demo builds the UK GHR dossier"
expect_in out "dossier-us-glomag.docx" "demo builds the GloMag dossier"
[ -s d/exports/dossiers/dossier-us-glomag.pdf ] || fail "demo PDF written"

run -C d check $P --regime uk-ghr
expect_rc 1 "blocking gaps give exit 1"
expect_in out "uk-ghr-torture               met" "criterion met"
expect_in out "Dispersal on Lantern Street" "supporting incident"
expect_in out "through the chain of command" "command responsibility"
expect_not_in out "[missing: exhibit]" "the demo exhibits support the criterion"
expect_in out "e907a3dc39239f13 verified" "demo exhibit listed, verified"
expect_in out "[missing: exculpatory information]" "no exculpatory section"
expect_in out "rest on a single source" "identifiers from one source"
expect_in out "[unverified]" "unverified regime points shown"
expect_in out "FICTIONAL" "fictional target labelled"

run -C d check demo-officer-wong-chi-keung --regime us-glomag
expect_rc 1 "commander: gaps"
expect_in out "Regional Commander of [FICTIONAL] Harbour Region Command" \
    "chain of command two levels up on the incident date"
expect_in out "fewer than two independent identifiers" "one identifier"

run -C d check $P --regime uk-ghr --json
python3 -c 'import json,sys; d=json.load(open("out")); assert d["ready"] is False and d["blocking"] >= 2, d' ||
    fail "check --json"

run -C d check $P --regime xx-nope
expect_rc 1 "unknown regime"
expect_in err "unknown regime 'xx-nope'" "names the regime"
expect_in err "uk-ghr" "lists the choices"
expect_in err "us-eo13936-hkaa" "lists every choice"
run -C d check nobody --regime uk-ghr
expect_rc 1 "unknown person"
expect_in err "no person 'nobody'" "names the person"
expect_in err "$P" "lists the people"
run -C d check demo-unit-tactical-company-7 --regime uk-ghr
expect_rc 1 "a unit is no target"
expect_in err "not a Person" "says why"
run -C d check $P
expect_rc 2 "no regime: usage"

# Fill the gaps: an exhibit on the incident (verified), a second source
# for an identifier, an exculpatory note, a screening decision.
printf 'still frame 00:03:12 of the live stream (FICTIONAL)\n' >frame.txt
run -C d evidence add frame.txt --source demo-source-harbour-daily-video --json
expect_rc 0 "evidence add"
X=$(python3 -c 'import json; print(json.load(open("out"))[0]["exhibit"])')
run -C d set "$X" incident=demo-incident-lantern-street fictional=true
expect_rc 0 "link exhibit"
run -C d check $P --regime uk-ghr
expect_rc 1 "still gaps"
expect_in out "exhibit $X" "exhibit listed under its criterion"
expect_not_in out "[missing: exhibit]" "exhibit gap closed"
run -C d set $P passportNumber=K01234567 --source demo-source-force-directory
run -C d set $P notes="Searched Harbour Daily and court records for an alibi or a contrary account: none found" --qualifier exculpatory
run -C d add ScreeningDecision subject=$P decision=no-match list=ofac-sdn "reason=different person (DOB)"
expect_rc 0 "screening decision"
run -C d check $P --regime uk-ghr
expect_rc 0 "no blocking gap left"
expect_in out "0 blocking gaps" "ready"

# An unreviewed alert blocks again.
run -C d add ScreeningDecision subject=$P decision=possible-match list=uk-hmt entryId=HKG0001
run -C d check $P --regime uk-ghr
expect_rc 1 "unreviewed alert"
expect_in out "unreviewed screening alert" "alert reported"
exit 0
