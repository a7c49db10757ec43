#!/bin/sh
# Crash consistency: kill -9 during a large add at 20 random points; each
# time the object is wholly present (and verifies) or absent, no temporary
# file is left and `evidence verify` passes. Disk full (RLIMIT_FSIZE) and
# a read error mid-file leave nothing behind either.
set -eu
: "${DOSSIER:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5003.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }

"$DOSSIER" init c >/dev/null
head -c $((48 * 1024 * 1024)) /dev/urandom > big.bin
present=0
absent=0
i=0
while [ $i -lt 20 ]; do
    i=$((i + 1))
    # A new file content each round: change the first bytes.
    printf 'round %08d' $i | dd of=big.bin conv=notrunc 2>/dev/null
    h=$(sha256sum big.bin | cut -d' ' -f1)
    obj="c/vault/objects/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)"
    delay=$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() * 0.35 }')
    "$DOSSIER" -C c evidence add big.bin >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    if [ -f "$obj" ]; then
        present=$((present + 1))
        "$DOSSIER" -C c evidence open "$h" --to "copy$i.bin" >/dev/null \
            || fail "round $i: object present but does not open"
        cmp big.bin "copy$i.bin" || fail "round $i: object content differs"
        rm -f "copy$i.bin"
    else
        absent=$((absent + 1))
    fi
    # No stray temporary files in the vault.
    if find c/vault -name 'tmp-*' | grep -q .; then
        fail "round $i: temporary file left"
    fi
    "$DOSSIER" -C c evidence verify > v.out 2>&1 \
        || fail "round $i: verify after kill: $(cat v.out)"
done
echo "crash rounds: $present present, $absent absent"

# Concurrent adds from several processes keep one consistent chain.
pids=""
for k in 1 2 3 4 5 6; do
    printf 'concurrent %d\n' $k > "conc$k.txt"
    "$DOSSIER" -C c evidence add "conc$k.txt" >/dev/null 2>"conc$k.err" &
    pids="$pids $!"
done
for p in $pids; do
    wait "$p" || fail "concurrent add failed: $(cat conc*.err)"
done
"$DOSSIER" -C c evidence verify > v.out 2>&1 \
    || fail "verify after concurrent adds: $(cat v.out)"

# Disk full: writes past RLIMIT_FSIZE fail with EFBIG (SIGXFSZ ignored).
n0=$(find c/vault -type f | wc -l)
printf 'disk full' | dd of=big.bin conv=notrunc 2>/dev/null
if (trap '' XFSZ; ulimit -f 8192; "$DOSSIER" -C c evidence add big.bin) \
    >/dev/null 2>err.txt; then
    fail "add succeeded past the file size limit"
fi
grep -q "cannot write" err.txt || fail "disk full message: $(cat err.txt)"
test "$(find c/vault -type f | wc -l)" -eq "$n0" || fail "half-stored object"
"$DOSSIER" -C c evidence verify >/dev/null || fail "verify after disk full"

# A read error in the middle of the source (here /proc/self/mem, which
# fails at offset 0) is reported and stores nothing.
if "$DOSSIER" -C c evidence add /proc/self/mem >/dev/null 2>err.txt; then
    fail "unreadable source added"
fi
grep -q "cannot read '/proc/self/mem'" err.txt || fail "msg: $(cat err.txt)"
test "$(find c/vault -type f | wc -l)" -eq "$n0" || fail "half-stored object"
echo ok
