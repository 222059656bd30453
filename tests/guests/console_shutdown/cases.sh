# QEMU test cases for tests/guests/console_shutdown (sourced by guest-tests.sh).

test_guest_console_shutdown() {
	for reason in poweroff reboot suspend; do
		guest_case "console_shutdown_$reason" 1 \
			"$GUEST_DIR/console_shutdown.elf reason=$reason" \
			'^console: hello from a PV test kernel$' \
			'^abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu$' \
			'^console: long write done$' '^Test result: SUCCESS$' \
			"^Domain 0 \\(dom0\\) shut down: $reason, code 42$" \
			'^All domains have shut down \(0 failed\)$'
	done
	guest_case console_shutdown_crash 5 \
		"$GUEST_DIR/console_shutdown.elf reason=crash" \
		'^Domain 0 \(dom0\) shut down: crash, code 42$' \
		'^All domains have shut down \(1 failed\)$'
}
guest_tests="$guest_tests guest_console_shutdown"
