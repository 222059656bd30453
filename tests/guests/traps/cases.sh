# QEMU test cases for tests/guests/traps (sourced by guest-tests.sh).

test_guest_traps() {
	guest_case traps 1 "$GUEST_DIR/traps.elf,$GUEST_DIR/traps.elf domU=traps,,mem=16M" \
		"${D0}traps: bad tables and callbacks refused$" \
		"${D0}traps: kernel-mode exceptions bounced with the right frames$" \
		"${D0}traps: page fault with cr2 in vcpu_info$" \
		"${D0}traps: user mode: syscalls went to the kernel, int .0x80 too$" \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_traps"
