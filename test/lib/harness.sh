# harness.sh - run a real slapd for one integration test (POSIX sh).
#
# Sourced by the test scripts, in the manner of OpenLDAP's own test suite:
#
#   . "$TOP_SRCDIR/test/lib/harness.sh"
#   tn_setup [DIR]              temporary directory, free port, cleanup trap;
#                               with DIR, a kept directory (the demo): slapd
#                               is stopped only on failure, DIR never removed
#   tn_start_conf [TEMPLATE]    write slapd.conf from TEMPLATE (default
#                               test/lib/slapd.conf.in), slaptest it, start
#   tn_slapadd0 CONFDIR LDIF    build a cn=config directory with slapadd -n0
#   tn_start_dir CONFDIR        or start from a cn=config directory
#   tn_add FILE [DN PW]         ldapmodify -a FILE, as the rootdn by default
#   tn_modify FILE [DN PW]      ldapmodify FILE, as the rootdn by default
#   tn_stop                     stop slapd (the trap also does it)
#
# After tn_setup: TN_DIR (the temporary directory), LDAP_URI, LDAPI_URI,
# ROOTDN, ROOTPW, SUFFIX.  The EXIT trap always stops slapd and removes
# TN_DIR, on failure too; TENANCY_KEEP=1 keeps the directory for a post
# mortem.  When the harness itself fails (or the test fails with
# TENANCY_SHOW_LOG=1) the end of slapd's log goes to stderr.
#
# The overlay is required: the harness refuses to run without
# overlay/.libs/tenancy.so unless TENANCY_NO_OVERLAY=1, which drops the
# overlay's lines from the configuration (schema and layout tests only).
#
# Environment: TOP_SRCDIR and TOP_BUILDDIR (set by "make check");
# TENANCY_PORT, the loopback port (default: a free one);
# TENANCY_SLAPD_DEBUG, slapd's -d level (default "stats", logged to
# $TN_DIR/slapd.log).

: "${TOP_SRCDIR:?TOP_SRCDIR is not set: run the tests through make check}"
: "${TOP_BUILDDIR:?TOP_BUILDDIR is not set: run the tests through make check}"
. "$TOP_BUILDDIR/test/lib/config.sh"

ROOTDN='cn=admin,dc=example,dc=net'
ROOTPW=secret
SUFFIX='dc=example,dc=net'
TENANCY_SCHEMA=$TOP_SRCDIR/schema/tenancy.schema
TENANCY_MODULE=$TOP_BUILDDIR/overlay/.libs/tenancy.so
TN_PID=
TN_DIR=

tn_say() { printf '%s\n' "$*" >&2; }
tn_die() { tn_say "${0##*/}: $*"; TN_SHOW_LOG=1; exit 1; }

# Whether the overlay takes part: 0 yes, 1 no (TENANCY_NO_OVERLAY=1).
# Without it and without the module, stop with a clear sentence.
tn_overlay() {
	[ "${TENANCY_NO_OVERLAY:-0}" = 1 ] && return 1
	[ -f "$TENANCY_MODULE" ] ||
		tn_die "the overlay is not built ($TENANCY_MODULE is missing): run make first, or set TENANCY_NO_OVERLAY=1 to test without it"
	return 0
}

# slapd and its tools, with the ASan runtime preloaded for a sanitized
# module (slapd itself is not instrumented).  TN_ENV is that command
# prefix; tn_slap PROGRAM ARGS runs it, also in the background.
if [ -n "$ASAN_RUNTIME" ]; then
	# test/lib/asan-init.c says why the second library is needed.
	TN_ENV="env LD_PRELOAD=$ASAN_RUNTIME:$TOP_BUILDDIR/test/lib/.libs/asan-init.so ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
else
	TN_ENV=
fi
tn_slap() {
	# In a subshell ("tn_slap slapd ... &", or "$(tn_slap ...)"), become
	# the program, so that $! is its pid: a subshell's child is the
	# program's parent only when $$ (the script) is not.
	# shellcheck disable=SC2016
	if [ "$(exec sh -c 'echo $PPID')" != "$$" ]; then
		exec $TN_ENV "$@"
	fi
	$TN_ENV "$@"
}

# A loopback port nobody listens on (a race with another process remains:
# tn_start retries when slapd cannot bind).
tn_free_port() {
	while :; do
		tn_p=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		tn_p=$((20000 + tn_p % 40000))
		tn_hex=$(printf '%04X' "$tn_p")
		grep -qi ":$tn_hex " /proc/net/tcp /proc/net/tcp6 2>/dev/null || break
	done
	echo "$tn_p"
}

# tn_uris PORT: LDAP_URI and LDAPI_URI for this port and TN_DIR.
tn_uris() {
	TN_PORT=$1
	LDAP_URI=ldap://127.0.0.1:$TN_PORT/
	# ldapi URLs carry the socket's path percent-encoded.
	LDAPI_URI=ldapi://$(printf '%s' "$TN_DIR/ldapi" | sed 's|%|%25|g; s|/|%2F|g; s| |%20|g')/
	export LDAP_URI LDAPI_URI
}

tn_cleanup() {
	tn_status=$?
	trap - EXIT
	if [ "${TN_PERSIST:-0}" != 1 ] || [ "$tn_status" -ne 0 ]; then
		tn_stop || tn_status=1
	fi
	if [ "$tn_status" -ne 0 ] && [ "${TN_SHOW_LOG:-${TENANCY_SHOW_LOG:-0}}" = 1 ] &&
		[ -f "$TN_DIR/slapd.log" ]; then
		tn_say "--- last lines of $TN_DIR/slapd.log:"
		tail -n 25 "$TN_DIR/slapd.log" >&2
	fi
	if [ -n "$TN_DIR" ] && [ -d "$TN_DIR" ]; then
		if [ "${TN_PERSIST:-0}" = 1 ]; then
			:
		elif [ "${TENANCY_KEEP:-0}" = 1 ]; then
			tn_say "kept $TN_DIR"
		else
			rm -rf "$TN_DIR"
		fi
	fi
	exit "$tn_status"
}

tn_setup() {
	if [ $# -gt 0 ]; then
		mkdir -p "$1" && TN_DIR=$(cd "$1" && pwd) || tn_die "cannot create $1"
		TN_PERSIST=1
	else
		TN_DIR=$(mktemp -d "${TENANCY_TMP:-/tmp}/tenancy.XXXXXX") ||
			tn_die "cannot create a temporary directory"
	fi
	trap tn_cleanup EXIT
	trap 'exit 1' HUP INT TERM
	mkdir -p "$TN_DIR/db"
	tn_uris "${TENANCY_PORT:-$(tn_free_port)}"
	export ROOTDN ROOTPW SUFFIX
}

# tn_write_conf TEMPLATE OUTPUT: fill in a slapd.conf template.
tn_write_conf() {
	tn_modpath=$SLAPD_MODULE_DIR
	[ -f "$TENANCY_MODULE" ] && tn_modpath=${TENANCY_MODULE%/*}:$tn_modpath
	if tn_overlay; then tn_drop=; else tn_drop='/^# overlay: begin/,/^# overlay: end/d;'; fi
	sed -e "$tn_drop" \
		-e "s|@SCHEMA_DIR@|$SLAPD_SCHEMA_DIR|g" \
		-e "s|@TENANCY_SCHEMA@|$TENANCY_SCHEMA|g" \
		-e "s|@MODULEPATH@|$tn_modpath|g" \
		-e "s|@DIR@|$TN_DIR|g" \
		-e "s|@UID@|$(id -u)|g" \
		-e "s|@GID@|$(id -g)|g" \
		-e "s|@TOP_SRCDIR@|$TOP_SRCDIR|g" \
		-e "s|@TOP_BUILDDIR@|$TOP_BUILDDIR|g" \
		"$1" >"$2" || tn_die "cannot write $2"
}

# tn_start_conf [TEMPLATE]: slapd.conf from TEMPLATE, checked, started.
tn_start_conf() {
	tn_write_conf "${1:-$TOP_SRCDIR/test/lib/slapd.conf.in}" "$TN_DIR/slapd.conf"
	tn_start -f "$TN_DIR/slapd.conf"
}

# tn_start_dir CONFDIR: start from a cn=config directory (slapadd -n0 -F).
tn_start_dir() {
	tn_start -F "$1"
}

# tn_slapadd0 DIR LDIF: build a cn=config directory with slapadd -n0;
# its output goes to $TN_DIR/slapadd.out.
tn_slapadd0() {
	tn_slap "$SLAPADD" -n0 -F "$1" -l "$2" >"$TN_DIR/slapadd.out" 2>&1
}

# tn_start -f FILE | -F DIR: slaptest (-u: the database may not exist yet), then slapd in the background; wait
# until it answers on ldapi (10 s at most).
tn_start() {
	if ! tn_out=$(tn_slap "$SLAPTEST" -u "$1" "$2" 2>&1); then
		tn_say "$tn_out"
		tn_die "slaptest $1 $2 failed"
	fi
	tn_try=0
	until tn_launch "$1" "$2"; do
		tn_try=$((tn_try + 1))
		if [ "$tn_try" -lt 3 ] && [ -z "${TENANCY_PORT:-}" ] &&
			grep -q 'Address already in use' "$TN_DIR/slapd.log"; then
			tn_uris "$(tn_free_port)"
			continue
		fi
		tn_die "slapd exited at start"
	done
}

# tn_launch -f FILE | -F DIR: start slapd, wait for it; 1 if it exited.
tn_launch() {
	# A kept slapd (the demo) outlives the script: its own session.
	tn_setsid=
	[ "${TN_PERSIST:-0}" = 1 ] && command -v setsid >/dev/null && tn_setsid=setsid
	# shellcheck disable=SC2086
	$TN_ENV $tn_setsid "$SLAPD" "$1" "$2" -h "$LDAP_URI $LDAPI_URI" \
		-d "${TENANCY_SLAPD_DEBUG:-stats}" >"$TN_DIR/slapd.log" 2>&1 </dev/null &
	TN_PID=$!
	tn_i=0
	while ! "$LDAPSEARCH" -x -H "$LDAPI_URI" -s base -b "" -LLL 1.1 >/dev/null 2>&1; do
		if ! kill -0 "$TN_PID" 2>/dev/null; then
			wait "$TN_PID" 2>/dev/null
			TN_PID=
			return 1
		fi
		tn_i=$((tn_i + 1))
		[ "$tn_i" -le 200 ] || tn_die "slapd did not answer on $LDAPI_URI within 10 s"
		sleep 0.05
	done
}

# tn_stop: stop slapd, then fail if a sanitizer spoke in its log.
tn_stop() {
	[ -n "$TN_PID" ] || return 0
	kill -TERM "$TN_PID" 2>/dev/null
	tn_i=0
	while kill -0 "$TN_PID" 2>/dev/null && [ "$tn_i" -lt 200 ]; do
		sleep 0.05
		tn_i=$((tn_i + 1))
	done
	if kill -0 "$TN_PID" 2>/dev/null; then
		tn_say "slapd ($TN_PID) did not stop within 10 s: killed"
		kill -KILL "$TN_PID" 2>/dev/null
	fi
	wait "$TN_PID" 2>/dev/null || :
	# Whatever $! was, the pid file names slapd itself.
	tn_pid=$(cat "$TN_DIR/slapd.pid" 2>/dev/null) || tn_pid=
	if [ -n "$tn_pid" ] && kill -0 "$tn_pid" 2>/dev/null &&
		grep -q "$TN_DIR" "/proc/$tn_pid/cmdline" 2>/dev/null; then
		kill -KILL "$tn_pid" 2>/dev/null
	fi
	TN_PID=
	tn_sanitizer_verdict "$TN_DIR/slapd.log"
}

# tn_sanitizer_verdict LOG: fail (1) when a sanitizer report in slapd's log
# has a frame in tenancy's code (the module, the engine); print a report
# wholly inside slapd or its libraries (back-mdb's thread-exit handler
# after the database closed, at shutdown) as a note, not counted: it is
# not this project's to fix, and it must not make the suite flaky.
tn_sanitizer_verdict() {
	[ -f "$1" ] || return 0
	awk '
	function flush() {
		if (inrep && ours) {
			bad = 1
			printf "slapd'"'"'s log holds a sanitizer report in tenancy:\n%s", buf > "/dev/stderr"
		} else if (inrep) {
			printf "note: a sanitizer report wholly inside slapd, not counted:\n%s", buf > "/dev/stderr"
		}
		inrep = 0; buf = ""; ours = 0
	}
	/ERROR: (Address|Leak)Sanitizer|runtime error:/ { flush(); inrep = 1 }
	inrep {
		buf = buf $0 "\n"
		if ($0 ~ /tenancy|overlay\/[a-z_]+\.c|src\/(util\/)?[a-z_]+\.c/)
			ours = 1
	}
	inrep && (/^SUMMARY:/ || /runtime error:/) { flush() }
	END { flush(); exit bad }
	' "$1"
}

tn_add() {
	"$LDAPMODIFY" -a -x -H "$LDAPI_URI" -D "${2:-$ROOTDN}" -w "${3:-$ROOTPW}" -f "$1"
}

tn_modify() {
	"$LDAPMODIFY" -x -H "$LDAPI_URI" -D "${2:-$ROOTDN}" -w "${3:-$ROOTPW}" -f "$1"
}
