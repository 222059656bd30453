# QEMU test cases for tests/guests/cpuinfo (sourced by guest-tests.sh).

# The physical CPU queries (platform_op get_cpuinfo/get_cpu_version, mca)
# from dom0, and refused for a domU.
test_guest_cpuinfo() {
	guest_case cpuinfo 1 \
		"$GUEST_DIR/cpuinfo.elf role=dom0,$GUEST_DIR/cpuinfo.elf domU=cpu role=domU" \
		"${D0}"'cpuinfo: running as dom0$' '^\(d1\) cpuinfo: running as domU$' \
		"${D0}"'cpuinfo: cpu 0 online, apic 0 acpi 0, [A-Za-z ]{12} family [1-9]' \
		"${D0}"'cpuinfo: absent cpus flagged$' \
		"${D0}"'cpuinfo: mca cpu 0 [A-Za-z ]{12} vendor 0x[12] family [1-9]' \
		"${D0}"'cpuinfo: mca answers checked$' \
		'^\(d1\) cpuinfo: refused with -EPERM$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_cpuinfo"
