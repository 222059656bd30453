# QEMU test cases for tests/guests/xen_version (sourced by guest-tests.sh).

# Every xen_version sub-op, as dom0 and as a domU (tests/guests/xen_version).
test_guest_xen_version() {
	guest_case xen_version 1 \
		"$GUEST_DIR/xen_version.elf role=dom0,$GUEST_DIR/xen_version.elf domU=ver role=domU" \
		"${D0}"'xen_version: running as dom0$' '^\(d1\) xen_version: running as domU$' \
		"${D0}xen_version: extraversion '-ringvisor'$" \
		"${D0}xen_version: capabilities 'xen-3.0-x86_64" \
		"${D0}xen_version: commandline '.*dom0_mem=32M" \
		"^\\(d1\\) xen_version: commandline '<denied>'\$" \
		"${D0}"'xen_version: bad pointers refused$' '^\(d1\) xen_version: bad pointers refused$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_xen_version"
