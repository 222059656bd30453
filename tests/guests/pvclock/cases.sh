# QEMU test cases for tests/guests/pvclock (sourced by guest-tests.sh).

# pvclock and the wall clock (tests/guests/pvclock), dom0 and a domU
# sharing the CPU, so records are refreshed by switches and slice ticks.
test_guest_pvclock() {
	guest_case pvclock 1 "$GUEST_DIR/pvclock.elf,$GUEST_DIR/pvclock.elf domU=clk,,mem=16M" \
		"${D0}"'pvclock: version [0-9]+, mul 0x[0-9a-f]+, shift -?[0-9]+, flags 0x1$' \
		"${D0}"'pvclock: monotonic over [0-9]+ reads, [0-9]+ record updates$' \
		'^\(d1\) pvclock: monotonic over [0-9]+ reads, [0-9]+ record updates$' \
		"${D0}"'pvclock: consistent with rdtsc$' '^\(d1\) pvclock: consistent with rdtsc$' \
		"${D0}"'pvclock: wallclock [0-9]+\.[0-9]{9} at boot' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_pvclock"
