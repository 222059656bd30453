# Shared helpers for the test scripts: result counting and QEMU runs.
# Sourced by tests/run-all.sh.

TEST_PASSED=0
TEST_FAILED=0
TEST_FAILURES=""

# pass NAME / fail NAME WHY: record one result.
pass() {
	TEST_PASSED=$((TEST_PASSED + 1))
	echo "PASS $1"
}

fail() {
	TEST_FAILED=$((TEST_FAILED + 1))
	TEST_FAILURES="$TEST_FAILURES $1"
	echo "FAIL $1: $2"
}

# skip NAME WHY: a test that cannot run here (not counted).
skip() {
	echo "SKIP $1: $2"
}

# qemu_headless TIMEOUT QEMU-ARGS...: QEMU with no display, no monitor,
# no reboot and the isa-debug-exit device at 0xf4.
qemu_headless() {
	limit=$1
	shift
	timeout "$limit" qemu-system-x86_64 -accel tcg -display none -no-reboot -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=4 "$@"
}

# run_qemu LOG TIMEOUT QEMU-ARGS...: runs QEMU headless with the serial
# console in LOG; sets QEMU_STATUS.  With SERIAL_INPUT set to a file (or
# FIFO), the serial line's input comes from it (through QEMU's stdio).
run_qemu() {
	log=$1 limit=$2
	shift 2
	QEMU_STATUS=0
	if [ -n "${SERIAL_INPUT:-}" ]; then
		qemu_headless "$limit" -serial stdio "$@" <"$SERIAL_INPUT" >"$log" 2>"$log.qemu" ||
			QEMU_STATUS=$?
	else
		qemu_headless "$limit" -serial "file:$log" "$@" >"$log.qemu" 2>&1 || QEMU_STATUS=$?
	fi
	# The serial console ends lines with CR LF.
	sed -i 's/\r$//' "$log"
}

# expect NAME LOG STATUS PATTERN...: passes if QEMU exited with STATUS and
# every grep -E PATTERN matches a line of LOG; patterns prefixed with '!'
# must not match.
expect() {
	name=$1 log=$2 status=$3
	shift 3
	if [ "$QEMU_STATUS" != "$status" ]; then
		fail "$name" "QEMU exit status $QEMU_STATUS, expected $status (log: $log)"
		return
	fi
	for pattern in "$@"; do
		case $pattern in
		!*)
			if grep -aEq -- "${pattern#!}" "$log"; then
				fail "$name" "unexpected '${pattern#!}' in $log"
				return
			fi ;;
		*)
			if ! grep -aEq -- "$pattern" "$log"; then
				fail "$name" "no '$pattern' in $log"
				return
			fi ;;
		esac
	done
	pass "$name"
}
