#!/bin/sh
# Tampering is detected: a flipped byte in an object; a custody record
# deleted, reordered or edited; a signature replaced; an object removed.
set -eu
: "${DOSSIER:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5002.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 0; }

"$DOSSIER" init c >/dev/null
head -c 3000000 /dev/urandom > a.bin
printf 'one\n' > one.txt
printf 'two\n' > two.txt
"$DOSSIER" -C c evidence add a.bin one.txt two.txt >/dev/null
HA=$(sha256sum a.bin | cut -d' ' -f1)
"$DOSSIER" -C c evidence open "$HA" --to w.bin >/dev/null
"$DOSSIER" -C c evidence verify >/dev/null || fail "clean case fails"
cp -r c pristine

expect_fail() { # name, pattern
    if "$DOSSIER" -C c evidence verify > out.txt 2>&1; then
        fail "$1 not detected"
    fi
    grep -q "$2" out.txt || fail "$1: unexpected report: $(cat out.txt)"
    rm -rf c
    cp -r pristine c
}

# 1. One flipped byte in an object (in its second chunk).
obj="c/vault/objects/$(echo "$HA" | cut -c1-2)/$(echo "$HA" | cut -c3-)"
python3 - "$obj" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[1500000] ^= 0x5a
open(p, 'wb').write(b)
PY
expect_fail "flipped byte" "FAIL object $HA: .*authentication"

# 2. A record deleted.
sqlite3 c/case.db "DROP TRIGGER custody_no_delete; DELETE FROM custody WHERE seq=2"
expect_fail "deleted record" "custody record 3 .*missing"

# 3. Two records reordered (contents swapped, seq kept).
sqlite3 c/case.db "DROP TRIGGER custody_no_update;
  CREATE TEMP TABLE t AS SELECT * FROM custody WHERE seq IN (2,3);
  UPDATE custody SET at=(SELECT at FROM t WHERE seq=3),
    action=(SELECT action FROM t WHERE seq=3), object=(SELECT object FROM t WHERE seq=3),
    detail=(SELECT detail FROM t WHERE seq=3), prev=(SELECT prev FROM t WHERE seq=3),
    obj_prev=(SELECT obj_prev FROM t WHERE seq=3), hash=(SELECT hash FROM t WHERE seq=3),
    sig=(SELECT sig FROM t WHERE seq=3) WHERE seq=2;
  UPDATE custody SET at=(SELECT at FROM t WHERE seq=2),
    action=(SELECT action FROM t WHERE seq=2), object=(SELECT object FROM t WHERE seq=2),
    detail=(SELECT detail FROM t WHERE seq=2), prev=(SELECT prev FROM t WHERE seq=2),
    obj_prev=(SELECT obj_prev FROM t WHERE seq=2), hash=(SELECT hash FROM t WHERE seq=2),
    sig=(SELECT sig FROM t WHERE seq=2) WHERE seq=3;"
expect_fail "reordered records" "chain broken"

# 4. A record edited (its detail changed).
sqlite3 c/case.db "DROP TRIGGER custody_no_update;
  UPDATE custody SET detail='{\"name\":\"other.txt\"}' WHERE seq=2"
expect_fail "edited record" "custody record 2 .*edited"

# 5. A signature replaced by another record's.
sqlite3 c/case.db "DROP TRIGGER custody_no_update;
  UPDATE custody SET sig=(SELECT sig FROM custody WHERE seq=1) WHERE seq=3"
expect_fail "replaced signature" "custody record 3 .*signature"

# 6. An edited record re-hashed by a forger who lacks the key.
sqlite3 c/case.db "DROP TRIGGER custody_no_update;
  UPDATE custody SET actor='mallory' WHERE seq=4"
expect_fail "forged actor" "custody record 4"

# 6b. The newest records cut off (the signed head file names the last).
sqlite3 c/case.db "DROP TRIGGER custody_no_delete;
  DELETE FROM custody WHERE seq >= (SELECT max(seq) - 1 FROM custody)"
expect_fail "truncated log" "custody log cut back"

# 6c. The head file removed or forged.
rm c/vault/custody.head
expect_fail "missing head" "head file .*missing"
sed -i 's/^seq=.*/seq=1/' c/vault/custody.head
expect_fail "forged head" "head file .*not signed"

# 7. An object removed.
rm "$obj"
expect_fail "missing object" "FAIL object $HA: .*missing"

# 8. A record appended by someone with another key (signature forged).
"$DOSSIER" init other >/dev/null
"$DOSSIER" -C other evidence add one.txt >/dev/null
sqlite3 c/case.db "ATTACH 'other/case.db' AS o;
  INSERT INTO custody SELECT 99, at, actor, action, object, exhibit, detail,
    prev, obj_prev, hash, sig FROM o.custody WHERE seq=1"
expect_fail "foreign record" "custody record 99 .*signature"

# Verify of one object checks that object's chain only.
"$DOSSIER" -C c evidence verify "$HA" > out.txt || fail "single verify"
grep -q "1 object(s) checked, 0 problem(s)" out.txt || fail "single output"
echo ok
