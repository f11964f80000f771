# shellcheck shell=sh
# chroot.sh - a fresh Debian system in a directory, for the tests that
# install tenancy's packages (POSIX sh, sourced; needs root and debootstrap).
#
#   tn_chroot_make SUITE CACHEDIR ROOT   a minimal Debian SUITE in ROOT, with
#                                        apt's lists up to date; debootstrap
#                                        runs once per suite and architecture,
#                                        its result is kept in CACHEDIR as a
#                                        tarball for the next runs (renewed
#                                        after TENANCY_CHROOT_MAX_AGE days,
#                                        default 7)
#   tn_chroot_mount ROOT                 /proc, /sys, /dev and /dev/pts in ROOT
#   tn_chroot_umount ROOT                undo it (safe to call twice)
#   tn_chroot_run ROOT CMD...            run CMD in ROOT, noninteractive apt
#
# The functions' own variables start with _tnc_: sourcing scripts keep theirs.
# The archive is the one this machine's apt uses (TENANCY_MIRROR overrides
# it).  Packages installed in ROOT never start services: ROOT has a
# policy-rc.d that refuses every start.

tn_chroot_say() { printf 'chroot: %s\n' "$*" >&2; }

# The archive of this machine's Debian binaries, from its apt sources.
tn_chroot_mirror() {
	if [ -n "${TENANCY_MIRROR:-}" ]; then
		echo "$TENANCY_MIRROR"
		return 0
	fi
	for _tnc_f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources; do
		[ -f "$_tnc_f" ] && cat "$_tnc_f"
	done | sed -nE 's/^URIs: *//p; s/^deb (\[[^]]*\] )?([^ ]*) .*/\2/p' |
		tr ' ' '\n' | grep -E '/debian/?$' | head -n 1
}

tn_chroot_make() {
	_tnc_suite=$1 _tnc_cache=$2 _tnc_root=$3
	_tnc_arch=$(dpkg --print-architecture)
	_tnc_tarball=$_tnc_cache/chroot-$_tnc_suite-$_tnc_arch.tar.gz
	_tnc_mirror=$(tn_chroot_mirror)
	[ -n "$_tnc_mirror" ] || { tn_chroot_say "no Debian archive in the apt sources (set TENANCY_MIRROR)"; return 1; }
	mkdir -p "$_tnc_cache" "$_tnc_root"
	if [ -s "$_tnc_tarball" ] &&
		[ -z "$(find "$_tnc_tarball" -mtime +"${TENANCY_CHROOT_MAX_AGE:-7}")" ]; then
		tn_chroot_say "unpacking $_tnc_tarball"
	else
		tn_chroot_say "debootstrap $_tnc_suite ($_tnc_arch) from $_tnc_mirror, once: cached in $_tnc_tarball"
		_tnc_fresh=$_tnc_cache/chroot-$_tnc_suite-$_tnc_arch.new
		rm -rf "$_tnc_fresh"
		debootstrap --variant=minbase --arch="$_tnc_arch" "$_tnc_suite" "$_tnc_fresh" "$_tnc_mirror" \
			>"$_tnc_cache/debootstrap-$_tnc_suite.log" 2>&1 || {
			tail -n 20 "$_tnc_cache/debootstrap-$_tnc_suite.log" >&2
			rm -rf "$_tnc_fresh"
			tn_chroot_say "debootstrap $_tnc_suite failed, see $_tnc_cache/debootstrap-$_tnc_suite.log"
			return 1
		}
		rm -rf "$_tnc_fresh"/var/cache/apt/archives/*.deb
		tar -C "$_tnc_fresh" -czf "$_tnc_tarball.tmp" . && mv "$_tnc_tarball.tmp" "$_tnc_tarball"
		rm -rf "$_tnc_fresh"
	fi
	tar -C "$_tnc_root" -xzf "$_tnc_tarball" || return 1
	# Updates and security fixes, as on an installed system.
	cat >"$_tnc_root/etc/apt/sources.list" <<SOURCES
deb $_tnc_mirror $_tnc_suite main
deb $_tnc_mirror $_tnc_suite-updates main
SOURCES
	printf '#!/bin/sh\nexit 101\n' >"$_tnc_root/usr/sbin/policy-rc.d"
	chmod 755 "$_tnc_root/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf "$_tnc_root/etc/resolv.conf" 2>/dev/null || :
	# The chroot shares the machine's host name: resolving it (every libldap
	# client does) must not wait on a DNS server.
	printf '127.0.0.1\tlocalhost %s\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
		"$(uname -n)" >"$_tnc_root/etc/hosts"
	tn_chroot_run "$_tnc_root" apt-get update -qq >/dev/null
}

tn_chroot_mount() {
	_tnc_root=$1
	mount -t proc proc "$_tnc_root/proc"
	mount -t sysfs sysfs "$_tnc_root/sys"
	mount --bind /dev "$_tnc_root/dev"
	mount --bind /dev/pts "$_tnc_root/dev/pts"
}

tn_chroot_umount() {
	_tnc_root=$1
	for _tnc_m in dev/pts dev sys proc; do
		if mountpoint -q "$_tnc_root/$_tnc_m" 2>/dev/null; then
			umount "$_tnc_root/$_tnc_m" || umount -l "$_tnc_root/$_tnc_m"
		fi
	done
}

tn_chroot_run() {
	_tnc_root=$1
	shift
	chroot "$_tnc_root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
