#!/bin/sh
# build.sh - build the libFuzzer targets with clang, independently of
# configure (make fuzz calls it).
#
# Usage: fuzz/build.sh TOP_SRCDIR OUTDIR
#
# The engine's sources (src/*.c, src/util/*.c) are compiled once into
# OUTDIR/obj with -fsanitize=fuzzer-no-link,address,undefined; each target
# links them with its own file, fuzz/common.c and, for lint, tools/ldif.c
# and libldap.  Only what changed is rebuilt.
#
# Environment: FUZZ_CC (default clang), FUZZ_CFLAGS (added after the
# defaults, e.g. -fno-sanitize=nonnull-attribute while a finding is open).
set -eu
top=$1
out=$2
cc=${FUZZ_CC:-clang}
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-g -O1 -fno-omit-frame-pointer $san -Wall -Wextra ${FUZZ_CFLAGS:-}"
inc="-I$top/src -I$top/tools -I$top/fuzz"

command -v "$cc" >/dev/null 2>&1 || {
	echo "fuzz: $cc not found (install clang and libclang-rt-dev)" >&2
	exit 1
}
mkdir -p "$out/obj"
# Other flags than last time: rebuild everything.
if [ "$(cat "$out/obj/flags" 2>/dev/null)" != "$cc $cflags" ]; then
	rm -f "$out"/obj/*.o "$out"/fuzz-lint "$out"/fuzz-dn "$out"/fuzz-model "$out"/fuzz-route \
		"$out"/fuzz-address "$out"/fuzz-identity
	printf '%s\n' "$cc $cflags" >"$out/obj/flags"
fi

# Compile $1 to $2 when $2 is missing or older than $1 or a header.
compile() {
	if [ -f "$2" ] && [ "$2" -nt "$1" ]; then
		stale=0
		for h in "$top"/src/*.h "$top"/src/util/*.h "$top"/fuzz/*.h "$top"/tools/cli.h; do
			[ "$h" -nt "$2" ] && stale=1
		done
		[ "$stale" = 0 ] && return 0
	fi
	echo "  CC      ${1#"$top"/}"
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer-no-link $inc -c "$1" -o "$2"
}

engine=
for f in "$top"/src/*.c "$top"/src/util/*.c "$top"/fuzz/common.c "$top"/tools/ldif.c; do
	o=$out/obj/$(echo "${f#"$top"/}" | tr / _ | sed 's/\.c$/.o/')
	compile "$f" "$o"
	case $f in
	*/tools/ldif.c) ldif_o=$o ;;
	*) engine="$engine $o" ;;
	esac
done

for t in lint dn model route address identity; do
	o=$out/obj/fuzz_$t.o
	compile "$top/fuzz/$t.c" "$o"
	extra=
	[ "$t" = lint ] && extra="$ldif_o -lldap -llber"
	bin=$out/fuzz-$t
	relink=0
	[ -f "$bin" ] || relink=1
	for dep in $o $engine $extra; do
		case $dep in -*) continue ;; esac
		[ "$dep" -nt "$bin" ] 2>/dev/null && relink=1
	done
	[ "$relink" = 1 ] || continue
	echo "  CCLD    fuzz/fuzz-$t"
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer "$o" $engine $extra -o "$bin"
done
