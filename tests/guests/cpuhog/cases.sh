# QEMU test cases for tests/guests/cpuhog (sourced by guest-tests.sh): the
# credit scheduler's shares, caps and wake-ups as the guests see them.
# The hogs count loop iterations over the same 1.5 s window (system time
# 800..2300 ms), so their counts compare the CPU time each got.  TCG is
# noisy: the bounds are loose, but a scheduler that ignores weights or
# caps gives 1:1 and fails them.

CPUHOG_WINDOW="start=800 end=2300"

# hog_count LOG DOMID: what domain DOMID's hog counted (0 if it printed nothing).
hog_count() {
	n=$(sed -nE "s/^\\(d$2\\) cpuhog: hog counted ([0-9]+)\$/\\1/p" "$1" | head -n 1)
	echo "${n:-0}"
}

# expect_percent NAME WHAT PERCENT MIN MAX: passes if PERCENT is in MIN..MAX.
expect_percent() {
	if [ "$3" -ge "$4" ] && [ "$3" -le "$5" ]; then
		pass "$1"
	else
		fail "$1" "$2 is $3%, expected $4 to $5%"
	fi
}

# weights_case NAME PATTERN...: two busy domUs of weights 512 and 256,
# dom0 blocked: CPU time 2:1.
weights_case() {
	weights_name=$1
	shift
	hog=$GUEST_DIR/cpuhog.elf
	guest_case "$weights_name" 1 \
		"$hog mode=sleep end=2300,$hog domU=heavy,,mem=16M,,weight=512 mode=hog $CPUHOG_WINDOW,$hog domU=light,,mem=16M mode=hog $CPUHOG_WINDOW" \
		'^d1 \(heavy\): weight 512, cap 0$' \
		'^\(d1\) cpuhog: hog counted [0-9]+$' '^\(d2\) cpuhog: hog counted [0-9]+$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		'^\(d2\) Test result: SUCCESS$' "!${D0}"'FAIL' '!^\(d[12]\) FAIL' "$@"
	log=$LOGS/guest-$weights_name.log
	heavy=$(hog_count "$log" 1) light=$(hog_count "$log" 2)
	expect_percent "guest_${weights_name}_ratio" "weight 512 against 256 (heavy/light)" \
		$((heavy * 100 / (light + 1))) 160 250
}

test_guest_sched_weights() {
	weights_case sched_weights '^Scheduler: credit, 30 ms time slice$'
}
guest_tests="$guest_tests guest_sched_weights"

# The same with a 10 ms time slice; a slice out of Xen's 1..1000 ms is refused.
test_guest_sched_tslice() {
	GUEST_HV_OPTIONS="sched_credit_tslice_ms=1001 sched_credit_tslice_ms=10"
	weights_case sched_tslice "^cmdline: bad value for 'sched.credit.tslice.ms' ignored$" \
		'^Scheduler: credit, 10 ms time slice$' '!unknown option'
	GUEST_HV_OPTIONS=
}
guest_tests="$guest_tests guest_sched_tslice"

# A busy domU capped at 25% beside an uncapped one: at most about a quarter.
test_guest_sched_cap() {
	hog=$GUEST_DIR/cpuhog.elf
	guest_case sched_cap 1 \
		"$hog mode=sleep end=2300,$hog domU=capped,,mem=16M,,cap=25 mode=hog $CPUHOG_WINDOW,$hog domU=free,,mem=16M mode=hog $CPUHOG_WINDOW" \
		'^d1 \(capped\): weight 256, cap 25$' \
		'^\(d1\) cpuhog: hog counted [0-9]+$' '^\(d2\) cpuhog: hog counted [0-9]+$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		'^\(d2\) Test result: SUCCESS$' "!${D0}"'FAIL' '!^\(d[12]\) FAIL'
	log=$LOGS/guest-sched_cap.log
	capped=$(hog_count "$log" 1) free=$(hog_count "$log" 2)
	expect_percent guest_sched_cap_share "the capped hog's share" \
		$((capped * 100 / (capped + free + 1))) 10 32
}
guest_tests="$guest_tests guest_sched_cap"

# A timer-driven dom0 (10 ms ticks, blocked in between) beside a busy domU:
# every tick comes, promptly (the woken vCPU is boosted past the hog).
test_guest_sched_ticker() {
	hog=$GUEST_DIR/cpuhog.elf
	guest_case sched_ticker 1 \
		"$hog mode=ticker $CPUHOG_WINDOW,$hog domU=hog,,mem=16M mode=hog $CPUHOG_WINDOW" \
		"${D0}"'cpuhog: ticker got [0-9]+ ticks, at most [0-9]+ ms late, [0-9]+ more than 25 ms late$' \
		'^\(d1\) cpuhog: hog counted [0-9]+$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}
guest_tests="$guest_tests guest_sched_ticker"

# Out-of-range scheduler parameters: the domU is not started, the others run.
test_guest_sched_bad_params() {
	hog=$GUEST_DIR/cpuhog.elf
	guest_case sched_bad_params 1 \
		"$hog mode=sleep end=300,$hog domU=w0,,mem=16M,,weight=0 mode=sleep end=300,$hog domU=c101,,mem=16M,,cap=101 mode=sleep end=300,$hog domU=ok,,mem=16M,,weight=65535,,cap=100 mode=sleep end=300" \
		'^d1 \(w0\): weight 0 or cap 0 out of range$' '^d1 \(w0\) not started$' \
		'^d2 \(c101\): weight 256 or cap 101 out of range$' '^d2 \(c101\) not started$' \
		'^d3 \(ok\): weight 65535, cap 100$' '^\(d3\) Test result: SUCCESS$' \
		"${D0}Test result: SUCCESS$" '!^\(d[12]\)'
}
guest_tests="$guest_tests guest_sched_bad_params"
