# QEMU test cases for tests/guests/segments (sourced by guest-tests.sh).

test_guest_segments() {
	guest_case segments 1 "$GUEST_DIR/segments.elf,$GUEST_DIR/segments.elf domU=segments,,mem=16M" \
		"${D0}segments: bad set_gdt refused$" '^\(d1\) segments: bad set_gdt refused$' \
		"${D0}segments: own GDT descriptors loaded and read through$" \
		"${D0}segments: update_descriptor answers as Xen$" \
		"${D0}segments: LDT selectors usable after set_ldt$" \
		'^\(d1\) segments: LDT selectors usable after set_ldt$' \
		"${D0}segments: selectors and bases kept across 40 yields$" \
		'^\(d1\) segments: selectors and bases kept across 40 yields$' \
		"${D0}segments: failsafe callback entered with Xen's frame$" \
		"^\\(d1\\) segments: failsafe callback entered with Xen's frame$" \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_segments"

# A selector that cannot be reloaded and no failsafe callback: the domU alone is crashed.
test_guest_segments_no_failsafe() {
	guest_case segments_no_failsafe 5 \
		"$GUEST_DIR/multi.elf lines=20,$GUEST_DIR/segments.elf domU=nofs,,mem=16M failsafe=none" \
		'^\(d1\) segments: DS unloadable, no failsafe callback$' \
		'^d1 v0: a segment selector \(ds 0x23 es 0xe02b fs 0xe02b gs 0xe02b\) cannot be loaded and there is no failsafe callback$' \
		'^Domain 1 \(nofs\) crashed$' "${D0}"'Test result: SUCCESS$' \
		'!^\(d1\) Test result'
}
guest_tests="$guest_tests guest_segments_no_failsafe"
