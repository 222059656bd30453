# Smoke check of the mmu_bench kernel (sourced by tests/guests/guest-tests.sh;
# make bench does the measuring): one round as dom0, every operation
# printing its sample.

test_guest_mmu_bench() {
	set -- mmu_update_single mmu_update_batch512 uvm_none uvm_invlpg multicall_uvm32 ptwr_store \
		null_hypercall plain_store
	for op in "$@"; do
		shift
		set -- "$@" "${D0}bench $op [0-9]+\.[0-9]{2}$"
	done
	guest_case mmu_bench 1 "$BUILD/bench/mmu_bench.elf rounds=1" \
		"${D0}bench-config rounds 1 scale 1 entries 512 multicall 32$" "$@" \
		"${D0}Test result: SUCCESS$"
}
guest_tests="$guest_tests guest_mmu_bench"
