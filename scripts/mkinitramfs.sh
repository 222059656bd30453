#!/bin/sh
# Builds dom0's Debian Linux: OUT_DIR/vmlinuz (Debian's kernel, from
# debian-kernel.sh), OUT_DIR/version (its release) and
# OUT_DIR/initramfs.cpio.gz (newc cpio, gzip) holding busybox from
# Debian's busybox-static, tests/linux/initramfs/init, the
# kernel's Xen driver modules, the WORKLOAD program as /bin/workload and
# the PVBENCH program (make bench) as /bin/pvbench.
# Exits 2, saying why on stderr, when a package cannot be had (offline).
# Usage: mkinitramfs.sh OUT_DIR WORKLOAD PVBENCH
set -eu
out=$1 workload=$2 pvbench=$3
scripts=$(dirname "$0")
. "$scripts/debian-cache.sh"

kernel=$("$scripts/debian-kernel.sh")
version=$(cat "$kernel/version")

bb_version=$(apt-cache show --no-all-versions busybox-static 2>/dev/null |
	sed -n 's/^Version: //p' | head -n 1)
if [ -z "$bb_version" ]; then
	echo "mkinitramfs: apt knows no busybox-static (no package lists?)" >&2
	exit 2
fi
busybox=$cache/busybox-static_$bb_version
if [ ! -x "$busybox/bin/busybox" ]; then
	rm -rf "$busybox.tmp"
	fetch_deb busybox-static "$busybox.tmp"
	mv "$busybox.tmp" "$busybox"
fi

mkdir -p "$out"
root=$(mktemp -d "$out/root.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin"
cp "$busybox/bin/busybox" "$root/bin/busybox"
cp tests/linux/initramfs/init "$root/init"
cp "$workload" "$root/bin/workload"
cp "$pvbench" "$root/bin/pvbench"
cp -R "$kernel/modules/lib" "$root/lib"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -9n > "$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
cp "$kernel/vmlinuz" "$out/vmlinuz"
echo "$version" > "$out/version"
