#!/bin/sh
# Builds a BIOS GRUB 2 image that boots the hypervisor with multiboot2
# (BUILD_DIR/hypervisor.elf, or the image in $HV_IMAGE, e.g. Xen's).
# Usage: make-iso.sh BUILD_DIR OUTPUT.iso "HYPERVISOR CMDLINE" [MODULE "MODULE CMDLINE"]...
# Without modules, a small text module stands in for dom0 until the
# hypervisor can run one, so that module passing is always exercised.
set -eu
build=$1 out=$2 cmdline=$3
shift 3
root=$(mktemp -d "$build/iso.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/boot/grub"
cp "${HV_IMAGE:-$build/hypervisor.elf}" "$root/boot/hypervisor.elf"
if [ $# -eq 0 ]; then
	printf 'Ringvisor demo module: stands in for dom0 for now.\n' > "$build/demo-module.txt"
	set -- "$build/demo-module.txt" "demo-module.txt role=placeholder"
fi
{
	echo 'set timeout=1'
	echo 'set default=0'
	echo 'serial --unit=0 --speed=115200'
	echo 'terminal_input serial console'
	echo 'terminal_output serial console'
	echo 'menuentry "Ringvisor" {'
	echo "	multiboot2 /boot/hypervisor.elf $cmdline"
	n=0
	while [ $# -ge 2 ]; do
		cp "$1" "$root/boot/module$n"
		echo "	module2 /boot/module$n $2"
		n=$((n + 1))
		shift 2
	done
	echo '}'
} > "$root/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$root" >"$build/grub-mkrescue.log" 2>&1 ||
	{ cat "$build/grub-mkrescue.log" >&2; exit 1; }
