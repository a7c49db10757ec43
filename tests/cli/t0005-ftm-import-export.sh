# FtM import/export: zala round-trips losslessly; bad lines abort the import
# (nothing imported) unless --skip-bad; unknown schema/property named.
. "$(dirname "$0")/lib.sh"

"$DOSSIER" init a >/dev/null || fail init
run -C a import "$TESTDATA/ftm/zala.ftm.json"
expect_rc 0 "import zala"
expect_in out "imported 91 entities" "zala entity count"
for s in Ownership Directorship Family Designation; do
    "$DOSSIER" -C a list "$s" >l 2>/dev/null
    [ -s l ] || fail "zala has no $s after import"
done
run -C a export --out a.json
expect_rc 0 "export"
python3 - "$TESTDATA/ftm/zala.ftm.json" a.json <<'PY' || fail "round trip"
import json, sys
def load(p):
    d = {}
    for line in open(p, encoding="utf-8"):
        if line.strip():
            o = json.loads(line)
            d[o["id"]] = (o["schema"], {k: sorted(v) for k, v in o.get("properties", {}).items()})
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
assert a == b, [k for k in a if a[k] != b.get(k)][:5]
PY
"$DOSSIER" init b >/dev/null || fail init b
run -C b import a.json
expect_rc 0 "re-import"
run -C b export --out b.json
cmp a.json b.json || fail "export of a re-import differs"

run -C b import a.json
expect_rc 1 "importing the same ids twice"
expect_in err "a.json:1: entity" "duplicate names the line"
expect_in err "exists already" "duplicate explained"

"$DOSSIER" init c >/dev/null || fail init c
run -C c import "$TESTDATA/ftm/bad-line3.ftm.json"
expect_rc 1 "truncated line"
expect_in err "bad-line3.ftm.json:3:" "error names file and line"
run -C c list
[ ! -s out ] || fail "a failed import must import nothing"
run -C c import "$TESTDATA/ftm/unknown.ftm.json"
expect_rc 1 "unknown schema"
expect_in err "unknown schema 'Spaceship'" "unknown schema named"
run -C c import "$TESTDATA/ftm/unknown.ftm.json" --skip-bad
expect_rc 0 "skip-bad"
expect_in err "skipped" "skipped lines reported"
expect_in err "favouriteColour" "skipped property named"
expect_in out "skipped 2" "skip count"
run -C c list Person
expect_in out "Good" "good lines imported with --skip-bad"
run -C c import /nonexistent.json
expect_rc 1 "missing file"

"$DOSSIER" init e >/dev/null || fail init e
run -C e import "$TESTDATA/ftm/empty-values.ftm.json"
expect_rc 0 "empty values do not stop an import"
expect_in out "ignored 2 empty values" "empty values counted"
