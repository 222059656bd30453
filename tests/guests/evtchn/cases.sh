# QEMU test cases for tests/guests/evtchn (sourced by guest-tests.sh).

# Event channels from inside, as dom0 and as a domU, on their own (loopback,
# every kind of port, errors, all 4095 ports then reset) and then talking
# to each other on ports agreed by convention; the domU dies with a port
# still bound (tests/guests/evtchn).
test_guest_evtchn() {
	guest_case evtchn 1 \
		"$GUEST_DIR/evtchn.elf peer=1,$GUEST_DIR/evtchn.elf domU=ev,,mem=16M peer=0" \
		"${D0}"'evtchn: running as dom0$' '^\(d1\) evtchn: running as domU$' \
		"${D0}"'evtchn: loopback 1 <-> 2: pending, selector and upcall flag as expected$' \
		'^\(d1\) evtchn: loopback 1 <-> 2: pending, selector and upcall flag as expected$' \
		"${D0}"'evtchn: closing either end leaves the other unbound$' \
		'^\(d1\) evtchn: closing either end leaves the other unbound$' \
		"${D0}"'evtchn: virq \(timer 1, debug 2, console 3\), ipi 4 and unbound 5 ports$' \
		'^\(d1\) evtchn: virq \(timer 1, debug 2, console 3\), ipi 4 and unbound 5 ports$' \
		"${D0}"'evtchn: errors answered$' '^\(d1\) evtchn: errors answered$' \
		"${D0}"'evtchn: 4095 ports allocated, then reset closed them all$' \
		'^\(d1\) evtchn: 4095 ports allocated, then reset closed them all$' \
		"${D0}"'evtchn: domain 1 bound to port 1$' '^\(d1\) evtchn: bound to port 1 of domain 0$' \
		"${D0}"'evtchn: event from domain 1 seen on port 1$' \
		'^\(d1\) evtchn: event from domain 0 seen on port 1$' \
		"${D0}"'evtchn: domain 1 closed its end of port 1 and bound port 2$' \
		'^\(d1\) evtchn: event from domain 0 seen on port 2, leaving it bound$' \
		"${D0}"'evtchn: port 2 unbound again after domain 1 died, VIRQ_DOM_EXC raised$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_evtchn"
