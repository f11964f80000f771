#!/bin/sh
# corpus.sh - build the fuzz targets' seed corpora from ldif/ and the
# scenarios under test/scenarios/, at run time (nothing is committed).
#
# Usage: fuzz/corpus.sh TOP_SRCDIR OUTDIR
#
# OUTDIR/lint   each ldif/ file; the layout, roles and iwdemo in one file;
#               for every step file of every scenario, the ldif/ files and
#               the scenario's earlier steps (as the administrator), then
#               "# bind: DN" and the step itself; a slapcat-like dump
# OUTDIR/dn     DNs and values from those files, four to a seed, NUL apart
# OUTDIR/route  each address of those files, and its other case
# OUTDIR/model  a few byte strings (the target builds its own universe)
# OUTDIR/address  the addresses of the route corpus, and the spellings
#               of scenario 53-address-syntax's values
# OUTDIR/identity  a few byte strings (the target spells the fixture's DNs)
set -eu
top=$1
out=$2
mkdir -p "$out/lint" "$out/dn" "$out/route" "$out/model" "$out/address" "$out/identity"

# Comments out: earlier steps are replayed as the administrator.
strip() { grep -v '^#' "$@" || :; }

base="$top/ldif/base.ldif $top/ldif/roles.ldif"
n=0
for f in "$top"/ldif/*.ldif; do
	n=$((n + 1))
	cp "$f" "$out/lint/ldif-$n"
done
strip $base "$top/ldif/iwdemo.ldif" >"$out/lint/iwdemo-all"
# slapcat output: operational attributes, loaded unordered by lint.
awk '/^dn:/ { n++ } { print } /^dn:/ { printf "entryUUID: 00000000-0000-0000-0000-%012d\n", n }' \
	"$out/lint/iwdemo-all" >"$out/lint/slapcat-iwdemo"

for d in "$top"/test/scenarios/*/; do
	name=$(basename "$d")
	prev=
	for step in "$d"*.ldif; do
		[ -f "$step" ] || continue
		[ "${step##*/}" != setup.ldif ] || continue
		s=$(basename "$step" .ldif)
		bind=$(sed -n 's/^# bind:[ 	]*//p' "$step" | head -n 1)
		{
			strip $base "$top/ldif/iwdemo.ldif" "$top/ldif/bluemind-units.ldif"
			[ ! -f "$d/setup.ldif" ] || strip "$d/setup.ldif"
			# shellcheck disable=SC2086
			[ -z "$prev" ] || strip $prev
			echo
			[ -z "$bind" ] || printf '# bind: %s\n' "$bind"
			strip "$step"
		} >"$out/lint/$name-$s" 2>/dev/null || :
		prev="$prev $step"
	done
done

# DNs and values: the dn, member, reference and address lines.
values=$(mktemp)
cat "$top"/ldif/*.ldif "$top"/test/scenarios/*/*.ldif 2>/dev/null |
	sed -n 's/^\(dn\|member\|tenancy[A-Za-z]*\|mail\): *\([^:].*\)$/\2/p' | sort -u >"$values"
i=0
while IFS= read -r a && IFS= read -r b && IFS= read -r c && IFS= read -r e; do
	i=$((i + 1))
	printf '%s%s\000%s\000%s\000%s' "$(printf "\\$(printf '%03o' $((i % 256)))")" \
		"$a" "$b" "$c" "$e" >"$out/dn/seed-$i"
done <"$values"
i=0
grep '@' "$values" | while IFS= read -r a; do
	i=$((i + 1))
	printf '%s' "$a" >"$out/route/seed-$i"
	printf '%s' "$a" | tr 'a-z' 'A-Z' >"$out/route/seed-$i-upper"
done
i=0
grep '@' "$values" | while IFS= read -r a; do
	i=$((i + 1))
	printf '%s' "$a" >"$out/address/seed-$i"
done
for a in ' bob@a.test' 'bob@a.test ' 'evil,contact@a.test' '"q x"@a.test' 'a..b@a.test' \
	".a@a.test" "o'brien@a.test" 'a+b@a.test' 'x@xn--bcher-kva.test' 'x@a_b.test'; do
	i=$((i + 1))
	printf '%s' "$a" >"$out/address/seed-$i"
done
rm -f "$values"

i=0
for s in '\000\001\002\003\004\005\006\007' '\020\040\060\100\120\140' \
	'\000\000\002\002\003\003\001\001\004\004' '\377\376\375\374\373\372'; do
	i=$((i + 1))
	printf "$s" >"$out/model/seed-$i"
	printf "$s" >"$out/identity/seed-$i"
done
