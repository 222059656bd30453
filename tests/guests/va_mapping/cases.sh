# QEMU test cases for tests/guests/va_mapping (sourced by guest-tests.sh).

test_guest_va_mapping() {
	guest_case va_mapping 1 \
		"$GUEST_DIR/va_mapping.elf,$GUEST_DIR/va_mapping.elf domU=va,,mem=16M" \
		"${D0}va_mapping: remapped the window to pfns" '^\(d1\) va_mapping: remapped the window' \
		"${D0}va_mapping: errors answered" '^\(d1\) va_mapping: errors answered' \
		"${D0}va_mapping: written from a multicall$" '^\(d1\) va_mapping: written from a multicall$' \
		"${D0}va_mapping: multicall results as expected" \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_va_mapping"
