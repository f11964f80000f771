#!/bin/sh
# run-scenario.sh - run one scenario directory against a fresh slapd.
#
# Usage: run-scenario.sh DIR
#
# The format of a scenario is described in test/scenarios/README.  Prints
# one line per step (ok or FAIL, with the difference), then a summary line
# "scenario NAME: N passed, M failed".  Exits 0 when every step passed, 1
# otherwise.

[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 SCENARIO-DIR" >&2; exit 2; }
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
export TOP_SRCDIR TOP_BUILDDIR
scenario=$(cd "$1" && pwd)
name=${scenario##*/}

. "$TOP_SRCDIR/test/lib/harness.sh"

passed=0
failed=0

# header FILE NAME DEFAULT: the value of the first "# NAME: value" line.
header() {
	v=$(sed -n "s/^# $2:[ 	]*//p" "$1" | head -n 1)
	printf '%s' "${v:-$3}"
}

has_header() {
	grep -q "^# $2:" "$1"
}

indent() { sed 's/^/	| /'; }

step_ok() {
	passed=$((passed + 1))
	printf '  ok   %s\n' "$1"
}

step_fail() {
	failed=$((failed + 1))
	printf '  FAIL %s: %s\n' "$1" "$2"
}

# normalise: LDIF from ldapsearch -LLL -o ldif-wrap=no, or an expected
# body, into a canonical form: "#" lines dropped, attribute lines sorted
# within each entry (dn first), entries sorted by dn.
normalise() {
	awk '
	function flush(   i) {
		if (n == 0) return
		for (i = 1; i <= n; i++)
			printf "%s\001%d\001%s\n", key, (i == 1 && line[i] ~ /^dn::? / ? 0 : 1), line[i]
		n = 0
	}
	/^#/ { next }
	/^[ \t]*$/ { flush(); next }
	{ if (n == 0) key = $0; line[++n] = $0 }
	END { flush() }
	' | LC_ALL=C sort | awk -F '\001' '
	NR > 1 && $1 != prev { print "" }
	{ prev = $1; print $3 }
	'
}

# Every entry's DN and entryCSN, which slapd renews on every write, to
# show that a refused change left no trace.
snapshot() {
	"$LDAPSEARCH" -LLL -o ldif-wrap=no -x -H "$LDAPI_URI" -D "$ROOTDN" -w "$ROOTPW" \
		-b "$SUFFIX" '(objectClass=*)' entryCSN 2>&1
}

bind_args() {
	# $1 the step file: sets bind_dn and bind_pw.
	bind_dn=$(header "$1" bind "$ROOTDN")
	bind_pw=$(header "$1" password "$ROOTPW")
}

run_ok() {
	f=$1 step=$2
	bind_args "$f"
	if out=$("$LDAPMODIFY" -x -H "$LDAPI_URI" -D "$bind_dn" -w "$bind_pw" -f "$f" 2>&1); then
		step_ok "$step"
	else
		step_fail "$step" "ldapmodify exited $? as $bind_dn"
		printf '%s\n' "$out" | indent
	fi
}

run_fail() {
	f=$1 step=$2
	bind_args "$f"
	if ! has_header "$f" expect || ! has_header "$f" text; then
		step_fail "$step" 'a fail step needs "# expect: CODE" and "# text: TEXT" headers'
		return
	fi
	want_code=$(header "$f" expect '')
	want_text=$(header "$f" text '')
	records=$(grep -c '^dn:' "$f")
	if [ "$records" -ne 1 ]; then
		step_fail "$step" "a fail step holds exactly one change record, this one holds $records"
		return
	fi
	before=$(snapshot)
	out=$("$LDAPMODIFY" -x -H "$LDAPI_URI" -D "$bind_dn" -w "$bind_pw" -f "$f" 2>&1)
	code=$?
	text=$(printf '%s\n' "$out" | sed -n 's/^	additional info: //p' | head -n 1)
	after=$(snapshot)
	if [ "$code" -ne "$want_code" ]; then
		step_fail "$step" "expected result $want_code, got $code"
		printf '%s\n' "$out" | indent
	elif [ "$text" != "$want_text" ]; then
		step_fail "$step" "result $code as expected, but the text differs"
		printf 'expected: %s\n     got: %s\n' "$want_text" "$text" | indent
	elif [ "$before" != "$after" ]; then
		step_fail "$step" "refused with the expected text, yet the directory changed"
		printf '%s\n' "$before" >"$TN_DIR/before"
		printf '%s\n' "$after" >"$TN_DIR/after"
		diff -u "$TN_DIR/before" "$TN_DIR/after" | tail -n +3 | indent
	else
		step_ok "$step"
	fi
}

run_search() {
	f=$1 step=$2
	bind_args "$f"
	base=$(header "$f" base "$SUFFIX")
	scope=$(header "$f" scope sub)
	filter=$(header "$f" filter '(objectClass=*)')
	attrs=$(header "$f" attrs '')
	want_code=$(header "$f" expect 0)
	if [ "$bind_dn" = anonymous ]; then
		set -- -x -H "$LDAPI_URI"
	else
		set -- -x -H "$LDAPI_URI" -D "$bind_dn" -w "$bind_pw"
	fi
	# shellcheck disable=SC2086
	out=$("$LDAPSEARCH" -LLL -o ldif-wrap=no "$@" -b "$base" -s "$scope" "$filter" $attrs 2>"$TN_DIR/search.err")
	code=$?
	if [ "$code" -ne "$want_code" ]; then
		step_fail "$step" "ldapsearch exited $code, expected $want_code"
		indent <"$TN_DIR/search.err"
		return
	fi
	grep -v '^#' "$f" | normalise >"$TN_DIR/expected"
	printf '%s\n' "$out" | normalise >"$TN_DIR/actual"
	if cmp -s "$TN_DIR/expected" "$TN_DIR/actual"; then
		step_ok "$step"
	else
		step_fail "$step" "the entries differ (- expected, + got)"
		diff -u "$TN_DIR/expected" "$TN_DIR/actual" | tail -n +3 | indent
	fi
}

run_script() {
	f=$1 step=$2
	mkdir -p "$TN_DIR/tmp"
	if [ -x "$f" ]; then set -- "$f"; else set -- sh "$f"; fi
	if out=$(cd "$TN_DIR/tmp" && env TMPDIR="$TN_DIR/tmp" SCENARIO_DIR="$scenario" "$@" 2>&1); then
		step_ok "$step"
	else
		step_fail "$step" "exited $?"
		printf '%s\n' "$out" | indent
	fi
}

tn_setup
template=$TOP_SRCDIR/test/lib/slapd.conf.in
if [ -f "$scenario/access.conf" ]; then
	# The scenario's own access rules in place of the default ones.
	sed -e '/^# access: begin/,/^# access: end/{/^# access: begin/r '"$scenario/access.conf"'
d;}' "$template" >"$TN_DIR/slapd.conf.in" ||
		tn_die "cannot write $TN_DIR/slapd.conf.in"
	template=$TN_DIR/slapd.conf.in
fi
if [ -f "$scenario/slapadd.ldif" ]; then
	# A bulk load before slapd starts: slapadd runs no overlay.
	tn_write_conf "$template" "$TN_DIR/slapd.conf"
	tn_slap "$SLAPADD" -f "$TN_DIR/slapd.conf" -l "$scenario/slapadd.ldif" \
		>"$TN_DIR/slapadd.out" 2>&1 ||
		{ cat "$TN_DIR/slapadd.out" >&2; tn_die "slapadd of slapadd.ldif failed"; }
	tn_start -f "$TN_DIR/slapd.conf"
else
	tn_start_conf "$template"
fi

if [ -f "$scenario/setup.ldif" ]; then
	if out=$(tn_add "$scenario/setup.ldif" 2>&1); then
		step_ok setup.ldif
	else
		step_fail setup.ldif "ldapadd exited $?"
		printf '%s\n' "$out" | indent
	fi
fi

if [ "$failed" -eq 0 ]; then
	for f in "$scenario"/*; do
		step=${f##*/}
		case $step in
		[0-9]*-ok-*.ldif) run_ok "$f" "$step" ;;
		[0-9]*-fail-*.ldif) run_fail "$f" "$step" ;;
		[0-9]*-search-*.txt) run_search "$f" "$step" ;;
		[0-9]*-run-*.sh) run_script "$f" "$step" ;;
		setup.ldif | slapadd.ldif | access.conf | README* | *~) ;;
		*) step_fail "$step" "not a step: the name matches none of NN-ok-*.ldif, NN-fail-*.ldif, NN-search-*.txt, NN-run-*.sh" ;;
		esac
	done
fi

tn_stop || step_fail slapd "a sanitizer reported an error (above)"
printf 'scenario %s: %d passed, %d failed\n' "$name" "$passed" "$failed"
[ "$failed" -eq 0 ]
