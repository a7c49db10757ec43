#!/bin/sh
# An Exhibit and its custody "add" record are one write: when the custody
# append fails, no Exhibit is left behind, the log and its signed head
# stay consistent, and a later add succeeds.
set -eu
: "${DOSSIER:?}"
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 0; }
T=$(mktemp -d "${TMPDIR:-/tmp}/t5009.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }

"$DOSSIER" init c >/dev/null
printf 'first exhibit\n' > a.txt
printf 'second exhibit\n' > b.txt
"$DOSSIER" -C c evidence add a.txt >/dev/null || fail "first add"
n_before=$("$DOSSIER" -C c list Exhibit | grep -c . || true)
# Make the next custody append fail inside the transaction.
sqlite3 c/case.db "CREATE TRIGGER t5009_block BEFORE INSERT ON custody
  BEGIN SELECT RAISE(ABORT, 'blocked by the test'); END;"
if "$DOSSIER" -C c evidence add b.txt > add.out 2> add.err; then
    fail "add succeeded although the custody log refused the record"
fi
grep -q "b.txt" add.err || fail "error does not name the file: $(cat add.err)"
n_after=$("$DOSSIER" -C c list Exhibit | grep -c . || true)
test "$n_before" = "$n_after" ||
    fail "an Exhibit was left without its custody record ($n_before -> $n_after)"
HB=$(sha256sum b.txt | cut -d' ' -f1)
"$DOSSIER" -C c search "$HB" 2>/dev/null | grep -q . &&
    fail "the failed exhibit's hash is in the case"
sqlite3 c/case.db "DROP TRIGGER t5009_block"
"$DOSSIER" -C c evidence verify > v.out 2>&1 || fail "verify after failure: $(cat v.out)"
"$DOSSIER" -C c evidence add b.txt > add2.out || fail "add after the failure"
grep -q "exhibit " add2.out || fail "no exhibit: $(cat add2.out)"
"$DOSSIER" -C c evidence verify > v2.out 2>&1 || fail "verify: $(cat v2.out)"
test "$(sqlite3 c/case.db 'SELECT count(*) FROM custody WHERE action = "add"')" = 2 ||
    fail "custody add records"
echo ok
