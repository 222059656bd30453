# Smoke check of the trap_bench kernel (sourced by tests/guests/guest-tests.sh;
# make bench does the measuring): one round as dom0 with its switch
# partner, every operation printing its sample.

test_guest_trap_bench() {
	guest_case trap_bench 1 \
		"$BUILD/bench/trap_bench.elf rounds=1 partner=1,$BUILD/bench/trap_bench.elf domU=partner,,mem=16M" \
		"${D0}bench-config rounds 1 scale 1 partner 1$" \
		"${D0}bench null_hypercall [0-9]+\.[0-9]{2}$" "${D0}bench exception [0-9]+\.[0-9]{2}$" \
		"${D0}bench syscall [0-9]+\.[0-9]{2}$" "${D0}bench event_upcall [0-9]+\.[0-9]{2}$" \
		"${D0}bench vcpu_switch [0-9]+\.[0-9]{2}$" "${D0}Test result: SUCCESS$" \
		'^\(d1\) trap_bench: partner yielded [0-9]{4,} times$' '^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_trap_bench"
