#!/bin/sh
# Web capture to WARC 1.1 from local HTTP and HTTPS servers (self-signed
# certificate made here): request and response records, payload digest,
# TLS certificate chain; a URL that times out, answers garbage or is not
# http(s) gives a clear error and stores nothing.
set -eu
: "${DOSSIER:?}" "${TOP:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/t5006.XXXXXX")
S1=
S2=
trap '[ -n "$S1" ] && kill $S1 2>/dev/null; [ -n "$S2" ] && kill $S2 2>/dev/null; rm -rf "$T"' EXIT
cd "$T"
export DOSSIER_ARGON2_FAST=1 DOSSIER_USER=tester
unset DOSSIER_PASSPHRASE || true
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout srv.key -out srv.crt \
    -subj "/CN=127.0.0.1" -days 2 -addext "subjectAltName=IP:127.0.0.1" \
    2>/dev/null
python3 "$TOP/tests/cli/helpers/evidence_server.py" --port-file p1 &
S1=$!
python3 "$TOP/tests/cli/helpers/evidence_server.py" --port-file p2 \
    --cert srv.crt --key srv.key &
S2=$!
i=0
while { [ ! -f p1 ] || [ ! -f p2 ]; } && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
P1=$(cat p1)
P2=$(cat p2)

"$DOSSIER" init c >/dev/null
"$DOSSIER" -C c evidence capture "http://127.0.0.1:$P1/page" > cap.out \
    || fail "capture http"
W=$(cut -d' ' -f1 cap.out)
grep -q "HTTP 200" cap.out || fail "output: $(cat cap.out)"
"$DOSSIER" -C c evidence open "$W" --to page.warc >/dev/null
grep -q "^WARC/1.1" page.warc || fail "not WARC 1.1"
grep -q "^WARC-Type: request" page.warc || fail "no request record"
grep -q "^WARC-Type: response" page.warc || fail "no response record"
grep -q "^WARC-Type: metadata" page.warc || fail "no metadata record"
grep -q "^GET /page HTTP/1.1" page.warc || fail "request line missing"
grep -q "^Content-Type: text/html" page.warc || fail "response headers"
PD=$(printf '%s\n' "<html><body><h1>Statement</h1><p>Evidence page.</p></body></html>" \
    | sha256sum | cut -d' ' -f1)
grep -q "^WARC-Payload-Digest: sha256:$PD" page.warc || fail "payload digest"
grep -q "^WARC-Target-URI: http://127.0.0.1:$P1/page" page.warc || fail "uri"
"$DOSSIER" -C c evidence log "$W" | grep -q '	capture	{"url":' \
    || fail "capture not logged"

"$DOSSIER" -C c evidence capture "http://127.0.0.1:$P1/chunked" >/dev/null \
    || fail "chunked"

# HTTPS: the certificate chain is kept; an untrusted certificate fails.
if "$DOSSIER" -C c evidence capture "https://127.0.0.1:$P2/page" \
    2>err.txt; then
    fail "self-signed certificate accepted without --cacert"
fi
grep -q "cannot fetch" err.txt || fail "msg: $(cat err.txt)"
"$DOSSIER" -C c evidence capture "https://127.0.0.1:$P2/page" \
    --cacert srv.crt > cap2.out || fail "capture https"
W2=$(cut -d' ' -f1 cap2.out)
"$DOSSIER" -C c evidence open "$W2" --to tls.warc >/dev/null
grep -q "tls-certificate-chain:" tls.warc || fail "no certificate chain"
grep -q "BEGIN CERTIFICATE" tls.warc || fail "no PEM certificate"

# Bad URLs: nothing stored.
n0=$(find c/vault -type f | wc -l)
if "$DOSSIER" -C c evidence capture "http://127.0.0.1:$P1/slow" \
    --timeout 2 2>err.txt; then
    fail "timeout not reported"
fi
grep -q -i "timed out\|timeout" err.txt || fail "msg: $(cat err.txt)"
if "$DOSSIER" -C c evidence capture "http://127.0.0.1:$P1/garbage" \
    --timeout 5 2>err.txt; then
    fail "garbage accepted"
fi
grep -q "cannot fetch" err.txt || fail "msg: $(cat err.txt)"
if "$DOSSIER" -C c evidence capture "file:///etc/passwd" 2>err.txt; then
    fail "file URL accepted"
fi
grep -q "not an http or https URL" err.txt || fail "msg: $(cat err.txt)"
test "$(find c/vault -type f | wc -l)" -eq "$n0" || fail "stored on failure"
"$DOSSIER" -C c evidence verify >/dev/null || fail "verify"
echo ok
