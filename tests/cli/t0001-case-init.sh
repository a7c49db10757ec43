# init creates a case, never overwrites one; other commands refuse a folder
# that is not a case; exit codes 0 / 1 / 2.
. "$(dirname "$0")/lib.sh"

run init c1 --title "Test case"
expect_rc 0 "init"
[ -f c1/case.db ] || fail "no case.db"
[ -d c1/exports ] || fail "no exports/"
[ -d c1/keys ] || fail "no keys/"

run init c1
expect_rc 1 "second init"
expect_in err "already holds a case" "second init message"

run -C c1 add Person name="Before"
run init c1
expect_rc 1 "init over a case with data"
run -C c1 list Person
expect_in out "Before" "data kept after refused init"

mkdir notacase
run -C notacase list
expect_rc 1 "list in a non-case"
expect_in err "'notacase' is not a dossier case" "non-case message"

DOSSIER_CASE=c1 "$DOSSIER" list Person >out 2>err || fail "DOSSIER_CASE"
expect_in out "Before" "DOSSIER_CASE selects the case"
(cd c1 && "$DOSSIER" list Person) >out 2>err || fail "current folder"
expect_in out "Before" "current folder selects the case"

run frobnicate
expect_rc 2 "unknown command"
expect_in err "not a dossier command" "unknown command message"
run -C c1 show
expect_rc 2 "show without id"
run -C c1 show nosuchid
expect_rc 1 "show unknown id"

for cmd in init add set link retract show list schema history log search \
    import export holders chain demo; do
    run "$cmd" --help
    expect_rc 0 "$cmd --help"
    expect_in out "usage: dossier $cmd" "$cmd --help usage line"
    expect_in out "example" "$cmd --help has examples"
done
run --help
expect_rc 0 "--help"
expect_in out "the case record:" "top-level help lists commands by task"
expect_in out "  gaps " "top-level help lists the gap report"
