#!/bin/sh
# packages.sh - tenancy's Debian packages, end to end: build them with
# dpkg-buildpackage and check them with lintian, install them with apt into
# a fresh Debian system whose slapd Debian's package configured, enable the
# overlay through cn=config with the shipped LDIF, load the examples, then
# assert a refused write, a Postfix lookup (postmap with the shipped table)
# and the tenancy command's listing of the tenants; then check that removal
# is refused while slapd loads the module, disable it as README.Debian
# says, remove the packages and check that slapd starts and serves its data.
#
# Run by CI after the test suite (.ci/run), as root: it needs debootstrap,
# mounts /proc, /sys and /dev into the new system and unmounts them on any
# exit.  The system is the running release (TENANCY_SUITE overrides it),
# made once and kept as a tarball in $TENANCY_CACHE (test/lib/chroot.sh).
# A suite other than the running one (or TENANCY_BUILD_IN_CHROOT=1) is also
# built in a fresh system of that suite, and checked with its lintian.
# TENANCY_KEEP=1 keeps the work directory.  OPENLDAP_SOURCE, as for
# debian/rules, gives the configured OpenLDAP tree (default: bootstrap's).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/test/lib/chroot.sh"

suite=${TENANCY_SUITE:-$(. /etc/os-release && echo "$VERSION_CODENAME")}
cache=${TENANCY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenancy}
work=$(mktemp -d "${TMPDIR:-/tmp}/tenancy-packages.XXXXXX")
root=$work/root
fails=0
started=$(date +%s)

say() { printf 'packages: [%ss] %s\n' "$(($(date +%s) - started))" "$*" >&2; }
die() { say "FAIL: $*"; exit 1; }
ok() { printf 'ok - %s\n' "$*"; }
not_ok() { printf 'not ok - %s\n' "$*"; fails=$((fails + 1)); }

in_root() { tn_chroot_run "$root" "$@"; }

slapd_pid() { cat "$root/run/slapd/slapd.pid" 2>/dev/null || :; }

slapd_start() {
	mkdir -p "$root/run/slapd"
	in_root chown openldap:openldap /run/slapd
	in_root /usr/sbin/slapd -h ldapi:/// -u openldap -g openldap \
		-F /etc/ldap/slapd.d || return 1
	i=0
	while ! in_root ldapsearch -x -H ldapi:/// -s base -b '' \
		namingContexts >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 50 ] || return 1
		sleep 0.2
	done
}

slapd_stop() {
	pid=$(slapd_pid)
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || { kill -9 "$pid" 2>/dev/null || :; break; }
		sleep 0.1
	done
	rm -f "$root/run/slapd/slapd.pid"
}

cleanup() {
	status=$?
	if [ -d "$root" ]; then
		slapd_stop
		tn_chroot_umount "$root"
	fi
	[ -z "${broot:-}" ] || tn_chroot_umount "$broot"
	if [ "${TENANCY_KEEP:-0}" = 1 ]; then
		say "kept $work"
	else
		# Never follow a mount left behind into the host.
		for m in proc sys dev/pts dev; do
			for r in "$root" "${broot:-$root}"; do
				mountpoint -q "$r/$m" 2>/dev/null && { say "$r/$m still mounted: $work kept"; exit 1; }
			done
		done
		rm -rf "$work"
	fi
	exit $status
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
for p in dpkg-buildpackage dh lintian debootstrap; do
	command -v "$p" >/dev/null || die "$p is missing: ./bootstrap installs it"
done

# ------------------------------------------------------------------ build
say "building the packages in $work/src"
mkdir -p "$work/src/tenancy"
if [ -d "$top/.git" ] || [ -f "$top/.git" ]; then
	(cd "$top" && git ls-files -co --exclude-standard -z) |
		(cd "$top" && tar --null -cf - -T -) | tar -C "$work/src/tenancy" -xf -
else
	tar -C "$top" --exclude='./_build*' --exclude='./_demo' -cf - . |
		tar -C "$work/src/tenancy" -xf -
fi
host_suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
if [ "$suite" = "$host_suite" ] && [ -z "${TENANCY_BUILD_IN_CHROOT:-}" ]; then
	# Here, against this machine's slapd and bootstrap's OpenLDAP tree.
	(cd "$work/src/tenancy" && dpkg-buildpackage -us -uc -b -j"$(nproc)") \
		>"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; die "dpkg-buildpackage failed"; }
	say "lintian"
	lintian_run() { lintian "$@"; }
	built_slapd=$(dpkg-query -W -f='${Version}' slapd)
else
	# In a fresh $suite system of its own, with its build dependencies, its
	# slapd and OpenLDAP's source fetched by debian/openldap-headers.
	broot=$work/build-root
	say "building in a fresh $suite system"
	tn_chroot_make "$suite" "$cache/chroot" "$broot" || die "no $suite system"
	tn_chroot_mount "$broot"
	sed -n 's/^deb /deb-src /p' "$broot/etc/apt/sources.list" >"$broot/etc/apt/sources.list.d/src.list"
	tn_chroot_run "$broot" apt-get update -qq >/dev/null
	echo 'slapd slapd/no_configuration boolean true' | tn_chroot_run "$broot" debconf-set-selections
	mv "$work/src" "$broot/build"
	tn_chroot_run "$broot" apt-get build-dep -y -qq --no-install-recommends /build/tenancy \
		>"$work/build-dep.log" 2>&1 || { tail -n 20 "$work/build-dep.log" >&2; die "apt-get build-dep failed"; }
	tn_chroot_run "$broot" apt-get install -y -qq --no-install-recommends lintian dpkg-dev \
		>>"$work/build-dep.log" 2>&1 || { tail -n 20 "$work/build-dep.log" >&2; die "apt-get install lintian failed"; }
	tn_chroot_run "$broot" sh -c 'cd /build/tenancy && dpkg-buildpackage -us -uc -b -j'"$(nproc)" \
		>"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; die "dpkg-buildpackage failed in $suite"; }
	ln -s "$broot/build" "$work/src"
	say "lintian ($suite's)"
	lintian_run() { tn_chroot_run "$broot" sh -c 'lintian "$@"' lintian "$@"; }
	built_slapd=$(tn_chroot_run "$broot" dpkg-query -W -f='${Version}' slapd)
fi
changes=$(cd "$work/src" && ls tenancy_*.changes)
for p in slapd-tenancy tenancy libtenancy0 libtenancy-dev; do
	if ls "$work/src/${p}_"*.deb >/dev/null 2>&1; then ok "built $p"; else not_ok "built $p"; fi
done
if (cd "$work/src" && lintian_run --fail-on error,warning "${broot:+/build/}$changes") >"$work/lintian.log" 2>&1; then
	ok "lintian: no error, no warning"
else
	cat "$work/lintian.log" >&2
	not_ok "lintian: no error, no warning"
fi
dep=$(dpkg-deb -f "$work"/src/slapd-tenancy_*.deb Depends)
case ", $dep," in
*", slapd (= $built_slapd),"*) ok "slapd-tenancy depends on slapd (= $built_slapd)" ;;
*) not_ok "slapd-tenancy depends on slapd (= $built_slapd): Depends: $dep" ;;
esac
if [ -n "${broot:-}" ]; then
	tn_chroot_umount "$broot"
fi

# ------------------------------------------------- a fresh Debian with slapd
say "a fresh $suite system"
tn_chroot_make "$suite" "$cache/chroot" "$root" || die "no $suite system"
tn_chroot_mount "$root"
# Debian's slapd package writes the configuration: suffix dc=example,dc=net,
# rootdn cn=admin,dc=example,dc=net.  Postfix is there for its postmap.
in_root debconf-set-selections <<'SEL'
slapd slapd/no_configuration boolean false
slapd slapd/domain string example.net
slapd shared/organization string Example mail provider
slapd slapd/password1 password secret
slapd slapd/password2 password secret
postfix postfix/main_mailer_type select No configuration
SEL
say "installing slapd, ldap-utils, postfix-ldap and pkg-config into the $suite system"
in_root apt-get install -y -qq --no-install-recommends slapd ldap-utils postfix-ldap pkg-config \
	>"$work/apt-slapd.log" 2>&1 || { tail -n 20 "$work/apt-slapd.log" >&2; die "apt-get install slapd failed"; }
slapd_start || die "Debian's slapd does not start in the $suite system"
ok "Debian's slapd, configured by its package, answers on ldapi:///"
pid_before=$(slapd_pid)
config_before=$(in_root slapcat -n0 -o ldif-wrap=no | grep -vE '^(entryCSN|modifyTimestamp|modifiersName|contextCSN):')

# ---------------------------------------------------------------- install
mkdir -p "$root/tmp/debs"
cp "$work"/src/*.deb "$root/tmp/debs/"
say "apt install ./slapd-tenancy ./tenancy ./libtenancy0 ./libtenancy-dev"
if in_root sh -c 'apt-get install -y -qq --no-install-recommends /tmp/debs/slapd-tenancy_*.deb /tmp/debs/tenancy_*.deb /tmp/debs/libtenancy0_*.deb /tmp/debs/libtenancy-dev_*.deb' \
	>"$work/apt-install.log" 2>&1; then
	ok "apt installs the four packages"
else
	tail -n 20 "$work/apt-install.log" >&2
	die "apt-get install of the packages failed"
fi
for f in /usr/lib/ldap/tenancy.so /usr/lib/ldap/tenancy.la /etc/ldap/schema/tenancy.ldif \
	/etc/ldap/schema/tenancy.schema /usr/share/tenancy/cn-config/tenancy-enable.ldif \
	/usr/bin/tenancy /usr/share/bash-completion/completions/tenancy \
	/usr/share/tenancy/examples/iwdemo.ldif /usr/share/tenancy/postfix/ldap-mailboxes.cf.in; do
	if [ -f "$root$f" ]; then ok "installed $f"; else not_ok "installed $f"; fi
done
if [ -f "$root/usr/lib/systemd/system/tenancy-notify.timer" ] ||
	[ -f "$root/lib/systemd/system/tenancy-notify.timer" ]; then ok "installed tenancy-notify.timer"; else not_ok "installed tenancy-notify.timer"; fi
if in_root pkg-config --exists libtenancy && in_root pkg-config --libs libtenancy | grep -q -- -ltenancy; then
	ok "pkg-config libtenancy"
else
	not_ok "pkg-config libtenancy"
fi
config_after=$(in_root slapcat -n0 -o ldif-wrap=no | grep -vE '^(entryCSN|modifyTimestamp|modifiersName|contextCSN):')
if [ "$config_before" = "$config_after" ] && [ "$(slapd_pid)" = "$pid_before" ] && kill -0 "$pid_before" 2>/dev/null; then
	ok "installing changed neither slapd's configuration nor its process"
else
	not_ok "installing changed neither slapd's configuration nor its process"
fi

# ----------------------------------------------------------------- enable
E="-Q -Y EXTERNAL -H ldapi:///"
if in_root ldapadd $E -f /etc/ldap/schema/tenancy.ldif >"$work/enable.log" 2>&1 &&
	in_root ldapmodify $E -f /usr/share/tenancy/cn-config/tenancy-enable.ldif >>"$work/enable.log" 2>&1; then
	ok "the shipped tenancy-enable.ldif enables the overlay through cn=config"
else
	cat "$work/enable.log" >&2
	die "enabling the overlay failed"
fi
# What cn=config says of tenancy: its overlays and the module lists naming it.
tenancy_config() {
	in_root ldapsearch $E -LLL -o ldif-wrap=no -b cn=config \
		'(|(objectClass=olcOverlayConfig)(objectClass=olcModuleList))' dn olcModuleLoad |
		grep -i -e '^dn: olcOverlay=.*tenancy' -e '^olcModuleLoad: .*tenancy' || :
}
if tenancy_config | grep -q '^dn: olcOverlay={0}tenancy,olcDatabase={1}mdb,cn=config$' &&
	tenancy_config | grep -q '^olcModuleLoad: {0}tenancy.la$'; then
	ok "cn=config loads tenancy.la and has olcOverlay={0}tenancy on olcDatabase={1}mdb"
else
	tenancy_config >&2
	not_ok "cn=config loads tenancy.la and has olcOverlay={0}tenancy on olcDatabase={1}mdb"
fi

# --------------------------------------------------------------- examples
ADMIN="-x -H ldapi:/// -D cn=admin,dc=example,dc=net -w secret"
# Debian's package made the suffix entry: load the rest of base.ldif.
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/(^|\n)dn: dc=example,dc=net(\n|$)/' \
	"$root/usr/share/tenancy/examples/base.ldif" >"$root/tmp/base.ldif"
for f in /tmp/base.ldif /usr/share/tenancy/examples/roles.ldif /usr/share/tenancy/examples/iwdemo.ldif; do
	if in_root ldapadd $ADMIN -f "$f" >"$work/load.log" 2>&1; then
		ok "loaded $(basename "$f") through the overlay"
	else
		tail -n 5 "$work/load.log" >&2
		not_ok "loaded $(basename "$f") through the overlay"
	fi
done

# A refusal: an address outside the tenant's domains, even for the rootdn.
cat >"$root/tmp/eve.ldif" <<'LDIF'
dn: uid=eve,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net
objectClass: inetOrgPerson
objectClass: tenancyMailbox
uid: eve
cn: Eve Mallet
sn: Mallet
mail: eve@acme.example
LDIF
rc=0
in_root ldapadd $ADMIN -f /tmp/eve.ldif >"$work/eve.log" 2>&1 || rc=$?
if [ "$rc" -eq 19 ] && grep -q 'additional info: address-domain: uid=eve,ou=people,tenancyDomainName=iwdemo.fr,ou=domains,dc=example,dc=net: ' "$work/eve.log"; then
	ok "refused: eve@acme.example in tenant iwdemo.fr (19, address-domain)"
else
	cat "$work/eve.log" >&2
	not_ok "refused: eve@acme.example in tenant iwdemo.fr (19, address-domain), got $rc"
fi
if in_root ldapsearch $ADMIN -LLL -b dc=example,dc=net '(uid=eve)' dn | grep -q .; then
	not_ok "the refused entry is absent"
else
	ok "the refused entry is absent"
fi

# A Postfix lookup, by Postfix, with the shipped table (and an empty main.cf).
mkdir -p "$root/tmp/postfix"
: >"$root/tmp/postfix/main.cf"
sed -e 's|@LDAP_URI@|ldapi://%2Frun%2Fslapd%2Fldapi/|' \
	-e 's|@POSTFIX_DN@|cn=postfix,ou=services,dc=example,dc=net|' \
	-e 's|@POSTFIX_PW@|secret|' -e 's|@BASE@|ou=domains,dc=example,dc=net|' \
	"$root/usr/share/tenancy/postfix/ldap-mailboxes.cf.in" >"$root/tmp/ldap-mailboxes.cf"
if grep -q '@[A-Z_]*@' "$root/tmp/ldap-mailboxes.cf"; then
	not_ok "ldap-mailboxes.cf has every field filled in: $(grep -o '@[A-Z_]*@' "$root/tmp/ldap-mailboxes.cf" | sort -u | tr '\n' ' ')"
fi
got=$(in_root postmap -c /tmp/postfix -q bob@iwdemo.com ldap:/tmp/ldap-mailboxes.cf 2>"$work/postmap.log" || :)
if [ "$got" = bob@iwdemo.fr ]; then
	ok "postmap -q bob@iwdemo.com ldap:ldap-mailboxes.cf: bob@iwdemo.fr (alias domain)"
else
	cat "$work/postmap.log" >&2
	not_ok "postmap -q bob@iwdemo.com ldap:ldap-mailboxes.cf: bob@iwdemo.fr, got '$got'"
fi
got=$(in_root postmap -c /tmp/postfix -q eve@iwdemo.fr ldap:/tmp/ldap-mailboxes.cf 2>>"$work/postmap.log" || :)
if [ -z "$got" ]; then ok "postmap -q eve@iwdemo.fr: not found"; else not_ok "postmap -q eve@iwdemo.fr: not found, got '$got'"; fi

# The tenancy command lists the tenants.
OPER="-H ldapi:/// -D cn=operator,dc=example,dc=net -w secret -b dc=example,dc=net"
# The daily listings of the installed command: "tenancy domain list" names
# the tenant, "tenancy user list DOMAIN" its users.
assert_listed() {
	what=$1 want=$2
	shift 2
	out=$(in_root tenancy "$@" $OPER 2>&1) || :
	if printf '%s\n' "$out" | grep -qF "$want"; then
		ok "$what names $want"
	else
		printf '%s\n' "$out" >&2
		not_ok "$what names $want"
	fi
}
assert_listed "tenancy domain list" iwdemo.fr domain list
assert_listed "tenancy user list iwdemo.fr" charlotte user list iwdemo.fr

# ---------------------------------------------------------------- removal
rc=0
in_root apt-get remove -y -qq slapd-tenancy >"$work/remove-refused.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] && [ -f "$root/usr/lib/ldap/tenancy.so" ] &&
	grep -q 'still loads the tenancy module' "$work/remove-refused.log"; then
	ok "removing slapd-tenancy is refused while slapd loads the module"
else
	cat "$work/remove-refused.log" >&2
	not_ok "removing slapd-tenancy is refused while slapd loads the module"
fi
# README.Debian's way out: stop slapd, slapmodify, start.
slapd_stop
if in_root runuser -u openldap -- slapmodify -n0 -F /etc/ldap/slapd.d \
	-l /usr/share/tenancy/cn-config/tenancy-disable.ldif >"$work/disable.log" 2>&1; then
	ok "the shipped tenancy-disable.ldif applies with slapmodify"
else
	cat "$work/disable.log" >&2
	not_ok "the shipped tenancy-disable.ldif applies with slapmodify"
fi
if in_root apt-get remove -y -qq slapd-tenancy tenancy libtenancy-dev libtenancy0 >"$work/remove.log" 2>&1 &&
	[ ! -e "$root/usr/lib/ldap/tenancy.so" ] && [ ! -e "$root/usr/bin/tenancy" ]; then
	ok "apt removes the four packages"
else
	tail -n 20 "$work/remove.log" >&2
	not_ok "apt removes the four packages"
fi
if slapd_start; then
	ok "slapd starts without the module"
else
	not_ok "slapd starts without the module"
fi
if in_root ldapsearch $ADMIN -LLL -b dc=example,dc=net '(uid=bob)' mail 2>&1 | grep -q '^mail: bob@iwdemo.fr$'; then
	ok "slapd serves the data loaded through the overlay"
else
	not_ok "slapd serves the data loaded through the overlay"
fi
left=$(tenancy_config)
if [ -n "$left" ]; then
	not_ok "cn=config no longer names the module or the overlay: $left"
else
	ok "cn=config no longer names the module or the overlay"
fi

say "$suite, $(($(date +%s) - started)) s, $fails failure(s)"
[ "$fails" -eq 0 ]
