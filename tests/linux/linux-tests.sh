# QEMU tests booting Debian's stock Linux kernel as dom0 (issue 7).
# Sourced by tests/run-all.sh, which sets BUILD and LOGS.  The kernel is
# the one scripts/debian-kernel.sh fetches; without it the test is
# skipped with a message.  The initramfs holds only tests/linux/init.c,
# which prints a line and powers off.

LINUX_DIR=$BUILD/linux

# linux_initramfs: builds $LINUX_DIR/initramfs.cpio (newc, /init and
# /dev/console); returns non-zero if the tools are missing.
linux_initramfs() {
	root=$LINUX_DIR/root
	rm -rf "$root"
	mkdir -p "$root/dev"
	gcc -static -O2 -Wall -Wextra -Werror -o "$root/init" tests/linux/init.c || return 1
	# The kernel opens /dev/console for init's output before devtmpfs exists.
	mknod "$root/dev/console" c 5 1 2>/dev/null || return 1
	(cd "$root" && printf 'init\ndev\ndev/console\n' |
		cpio -o -H newc --quiet > ../initramfs.cpio) || return 1
}

# Dom0 Linux reaches its /init (with earlyprintk, the boot log is on the
# hypervisor's console), sets up swiotlb-xen (its memory made contiguous
# with XENMEM_exchange), with no kernel warning, BUG, oops or panic, and
# powers off; every frame comes back.
test_linux_dom0_boot() {
	kernel=$(scripts/debian-kernel.sh 2>"$LOGS/linux-kernel-fetch.log")/vmlinuz || kernel=""
	if [ -z "$kernel" ]; then
		echo "SKIP linux_dom0_boot: Debian's kernel cannot be had ($(cat "$LOGS/linux-kernel-fetch.log"))"
		return
	fi
	if ! linux_initramfs > "$LOGS/linux-initramfs.log" 2>&1; then
		fail linux_dom0_boot "cannot build the initramfs (see $LOGS/linux-initramfs.log)"
		return
	fi
	log=$LOGS/linux-dom0-boot.log
	run_qemu "$log" 300 -cpu max,-smap -m 1024 -kernel "$BUILD/hypervisor.elf" \
		-append "debug-exit=0xf4 dom0_mem=384M" \
		-initrd "$kernel console=hvc0 earlyprintk=xen loglevel=8,$LINUX_DIR/initramfs.cpio"
	expect linux_dom0_boot "$log" 1 \
		'^\[ *[0-9.]+\] Linux version 6\.' \
		'software IO TLB: mapped \[mem ' '!Failed to remap' \
		'x86/mm: Checked W\+X mappings: passed' \
		'xen:grant_table: Grant tables using version 1 layout' \
		'^\[ *[0-9.]+\] Grant table initialized' \
		'^ringvisor-linux-init: /init reached, powering off' \
		'^Domain 0 \(dom0\) shut down: poweroff$' \
		'^All domains have shut down \(0 failed\)$' \
		'^Memory: every frame the domains used was returned' \
		'!WARNING:|BUG:|Oops|Kernel panic|general protection' "$NO_FAULT"
}
boot_tests="$boot_tests linux_dom0_boot"
