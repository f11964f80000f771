#!/bin/sh
# suite.sh - OpenLDAP's own regression suite, with and without tenancy.
#
# Usage: [TESTS="test006-acls ..."] suite.sh   (make openldap-tests)
#
# Where there is no tenant the overlay must change nothing.  This runs the
# back-mdb tests of the OpenLDAP release that the installed slapd comes
# from twice: as they are, and with `overlay tenancy` (tenancy-domains and
# tenancy-roles below the database's suffix, no tenant anywhere) on every
# mdb database, those of slapd.conf files and cn=config directories as well
# as those a test adds to a running slapd's cn=config.  It prints each test
# whose outcome differs and exits 1 when one does.
#
#   1. OpenLDAP is built from the Debian source package that bootstrap
#      fetched, with Debian's configure options and Debian's schema files,
#      in the cache (TENANCY_CACHE, default ~/.cache/tenancy), once: the
#      build is kept for the next run.  As Debian's own build does, the
#      two timing-sensitive tests Debian disables are left out.
#   2. The suite runs as `make test` runs it (./run -b mdb all), in the
#      build's tests/ directory.
#   3. It runs again from a copy of tests/ whose defines.sh hands slapd.conf
#      and cn=config LDIF through add-overlay.awk and ldapmodify through
#      ldapmodify.sh.  The freshly built slapd loads the module built here
#      (same source, same options as the headers it was compiled against).
#
# Environment: TOP_SRCDIR, TOP_BUILDDIR (set by make); TENANCY_CACHE;
# TENANCY_SUITE_OUT, where the logs go (default $TOP_BUILDDIR/openldap-tests).
# Diagnostics: exit 2 when OpenLDAP cannot be fetched or built, or the
# module is missing.
set -u

: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
here=$(cd "$(dirname "$0")" && pwd)
cache=${TENANCY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenancy}
out=${TENANCY_SUITE_OUT:-$TOP_BUILDDIR/openldap-tests}
module=$(cd "$TOP_BUILDDIR/overlay" 2>/dev/null && pwd)/tenancy.la

say() { printf 'openldap-tests: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

[ -f "$module" ] && [ -f "$TOP_BUILDDIR/overlay/.libs/tenancy.so" ] ||
	die "build the overlay first (make)"
version=$(dpkg-query -W -f='${Version}' slapd 2>/dev/null) ||
	die "slapd is not installed"
build=$cache/openldap-suite-$version
src=$build/src

build_openldap() {
	[ -f "$src/.tenancy-built" ] && return 0
	dsc=$(ls "$cache"/openldap_"${version#*:}".dsc 2>/dev/null)
	if [ -z "$dsc" ]; then
		say "fetching the OpenLDAP $version source package"
		(cd "$cache" && apt-get source --download-only -qq "openldap=$version" \
			>/dev/null 2>&1) || die "apt-get source openldap=$version failed"
		dsc=$(ls "$cache"/openldap_"${version#*:}".dsc 2>/dev/null) ||
			die "no .dsc after apt-get source"
	fi
	say "building OpenLDAP $version in $build (once; kept for later runs)"
	rm -rf "$build" && mkdir -p "$build" || die "cannot create $build"
	dpkg-source --no-check -x "$dsc" "$src" >"$build/unpack.log" 2>&1 ||
		die "dpkg-source failed, see $build/unpack.log"
	# As debian/rules does: its schema files where upstream's were, and
	# without the tests it disables as timing-sensitive.
	cp "$src"/debian/schema/*.schema "$src"/debian/schema/*.ldif \
		"$src/servers/slapd/schema/" || die "no Debian schema files"
	rm -f "$src/tests/scripts/test063-delta-multiprovider" \
		"$src/tests/scripts/test069-delta-multiprovider-starttls"
	opts=$(grep -v '^#' "$src/debian/configure.options" | grep -v -- '--libexecdir' | tr '\n' ' ')
	# shellcheck disable=SC2086
	(cd "$src" && ./configure --prefix=/usr --libexecdir=/usr/lib \
		--sysconfdir=/etc --localstatedir=/var $opts) >"$build/configure.log" 2>&1 ||
		die "configure failed, see $build/configure.log"
	(cd "$src" && make depend && make -j"$(nproc)") >"$build/make.log" 2>&1 ||
		die "make failed, see $build/make.log"
	touch "$src/.tenancy-built"
}

# overlay_tests: tests-tenancy/, a copy of tests/ whose defines.sh puts the
# overlay on every mdb database.
overlay_tests() {
	t=$src/tests-tenancy
	rm -rf "$t" && cp -a "$src/tests" "$t" || die "cannot copy tests/"
	rm -rf "$t/testrun" "$t/results"
	cat >>"$t/scripts/defines.sh" <<DEFS

# Added by tenancy's suite.sh: the overlay on every mdb database.
TENANCY_SUITE_DIR='$here'
TENANCY_MODULE='$module'
TENANCY_SCHEMA='$TOP_SRCDIR/schema/tenancy.schema'
TENANCY_SCHEMA_LDIF='$TOP_SRCDIR/schema/tenancy.ldif'
TENANCY_COSINE='$src/servers/slapd/schema/cosine.schema'
TENANCY_COSINE_LDIF='$src/servers/slapd/schema/cosine.ldif'
TENANCY_CONFFILTER=\$CONFFILTER
export TENANCY_SUITE_DIR TENANCY_MODULE TENANCY_SCHEMA TENANCY_SCHEMA_LDIF
export TENANCY_COSINE TENANCY_COSINE_LDIF TENANCY_CONFFILTER
CONFFILTER='$here/conf-filter.sh'
LDAPMODIFY="$here/ldapmodify.sh \$CLIENTDIR/ldapmodify \$TOOLPROTO \$TOOLARGS"
LDAPADD="$here/ldapmodify.sh \$CLIENTDIR/ldapmodify -a \$TOOLPROTO \$TOOLARGS"
DEFS
}

# run DIR NAME: the suite in DIR; results in $out/NAME.results, the log in
# $out/NAME.log.
run() {
	rm -rf "$1/testrun" "$1/results"
	start=$(date +%s)
	if [ $# -gt 2 ]; then
		d=$1 n=$2
		shift 2
		echo "Result	Test" >"$d/results"
		for t in "$@"; do
			(cd "$d" && ./run -b mdb "$t") >>"$out/$n.log" 2>&1
			echo "$?	$t" >>"$d/results"
		done
		set -- "$d" "$n"
	else
		(cd "$1" && NOEXIT=1 ./run -b mdb all) >"$out/$2.log" 2>&1
	fi
	cp "$1/results" "$out/$2.results" 2>/dev/null || die "$2: no results"
	say "$2: $(($(date +%s) - start)) s, $(grep -c '	test' "$out/$2.results") tests," \
		"$(awk -F'\t' '$1 != 0 && $1 != "-" && NR > 1' "$out/$2.results" | wc -l) failed"
}

build_openldap
mkdir -p "$out" && rm -f "$out"/*.log "$out"/*.results
overlay_tests
tests=${TESTS:-}
# shellcheck disable=SC2086
run "$src/tests" plain $tests
# shellcheck disable=SC2086
run "$src/tests-tenancy" tenancy $tests

# Differences that adding any overlay makes, each with its reason: shown,
# not counted.  test056-monitor compares cn=Monitor with fixed lists: the
# overlay is an entry of its own there (cn=Overlay 0,cn=Database 1), and
# the statistics count one entry and one PDU more.
known="test056-monitor"

# An outcome: passed, skipped, or failed (whatever the exit status).
awk -F'\t' -v known="$known" '
	function outcome(rc) { return rc == 0 ? "passed" : rc == "-" ? "skipped" : "failed (" rc ")" }
	FNR == 1 { next }
	NR == FNR { plain[$2] = outcome($1); next }
	{ seen[$2] = 1
	  if (!($2 in plain)) { printf "%s: only with the overlay\n", $2; bad++ }
	  else if (plain[$2] != outcome($1) && (" " known " ") ~ (" " $2 " ")) {
		printf "%s: %s as it is, %s with the overlay (known, see suite.sh)\n", $2, plain[$2], outcome($1); k++ }
	  else if (plain[$2] != outcome($1)) {
		printf "%s: %s as it is, %s with the overlay\n", $2, plain[$2], outcome($1); bad++ }
	  n++ }
	END {
		for (t in plain) if (!(t in seen)) { printf "%s: not run with the overlay\n", t; bad++ }
		printf "openldap-tests: %d tests, %d ended differently with the overlay (and %d known)\n", n, bad, k
		exit bad > 0
	}' "$out/plain.results" "$out/tenancy.results"
