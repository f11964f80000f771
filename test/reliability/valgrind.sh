#!/bin/sh
# valgrind.sh - run integration tests with slapd under valgrind, and report
# what valgrind attributes to the tenancy module.
#
# Usage: valgrind.sh [memcheck|helgrind] [TEST...]
#   make check-valgrind   memcheck (--leak-check=full, definite leaks as
#                         errors) through test/scenarios.test
#   make check-helgrind   helgrind through test/reliability/race.test
#
# The harness is used unchanged: a shadow build tree whose config.sh names
# a wrapper as slapd, which runs the real one under valgrind.  The wrapper
# forwards SIGTERM and waits, and gives slapd a copy of its configuration
# outside the test's directory, so that the harness's stop (which kills
# what is left after 10 s) does not cut valgrind's leak report short; this
# script then waits for every report to be written.
#
# Reports (one valgrind log per slapd) go to $VALGRIND_OUT (default
# $TOP_BUILDDIR/valgrind-out).  Printed: each error or definite leak that
# valgrind-attribute.awk attributes to tenancy (its code in the erring
# stack, or its allocation raced on; not merely a tenancy lock held), then
# "N passed, M failed": slapd runs without such an error, and with.  Errors
# of slapd and its libraries are left in the logs, not counted.
# Environment: TOP_SRCDIR, TOP_BUILDDIR (make sets them); TENANCY_JOBS
# (default 1: valgrind is slow).
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
tool=${1:-memcheck}
[ $# -gt 0 ] && shift
case $tool in
memcheck) opts="--tool=memcheck --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=yes" ;;
helgrind) opts="--tool=helgrind --history-level=full" ;;
*) echo "usage: $0 [memcheck|helgrind] [TEST...]" >&2; exit 2 ;;
esac
if [ $# -eq 0 ]; then
	case $tool in
	memcheck) set -- "$TOP_SRCDIR/test/scenarios.test" ;;
	helgrind) set -- "$TOP_SRCDIR/test/reliability/race.test" ;;
	esac
fi
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 77; }

out=${VALGRIND_OUT:-$TOP_BUILDDIR/valgrind-out}
rm -rf "$out"
mkdir -p "$out/tree/test/lib" "$out/logs" "$out/conf"
. "$TOP_BUILDDIR/test/lib/config.sh"
real_slapd=$SLAPD
for d in overlay tools src schema; do
	[ -e "$TOP_BUILDDIR/$d" ] && ln -s "$TOP_BUILDDIR/$d" "$out/tree/$d"
done
sed "s|^SLAPD=.*|SLAPD='$out/slapd-valgrind'|" "$TOP_BUILDDIR/test/lib/config.sh" \
	>"$out/tree/test/lib/config.sh"

cat >"$out/slapd-valgrind" <<WRAP
#!/bin/sh
# slapd under valgrind $tool (written by test/reliability/valgrind.sh).
n=\$\$
conf=
if [ "\$1" = -f ]; then
	conf="$out/conf/slapd-\$n.conf"
	cp "\$2" "\$conf" || exit 1
	shift 2
	set -- -f "\$conf" "\$@"
fi
valgrind $opts --num-callers=40 --log-file="$out/logs/\$n.log" \\
	--suppressions="$TOP_SRCDIR/test/reliability/valgrind.supp" "$real_slapd" "\$@" &
child=\$!
trap 'kill -TERM \$child 2>/dev/null' TERM INT
while kill -0 \$child 2>/dev/null; do wait \$child; done
WRAP
chmod +x "$out/slapd-valgrind"

status=0
for t in "$@"; do
	echo "== $t under valgrind $tool"
	TOP_SRCDIR=$TOP_SRCDIR TOP_BUILDDIR=$out/tree TENANCY_JOBS=${TENANCY_JOBS:-1} \
		sh "$t" >"$out/$(basename "$t").log" 2>&1 || status=1
	tail -n 1 "$out/$(basename "$t").log"
done

# Wait (5 min at most) for every valgrind to finish its report.
i=0
while [ "$i" -lt 300 ]; do
	busy=0
	for l in "$out"/logs/*.log; do
		[ -f "$l" ] || continue
		grep -qE 'ERROR SUMMARY' "$l" || busy=1
	done
	[ "$busy" = 0 ] && break
	i=$((i + 1))
	sleep 1
done

passed=0
failed=0
for l in "$out"/logs/*.log; do
	[ -f "$l" ] || continue
	found=$(sed 's/^==[0-9]*== \{0,1\}//' "$l" |
		awk -f "$TOP_SRCDIR/test/reliability/valgrind-attribute.awk" 2>/dev/null)
	if [ -n "$found" ]; then
		failed=$((failed + 1))
		echo "FAIL $(basename "$l"): valgrind $tool attributes errors to tenancy"
		printf '%s\n' "$found" | head -n 80 | sed 's/^/	| /'
	else
		passed=$((passed + 1))
	fi
done
[ "$passed$failed" != 00 ] || { echo "valgrind.sh: no slapd ran under valgrind"; exit 1; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
