#!/bin/sh
# Fetches the kernel package Debian's linux-image-amd64 currently depends
# on (apt-get download, once) into a cache outside the repository
# ($RINGVISOR_CACHE, default ~/.cache/ringvisor) and prints the directory
# holding what the project uses of it:
#   vmlinuz      the bzImage (xz payload)
#   System.map
#   version      the kernel release, as `uname -r` prints it
#   modules/     the Xen driver modules (drivers/xen, the block and
#                network front and back ends) and the modules they need,
#                in the package's lib/modules/<version>/ layout with a
#                modules.dep for just these
# Exits 2, saying why on stderr, when the package cannot be had (offline).
set -eu

. "$(dirname "$0")/debian-cache.sh"

# Module paths (relative to lib/modules/<version>/) the project wants.
wanted='^kernel/drivers/xen/|^kernel/drivers/block/xen-blk|^kernel/drivers/net/xen-net'

package_name() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1
}

# closure DEPFILE: the wanted modules and everything they need, one path a
# line, from a modules.dep ("module: dependency...").
closure() {
	grep -E "$wanted" "$1" | tr -d ':' | tr ' ' '\n' | sed '/^$/d' | sort -u
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
dir=$cache/$pkg
if [ ! -s "$dir/version" ]; then
	work=$(mktemp -d "$cache/fetch.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	fetch_deb "$pkg" "$work/pkg"
	mkdir "$work/out"
	version=$(basename "$work"/pkg/lib/modules/*)
	src=$work/pkg/lib/modules/$version
	dst=$work/out/modules/lib/modules/$version
	mkdir -p "$dst"
	# The package leaves modules.dep to depmod at install time.
	/sbin/depmod -b "$work/pkg" "$version"
	closure "$src/modules.dep" > "$work/modules.list"
	(cd "$src" && tar -cf - -T "$work/modules.list") | tar -xf - -C "$dst"
	awk -F: 'NR == FNR { keep[$0] = 1; next } keep[$1]' \
		"$work/modules.list" "$src/modules.dep" > "$dst/modules.dep"
	cp "$work/pkg/boot/vmlinuz-$version" "$work/out/vmlinuz"
	cp "$work/pkg/boot/System.map-$version" "$work/out/System.map"
	echo "$version" > "$work/out/version"
	rm -rf "$dir"
	mv "$work/out" "$dir"
fi
echo "$dir"
