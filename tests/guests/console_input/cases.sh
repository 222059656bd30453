# QEMU test cases for tests/guests/console_input (sourced by guest-tests.sh).

# wait_for_line LOG PATTERN: waits (at most 100 s) for a line of LOG
# matching grep -E PATTERN; fails if none comes.
wait_for_line() {
	for _ in $(seq 1000); do
		grep -aEq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# console_input_type LOG FIFO: types on the serial line (FIFO) as dom0's
# console_input asks: a line once it says "unbound", another once it says
# "ready".  The FIFO stays open until every domain has shut down.
console_input_type() {
	exec 3>"$2" # waits for QEMU to open the other end
	wait_for_line "$1" 'console_input: unbound' && printf 'early-input 0123456789' >&3
	wait_for_line "$1" 'console_input: ready' &&
		printf 'typed after ready: the quick brown fox jumps over the lazy dog' >&3
	wait_for_line "$1" '^All domains have shut down'
	exec 3>&-
}

# Console input to dom0 (VIRQ_CONSOLE, CONSOLEIO_read), before and after it
# binds the virq; a domU's read gets -EPERM, its shutdown VIRQ_DOM_EXC.
test_guest_console_input() {
	fifo=$LOGS/guest-console_input.in
	rm -f "$fifo" "$LOGS/guest-console_input.log"
	mkfifo "$fifo"
	console_input_type "$LOGS/guest-console_input.log" "$fifo" &
	typist=$!
	SERIAL_INPUT=$fifo
	guest_case console_input 1 \
		"$GUEST_DIR/console_input.elf,$GUEST_DIR/console_input.elf domU=conu,,mem=16M" \
		"${D0}"'console_input: read .early-input 0123456789. \(22 bytes\)$' \
		"${D0}"'console_input: read .typed after ready: the quick brown fox jumps over the lazy dog. \(62 bytes\)$' \
		'^\(d1\) console_input: domU read: -EPERM$' \
		"${D0}"'console_input: VIRQ_DOM_EXC after the domU shut down$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$'
	SERIAL_INPUT=
	kill "$typist" 2>/dev/null
	wait "$typist" 2>/dev/null
	rm -f "$fifo"
}
guest_tests="$guest_tests guest_console_input"
