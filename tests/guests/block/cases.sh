# QEMU test cases for tests/guests/block (sourced by guest-tests.sh).

# SCHEDOP_block and SCHEDOP_poll (tests/guests/block), dom0 and a domU:
# with both blocked the CPU idles until a timer fires.
test_guest_block() {
	guest_case block 1 "$GUEST_DIR/block.elf,$GUEST_DIR/block.elf domU=blk,,mem=16M" \
		"${D0}"'block: 20 ticks with [0-9]+ blocks in [0-9]+ ms$' \
		'^\(d1\) block: 20 ticks with [0-9]+ blocks in [0-9]+ ms$' \
		"${D0}"'block: pending event returns at once$' \
		"${D0}"'poll: timeout after [0-9]+ ms$' '^\(d1\) poll: timeout after [0-9]+ ms$' \
		"${D0}"'poll: woken by its port after [0-9]+ ms$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_block"
