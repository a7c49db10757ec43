#!/bin/sh
# The passphrase prompt on a terminal (no echo): `passwd` asks twice,
# evidence commands ask once; the typed passphrase is not echoed.
set -eu
: "${DOSSIER:?}" "${TOP:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5008.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE DOSSIER_NEW_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }
RUN="python3 $TOP/tests/cli/helpers/tty_run.py"

"$DOSSIER" init c >/dev/null
printf 'x\n' > x.txt
"$DOSSIER" -C c evidence add x.txt >/dev/null
$RUN "new passphrase: "=Tr0ub4dor "again: "=Tr0ub4dor -- \
    "$DOSSIER" -C c passwd > out.txt || fail "passwd: $(cat out.txt)"
grep -q "passphrase set" out.txt || fail "output: $(cat out.txt)"
! grep -q "Tr0ub4dor" out.txt || fail "passphrase echoed"
grep -q "kdf argon2id" c/keys/case.key || fail "not wrapped"
$RUN "case passphrase: "=Tr0ub4dor -- "$DOSSIER" -C c evidence verify \
    > out.txt || fail "verify with typed passphrase: $(cat out.txt)"
grep -q "0 problem(s)" out.txt || fail "verify output"
if $RUN "case passphrase: "=wrong -- "$DOSSIER" -C c evidence verify \
    > out.txt; then
    fail "wrong typed passphrase accepted"
fi
grep -q "wrong passphrase" out.txt || fail "msg: $(cat out.txt)"
# Mismatched confirmation changes nothing.
if $RUN "current passphrase: "=Tr0ub4dor "new passphrase: "=a "again: "=b \
    -- "$DOSSIER" -C c passwd > out.txt; then
    fail "mismatch accepted"
fi
grep -q "differ" out.txt || fail "msg: $(cat out.txt)"
DOSSIER_PASSPHRASE=Tr0ub4dor "$DOSSIER" -C c evidence verify >/dev/null \
    || fail "old passphrase no longer works"
echo ok
