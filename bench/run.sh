#!/bin/sh
# run.sh - tenancy's benchmarks (`make bench`): the overlay's cost against
# plain slapd on the same data, measured in one run with the servers'
# rounds alternated (A B C A B C ...) so that drift of a loaded machine hits
# every server alike.  Prints every round, then the medians as ratios.
#
#   P1 writes   adds and modifies, BENCH_CONNS clients: tenancy / plain,
#               and tenancy / stock overlays (unique on mail, refint,
#               memberof); with fsync off (dbnosync), which the targets
#               are for, then from one client (reported), and again with
#               fsync on (every commit synced)
#   P1m writes  (reported) adds, modifies and membership changes (a member
#               added to a group, then deleted): the writes the stock
#               overlays act on (memberof writes the member's memberOf)
#   P2 search   (mail=x), all user attributes: tenancy / plain
#   P3 sender   (tenancyAddress=x) -> tenancySender on tenancy /
#               (mail=x) -> mail on plain slapd
#   P4 engine   bench/engine: median ns per decision at BENCH_ENGINE_N
#               mailboxes, with two floors measured in the same run (a DN
#               to its entry, one dependent read from memory);
#               instructions per decision under callgrind
#   P5 lint     tenancy lint / slapadd -u on BENCH_LINT_TENANTS x 1,000
#               mailboxes (1.2M entries by default)
#   P6 memory   model bytes per entry (engine's estimate, and slapd's
#               anonymous memory with the overlay minus without), cold
#               start (slapd start to ready with the overlay) / a full
#               subtree search
#
# Environment (defaults in brackets): BENCH_TENANTS [100],
# BENCH_MAILBOXES [1000] per tenant, BENCH_ROUNDS [4], BENCH_SECS [5],
# BENCH_CONNS [4], BENCH_ENGINE_N [1000000], BENCH_CALLGRIND_N [20000],
# BENCH_LINT_TENANTS [1000], BENCH_INSTR_TENANTS [10], BENCH_INSTR_OPS
# [300], BENCH_DIR [a temporary directory, removed unless BENCH_KEEP=1],
# BENCH_ONLY [all; or a list of: servers instr engine callgrind lint].
#
# Every server runs with loglevel none, and with dbnosync but for the
# fsync-on rounds of P1: the overlay's cost is CPU, and fsync's latency (or
# syslog's) would otherwise decide the rounds and their noise, and hide
# that cost.  P1 is measured both ways all the same, since a production
# server syncs its commits: with fsync on, every server waits for the disk
# at each write, and the ratios say how much of the overlay's cost is left
# once it does.
#
# Needs TOP_SRCDIR and TOP_BUILDDIR (make bench sets them) and a build:
# bench/load, bench/engine, tools/tenancy and the overlay.
set -u

: "${TOP_SRCDIR:?TOP_SRCDIR is not set: run make bench}"
: "${TOP_BUILDDIR:?TOP_BUILDDIR is not set: run make bench}"
. "$TOP_BUILDDIR/test/lib/config.sh"

TENANTS=${BENCH_TENANTS:-100}
MAILBOXES=${BENCH_MAILBOXES:-1000}
ROUNDS=${BENCH_ROUNDS:-4}
SECS=${BENCH_SECS:-5}
CONNS=${BENCH_CONNS:-4}
ENGINE_N=${BENCH_ENGINE_N:-1000000}
CALLGRIND_N=${BENCH_CALLGRIND_N:-20000}
LINT_TENANTS=${BENCH_LINT_TENANTS:-1000}
INSTR_TENANTS=${BENCH_INSTR_TENANTS:-10}
INSTR_OPS=${BENCH_INSTR_OPS:-300}
ONLY=${BENCH_ONLY:-servers instr engine callgrind lint}

SUFFIX='dc=example,dc=net'
ROOTDN="cn=admin,$SUFFIX"
READER="cn=postfix,ou=services,$SUFFIX"
WRITER="cn=operator,$SUFFIX"
PW=secret
LOAD=$TOP_BUILDDIR/bench/load
ENGINE=$TOP_BUILDDIR/bench/engine
TENANCY=$TOP_BUILDDIR/tools/tenancy
MODULE=$TOP_BUILDDIR/overlay/.libs/tenancy.so
SERVERS='plain tenancy stock'

say() { printf '%s\n' "$*"; }
section() { say "== $* [$(elapsed "$T_BEGIN" "$(now)") s]"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
wanted() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "nan"; else printf "%.3f", a / b }'; }
# get TAG NAME FIELD: FIELD of the first results line "TAG NAME ...".
get() { grep "^$1 $2 " "$RES" | tr ' ' '\n' | sed -n "s/^$3=//p" | head -n1; }

if [ -n "${BENCH_DIR:-}" ]; then
	D=$BENCH_DIR
	mkdir -p "$D" || die "cannot create $D"
else
	D=$(mktemp -d "${TMPDIR:-/tmp}/tenancy-bench.XXXXXX") || die "no temporary directory"
fi
RES=$D/results
: >"$RES"

PIDS=
cleanup() {
	for s in $SERVERS; do stop "$s"; stop "i$s"; done
	if [ -z "${BENCH_DIR:-}" ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
		rm -rf "$D"
	else
		say "bench: kept $D"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

free_port() {
	"$PYTHON3" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# conf NAME [KIND]: in $D/NAME, the integration tests' slapd.conf, as
# plain slapd ("plain"), with the tenancy overlay ("tenancy"), or with the
# stock overlays an administrator would otherwise configure ("stock");
# KIND defaults to NAME.  slapd.conf has dbnosync; slapd-sync.conf, the
# same without it, syncs every commit (fsync on).
conf() {
	dir=$D/$1
	kind=${2:-$1}
	mkdir -p "$dir/db"
	case $kind in
	tenancy) drop= ;;
	*) drop='/^# overlay: begin/,/^# overlay: end/d;' ;;
	esac
	sed -e "$drop" \
		-e "s|@SCHEMA_DIR@|$SLAPD_SCHEMA_DIR|g" \
		-e "s|@TENANCY_SCHEMA@|$TOP_SRCDIR/schema/tenancy.schema|g" \
		-e "s|@MODULEPATH@|${MODULE%/*}:$SLAPD_MODULE_DIR|g" \
		-e "s|@DIR@|$dir|g" \
		-e "s|@UID@|$(id -u)|g" -e "s|@GID@|$(id -g)|g" \
		-e "s|@TOP_SRCDIR@|$TOP_SRCDIR|g" -e "s|@TOP_BUILDDIR@|$TOP_BUILDDIR|g" \
		-e 's|^maxsize.*|maxsize		17179869184\ndbnosync|' \
		-e 's|^pidfile.*|loglevel	none\n&|' \
		"$TOP_SRCDIR/test/lib/slapd.conf.in" >"$dir/slapd.conf" || die "cannot write $dir/slapd.conf"
	if [ "$kind" = stock ]; then
		sed -i -e 's|^moduleload[ 	]*back_mdb|&\nmoduleload	unique.la\nmoduleload	refint.la\nmoduleload	memberof.la|' \
			"$dir/slapd.conf"
		cat >>"$dir/slapd.conf" <<STOCK

overlay		unique
unique_uri	ldap:///ou=domains,$SUFFIX?mail,tenancyMailAlias?sub
overlay		refint
refint_attributes	member tenancyUnitRef tenancyGrantee tenancyScope tenancyShareRead tenancyShareManage tenancySendAsDelegate
overlay		memberof
STOCK
	fi
	grep -q '^dbnosync' "$dir/slapd.conf" || die "$dir/slapd.conf: no dbnosync line"
	sed '/^dbnosync/d' "$dir/slapd.conf" >"$dir/slapd-sync.conf" ||
		die "cannot write $dir/slapd-sync.conf"
}

# start NAME [WRAPPER...]: start slapd on a free port, with $dir/$CONF
# (slapd.conf unless CONF is set); prints the seconds from start to the
# first answer.
start() {
	dir=$D/$1
	shift
	port=$(free_port)
	echo "ldap://127.0.0.1:$port/" >"$dir/uri"
	t0=$(now)
	"$@" "$SLAPD" -f "$dir/${CONF:-slapd.conf}" -h "ldap://127.0.0.1:$port/" -d 0 \
		>"$dir/slapd.log" 2>&1 </dev/null &
	echo $! >"$dir/pid"
	i=0
	while ! "$LDAPSEARCH" -x -H "ldap://127.0.0.1:$port/" -s base -b "" -LLL 1.1 \
		>/dev/null 2>&1; do
		kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail "$dir/slapd.log" >&2; die "$dir: slapd exited at start"; }
		i=$((i + 1))
		[ "$i" -le 15000 ] || die "$dir: slapd did not answer within 300 s"
		sleep 0.02
	done
	elapsed "$t0" "$(now)"
}

stop() {
	dir=$D/$1
	[ -f "$dir/pid" ] || return 0
	pid=$(cat "$dir/pid")
	rm -f "$dir/pid"
	kill -TERM "$pid" 2>/dev/null || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 600 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

uri() { cat "$D/$1/uri"; }

# cpu NAME: slapd's user+system CPU so far, in clock ticks.
cpu() { awk '{ print $14 + $15 }' "/proc/$(cat "$D/$1/pid")/stat"; }

# load NAME TAG ARGS...: one round of bench/load; the line, with slapd's
# CPU microseconds per operation, goes to results.
load() {
	srv=$1 tag=$2
	shift 2
	c0=$(cpu "$srv")
	line=$("$LOAD" -H "$(uri "$srv")" -l "$D/data.list" -c "$CONNS" -t "$SECS" -q "$@") ||
		die "$tag on $srv: bench/load failed"
	c1=$(cpu "$srv")
	ops=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^ops=//p')
	line="$line cpu_us=$(awk -v a="$c0" -v b="$c1" -v n="$ops" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.1f", n ? (b - a) * 1e6 / hz / n : 0 }')"
	say "  $tag $srv: $line"
	echo "$tag $srv $line" >>"$RES"
}

# rotate N WORDS...: the words rotated left N times (round N's order).
rotate() {
	n=$(($1 % ($# - 1)))
	shift
	while [ "$n" -gt 0 ]; do
		first=$1
		shift
		set -- "$@" "$first"
		n=$((n - 1))
	done
	echo "$@"
}

# med TAG SERVER FIELD: the median of FIELD over the rounds.
med() {
	grep "^$1 $2 " "$RES" | tr ' ' '\n' | sed -n "s/^$3=//p" | median
}

machine() {
	cpu=$(sed -n 's/^model name[ 	]*: //p' /proc/cpuinfo | head -n1)
	say "machine: $(nproc) CPUs, $cpu, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
	say "slapd: $("$SLAPD" -VV 2>&1 | sed -n 's/.*\(slapd [^ ]*\).*/\1/p' | head -n1)"
}

T_BEGIN=$(now)
say "tenancy benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
machine
say "work directory: $D"

# ---------------------------------------------------------------- servers
if wanted servers; then
	section "data: $TENANTS tenants x $MAILBOXES mailboxes"
	"$PYTHON3" "$TOP_SRCDIR/bench/gen.py" -t "$TENANTS" -m "$MAILBOXES" \
		--ldif "$TOP_SRCDIR/ldif" -o "$D/data.ldif" -l "$D/data.list" || die "gen.py failed"
	ENTRIES=$(grep -c '^dn:' "$D/data.ldif")
	say "  $ENTRIES entries"
	for s in $SERVERS; do conf "$s"; done
	t0=$(now)
	"$SLAPADD" -q -f "$D/plain/slapd.conf" -l "$D/data.ldif" >"$D/slapadd.log" 2>&1 ||
		{ tail "$D/slapadd.log" >&2; die "slapadd failed"; }
	say "  slapadd -q: $(elapsed "$t0" "$(now)") s"
	# Every server gets a copy: the file slapadd wrote itself behaves
	# differently under writes (its blocks are not laid out as a copy's).
	mv "$D/plain/db/data.mdb" "$D/data.mdb"
	rm -f "$D/plain/db/lock.mdb"
	for s in $SERVERS; do cp "$D/data.mdb" "$D/$s/db/data.mdb"; done
	rm -f "$D/data.mdb"

	section "cold start: slapd start to first answer ($ROUNDS rounds, plain and tenancy alternated)"
	for r in $(seq "$ROUNDS"); do
		for s in plain tenancy; do
			t=$(start "$s") || die "$s did not start"
			stop "$s"
			say "  start $s: $t s"
			echo "start $s secs=$t" >>"$RES"
		done
	done

	for s in $SERVERS; do start "$s" >/dev/null || die "$s did not start"; done
	for s in $SERVERS; do
		"$LOAD" -H "$(uri "$s")" -D "$READER" -w "$PW" -l "$D/data.list" -c "$CONNS" -t 2 -q \
			--op search >/dev/null || die "warm-up on $s failed"
		"$LOAD" -H "$(uri "$s")" -D "$WRITER" -w "$PW" -l "$D/data.list" -c "$CONNS" -t 3 -q \
			--op add,modify -s 99 >/dev/null || die "write warm-up on $s failed"
	done
	section "full subtree search on plain slapd, as the rootdn"
	for r in $(seq "$ROUNDS"); do
		t0=$(now)
		"$LDAPSEARCH" -x -H "$(uri plain)" -D "$ROOTDN" -w "$PW" -b "$SUFFIX" -LLL \
			'(objectClass=*)' >"$D/full.ldif" 2>/dev/null || die "full search failed"
		t=$(elapsed "$t0" "$(now)")
		say "  full search: $t s, $(grep -c '^dn:' "$D/full.ldif") entries"
		echo "full plain secs=$t" >>"$RES"
	done
	rm -f "$D/full.ldif"
	for s in plain tenancy; do
		rss=$(awk '/^RssAnon/ { print $2 }' "/proc/$(cat "$D/$s/pid")/status")
		echo "rss $s kb=$rss" >>"$RES"
	done

	section "P1 writes, fsync off: add+modify, $CONNS clients, as $WRITER ($ROUNDS rounds of $SECS s)"
	for r in $(seq "$ROUNDS"); do
		for s in $(rotate "$r" $SERVERS); do load "$s" P1 -D "$WRITER" -w "$PW" --op add,modify -s "$r"; done
	done
	# The same writes from one client: each write's own cost, which
	# concurrency hides for the servers whose extra work runs in parallel.
	section "P1 writes, fsync off, 1 client: add+modify, as $WRITER ($ROUNDS rounds of $SECS s)"
	for r in $(seq "$ROUNDS"); do
		for s in $(rotate "$r" $SERVERS); do
			load "$s" P1c1 -D "$WRITER" -w "$PW" --op add,modify -c 1 -s "$((r + 200))"
		done
	done
	# Writes the stock overlays act on: memberof updates each added or
	# deleted member's memberOf, a second write.
	section "P1m writes, fsync off: add+modify+member, $CONNS clients, as $WRITER ($ROUNDS rounds of $SECS s)"
	for r in $(seq "$ROUNDS"); do
		for s in $(rotate "$r" $SERVERS); do
			load "$s" P1m -D "$WRITER" -w "$PW" --op add,modify,member -s "$((r + 300))"
		done
	done
	section "P2 search: (mail=x), all attributes, as $READER"
	for r in $(seq "$ROUNDS"); do
		for s in $(rotate "$r" $SERVERS); do load "$s" P2 -D "$READER" -w "$PW" --op search -s "$r"; done
	done
	section "P3 sender: (tenancyAddress=x) -> tenancySender, against (mail=x) -> mail on plain"
	for r in $(seq "$ROUNDS"); do
		for s in $(rotate "$r" plain tenancy); do
			case $s in
			plain) load plain P3 -D "$READER" -w "$PW" --op search -a mail -s "$r" ;;
			*) load tenancy P3 -D "$READER" -w "$PW" --op sender -s "$r" ;;
			esac
		done
	done
	for s in $SERVERS; do stop "$s"; done

	# The same writes with every commit synced: each server restarted on
	# its own database (which the rounds above have written to alike),
	# without dbnosync; other seeds than the rounds above, so other
	# mailboxes are picked.
	for s in $SERVERS; do CONF=slapd-sync.conf start "$s" >/dev/null || die "$s did not start (fsync on)"; done
	section "P1 writes, fsync on: add+modify, $CONNS clients, as $WRITER ($ROUNDS rounds of $SECS s)"
	for r in $(seq "$ROUNDS"); do
		for s in $(rotate "$r" $SERVERS); do
			load "$s" P1sync -D "$WRITER" -w "$PW" --op add,modify -s "$((r + 100))"
		done
	done
	for s in $SERVERS; do stop "$s"; done
fi

# ------------------------------------------- instructions per operation
# The same workloads under callgrind, at a smaller scale: instruction counts
# do not drift with the machine's load, so they back the ratios above.  Each
# workload gets a fresh slapd on a fresh copy of the data; only what runs
# inside do_search, do_add and do_modify is counted (not start-up, binds or
# the connection's I/O), and --vgdb=no keeps any callgrind_control run on
# the same machine from zeroing or dumping these counters.
if wanted instr; then
	if command -v valgrind >/dev/null; then
		section "instructions per operation in slapd, under callgrind: $INSTR_TENANTS tenants x $MAILBOXES mailboxes, $INSTR_OPS operations each"
		"$PYTHON3" "$TOP_SRCDIR/bench/gen.py" -t "$INSTR_TENANTS" -m "$MAILBOXES" \
			--ldif "$TOP_SRCDIR/ldif" -o "$D/small.ldif" -l "$D/small.list" || die "gen.py failed"
		for s in $SERVERS; do conf "i$s" "$s"; done
		"$SLAPADD" -q -f "$D/iplain/slapd.conf" -l "$D/small.ldif" >"$D/slapadd-small.log" 2>&1 ||
			{ tail "$D/slapadd-small.log" >&2; die "slapadd failed"; }
		mv "$D/iplain/db/data.mdb" "$D/small.mdb"
		for s in $SERVERS; do
			for w in P1 P1m P2 P3; do
				case $w.$s in
				P1.*) args="-D $WRITER --op add,modify" ;;
				P1m.*) args="-D $WRITER --op ${BENCH_P1M_OPS:-add,modify,member}" ;;
				P2.*) args="-D $READER --op search" ;;
				P3.plain) args="-D $READER --op search -a mail" ;;
				P3.tenancy) args="-D $READER --op sender" ;;
				*) continue ;;
				esac
				rm -f "$D/i$s/db/"* "$D/i$s/cg.out"
				cp "$D/small.mdb" "$D/i$s/db/data.mdb"
				start "i$s" valgrind --tool=callgrind --vgdb=no --collect-atstart=no \
					--toggle-collect=do_search --toggle-collect=do_add \
					--toggle-collect=do_modify --callgrind-out-file="$D/i$s/cg.out" \
					>/dev/null || die "i$s did not start"
				# shellcheck disable=SC2086
				"$LOAD" -H "$(uri "i$s")" -w "$PW" -l "$D/small.list" -c 1 -t 900 \
					-n "$INSTR_OPS" -q $args >/dev/null || die "i$s: $w failed"
				stop "i$s"
				ir=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$D/i$s/cg.out")
				[ -n "$ir" ] || ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$D/i$s/cg.out")
				ir=$((ir / INSTR_OPS))
				say "  $w $s: $ir instructions per operation"
				echo "instr $w.$s ir=$ir" >>"$RES"
			done
			rm -rf "$D/i$s/db"
		done
		rm -f "$D/small.mdb"
	else
		say "== instructions per operation: valgrind not found, skipped"
	fi
fi

# ----------------------------------------------------------------- engine
if wanted engine; then
	section "P4 engine: $ENGINE_N mailboxes"
	"$ENGINE" -n "$ENGINE_N" >"$D/engine.out" || die "bench/engine failed"
	sed 's/^/  /' "$D/engine.out"
	for k in sendas rights route sender lookup; do
		echo "engine $k ns=$(sed -n "s/^$k: .* median \([0-9]*\) ns.*/\1/p" "$D/engine.out")" >>"$RES"
	done
	echo "engine memory ns=$(sed -n 's/^memory: \([0-9]*\) ns per dependent read.*/\1/p' "$D/engine.out")" >>"$RES"
	echo "model bytes=$(sed -n 's/^model-bytes: .*, \([0-9.]*\) bytes per entry/\1/p' "$D/engine.out")" >>"$RES"
	echo "model load=$(sed -n 's/.* loaded in \([0-9.]*\) s.*/\1/p' "$D/engine.out")" >>"$RES"
fi

if wanted callgrind; then
	if command -v valgrind >/dev/null; then
		section "P4 callgrind: $CALLGRIND_N mailboxes, 2,000 decisions of each kind"
		mkdir -p "$D/callgrind"
		(cd "$D/callgrind" && valgrind --tool=callgrind --vgdb=no --collect-atstart=no \
			--callgrind-out-file=cg.out "$ENGINE" --callgrind -n "$CALLGRIND_N" -k 2000 \
			>engine.out 2>valgrind.log) || die "callgrind run failed"
		for f in "$D"/callgrind/cg.out.*; do
			k=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
			ir=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$f")
			[ -n "$ir" ] || ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$f")
			[ -n "$k" ] && echo "callgrind $k ir=$((ir / 2000))" >>"$RES"
			say "  $k: $((ir / 2000)) instructions per decision"
		done
	else
		section "P4 callgrind: valgrind not found, skipped"
	fi
fi

# ------------------------------------------------------------------- lint
if wanted lint; then
	section "P5 lint: $LINT_TENANTS tenants x 1,000 mailboxes"
	"$PYTHON3" "$TOP_SRCDIR/bench/gen.py" -t "$LINT_TENANTS" -m 1000 \
		--ldif "$TOP_SRCDIR/ldif" -o "$D/big.ldif" || die "gen.py failed"
	say "  $(grep -c '^dn:' "$D/big.ldif") entries, $(du -m "$D/big.ldif" | cut -f1) MB"
	[ -f "$D/plain/slapd.conf" ] || conf plain
	cat "$D/big.ldif" >/dev/null
	# timed RESULT-NAME CMD...: wall and CPU (user+system) seconds of CMD,
	# as "secs=W cpu=C" (cpu=nan without /usr/bin/time); CMD's status kept.
	timed() {
		tag=$1
		shift
		t0=$(now)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%U %S' -o "$D/$tag.time" "$@"
		else
			"$@"
		fi
		rc=$?
		w=$(elapsed "$t0" "$(now)")
		# The last line: time(1) says "Command exited with non-zero
		# status N" first when CMD fails.
		c=$(awk 'END { printf "%.2f", $1 + $2 }' "$D/$tag.time" 2>/dev/null)
		echo "lint $tag secs=$w cpu=${c:-nan}" >>"$RES"
		return $rc
	}
	# The same configuration, hence the same schema, as slapadd -u below:
	# both check every entry against it.
	timed lint "$TENANCY" lint --config "$D/plain/slapd.conf" "$D/big.ldif" \
		>"$D/lint.out" 2>&1
	lrc=$?
	say "  tenancy lint: $(get lint lint secs) s, CPU $(get lint lint cpu) s (exit $lrc, $(wc -l <"$D/lint.out") lines of findings)"
	timed slapadd "$SLAPADD" -u -f "$D/plain/slapd.conf" -l "$D/big.ldif" >"$D/slapadd-u.log" 2>&1 ||
		{ tail "$D/slapadd-u.log" >&2; die "slapadd -u failed"; }
	say "  slapadd -u: $(get lint slapadd secs) s, CPU $(get lint slapadd cpu) s"
	rm -f "$D/big.ldif"
fi

# ---------------------------------------------------------------- summary
verdict() { awk -v v="$1" -v t="$2" -v d="$3" 'BEGIN {
	if (v == "nan" || v == "") print "-"; else if ((d == "ge" && v >= t) || (d == "le" && v <= t)) print "met"; else print "MISSED" }'; }
row() { printf '%-44s %-14s %-12s %s\n' "$1" "$2" "$3" "$4"; }

say ""
if wanted servers; then
	say "== summary (medians of $ROUNDS rounds, servers alternated in one run; $(elapsed "$T_BEGIN" "$(now)") s in all)"
else
	say "== summary ($(elapsed "$T_BEGIN" "$(now)") s in all)"
fi
machine
row "measure" "measured" "target" "verdict"
if wanted servers; then
	p1t=$(med P1 tenancy ops_s) p1p=$(med P1 plain ops_s) p1s=$(med P1 stock ops_s)
	r=$(ratio "$p1t" "$p1p"); row "P1 writes tenancy/plain, fsync off" "$r" ">= 0.95" "$(verdict "$r" 0.95 ge)"
	r=$(ratio "$p1t" "$p1s"); row "P1 writes tenancy/stock, fsync off" "$r" ">= 1.05" "$(verdict "$r" 1.05 ge)"
	r=$(ratio "$p1s" "$p1p"); row "P1 writes stock/plain, fsync off" "$r" "(info)" ""
	p1t=$(med P1c1 tenancy ops_s) p1p=$(med P1c1 plain ops_s) p1s=$(med P1c1 stock ops_s)
	r=$(ratio "$p1t" "$p1p"); row "P1 writes tenancy/plain, 1 client" "$r" "(info)" ""
	r=$(ratio "$p1t" "$p1s"); row "P1 writes tenancy/stock, 1 client" "$r" "(info)" ""
	r=$(ratio "$p1s" "$p1p"); row "P1 writes stock/plain, 1 client" "$r" "(info)" ""
	p1t=$(med P1m tenancy ops_s) p1p=$(med P1m plain ops_s) p1s=$(med P1m stock ops_s)
	r=$(ratio "$p1t" "$p1p"); row "P1m writes with members tenancy/plain" "$r" "(info)" ""
	r=$(ratio "$p1t" "$p1s"); row "P1m writes with members tenancy/stock" "$r" "(info)" ""
	r=$(ratio "$p1s" "$p1p"); row "P1m writes with members stock/plain" "$r" "(info)" ""
	p1t=$(med P1sync tenancy ops_s) p1p=$(med P1sync plain ops_s) p1s=$(med P1sync stock ops_s)
	r=$(ratio "$p1t" "$p1p"); row "P1 writes tenancy/plain, fsync on" "$r" "(info)" ""
	r=$(ratio "$p1t" "$p1s"); row "P1 writes tenancy/stock, fsync on" "$r" "(info)" ""
	r=$(ratio "$p1s" "$p1p"); row "P1 writes stock/plain, fsync on" "$r" "(info)" ""
	r=$(ratio "$(med P2 tenancy ops_s)" "$(med P2 plain ops_s)")
	row "P2 (mail=x) tenancy/plain" "$r" ">= 0.98" "$(verdict "$r" 0.98 ge)"
	r=$(ratio "$(med P2 stock ops_s)" "$(med P2 plain ops_s)")
	row "P2 (mail=x) stock overlays/plain" "$r" "(info)" ""
	r=$(ratio "$(med P3 tenancy ops_s)" "$(med P3 plain ops_s)")
	row "P3 sender lookup / plain (mail=x)" "$r" ">= 0.95" "$(verdict "$r" 0.95 ge)"
	for s in P1 P1c1 P1m P1sync P2 P3; do
		for v in $SERVERS; do
			grep -q "^$s $v " "$RES" || continue
			row "  $s $v ops/s p50 p99 (us)" "$(med "$s" "$v" ops_s)" "$(med "$s" "$v" p50_us)" "$(med "$s" "$v" p99_us)"
		done
	done
fi
if wanted servers; then
	# slapd's CPU per operation, plain over tenancy: above 1, tenancy is cheaper.
	for w in P1 P1c1 P1m P1sync P2 P3; do
		r=$(ratio "$(med "$w" plain cpu_us)" "$(med "$w" tenancy cpu_us)")
		row "$w slapd CPU/op plain/tenancy" "$r" "(info)" ""
	done
	for w in P1 P1c1 P1m; do
		r=$(ratio "$(med "$w" stock cpu_us)" "$(med "$w" tenancy cpu_us)")
		row "$w slapd CPU/op stock/tenancy" "$r" "(info)" ""
	done
fi
if wanted instr; then
	for w in P1 P1m P2 P3; do
		p=$(get instr "$w.plain" ir) t=$(get instr "$w.tenancy" ir) k=$(get instr "$w.stock" ir)
		row "$w instructions/op plain/tenancy" "$(ratio "$p" "$t")" "(info)" ""
		row "  plain, tenancy, stock instructions/op" "$p" "$t" "${k:--}"
	done
fi
if wanted engine; then
	for k in sendas rights route sender; do
		v=$(get engine "$k" ns)
		case $k in
		sender) row "P4 $k (tenancySender) median ns" "$v" "(info)" "" ;;
		*) row "P4 $k median ns ($ENGINE_N mailboxes)" "$v" "<= 500" "$(verdict "$v" 500 le)" ;;
		esac
	done
	# The floors: a DN to its entry (two reads from memory, one after
	# the other: the index slot, then the node), and one such read.
	row "P4 lookup (a DN to its entry) median ns" "$(get engine lookup ns)" "(info)" ""
	row "P4 one dependent read from memory, ns" "$(get engine memory ns)" "(info)" ""
fi
if wanted callgrind; then
	for k in sendas rights route sender; do
		v=$(get callgrind "$k" ir)
		[ -n "$v" ] && row "P4 $k instructions/decision" "$v" "(info)" ""
	done
fi
if wanted lint; then
	tl=$(get lint lint secs) ts=$(get lint slapadd secs)
	cl=$(get lint lint cpu) cs=$(get lint slapadd cpu)
	r=$(ratio "$ts" "$tl")
	row "P5 slapadd -u / lint, wall time" "$r" ">= 1.00" "$(verdict "$r" 1.0 ge)"
	r=$(ratio "$cs" "$cl")
	row "P5 slapadd -u / lint, CPU time" "$r" ">= 1.00" "$(verdict "$r" 1.0 ge)"
	row "  lint s, slapadd -u s (wall)" "$tl" "$ts" ""
	row "  lint s, slapadd -u s (CPU)" "$cl" "$cs" ""
fi
if wanted engine; then
	v=$(grep '^model bytes=' "$RES" | sed 's/.*=//')
	row "P6 model bytes/entry (engine estimate)" "$v" "<= 150" "$(verdict "$v" 150 le)"
fi
if wanted servers; then
	kt=$(get rss tenancy kb) kp=$(get rss plain kb)
	v=$(awk -v t="$kt" -v p="$kp" -v n="$ENTRIES" 'BEGIN { printf "%.0f", (t - p) * 1024 / n }')
	row "P6 slapd anon memory delta/entry" "$v" "<= 250" "$(verdict "$v" 250 le)"
	st=$(med start tenancy secs) sp=$(med start plain secs) fs=$(med full plain secs)
	r=$(ratio "$st" "$fs")
	row "P6 cold start / full subtree search" "$r" "<= 2.00" "$(verdict "$r" 2.0 le)"
	row "  start tenancy s, start plain s, search s" "$st" "$sp" "$fs"
fi
