#!/bin/sh
# Prints the path of the vmlinuz (a bzImage with an xz payload) of the
# kernel package Debian's linux-image-amd64 currently depends on, fetched
# with apt-get download into a cache outside the repository
# ($RINGVISOR_CACHE, default ~/.cache/ringvisor) on first use.  Exits 2,
# saying why on stderr, when the package cannot be had (offline, say).
set -eu

cache=${RINGVISOR_CACHE:-${HOME:-/tmp}/.cache/ringvisor}
mkdir -p "$cache"

package_name() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1
}

pkg=$(package_name)
if [ -z "$pkg" ] && [ "$(id -u)" -eq 0 ]; then
	apt-get update -qq >/dev/null 2>&1 || true
	pkg=$(package_name)
fi
if [ -z "$pkg" ]; then
	echo "debian-kernel: apt knows no linux-image-amd64 (no package lists?)" >&2
	exit 2
fi
vmlinuz="$cache/$pkg.vmlinuz"
if [ ! -s "$vmlinuz" ]; then
	work=$(mktemp -d "$cache/fetch.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	if ! (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1); then
		echo "debian-kernel: cannot download $pkg (offline?)" >&2
		exit 2
	fi
	dpkg-deb --fsys-tarfile "$work"/*.deb |
		tar -xf - -C "$work" --wildcards './boot/vmlinuz-*'
	mv "$work"/boot/vmlinuz-* "$vmlinuz"
fi
echo "$vmlinuz"
