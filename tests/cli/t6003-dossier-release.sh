# dossier release: a reviewer releases one protected value (a FICTIONAL
# victim's real name) for the UK only: it is in the UK dossier (next to the
# pseudonym and in Annex F "Disclosures"), not in the US one and not in the
# FtM export; released for all it reaches the FtM export; withdrawn, it is
# gone everywhere again. show keeps it masked but marks it. Every refusal,
# the log and the audit entries. No other protected value leaks meanwhile.
. "$(dirname "$0")/lib.sh"
export DOSSIER_REGIMES="$TOP/regimes" DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
T1=demo-officer-chan-tai-man
SECRET="FICTIONAL Kwan Release-test"

run demo d
expect_rc 0 demo
run -C d add Victim pseudonym=V-90 "realName=$SECRET" \
    incident=demo-incident-lantern-street fictional=true --id test-victim-v90
expect_rc 0 "add victim"
run -C d show test-victim-v90 --json
expect_rc 0 "show --json"
ID=$(python3 -c 'import json,sys
d = json.load(open("out"))
print([s["id"] for s in d["statements"] if s["prop"] == "realName"][0])')
PSEUDO=$(python3 -c 'import json,sys
d = json.load(open("out"))
print([s["id"] for s in d["statements"] if s["prop"] == "pseudonym"][0])')

# Help teaches where the ids come from.
run release --help
expect_rc 0 "help"
expect_in out "dossier show ID" "help says where statement ids are"
expect_in out "--withdraw" "help shows withdraw"

# Refusals.
run -C d release "$ID" --reason "asked"
expect_rc 2 "scope required"
expect_in err "--scope is required" "names the missing scope"
run -C d release "$ID" --scope uk
expect_rc 2 "reason required"
run -C d release "$ID" --scope fr --reason "asked"
expect_rc 2 "unknown scope"
expect_in err "unknown scope 'fr'" "names the scope"
run -C d release "$PSEUDO" --scope uk --reason "asked"
expect_rc 1 "public value"
expect_in err "nothing to release: pseudonym of Victim is not protected" \
    "names the property"
run -C d release 999999 --scope uk --reason "asked"
expect_rc 1 "unknown statement"
expect_in err "no statement #999999" "names the statement"
run -C d release "$ID" --scope uk --withdraw --reason "asked"
expect_rc 1 "nothing to withdraw"
expect_in err "nothing to withdraw" "says so"
run -C d release --list
expect_rc 0 "empty list"
expect_in err "0 values released" "nothing released yet"

# Release for the UK.
run -C d release "$ID" --scope uk --reason "FCDO asked; consent on file (FICTIONAL)"
expect_rc 0 "release uk"
expect_in out "released #$ID for uk" "confirms"
run -C d release "$ID" --scope uk --reason "again"
expect_rc 1 "twice"
run -C d show test-victim-v90
expect_rc 0 show
expect_in out "[protected] [released: uk]" "masked but marked"
expect_not_in out "$SECRET" "show still masks"
run -C d history test-victim-v90
expect_rc 0 history
expect_in out "[protected] [released: uk]" "history marks it too"
expect_not_in out "$SECRET" "history masks"
run -C d release --list
expect_rc 0 list
expect_in out "#$ID" "list names the statement"
expect_in out "realName: [protected]" "list masks the value"
expect_in out "FCDO asked" "list says why"
expect_in out "by tester" "list says who"
expect_not_in out "$SECRET" "list masks"
run -C d release --list --reveal --json
expect_rc 0 "list --json"
expect_in out "\"value\":\"$SECRET\"" "reveal shows the value"
expect_in out '"scope":"uk"' "json scope"

# Builds, per format, into folder $1 for the two regimes; text of each file.
build() {
    run -C d build $T1 --regime uk-ghr,us-glomag --out "$1" \
        --format html,docx,pdf --date 2026-11-27 --no-bundle
    expect_rc 0 "build $1"
    for f in "$1"/*.html; do cp "$f" "$f.txt"; done
    for f in "$1"/*.docx; do unzip -p "$f" word/document.xml >"$f.txt"; done
    for f in "$1"/*.pdf; do pdftotext "$f" "$f.txt" || fail "pdftotext $f"; done
}
build o1
expect_in out "disclosed: 1 released protected value" "build reports it"
expect_in o1/dossier-uk-ghr.html.txt "$SECRET" "released value in the UK HTML"
expect_in o1/dossier-uk-ghr.html.txt "Annex F. Disclosures" "UK annex"
expect_in o1/dossier-uk-ghr.html.txt "V-90 (Real name: $SECRET)" \
    "value next to the pseudonym"
expect_in o1/dossier-uk-ghr.html.txt "FCDO asked" "annex says why"
expect_in o1/dossier-uk-ghr.docx.txt "$SECRET" "released value in the UK DOCX"
expect_in o1/dossier-uk-ghr.pdf.txt "Annex F. Disclosures" "UK PDF annex"
expect_in o1/dossier-uk-ghr.pdf.txt "Kwan Release-test" "released value in the UK PDF"
expect_not_in o1/dossier-us-glomag.pdf.txt "Kwan Release-test" "not in the US PDF"
expect_not_in o1/dossier-us-glomag.html.txt "$SECRET" "not in the US HTML"
expect_not_in o1/dossier-us-glomag.docx.txt "$SECRET" "not in the US DOCX"
expect_not_in o1/dossier-us-glomag.html.txt "Annex F" "no US annex"
# The case's log records what each build let out, and where.
run -C d log --json
expect_in out "dossier.disclose" "build disclosure audited"
expect_in out "uk-ghr" "audit names the regime"
expect_in out "$ID" "audit names the statement"
expect_in out "dossier-uk-ghr.pdf" "audit names the files"
run -C d export --out e1.json
expect_rc 0 export
expect_not_in e1.json "$SECRET" "uk release not in the FtM export"
expect_in err "withheld" "export counts withheld values"

# Release for all: the FtM export carries it.
run -C d release "$ID" --scope all --reason "public hearing (FICTIONAL)"
expect_rc 0 "release all"
run -C d release "$ID" --scope uk --withdraw --reason "covered by all"
expect_rc 0 "withdraw uk"
run -C d export --out e2.json
expect_rc 0 export
expect_in e2.json "$SECRET" "released for all: in the FtM export"
expect_in err "released 1 protected values" "export counts released values"
build o2
expect_in o2/dossier-us-glomag.html.txt "$SECRET" "all covers the US too"

# Withdrawn everywhere: gone everywhere.
run -C d release "$ID" --scope all --withdraw --reason "consent withdrawn"
expect_rc 0 "withdraw all"
run -C d release --list
expect_in err "0 values released" "nothing released"
run -C d release --list --all
expect_rc 0 "the log"
expect_in err "4 records" "every release and withdrawal kept"
expect_in out "withdraw" "withdrawals listed"
run -C d show test-victim-v90
expect_not_in out "[released" "no longer marked"
run -C d export --out e3.json
expect_not_in e3.json "$SECRET" "withdrawn: not in the FtM export"
build o3
for f in o3/*.txt; do
    expect_not_in "$f" "Kwan Release-test" "withdrawn: not in $f"
    expect_not_in "$f" "Annex F" "withdrawn: no annex in $f"
done
run -C d log
n=$(grep -c "dossier.disclose" out || true)
test "$n" = 2 || fail "expected 2 disclosure records (o1, o2), found $n"
run -C d log
expect_in out "disclosure.release" "audited"
expect_in out "disclosure.withdraw" "audited"

# An informant's name, released for the US: next to its source in the US
# dossier only.
run -C d show demo-source-witness-w1 --json
INF=$(python3 -c 'import json
d = json.load(open("out"))
print([s["id"] for s in d["statements"] if s["prop"] == "informantName"][0])')
run -C d release "$INF" --scope us --reason "OFAC asked (FICTIONAL)"
expect_rc 0 "release informant for us"
run -C d build $T1 --regime uk-ghr,us-glomag --out o4 --format html \
    --date 2026-11-27 --no-bundle
expect_rc 0 "build o4"
expect_in o4/dossier-us-glomag.html "Witness statement W-1 (Informant name:" \
    "informant next to the source"
expect_in o4/dossier-us-glomag.html "Annex F. Disclosures" "US annex"
expect_not_in o4/dossier-uk-ghr.html "LAU Mei-ling" "not in the UK dossier"
expect_not_in o4/dossier-uk-ghr.html "Annex F" "no UK annex"
run -C d release "$INF" --scope us --withdraw --reason "done"
expect_rc 0 "withdraw informant"

# No other protected value of the case leaked on the way.
for f in o1/*.txt o2/*.txt e1.json e2.json; do
    for secret in "NG Ka-yan" "吳嘉欣" "TSE Wing-hong" "謝永康" \
        "LAU Mei-ling" "5555 0101" "via the documenting NGO"; do
        expect_not_in "$f" "$secret" "protected value in $f"
    done
done
exit 0
