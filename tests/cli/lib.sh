# Shared helpers for the CLI end-to-end tests (sourced by tNNNN-*.sh).
# Environment from scripts/run-tests: DOSSIER (binary), TOP, TESTDATA.
set -u
: "${DOSSIER:?run through scripts/run-tests or set DOSSIER}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export DOSSIER_AUTHOR=tester
unset DOSSIER_CASE

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Runs the binary; use as: run ARGS... (stdout in out, stderr in err, $rc)
run() {
    "$DOSSIER" "$@" >out 2>err
    rc=$?
}

expect_rc() { # expected-rc description
    [ "$rc" -eq "$1" ] || {
        echo "--- stdout" >&2
        cat out >&2
        echo "--- stderr" >&2
        cat err >&2
        fail "$2: exit $rc, expected $1"
    }
}

expect_in() { # file text description
    grep -qF -- "$2" "$1" || {
        cat "$1" >&2
        fail "$3: '$2' not in $1"
    }
}

expect_not_in() { # file text description
    if grep -qF -- "$2" "$1"; then
        cat "$1" >&2
        fail "$3: '$2' unexpectedly in $1"
    fi
}

# Compares a file with a golden file after masking timestamps.
golden() { # file golden-name
    # Timestamps and random 20-character ids (util/ids.h) change per run.
    sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' \
        -e 's/(^|[^a-z0-9])[a-z2-7]{20}($|[^a-z0-9])/\1RANDOMID\2/g' \
        "$1" >"$1.masked"
    if [ -n "${UPDATE_GOLDEN:-}" ]; then
        cp "$1.masked" "$TESTDATA/golden/$2"
    fi
    diff -u "$TESTDATA/golden/$2" "$1.masked" >&2 ||
        fail "output differs from golden $2 (UPDATE_GOLDEN=1 to accept)"
}
