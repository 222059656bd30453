# QEMU test cases for tests/guests/pirq (sourced by guest-tests.sh).

# Physical IRQs: the RTC's periodic interrupt as events in dom0; Xen's errors; a domU refused.
test_guest_pirq() {
	guest_case pirq 1 "$GUEST_DIR/pirq.elf,$GUEST_DIR/pirq.elf domU=pirq,,mem=16M" \
		"${D0}pirq: dom0 errors as Xen$" \
		"${D0}pirq: 5 RTC interrupts as events on port [0-9]+$" \
		"${D0}pirq: closed, unmapped$" \
		"${D0}Test result: SUCCESS$" \
		'^\(d1\) pirq: domU refused as Xen$' \
		'^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_pirq"
