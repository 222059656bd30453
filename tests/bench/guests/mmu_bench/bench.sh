# make bench's description of mmu_bench (sourced by scripts/bench-lib.sh):
# the cost of a page-table entry update, by each way a PV kernel can make
# it, with ratios to a trapped store (writable page tables) and to the null
# hypercall.

BENCH_SHORT=mmu
BENCH_JSON_NAME=mmu_update_cost
BENCH_TITLE="Page-table entry update cost"
BENCH_UNIT=update
BENCH_ROWS="mmu_update_single mmu_update_batch512 uvm_none uvm_invlpg multicall_uvm32 ptwr_store
null_hypercall plain_store"
BENCH_REFS="ptwr_store null_hypercall"

bench_label() {
	case $1 in
	mmu_update_single) echo "(a) mmu_update, 1 request per call" ;;
	mmu_update_batch512) echo "(b) mmu_update, 512 requests per call" ;;
	uvm_none) echo "(c) update_va_mapping, flags 0" ;;
	uvm_invlpg) echo "(c) update_va_mapping, UVMF_INVLPG" ;;
	multicall_uvm32) echo "(d) multicall of 32 update_va_mapping" ;;
	ptwr_store) echo "(e) writable page tables: movq, trapped" ;;
	null_hypercall) echo "(f) null hypercall (xen_version 0)" ;;
	plain_store) echo "(g) movq to ordinary memory" ;;
	*) echo "$1" ;;
	esac
}

bench_ref_label() {
	case $1 in
	ptwr_store) echo "× ptwr" ;;
	null_hypercall) echo "× null hypercall" ;;
	esac
}

# The kernel alone, as dom0.
bench_modules() {
	echo "$1 $2"
}
