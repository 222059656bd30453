# Linux system tests: Debian's kernel with our initramfs
# (scripts/mkinitramfs.sh, in BUILD/linux) boots as PV dom0 to a shell,
# which tests/linux/console-driver.py drives through the serial console.
# Sourced by tests/run-all.sh (for Ringvisor) and tests/linux/xen-check.sh
# (the same checks on Xen 4.17, make xen-linux-check); BUILD and LOGS set.

LINUX_DIR=$BUILD/linux

# The commands typed at dom0's shell, and what their output must hold.
LINUX_COMMANDS='uname -r
echo "cpus: $(grep -c ^processor /proc/cpuinfo)"
echo "capabilities: $(cat /proc/xen/capabilities)"
echo "xen-named: $(dmesg | grep -c "Hypervisor detected: Xen PV")"
echo "fifo-events: $(dmesg | grep -c "xen:events: Using FIFO-based ABI")"
echo "dmesg-problems: $(dmesg | grep -cE "WARNING|BUG|Oops|panic")"
echo "pci-unreported: $(dmesg | grep -c "Failed to add - passthrough")"
echo "acpi: $(dmesg | grep -c "ACPI: Interpreter enabled"), i8042: $(dmesg | grep -c "serio: i8042 KBD port")"
echo "irq-failures: $(dmesg | grep -cE "Failed to obtain physical IRQ|Failed to setup GSI|not registered|map irq failed")"
echo +2 > /sys/class/rtc/rtc0/wakealarm; sleep 3; echo "rtc-irqs: $(grep rtc0 /proc/interrupts | awk "{for (i = 2; \$i ~ /^[0-9]+\$/; i++) n += \$i} END {print n}")"
workload
modprobe xen-gntalloc && echo "module: $(grep -o "^xen_gntalloc" /proc/modules)"
poweroff'

# linux_boot NAME HYPERVISOR-IMAGE LOADER HV-OPTIONS QEMU-OPTIONS [CPUS]:
# boots HYPERVISOR-IMAGE with LOADER (multiboot1: QEMU -kernel; grub: a
# GRUB multiboot2 ISO) and the kernel and initramfs as modules, runs
# LINUX_COMMANDS and checks their output (dom0 sees CPUS vCPUs, 1 by
# default) and that poweroff ends QEMU with status 0.
linux_boot() {
	name=$1 image=$2 loader=$3 options=$4 qemu_options=$5 cpus=${6:-1}
	log=$LOGS/linux-$name.log
	kernel_args="console=hvc0"
	if [ "$loader" = grub ]; then
		HV_IMAGE=$image scripts/make-iso.sh "$BUILD" "$LOGS/linux-$name.iso" "$options" \
			"$LINUX_DIR/vmlinuz" "vmlinuz $kernel_args" \
			"$LINUX_DIR/initramfs.cpio.gz" "initramfs"
		set -- -cdrom "$LOGS/linux-$name.iso" -boot d
	else
		set -- -kernel "$image" -append "$options" \
			-initrd "$LINUX_DIR/vmlinuz $kernel_args,$LINUX_DIR/initramfs.cpio.gz"
	fi
	QEMU_STATUS=0
	old_ifs=$IFS
	IFS='
'
	# shellcheck disable=SC2086 # one command a line; QEMU options a list
	tests/linux/console-driver.py "$log" ${LINUX_TIMEOUT:-300} '^ringvisor-initramfs: shell ready' \
		'dom0:[^\n]*# ' $LINUX_COMMANDS -- \
		qemu-system-x86_64 -accel tcg -m 1024 -display none -no-reboot -monitor none \
		-serial stdio $(echo "$qemu_options" | tr ' ' '\n') "$@" || QEMU_STATUS=$?
	IFS=$old_ifs
	sed -i 's/\r*$//' "$log"
	expect "linux_$name" "$log" 0 \
		"^Ringvisor initramfs: Debian Linux $(cat "$LINUX_DIR/version"), xen hypervisor\$" \
		"^$(cat "$LINUX_DIR/version")\$" "^cpus: $cpus\$" '^capabilities: control_d$' '^xen-named: 1$' \
		'^fifo-events: 1$' '^dmesg-problems: 0$' '^pci-unreported: 0$' '^acpi: 1, i8042: 1$' \
		'^irq-failures: 0$' '^rtc-irqs: [1-9][0-9]*$' '^workload: done$' '^module: xen_gntalloc$' \
		'!^:rc=[1-9]'
}

# test_linux_initramfs: the initramfs holds busybox, init, the
# workload and the Xen modules with their modules.dep.
test_linux_initramfs() {
	if [ ! -s "$LINUX_DIR/initramfs.cpio.gz" ]; then
		skip linux_initramfs "no $LINUX_DIR/initramfs.cpio.gz (Debian's packages could not be had)"
		return
	fi
	version=$(cat "$LINUX_DIR/version")
	zcat "$LINUX_DIR/initramfs.cpio.gz" | cpio -t --quiet > "$LOGS/linux-initramfs.list" 2>&1
	QEMU_STATUS=0
	expect linux_initramfs "$LOGS/linux-initramfs.list" 0 \
		'^init$' '^bin/busybox$' '^bin/workload$' \
		"^lib/modules/$version/modules.dep\$" \
		"^lib/modules/$version/kernel/drivers/xen/xenfs/xenfs.ko\$" \
		"^lib/modules/$version/kernel/drivers/xen/xen-privcmd.ko\$" \
		"^lib/modules/$version/kernel/drivers/block/xen-blkback/xen-blkback.ko\$" \
		"^lib/modules/$version/kernel/drivers/net/xen-netfront.ko\$"
}

# test_linux_dom0: Linux as dom0 of Ringvisor, -kernel (with two vCPUs)
# and GRUB.
test_linux_dom0() {
	if [ ! -s "$LINUX_DIR/initramfs.cpio.gz" ]; then
		skip linux_dom0 "no $LINUX_DIR/initramfs.cpio.gz (Debian's packages could not be had)"
		return
	fi
	linux_boot dom0_multiboot1 "$BUILD/hypervisor.elf" multiboot1 \
		"dom0_mem=512M dom0_max_vcpus=2" "" 2
	linux_boot dom0_grub "$BUILD/hypervisor.elf" grub "dom0_mem=512M" ""
}

# test_linux_xen_dom0: the same on Xen 4.17 (make xen-linux-check).
test_linux_xen_dom0() {
	xen_options="console=com1 dom0_mem=512M bootscrub=false"
	linux_boot xen_dom0_multiboot1 "$BUILD/xen.elf" multiboot1 "$xen_options" "-cpu max,-smap"
	linux_boot xen_dom0_grub "$BUILD/xen.elf" grub "$xen_options" "-cpu max,-smap"
}

linux_tests="linux_initramfs linux_dom0"
