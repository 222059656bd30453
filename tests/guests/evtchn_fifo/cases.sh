# QEMU test cases for tests/guests/evtchn_fifo (sourced by guest-tests.sh).

# The FIFO event ABI from inside dom0 and a domU, two vCPUs each, side by
# side: set-up and its errors, priorities, masking, loopback and virq
# events through the queues, vCPU 1's queue, poll, reset to two levels.
test_guest_evtchn_fifo() {
	GUEST_HV_OPTIONS="dom0_max_vcpus=2" guest_case evtchn_fifo 1 \
		"$GUEST_DIR/evtchn_fifo.elf,$GUEST_DIR/evtchn_fifo.elf domU=fifo,,vcpus=2,,mem=16M" \
		"${D0}"'evtchn_fifo: FIFO set up; a port pending under two levels carried over$' \
		'^\(d1\) evtchn_fifo: FIFO set up; a port pending under two levels carried over$' \
		"${D0}"'evtchn_fifo: events delivered by priority, in order within one$' \
		'^\(d1\) evtchn_fifo: events delivered by priority, in order within one$' \
		"${D0}"'evtchn_fifo: a masked event waits for EVTCHNOP_unmask$' \
		'^\(d1\) evtchn_fifo: a masked event waits for EVTCHNOP_unmask$' \
		"${D0}"'evtchn_fifo: interdomain loopback and VIRQ_TIMER through the queues$' \
		'^\(d1\) evtchn_fifo: interdomain loopback and VIRQ_TIMER through the queues$' \
		"${D0}"'evtchn_fifo: bind_vcpu moves a port.s events to vCPU 1.s queue$' \
		'^\(d1\) evtchn_fifo: bind_vcpu moves a port.s events to vCPU 1.s queue$' \
		"${D0}"'evtchn_fifo: poll sees FIFO pending; a closed port still linked is not reused$' \
		'^\(d1\) evtchn_fifo: poll sees FIFO pending; a closed port still linked is not reused$' \
		"${D0}"'evtchn_fifo: reset goes back to two levels$' \
		'^\(d1\) evtchn_fifo: reset goes back to two levels$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_evtchn_fifo"
