# QEMU test cases for tests/guests/timer (sourced by guest-tests.sh).

# Guest timers and VIRQ_TIMER (tests/guests/timer), dom0 and a domU.
test_guest_timer() {
	guest_case timer 1 "$GUEST_DIR/timer.elf,$GUEST_DIR/timer.elf domU=tmr,,mem=16M" \
		"${D0}"'timer: default periodic timer ticks$' \
		"${D0}"'timer: 20 set_timer_op ticks in [0-9]+ ms$' \
		'^\(d1\) timer: 20 set_timer_op ticks in [0-9]+ ms$' \
		"${D0}"'timer: past fires at once, 0 cancels$' \
		"${D0}"'timer: singleshot vcpu_op as Xen 4.17$' \
		"${D0}"'timer: periodic set and stopped$' \
		"${D0}"'timer: vcpu_op errors as Xen$' '^\(d1\) timer: vcpu_op errors as Xen$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_timer"
