# lib.sh - assertions for the tests of the tenancy command (POSIX sh).
#
# Sourced by test/tools/*.test after TOP_SRCDIR and TOP_BUILDDIR are set
# ("make check" sets them).  Each assertion prints "ok NAME" or
# "FAIL NAME" with the difference; tt_done prints "N passed, N failed" and
# returns non-zero when anything failed.
#
#   tt_run CMD...                 run CMD; output in $TT_OUT, $TT_ERR,
#                                 exit status in $TT_RC
#   tt_exit NAME WANT             the last run exited WANT
#   tt_same NAME EXPECTED-FILE    the last run's stdout is exactly that
#   tt_has NAME TEXT              the last run's stdout holds TEXT
#   tt_json NAME                  the last run's stdout parses as JSON

: "${TOP_SRCDIR:?TOP_SRCDIR is not set: run the tests through make check}"
: "${TOP_BUILDDIR:?TOP_BUILDDIR is not set: run the tests through make check}"

# TENANCY_CLI runs another build of the command (e.g. a sanitized one).
TENANCY=${TENANCY_CLI:-$TOP_BUILDDIR/tools/tenancy}
DATA=$TOP_SRCDIR/test/tools/data
LDIF=$TOP_SRCDIR/ldif
TT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tenancy-tools.XXXXXX") || exit 99
TT_OUT=$TT_TMP/out
TT_ERR=$TT_TMP/err
tt_passed=0
tt_failed=0

tt_ok() {
	tt_passed=$((tt_passed + 1))
	printf 'ok   %s\n' "$1"
}

tt_fail() {
	tt_failed=$((tt_failed + 1))
	printf 'FAIL %s: %s\n' "$1" "$2"
	if [ -s "$TT_ERR" ]; then
		sed 's/^/	stderr| /' "$TT_ERR" | head -n 20
	fi
}

tt_run() {
	"$@" >"$TT_OUT" 2>"$TT_ERR"
	TT_RC=$?
}

tt_exit() {
	if [ "$TT_RC" -eq "$2" ]; then tt_ok "$1"; else tt_fail "$1" "exit $TT_RC, want $2"; fi
}

tt_same() {
	if diff -u "$2" "$TT_OUT" >"$TT_TMP/diff" 2>&1; then
		tt_ok "$1"
	else
		tt_fail "$1" "output differs:"
		sed 's/^/	| /' "$TT_TMP/diff"
	fi
}

tt_has() {
	if grep -qF -- "$2" "$TT_OUT"; then
		tt_ok "$1"
	else
		tt_fail "$1" "no '$2' in:"
		sed 's/^/	| /' "$TT_OUT" | head -n 20
	fi
}

tt_json() {
	if python3 -m json.tool "$TT_OUT" >/dev/null 2>"$TT_TMP/json"; then
		tt_ok "$1"
	else
		tt_fail "$1" "not JSON: $(cat "$TT_TMP/json")"
	fi
}

tt_done() {
	rm -rf "$TT_TMP"
	printf '%d passed, %d failed\n' "$tt_passed" "$tt_failed"
	[ "$tt_failed" -eq 0 ]
}
