# QEMU test cases for tests/guests/start_info (sourced by guest-tests.sh).

# start_info and the start-of-day layout and page tables, for dom0 with an
# initrd of known contents and for a 16 MiB domU (tests/guests/start_info).
test_guest_start_info() {
	initrd=$LOGS/initrd-lines.txt
	i=0
	while [ $i -lt 1000 ]; do
		printf 'initrd line %04d\n' $i
		i=$((i + 1))
	done > "$initrd"
	guest_case start_info 1 \
		"$GUEST_DIR/start_info.elf role=dom0 pages=8192 initrd=1000 x=\"a b\",$initrd,$GUEST_DIR/start_info.elf domU=si,,mem=16M role=domU  pages=4096 tail=end" \
		"${D0}start_info: cmd_line 'role=dom0 pages=8192 initrd=1000 x=\"a b\"'$" \
		"^\\(d1\\) start_info: cmd_line 'role=domU  pages=4096 tail=end'$" \
		"${D0}"'start_info: initrd: 17000 bytes at ' \
		'^\(d1\) start_info: store mfn 0x[0-9a-f]+, console mfn 0x[0-9a-f]+$' \
		"${D0}"'start_info: hypervisor L4 slots' '^\(d1\) start_info: hypervisor L4 slots' \
		"${D0}"'start_info: bootstrap area \[0xffffffff80000000, 0xffffffff80800000\)$' \
		'^\(d1\) start_info: bootstrap area \[0xffffffff80000000, 0xffffffff80800000\)$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_start_info"
