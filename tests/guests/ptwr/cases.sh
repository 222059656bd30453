# QEMU test cases for tests/guests/ptwr (sourced by guest-tests.sh).

test_guest_ptwr() {
	guest_case ptwr 5 \
		"$GUEST_DIR/ptwr.elf,$GUEST_DIR/ptwr.elf domU=bad,,mem=16M bad=1" \
		"${D0}ptwr: mov and xchg emulated$" "${D0}ptwr: cmpxchg emulated$" \
		"${D0}ptwr: bit operations emulated$" "${D0}Test result: SUCCESS$" \
		'^\(d1\) ptwr: bit operations emulated$' \
		'^d1 v0: unhandled exception #PF page fault, error code 0x7' \
		'^Domain 1 \(bad\) crashed$' '!^\(d1\) Test result' \
		'^All domains have shut down \(1 failed\)$'
}
guest_tests="$guest_tests guest_ptwr"
