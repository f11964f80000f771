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
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && cat "$f"
	done | sed -nE 's/^URIs: *//p; s/^deb (\[[^]]*\] )?([^ ]*) .*/\2/p' |
		tr ' ' '\n' | grep -E '/debian/?$' | head -n 1
}

tn_chroot_make() {
	suite=$1 cache=$2 root=$3
	arch=$(dpkg --print-architecture)
	tarball=$cache/chroot-$suite-$arch.tar.gz
	mirror=$(tn_chroot_mirror)
	[ -n "$mirror" ] || { tn_chroot_say "no Debian archive in the apt sources (set TENANCY_MIRROR)"; return 1; }
	mkdir -p "$cache" "$root"
	if [ -s "$tarball" ] &&
		[ -z "$(find "$tarball" -mtime +"${TENANCY_CHROOT_MAX_AGE:-7}")" ]; then
		tn_chroot_say "unpacking $tarball"
	else
		tn_chroot_say "debootstrap $suite ($arch) from $mirror, once: cached in $tarball"
		fresh=$cache/chroot-$suite-$arch.new
		rm -rf "$fresh"
		debootstrap --variant=minbase --arch="$arch" "$suite" "$fresh" "$mirror" \
			>"$cache/debootstrap-$suite.log" 2>&1 || {
			tail -n 20 "$cache/debootstrap-$suite.log" >&2
			rm -rf "$fresh"
			tn_chroot_say "debootstrap $suite failed, see $cache/debootstrap-$suite.log"
			return 1
		}
		rm -rf "$fresh"/var/cache/apt/archives/*.deb
		tar -C "$fresh" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
		rm -rf "$fresh"
	fi
	tar -C "$root" -xzf "$tarball" || return 1
	# Updates and security fixes, as on an installed system.
	cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
SOURCES
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || :
	tn_chroot_run "$root" apt-get update -qq >/dev/null
}

tn_chroot_mount() {
	root=$1
	mount -t proc proc "$root/proc"
	mount -t sysfs sysfs "$root/sys"
	mount --bind /dev "$root/dev"
	mount --bind /dev/pts "$root/dev/pts"
}

tn_chroot_umount() {
	root=$1
	for m in dev/pts dev sys proc; do
		if mountpoint -q "$root/$m" 2>/dev/null; then
			umount "$root/$m" || umount -l "$root/$m"
		fi
	done
}

tn_chroot_run() {
	root=$1
	shift
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
