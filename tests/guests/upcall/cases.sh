# QEMU test cases for tests/guests/upcall (sourced by guest-tests.sh).

test_guest_upcall() {
	guest_case upcall 1 "$GUEST_DIR/upcall.elf,$GUEST_DIR/upcall.elf domU=up,,mem=16M" \
		"${D0}upcall: 6 upcalls delivered$" '^\(d1\) upcall: 6 upcalls delivered$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_upcall"
