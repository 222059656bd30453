# QEMU test cases for tests/guests/mmuext (sourced by guest-tests.sh).

# mmuext_op from inside, as dom0 and as a domU: pins, new kernel and user
# roots, every flush (a stale TLB would show), COPY/CLEAR_PAGE, SET_LDT and
# refusals with Xen's error codes; tables left pinned and a user root left
# set must not keep frames (tests/guests/mmuext).
test_guest_mmuext() {
	guest_case mmuext 1 \
		"$GUEST_DIR/mmuext.elf,$GUEST_DIR/mmuext.elf domU=ext,,mem=16M domid=1" \
		"${D0}mmuext: pinned L1-L4 at pfns" '^\(d1\) mmuext: pinned L1-L4 at pfns' \
		"${D0}mmuext: running on the new L4$" '^\(d1\) mmuext: running on the new L4$' \
		"${D0}mmuext: switched roots and back$" '^\(d1\) mmuext: switched roots and back$' \
		"${D0}mmuext: every flush shows the new mapping$" \
		'^\(d1\) mmuext: every flush shows the new mapping$' \
		"${D0}mmuext: pages copied and cleared$" '^\(d1\) mmuext: pages copied and cleared$' \
		"${D0}mmuext: SET_LDT checked$" '^\(d1\) mmuext: SET_LDT checked$' \
		"${D0}mmuext: batches, foreign domains and bad pointers answered$" \
		'^\(d1\) mmuext: batches, foreign domains and bad pointers answered$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}FAIL" '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_mmuext"
