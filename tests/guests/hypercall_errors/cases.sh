# QEMU test cases for tests/guests/hypercall_errors (sourced by guest-tests.sh).

# Unknown and unimplemented hypercalls, bad buffers and arguments, as dom0
# and as a domU, and the rate limit of the hypervisor's warnings
# (tests/guests/hypercall_errors).
test_guest_hypercall_errors() {
	guest_case hypercall_errors 1 \
		"$GUEST_DIR/hypercall_errors.elf role=dom0,$GUEST_DIR/hypercall_errors.elf domU=errors,,mem=16M role=domU" \
		"${D0}"'hypercall_errors: console_io still works$' \
		'^\(d1\) hypercall_errors: console_io still works$' \
		"${D0}"'hypercall_errors: hvm_op answers a PV domain$' \
		'^\(d1\) hypercall_errors: hvm_op answers a PV domain$' \
		"${D0}"'hypercall_errors: memory_op: 8192 pages, no memory map$' \
		'^\(d1\) hypercall_errors: memory_op: 4096 pages, map \[0, 0x1000000\)$' \
		"${D0}"'hypercall_errors: 20 more unknown calls made$' \
		'^\(d1\) hypercall_errors: 20 more unknown calls made$' \
		'^d[01]: unimplemented hypercall (11|43|31)$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
	# Each domain makes 44 unknown calls in well under a second: at most
	# 10 warnings a second, whichever domain they are for.
	log=$LOGS/guest-hypercall_errors.log
	expect_count guest_hypercall_errors_ratelimit_d0 "$log" 0 10 '^d0: unimplemented hypercall'
	expect_count guest_hypercall_errors_ratelimit_d1 "$log" 0 10 '^d1: unimplemented hypercall'
	expect_count guest_hypercall_errors_logged "$log" 1 20 '^d[01]: unimplemented hypercall'
}
guest_tests="$guest_tests guest_hypercall_errors"
