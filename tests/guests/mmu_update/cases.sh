# QEMU test cases for tests/guests/mmu_update (sourced by guest-tests.sh).

# mmu_update and the M2P from inside, as dom0 and as a domU: mappings made,
# remapped and removed by machine address, a new L1 table, batches,
# PRESERVE_AD, MACHPHYS_UPDATE, and refusals with Xen's error codes
# (tests/guests/mmu_update).
test_guest_mmu_update() {
	guest_case mmu_update 1 \
		"$GUEST_DIR/mmu_update.elf role=dom0,$GUEST_DIR/mmu_update.elf domU=mmu,,mem=16M role=domU domid=1" \
		"${D0}"'mmu_update: running as dom0 \(d0\), 8192 pages$' \
		'^\(d1\) mmu_update: running as domU \(d1\), 4096 pages$' \
		"${D0}"'mmu_update: M2P matches the p2m for 8192 pages \(at start\)$' \
		'^\(d1\) mmu_update: M2P matches the p2m for 4096 pages \(at start\)$' \
		"${D0}"'mmu_update: mapped, remapped and unmapped a page$' \
		'^\(d1\) mmu_update: mapped, remapped and unmapped a page$' \
		"${D0}"'mmu_update: a new L1 table in a free L2 slot$' \
		'^\(d1\) mmu_update: a new L1 table in a free L2 slot$' \
		"${D0}"'mmu_update: batches done$' '^\(d1\) mmu_update: batches done$' \
		"${D0}"'mmu_update: PRESERVE_AD keeps accessed and dirty$' \
		'^\(d1\) mmu_update: PRESERVE_AD keeps accessed and dirty$' \
		"${D0}"'mmu_update: M2P matches the p2m for 8192 pages \(after MACHPHYS_UPDATE' \
		'^\(d1\) mmu_update: M2P matches the p2m for 4096 pages \(after MACHPHYS_UPDATE' \
		"${D0}"'mmu_update: read-only self-map of the L4 made, read and removed$' \
		'^\(d1\) mmu_update: read-only self-map of the L4 made, read and removed$' \
		"${D0}"'mmu_update: refusals gave Xen.s errors and the domain goes on$' \
		'^\(d1\) mmu_update: refusals gave Xen.s errors and the domain goes on$' \
		"${D0}"'mmu_update: M2P matches the p2m for 8192 pages \(at the end\)$' \
		'^\(d1\) mmu_update: M2P matches the p2m for 4096 pages \(at the end\)$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_mmu_update"
