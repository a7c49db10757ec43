#!/bin/sh
# evidence export + verify-bundle: a recipient can check with sha256sum
# alone; changed exhibits, edited custody, swapped keys, missing or
# unlisted files and garbage are reported.
set -eu
: "${DOSSIER:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5004.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }

"$DOSSIER" init c >/dev/null
head -c 1500000 /dev/urandom > video.bin
printf 'report text\n' > 'report (final).txt'
"$DOSSIER" -C c evidence add video.bin 'report (final).txt' >/dev/null
HV=$(sha256sum video.bin | cut -d' ' -f1)
HR=$(sha256sum 'report (final).txt' | cut -d' ' -f1)
"$DOSSIER" -C c evidence export "$HV" "$(echo "$HR" | cut -c1-8)" \
    --out b.zip >/dev/null || fail "export"
if "$DOSSIER" -C c evidence export "$HV" --out b.zip 2>/dev/null; then
    fail "export overwrote a bundle"
fi
"$DOSSIER" -C c evidence log "$HV" | grep -q "	export	" || fail "not logged"
"$DOSSIER" verify-bundle b.zip > v.out || fail "verify-bundle: $(cat v.out)"
grep -q "2 exhibit(s), .* 0 problem(s)" v.out || fail "output: $(cat v.out)"
"$DOSSIER" verify-bundle b.zip --json | grep -q '"ok":true' || fail "json"

# The recipient's way: unzip and sha256sum -c.
mkdir u
(cd u && unzip -q ../b.zip && sha256sum -c SHA256SUMS >/dev/null) \
    || fail "sha256sum -c"
grep -q "sha256sum -c SHA256SUMS" u/MANIFEST.txt || fail "manifest text"
grep -q "\"hash\":\"$HV\"" u/manifest.json || fail "manifest.json"
test "$(grep -c '^dossier-custody=1$' u/custody.txt)" -ge 2 || fail "custody"

rezip() { # dir out
    rm -f "$2"
    (cd "$1" && zip -q -r -X "../$2" .)
}
expect_bad() { # name zip pattern
    if "$DOSSIER" verify-bundle "$2" > out.txt 2>&1; then
        fail "$1 not detected"
    fi
    grep -q "$3" out.txt || fail "$1: unexpected report: $(cat out.txt)"
}

cp -r u x1
ex=$(ls x1/exhibits | grep -v report)
printf 'X' | dd of="x1/exhibits/$ex" bs=1 seek=1000 conv=notrunc 2>/dev/null
rezip x1 x1.zip
expect_bad "changed exhibit" x1.zip "was changed"

cp -r u x2
sed -i 's/^actor=tester$/actor=mallory/' x2/custody.txt
rezip x2 x2.zip
expect_bad "edited custody" x2.zip "edited"

cp -r u x3
"$DOSSIER" init other >/dev/null
cp other/keys/sign.pub x3/case-key.pub
rezip x3 x3.zip
expect_bad "swapped key" x3.zip "signature"

cp -r u x4
rm x4/exhibits/*report*
rezip x4 x4.zip
expect_bad "missing exhibit" x4.zip "missing from the bundle"

cp -r u x5
echo extra > x5/exhibits/extra.txt
rezip x5 x5.zip
expect_bad "unlisted exhibit" x5.zip "not in SHA256SUMS"

# An altered object is not exported: no bundle is left behind.
obj="c/vault/objects/$(echo "$HV" | cut -c1-2)/$(echo "$HV" | cut -c3-)"
python3 -c "
import sys
b = bytearray(open(sys.argv[1], 'rb').read()); b[5000] ^= 1
open(sys.argv[1], 'wb').write(b)" "$obj"
if "$DOSSIER" -C c evidence export "$HV" --out bad.zip 2>err.txt; then
    fail "altered object exported"
fi
grep -q "authentication" err.txt || fail "msg: $(cat err.txt)"
test ! -e bad.zip && test ! -e bad.zip.partial || fail "partial bundle left"

head -c 3000 /dev/urandom > garbage.zip
if "$DOSSIER" verify-bundle garbage.zip 2>err.txt; then fail "garbage"; fi
grep -q "not a readable zip" err.txt || fail "msg: $(cat err.txt)"
echo ok
