# Two processes writing at once neither corrupt the case nor lose a write.
. "$(dirname "$0")/lib.sh"

"$DOSSIER" init c >/dev/null || fail init
writer() {
    i=0
    while [ $i -lt 40 ]; do
        "$DOSSIER" -C c add Person name="Writer $1 number $i" >/dev/null ||
            echo "write failed: $1 $i" >>failures
        i=$((i + 1))
    done
}
writer A &
writer B &
wait
[ ! -f failures ] || { cat failures >&2; fail "writes failed"; }
run -C c list Person
n=$(grep -c "Writer" out)
[ "$n" -eq 80 ] || fail "expected 80 people, found $n"
python3 -c 'import sqlite3; c=sqlite3.connect("c/case.db"); r=c.execute("pragma integrity_check").fetchone()[0]; assert r=="ok", r' ||
    fail "integrity check"
