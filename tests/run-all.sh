#!/bin/bash
# The whole test suite: host unit tests, then QEMU boot tests (one QEMU at
# a time).  Logs go to BUILD/tests/.  The last line is "N passed, N failed".
# Usage: tests/run-all.sh BUILD_DIR [TEST_NAME_SUBSTRING]
set -u
BUILD=${1:-build}
FILTER=${2:-}
LOGS=$BUILD/tests
mkdir -p "$LOGS"

. tests/lib.sh
. tests/boot/boot-tests.sh
. tests/guests/guest-tests.sh
. tests/linux/linux-tests.sh
[ -f tests/boot/badinfo.sh ] && . tests/boot/badinfo.sh
. tests/linux/cases.sh

run_unit_tests() {
	"$BUILD/unit-tests" $FILTER > "$LOGS/unit.log" 2>&1
	while read -r verdict name rest; do
		case $verdict in
		PASS) pass "unit/$name" ;;
		FAIL) fail "unit/$name" "see $LOGS/unit.log" ;;
		esac
	done < "$LOGS/unit.log"
	grep -q '^unit: ' "$LOGS/unit.log" ||
		fail unit/runner "the unit test binary crashed (see $LOGS/unit.log)"
}

run_unit_tests
make_modules
for t in $boot_tests $guest_tests $linux_tests; do
	case $t in *"$FILTER"*) "test_$t" ;; esac
done
if [ -n "${badinfo_cases:-}" ]; then
	for c in $badinfo_cases; do
		case "badinfo_$c" in
		*"$FILTER"*)
			if run_badinfo_case "$c" "$LOGS"; then pass "badinfo_$c"
			else fail "badinfo_$c" "see $LOGS/badinfo-$c.log"; fi ;;
		esac
	done
fi

[ -z "$TEST_FAILURES" ] || echo "Failed:$TEST_FAILURES"
echo "$TEST_PASSED passed, $TEST_FAILED failed"
[ "$TEST_FAILED" -eq 0 ]
