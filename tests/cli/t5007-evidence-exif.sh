#!/bin/sh
# EXIF metadata (time, GPS, device) of an image reaches the custody record
# and the Exhibit entity.
set -eu
: "${DOSSIER:?}" "${TOP:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5007.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

python3 "$TOP/tests/cli/helpers/make_exif_jpeg.py" photo.jpg
"$DOSSIER" init c >/dev/null
"$DOSSIER" -C c evidence add photo.jpg --json > add.json || fail "add"
grep -q '"mediaType":"image/jpeg"' add.json || fail "type: $(cat add.json)"
grep -q '"exifTime":"2024:03:01 10:22:33"' add.json || fail "exif time"
grep -q '"gps":"22.280000,114.160000"' add.json || fail "gps"
grep -q '"device":"TestCam Model X"' add.json || fail "device"
EX=$(sed 's/.*"exhibit":"\([a-z0-9]*\)".*/\1/' add.json)
"$DOSSIER" -C c show "$EX" > show.txt
grep -q "capturedAt  *2024-03-01" show.txt || fail "capturedAt: $(cat show.txt)"
grep -q "latitude  *22.28" show.txt || fail "latitude: $(cat show.txt)"
grep -q "longitude  *114.16" show.txt || fail "longitude"
grep -q "TestCam Model X" show.txt || fail "device on exhibit"
echo ok
