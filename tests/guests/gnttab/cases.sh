# QEMU test cases for tests/guests/gnttab (sourced by guest-tests.sh).

# The grant table from inside, as dom0 and as a domU: version, size,
# setup_table's frames mapped and written, errors (tests/guests/gnttab).
test_guest_gnttab() {
	guest_case gnttab 1 \
		"$GUEST_DIR/gnttab.elf,$GUEST_DIR/gnttab.elf domU=gt" \
		"${D0}"'gnttab: running as dom0$' '^\(d1\) gnttab: running as domU$' \
		"${D0}"'gnttab: version 1, version 2 refused$' \
		'^\(d1\) gnttab: version 1, version 2 refused$' \
		"${D0}"'gnttab: table of 4 frames \(at most 64\)$' \
		'^\(d1\) gnttab: table of 4 frames \(at most 64\)$' \
		"${D0}"'gnttab: grant entry 515 written and read back$' \
		'^\(d1\) gnttab: grant entry 515 written and read back$' \
		"${D0}"'gnttab: errors answered$' '^\(d1\) gnttab: errors answered$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_gnttab"
