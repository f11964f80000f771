#!/bin/sh
# replay.sh - run every reproducer under fuzz/crashes/ once, each on the
# target its name begins with (dn-*, lint-*, model-*, route-*), strictly
# (fuzz/known.sh is not applied; model-* load children before their
# tenant, FUZZ_LOAD_REVERSE=1).  Until the engine is fixed they fail:
# that is what they are for.  LDIF reproducers (*.ldif) are given to
# `tenancy lint` (OUTDIR/../tools/tenancy), which must report a finding.
#
# Usage: fuzz/replay.sh TOP_SRCDIR OUTDIR
top=$1
out=$2
passed=0
failed=0
for f in "$top"/fuzz/crashes/*; do
	[ -f "$f" ] || continue
	n=${f##*/}
	case $n in
	*.ldif)
		timeout 60 "$out/../tools/tenancy" lint "$f" >"$out/replay-$n.log" 2>&1
		rc=$?
		if [ "$rc" -eq 1 ]; then
			passed=$((passed + 1))
			echo "ok   $n: $(head -n 1 "$out/replay-$n.log")"
		else
			failed=$((failed + 1))
			echo "FAIL $n: tenancy lint exits $rc (1 wanted: a finding)"
		fi
		continue ;;
	esac
	t=${n%%-*}
	if FUZZ_LOAD_REVERSE=1 "$out/fuzz-$t" -timeout=25 "$f" >"$out/replay-$n.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $n"
	else
		failed=$((failed + 1))
		echo "FAIL $n: $(grep -m1 -E 'runtime error|ERROR|^model:|answer text' "$out/replay-$n.log")"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
