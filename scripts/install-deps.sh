#!/bin/sh
# Installs, from Debian packages, everything Ringvisor needs to build, test
# and run.  Idempotent and quiet when everything is already present; make
# calls it before every target that needs a tool.  "install-deps.sh bench"
# also installs what only make bench needs: Xen 4.17, the reference the
# benchmarks are compared with (its hypervisor image only, in /boot).
set -eu

packages="gcc binutils make libc6-dev qemu-system-x86 grub-pc-bin grub-common
xorriso mtools libxen-dev xz-utils gzip lz4 cpio kmod python3"
[ "${1:-}" != bench ] || packages="$packages xen-hypervisor-4.17-amd64 gnuplot-nox"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
