# QEMU test cases for tests/guests/reservation (sourced by guest-tests.sh).

# memory_op's reservation changes, exchange and M2P queries, as dom0 and as a domU
# (tests/guests/reservation); both end holding frames outside their p2m,
# which teardown must return with the rest.
test_guest_reservation() {
	guest_case reservation 1 \
		"$GUEST_DIR/reservation.elf,$GUEST_DIR/reservation.elf domU=res,,mem=16M" \
		"${D0}"'reservation: dom0 with 8192 pages' '^\(d1\) reservation: domU with 4096 pages' \
		"${D0}"'reservation: M2P at \[0xffff800000000000, 0xffff804000000000\), max_mfn 0x[0-9a-f]+, ' \
		'^\(d1\) reservation: M2P at \[0xffff800000000000, 0xffff804000000000\), max_mfn 0x7ffffffff, ' \
		"${D0}"'reservation: gave back 16 pages and populated them again$' \
		'^\(d1\) reservation: gave back 16 pages and populated them again$' \
		"${D0}"'reservation: extents of order 10$' '^\(d1\) reservation: extents of order 9$' \
		"${D0}"'reservation: no max_pages for dom0$' '^\(d1\) reservation: max_pages 4096 holds$' \
		"${D0}"'reservation: frames in use given back, freed when unused$' \
		'^\(d1\) reservation: frames in use given back, freed when unused$' \
		"${D0}"'reservation: bad requests answered$' '^\(d1\) reservation: bad requests answered$' \
		"${D0}"'reservation: exchanged 16 frames for an extent of order 4 below 4 GiB and back$' \
		'^\(d1\) reservation: exchanged 16 frames for an extent of order 4 below 4 GiB and back$' \
		"${D0}"'reservation: ending with frames held outside the p2m$' \
		'^\(d1\) reservation: ending with frames held outside the p2m$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_reservation"
