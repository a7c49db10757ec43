#!/bin/sh
# evidence add / log / open / verify, duplicates, size cap, unreadable and
# non-regular files, passphrase (passwd), JSON output.
set -eu
: "${DOSSIER:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5001.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }

"$DOSSIER" init c >/dev/null
test -f c/keys/case.key || fail "no key file"
head -c 2500000 /dev/urandom > big.bin
printf 'witness statement\n' > s.txt
"$DOSSIER" -C c evidence add big.bin s.txt --note "from W4" \
    --captured-at 2024-03-01 > add.out || fail "add"
HB=$(sha256sum big.bin | cut -d' ' -f1)
HS=$(sha256sum s.txt | cut -d' ' -f1)
grep -q "^$HB  2500000 " add.out || fail "add output: $(cat add.out)"
grep -q "^$HS  18  text/plain  s.txt" add.out || fail "media type"
test -f "c/vault/objects/$(echo "$HB" | cut -c1-2)/$(echo "$HB" | cut -c3-)" \
    || fail "object not at its content address"
# The vault holds ciphertext, never the plaintext.
! grep -q "witness statement" -r c/vault || fail "plaintext in the vault"
# An Exhibit entity names the object; its id works as an evidence ID.
EX=$(grep "  s.txt  exhibit " add.out | sed 's/.*  exhibit \([a-z0-9]*\).*/\1/')
test -n "$EX" || fail "no exhibit id: $(cat add.out)"
"$DOSSIER" -C c show "$EX" | grep -q "hash  *$HS" || fail "exhibit entity"
"$DOSSIER" -C c show "$EX" | grep -q "capturedAt  *2024-03-01" \
    || fail "capturedAt not on the exhibit"
"$DOSSIER" -C c evidence log "$EX" | grep -q "^object $HS" \
    || fail "log by exhibit id"
# Annotate and release are custody actions too.
"$DOSSIER" -C c evidence annotate "$EX" --note "faces blurred in copy" \
    >/dev/null || fail "annotate"
"$DOSSIER" -C c evidence release "$HS" --to "UN OHCHR desk" >/dev/null \
    || fail "release"
"$DOSSIER" -C c evidence log "$HS" > log2.out
grep -q '	annotate	{"note":"faces blurred in copy"}' log2.out || fail "annotate log"
grep -q '	release	{"to":"UN OHCHR desk"}' log2.out || fail "release log"
"$DOSSIER" -C c show "$EX" | grep -q "faces blurred" || fail "note on exhibit"
if "$DOSSIER" -C c evidence release "$HS" 2>/dev/null; then
    fail "release without --to"
fi
# evidence list: no passphrase needed, text and JSON.
"$DOSSIER" -C c evidence list > list.out || fail "list"
grep -q "^$HS	$EX	" list.out || fail "list: $(cat list.out)"
"$DOSSIER" -C c evidence list --json | grep -q "\"hash\":\"$HB\"" \
    || fail "list --json"
# Duplicate stored once.
"$DOSSIER" -C c evidence add s.txt > dup.out
grep -q "already in the vault" dup.out || fail "duplicate not noticed"
test "$(find c/vault/objects -type f | wc -l)" -eq 2 || fail "dup stored twice"
test "$("$DOSSIER" -C c evidence list | wc -l)" -eq 3 || fail "list repeats"
# Log, JSON, open.
"$DOSSIER" -C c evidence log "$(echo "$HS" | cut -c1-10)" > log.out
grep -q "tester	add" log.out || fail "log: $(cat log.out)"
grep -q '"note":"from W4"' log.out || fail "note not logged"
grep -q '"capturedAt":"2024-03-01"' log.out || fail "capturedAt not logged"
"$DOSSIER" -C c evidence log "$HS" --json | grep -q '"records":\[{"seq":' \
    || fail "log --json"
"$DOSSIER" -C c evidence open "$HB" --to copy.bin >/dev/null
cmp big.bin copy.bin || fail "working copy differs"
if "$DOSSIER" -C c evidence open "$HB" --to copy.bin 2>err.txt; then
    fail "open overwrote an existing file"
fi
"$DOSSIER" -C c evidence log "$HB" | grep -q "	open	" || fail "open not logged"
"$DOSSIER" -C c evidence verify > v.out || fail "verify: $(cat v.out)"
grep -q "2 object(s) checked, 0 problem(s)" v.out || fail "verify output"
"$DOSSIER" -C c evidence verify --json | grep -q '"ok":true' || fail "json"

# Bad input: unreadable, missing, folder, over the cap. Nothing half-stored.
n0=$(find c/vault -type f | wc -l)
head -c 5000 /dev/urandom > secret.bin
chmod 000 secret.bin
if [ "$(id -u)" -ne 0 ]; then
    if "$DOSSIER" -C c evidence add secret.bin 2>err.txt; then
        fail "unreadable file added"
    fi
    grep -q "cannot open 'secret.bin'" err.txt || fail "msg: $(cat err.txt)"
fi
if "$DOSSIER" -C c evidence add nosuch.bin 2>err.txt; then fail "missing"; fi
grep -q "cannot open 'nosuch.bin'" err.txt || fail "msg: $(cat err.txt)"
if "$DOSSIER" -C c evidence add c 2>err.txt; then fail "folder added"; fi
grep -q "not a regular file" err.txt || fail "msg: $(cat err.txt)"
chmod 600 secret.bin
if "$DOSSIER" -C c evidence add secret.bin --max-size 4096 2>err.txt; then
    fail "size cap ignored"
fi
grep -q "larger than the vault's size cap" err.txt || fail "cap msg"
test "$(find c/vault -type f | wc -l)" -eq "$n0" || fail "half-stored object"
"$DOSSIER" -C c evidence verify >/dev/null || fail "verify after bad input"
# Usage errors exit 2.
set +e
"$DOSSIER" -C c evidence add 2>/dev/null; test $? -eq 2 || fail "usage exit"
"$DOSSIER" -C c evidence frob 2>/dev/null; test $? -eq 2 || fail "usage exit"
set -e
"$DOSSIER" evidence --help | grep -q "examples:" || fail "help"

# Passphrase: set, wrong, right, change, remove.
DOSSIER_NEW_PASSPHRASE=s3cret "$DOSSIER" -C c passwd >/dev/null
grep -q "kdf argon2id" c/keys/case.key || fail "not wrapped"
! grep -q "^key " c/keys/case.key || fail "key in clear with a passphrase"
if "$DOSSIER" -C c evidence verify </dev/null >/dev/null 2>err.txt; then
    fail "opened without passphrase"
fi
grep -q "passphrase" err.txt || fail "msg: $(cat err.txt)"
if DOSSIER_PASSPHRASE=wrong "$DOSSIER" -C c evidence verify >/dev/null \
    2>err.txt; then
    fail "wrong passphrase accepted"
fi
grep -q "wrong passphrase" err.txt || fail "msg: $(cat err.txt)"
DOSSIER_PASSPHRASE=s3cret "$DOSSIER" -C c evidence verify >/dev/null \
    || fail "right passphrase refused"
DOSSIER_PASSPHRASE=s3cret DOSSIER_NEW_PASSPHRASE=other \
    "$DOSSIER" -C c passwd >/dev/null
DOSSIER_PASSPHRASE=other "$DOSSIER" -C c evidence open "$HS" --to s2.txt \
    >/dev/null
cmp s.txt s2.txt || fail "after passwd change"
DOSSIER_PASSPHRASE=other "$DOSSIER" -C c passwd --remove >/dev/null
"$DOSSIER" -C c evidence verify >/dev/null || fail "after --remove"
# A passphrase given at init: the key is never written in clear.
DOSSIER_PASSPHRASE=early "$DOSSIER" init c2 >/dev/null
grep -q "kdf argon2id" c2/keys/case.key || fail "init did not wrap the key"
! grep -q "^key " c2/keys/case.key || fail "key in clear at init"
DOSSIER_PASSPHRASE=early "$DOSSIER" -C c2 evidence add s.txt >/dev/null \
    || fail "add with init passphrase"
echo ok
