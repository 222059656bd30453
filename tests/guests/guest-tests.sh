# QEMU tests with our PV test kernels (tests/guests/<name>/).  Sourced by
# tests/run-all.sh, which sets BUILD and LOGS.  Each case boots the
# hypervisor with QEMU -kernel, the test kernels as modules, and checks
# every kernel's "Test result: SUCCESS" line, the hypervisor's log and
# QEMU's exit status (1: every domain shut down cleanly, 5: some domain
# crashed or shut down with reason crash; see tests/boot/boot-tests.sh).

GUEST_DIR=$BUILD/guests

# guest_case NAME STATUS MODULES [PATTERN...]: MODULES is QEMU's -initrd
# list ("file args,file args"); each PATTERN as in expect().
guest_case() {
	name=$1 status=$2 modules=$3
	shift 3
	log=$LOGS/guest-$name.log
	run_qemu "$log" 120 -m 256 -kernel "$BUILD/hypervisor.elf" \
		-append "debug-exit=0xf4 dom0_mem=32M" -initrd "$modules"
	expect "guest_$name" "$log" "$status" "$@" "$NO_FAULT"
}

test_guest_console_shutdown() {
	for reason in poweroff reboot suspend; do
		guest_case "console_shutdown_$reason" 1 \
			"$GUEST_DIR/console_shutdown.elf reason=$reason" \
			'^\(d0\) console: hello from a PV test kernel$' \
			'^\(d0\) abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu$' \
			'^\(d0\) console: long write done$' '^\(d0\) Test result: SUCCESS$' \
			"^Domain 0 \\(dom0\\) shut down: $reason, code 42$" \
			'^All domains have shut down \(0 failed\)$'
	done
	guest_case console_shutdown_crash 5 \
		"$GUEST_DIR/console_shutdown.elf reason=crash" \
		'^Domain 0 \(dom0\) shut down: crash, code 42$' \
		'^All domains have shut down \(1 failed\)$'
}

guest_tests="guest_console_shutdown"
