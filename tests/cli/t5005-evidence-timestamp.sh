#!/bin/sh
# RFC 3161 timestamps against a TSA on 127.0.0.1 (openssl ts with a test
# CA made here): token stored, verified, exported; a TSA that answers
# junk, a wrong CA, or no TSA at all give a clear error and log nothing.
set -eu
: "${DOSSIER:?}" "${TOP:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5005.XXXXXX")
SRV=
trap '[ -n "$SRV" ] && kill $SRV 2>/dev/null; rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

# Test CA and TSA certificate (extendedKeyUsage timeStamping, critical).
mkdir tsa
cd tsa
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt \
    -subj "/CN=dossier test CA" -days 2 \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout tsa.key -out tsa.csr \
    -subj "/CN=dossier test TSA" 2>/dev/null
printf 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n' > ext.cnf
openssl x509 -req -in tsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
    -out tsa.crt -days 2 -extfile ext.cnf 2>/dev/null
echo 01 > tsaserial
cat > tsa.cnf <<CNF
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = .
serial = \$dir/tsaserial
crypto_device = builtin
signer_cert = \$dir/tsa.crt
certs = \$dir/tsa.crt
signer_key = \$dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
cd ..
python3 "$TOP/tests/cli/helpers/evidence_server.py" --port-file port \
    --tsa-config tsa/tsa.cnf &
SRV=$!
i=0
while [ ! -f port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat port)

"$DOSSIER" init c >/dev/null
printf 'photo bytes\n' > p.jpg
"$DOSSIER" -C c evidence add p.jpg >/dev/null
H=$(sha256sum p.jpg | cut -d' ' -f1)

"$DOSSIER" -C c evidence timestamp "$H" --tsa "http://127.0.0.1:$PORT/tsa" \
    --tsa-cert tsa/ca.crt > ts.out || fail "timestamp"
grep -q "timestamped 20" ts.out || fail "output: $(cat ts.out)"
"$DOSSIER" -C c evidence log "$H" | grep -q '	timestamp	{"tsa":' \
    || fail "not logged"
# Without the CA, imprint and nonce are still checked.
DOSSIER_TSA="http://127.0.0.1:$PORT/tsa" \
    "$DOSSIER" -C c evidence timestamp "$H" >/dev/null || fail "no-CA mode"
# A CA that did not sign the TSA's certificate is refused.
openssl req -x509 -newkey rsa:2048 -nodes -keyout o.key -out other.crt \
    -subj "/CN=other" -days 2 2>/dev/null
if "$DOSSIER" -C c evidence timestamp "$H" \
    --tsa "http://127.0.0.1:$PORT/tsa" --tsa-cert other.crt 2>err.txt; then
    fail "untrusted TSA accepted"
fi
grep -q "not signed by a trusted TSA" err.txt || fail "msg: $(cat err.txt)"
# Junk and unreachable TSAs.
if "$DOSSIER" -C c evidence timestamp "$H" \
    --tsa "http://127.0.0.1:$PORT/tsa-junk" 2>err.txt; then
    fail "junk accepted"
fi
grep -q "not a timestamp response" err.txt || fail "msg: $(cat err.txt)"
if "$DOSSIER" -C c evidence timestamp "$H" --tsa "http://127.0.0.1:1/" \
    2>err.txt; then
    fail "unreachable TSA"
fi
grep -q "cannot fetch" err.txt || fail "msg: $(cat err.txt)"
test "$("$DOSSIER" -C c evidence log "$H" | grep -c '	timestamp	')" -eq 2 \
    || fail "failed attempts were logged"
# Several TSAs: one failing does not stop the others.
"$DOSSIER" -C c evidence timestamp "$H" --tsa "http://127.0.0.1:1/" \
    --tsa "http://127.0.0.1:$PORT/tsa" > multi.out 2>multi.err \
    || fail "one good TSA of two should succeed"
grep -q "timestamped" multi.out && grep -q "cannot fetch" multi.err \
    || fail "multi-TSA report"
# A TSA configured in the case.
sqlite3 c/case.db "INSERT INTO meta(key, value) VALUES ('evidence.tsa', \
    'http://127.0.0.1:$PORT/tsa')" 2>/dev/null || true
if command -v sqlite3 >/dev/null; then
    "$DOSSIER" -C c evidence timestamp "$H" >/dev/null \
        || fail "case-configured TSA"
fi
N=$("$DOSSIER" -C c evidence log "$H" | grep -c '	timestamp	')

# The token is checked by verify and travels in bundles.
"$DOSSIER" -C c evidence verify > v.out || fail "verify: $(cat v.out)"
"$DOSSIER" -C c evidence export "$H" --out b.zip >/dev/null
"$DOSSIER" verify-bundle b.zip | grep -q "$N timestamp token(s), 0 problem" \
    || fail "tokens not in bundle"
mkdir u
(cd u && unzip -q ../b.zip)
tok=$(ls u/timestamps/*.tsr | head -n 1)
openssl ts -verify -digest "$H" -in "$tok" -token_in -CAfile tsa/ca.crt \
    >/dev/null 2>&1 || fail "openssl does not verify the exported token"
echo ok
