# make bench's description of trap_bench (sourced by scripts/bench-lib.sh):
# the round trips between a PV kernel and the hypervisor, with ratios to
# the null hypercall.  Under Ringvisor a second copy of the kernel runs as
# a domU, the partner of the vCPU switch; Xen boots dom0 alone, so it has
# no switch figure.

BENCH_SHORT=trap
BENCH_JSON_NAME=trap_round_trips
BENCH_TITLE="Trap, system call, event and vCPU switch round trips"
BENCH_UNIT=op
BENCH_ROWS="null_hypercall exception syscall event_upcall vcpu_switch"
BENCH_REFS="null_hypercall"
BENCH_XEN_SKIP="vcpu_switch"

bench_label() {
	case $1 in
	null_hypercall) echo "(a) null hypercall (xen_version 0)" ;;
	exception) echo "(b) exception: int3, bounced, iret" ;;
	syscall) echo "(c) system call from user mode, iret back" ;;
	event_upcall) echo "(d) event send to upcall and back" ;;
	vcpu_switch) echo "(e) vCPU switch (sched_op yield between two domains)" ;;
	*) echo "$1" ;;
	esac
}

bench_ref_label() {
	echo "× null hypercall"
}

# Dom0 and its switch partner (a comma inside a module's line is doubled).
bench_modules() {
	echo "$1 $2 partner=1,$1 domU=partner,,mem=16M"
}
