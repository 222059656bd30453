# QEMU test cases for tests/guests/smp (sourced by guest-tests.sh).

# Several vCPUs per domain: dom0 with dom0_max_vcpus=4 and a domU with
# vcpus=3 side by side bring up their vCPUs, exchange IPIs, take timer
# ticks per vCPU, move vcpu_info, watch runstates, take vCPUs down and up,
# and are shut down by their last vCPU (tests/guests/smp).
test_guest_smp() {
	GUEST_HV_OPTIONS="dom0_max_vcpus=4" guest_case smp 1 \
		"$GUEST_DIR/smp.elf vcpus=4,$GUEST_DIR/smp.elf domU=smp,,vcpus=3,,mem=16M vcpus=3" \
		'^d0: kernel .* 4 vCPUs$' '^d1: kernel .* 3 vCPUs$' \
		"${D0}"'smp: 4 vCPUs, only vCPU 0 up$' '^\(d1\) smp: 3 vCPUs, only vCPU 0 up$' \
		"${D0}"'smp: vcpu_op errors as Xen$' '^\(d1\) smp: vcpu_op errors as Xen$' \
		"${D0}"'smp: vCPUs 1-3 up on their own stacks$' \
		'^\(d1\) smp: vCPUs 1-2 up on their own stacks$' \
		"${D0}"'smp: 20 IPI round trips with each vCPU$' \
		'^\(d1\) smp: 20 IPI round trips with each vCPU$' \
		"${D0}"'smp: VIRQ_TIMER per vCPU$' '^\(d1\) smp: VIRQ_TIMER per vCPU$' \
		"${D0}"'smp: vcpu_info moved into a guest page$' \
		'^\(d1\) smp: vcpu_info moved into a guest page$' \
		"${D0}"'smp: bind_vcpu moves a channel.s events to its vCPU$' \
		'^\(d1\) smp: bind_vcpu moves a channel.s events to its vCPU$' \
		"${D0}"'smp: vCPU time area kept current$' '^\(d1\) smp: vCPU time area kept current$' \
		"${D0}"'smp: send_nmi reaches each vCPU.s NMI callback$' \
		'^\(d1\) smp: send_nmi reaches each vCPU.s NMI callback$' \
		"${D0}"'smp: runstate areas kept current$' '^\(d1\) smp: runstate areas kept current$' \
		"${D0}"'smp: down then up again$' '^\(d1\) smp: down then up again$' \
		"${D0}"'smp: vCPU 3 shuts the domain down$' '^\(d1\) smp: vCPU 2 shuts the domain down$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		'^Domain 0 \(dom0\) shut down: poweroff$' '^Domain 1 \(smp\) shut down: poweroff$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_smp"

# A vCPU initialised with a code selector the CPU cannot load (CS 0x10 in
# an empty GDT) crashes its domain when it is first entered; dom0 goes on
# (tests/guests/smp bad_selector=1).
test_guest_smp_bad_selector() {
	guest_case smp_bad_selector 5 \
		"$GUEST_DIR/multi.elf lines=20,$GUEST_DIR/smp.elf domU=badsel,,vcpus=3 vcpus=3 bad_selector=1" \
		'^\(d1\) smp: vCPU 1 initialised with CS 0x10$' \
		'^d1 v1: cannot return to the guest: CS 0x13 or SS 0xe02b not loadable$' \
		'^Domain 1 \(badsel\) crashed$' \
		"${D0}"'multi: line 20 of 20$' "${D0}"'Test result: SUCCESS$' \
		'^All domains have shut down \(1 failed\)$' '!^\(d1\) FAIL' '!^\(d1\) Test result'
}
guest_tests="$guest_tests guest_smp_bad_selector"

# The same refused return with a failsafe callback in the context: the
# vCPU enters it instead (tests/guests/smp bad_selector=failsafe).
test_guest_smp_failsafe() {
	guest_case smp_failsafe 1 \
		"$GUEST_DIR/multi.elf lines=20,$GUEST_DIR/smp.elf domU=failsafe,,vcpus=3 vcpus=3 bad_selector=failsafe" \
		'^\(d1\) smp: vCPU 1 initialised with CS 0x10$' \
		'^d1 v1: cannot return to the guest: CS 0x13 or SS 0xe02b not loadable: failsafe callback$' \
		'^\(d1\) smp: vCPU 1 entered its failsafe callback with CS 0x10$' \
		'^\(d1\) Test result: SUCCESS$' "${D0}"'Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_smp_failsafe"
