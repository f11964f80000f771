#!/bin/sh
# run.sh - run each libFuzzer target for a bounded time (make fuzz-smoke,
# make fuzz-long, test/reliability/fuzz.test).
#
# Usage: fuzz/run.sh TOP_SRCDIR OUTDIR SECONDS [TARGET...]
#
# Builds the targets (fuzz/build.sh) into OUTDIR, the seed corpora
# (fuzz/corpus.sh) into OUTDIR/corpus, then runs each target for SECONDS,
# two at a time, with its corpus; new inputs stay in OUTDIR/corpus for the
# next run.  A crash is saved as OUTDIR/crash-TARGET-*.  Prints one line
# per target, then "N passed, M failed"; exits 1 when any target failed.
# Open findings listed in fuzz/known.sh are stepped around.
set -u
top=$1
out=$2
secs=$3
shift 3
targets=${*:-lint dn model route address identity}
. "$top/fuzz/known.sh"

"$top/fuzz/build.sh" "$top" "$out" || exit 99
[ -d "$out/corpus" ] || "$top/fuzz/corpus.sh" "$top" "$out/corpus" || exit 99

run_one() {
	t=$1
	mkdir -p "$out/corpus/$t.new"
	# -timeout: an input slower than 25 s is a hang, and a finding.
	# FUZZ_SEED and FUZZ_RUNS (make check): the same inputs every time,
	# so a test run finds only what the engine got wrong, reproducibly.
	"$out/fuzz-$t" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
		${FUZZ_SEED:+-seed="$FUZZ_SEED"} ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$out/crash-$t-" \
		"$out/corpus/$t.new" "$out/corpus/$t" >"$out/$t.log" 2>&1
}

passed=0
failed=0
set -- $targets
while [ $# -gt 0 ]; do
	a=$1; shift
	b=${1:-}; [ $# -gt 0 ] && shift
	run_one "$a" & pa=$!
	pb=
	[ -n "$b" ] && { run_one "$b" & pb=$!; }
	for p in "$a:$pa" "$b:$pb"; do
		t=${p%%:*} pid=${p#*:}
		[ -n "$t" ] || continue
		if wait "$pid"; then
			passed=$((passed + 1))
			runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
			echo "ok   fuzz-$t: ${runs:-?} inputs in ${secs} s"
		else
			failed=$((failed + 1))
			echo "FAIL fuzz-$t: see $out/$t.log"
			grep -E 'ERROR|runtime error|SUMMARY|^model:|^route:|answer text' "$out/$t.log" | head -n 8 | sed 's/^/	| /'
			ls "$out"/crash-"$t"-* 2>/dev/null | sed 's/^/	| reproducer: /'
		fi
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
