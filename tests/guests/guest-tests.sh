# QEMU tests with our PV test kernels (tests/guests/<name>/).  Sourced by
# tests/run-all.sh, which sets BUILD and LOGS.  Each case boots the
# hypervisor with QEMU -kernel, the test kernels as modules, and checks
# every kernel's "Test result: SUCCESS" line, the hypervisor's log and
# QEMU's exit status (1: every domain shut down cleanly, 5: some domain
# crashed or shut down with reason crash; see tests/boot/boot-tests.sh).

GUEST_DIR=$BUILD/guests

# guest_case NAME STATUS MODULES [PATTERN...]: MODULES is QEMU's -initrd
# list ("file args,file args"); each PATTERN as in expect().  Extra QEMU
# options (e.g. another CPU model) may come in GUEST_QEMU_ARGS, extra
# hypervisor options in GUEST_HV_OPTIONS.
# Dom0 writes to the console as it is (as on Xen); a domU's lines are
# prefixed "(dN) ".
D0='^'

guest_case() {
	name=$1 status=$2 modules=$3
	shift 3
	log=$LOGS/guest-$name.log
	# shellcheck disable=SC2086 # GUEST_QEMU_ARGS is a list of options
	run_qemu "$log" 120 -m 256 ${GUEST_QEMU_ARGS:-} -kernel "$BUILD/hypervisor.elf" \
		-append "debug-exit=0xf4 dom0_mem=32M${GUEST_HV_OPTIONS:+ $GUEST_HV_OPTIONS}" \
		-initrd "$modules"
	expect "guest_$name" "$log" "$status" "$@" "$NO_FAULT" \
		'^Memory: every frame the domains used was returned' '!still held|frames missing'
}

# expect_before NAME LOG FIRST SECOND: passes if the first line matching
# grep -E FIRST comes before the last line matching SECOND.
expect_before() {
	first=$(grep -anE -- "$3" "$2" | head -n 1 | cut -d: -f1)
	last=$(grep -anE -- "$4" "$2" | tail -n 1 | cut -d: -f1)
	if [ -n "$first" ] && [ -n "$last" ] && [ "$first" -lt "$last" ]; then
		pass "$1"
	else
		fail "$1" "'$3' (line ${first:-none}) not before '$4' (line ${last:-none}) in $2"
	fi
}

# expect_count NAME LOG MIN MAX PATTERN: passes if between MIN and MAX
# lines of LOG match grep -E PATTERN.
expect_count() {
	n=$(grep -acE -- "$5" "$2")
	if [ "$n" -ge "$3" ] && [ "$n" -le "$4" ]; then
		pass "$1"
	else
		fail "$1" "$n lines match '$5' in $2, expected $3 to $4"
	fi
}

# QEMU's -initrd list separates modules with commas: a comma inside a
# module's command line is written twice.

# Two domains side by side, yielding to each other (tests/guests/multi).
test_guest_two_domains() {
	guest_case two_domains 1 \
		"$GUEST_DIR/multi.elf,$GUEST_DIR/multi.elf domU=second,,mem=16M" \
		"${D0}"'multi: dom0 with 8192 pages$' '^\(d1\) multi: domU with 4096 pages$' \
		"${D0}"'multi: line 5 of 5$' '^\(d1\) multi: line 5 of 5$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^Domain 0 \(dom0\) shut down: poweroff$' '^Domain 1 \(second\) shut down: poweroff$' \
		'^All domains have shut down \(0 failed\)$'
	expect_before guest_two_domains_interleave "$LOGS/guest-two_domains.log" \
		'^\(d1\) multi: line 1 of 5$' "${D0}"'multi: line 5 of 5$'
}

# guest_crash KIND REPORT: a domU dies of fault KIND next to a dom0 that
# finishes; REPORT is the expected reason in the crash report.
guest_crash() {
	kind=$1 report=$2
	log=$LOGS/guest-crash_$kind.log
	guest_case "crash_$kind" 5 \
		"$GUEST_DIR/multi.elf lines=20,$GUEST_DIR/crash.elf domU=crash,,mem=16M fault=$kind" \
		"^\\(d1\\) crash: fault=$kind\$" \
		"^d1 v0: unhandled exception $report" '^Guest in kernel mode$' \
		'^Guest stack at [0-9a-f]{16}:$' '^Domain 1 \(crash\) crashed$' \
		"${D0}"'multi: line 20 of 20$' "${D0}"'Test result: SUCCESS$' \
		'^Domain 0 \(dom0\) shut down: poweroff$' \
		'^All domains have shut down \(1 failed\)$' \
		'!^\(d1\) Test result' '!^\(d1\) FAIL' '!^Domain 1 \(crash\) shut down'
	# The report names the instruction (and page fault address) the
	# kernel printed.
	rip=$(sed -n 's/^(d1) crash: instruction at \([0-9a-f]*\).*/\1/p' "$log")
	addr=$(sed -n 's/^(d1) crash: instruction at .*, address \([0-9a-f]*\)$/\1/p' "$log")
	set -- "^RIP: +e033:${rip:-none}  RFLAGS: "
	case $report in
	'#PF'*) set -- "$@" "fault address ${addr:-none}\$" ;;
	esac
	expect "guest_crash_${kind}_report" "$log" 5 "$@"
}

# Guest exceptions kill only the domain that raised them, with a report
# (tests/guests/crash).
test_guest_crash() {
	guest_crash read '#PF page fault, error code 0x4, fault address 0000100000000000$'
	guest_crash write '#PF page fault, error code 0x7, fault address ffffffff80[0-9a-f]{6}$'
	guest_crash ud '#UD invalid opcode, error code 0$'
	guest_crash priv '#GP general protection, error code 0$'
	guest_crash hlt '#GP general protection, error code 0$'
	guest_crash cr3 '#GP general protection, error code 0$'
	# The guest can neither read nor write the hypervisor's pages.
	guest_crash hvread '#PF page fault, error code 0x5, fault address ffff830000000000$'
	guest_crash hvwrite '#PF page fault, error code 0x7, fault address ffff82d040200000$'
	guest_crash noncanon '#GP general protection, error code 0$'
	guest_crash badstack '#UD invalid opcode, error code 0$'
	guest_crash step '#DB debug, error code 0$'
	expect guest_crash_badstack_dump "$LOGS/guest-crash_badstack.log" 5 \
		'^Guest stack at 0000100000000000:$' '^  \(unreadable at 0000100000000000\)$'
}

# Modules that cannot become domains are refused with a message and
# skipped (their memory returned at once); dom0 and a good domU run.
test_guest_bad_kernels() {
	head -c 3000 "$GUEST_DIR/multi.elf" > "$LOGS/truncated.elf"
	printf 'This is a text file, not a kernel.\nIt has two lines.\n' > "$LOGS/text.txt"
	guest_case bad_kernels 1 \
		"$GUEST_DIR/multi.elf,$LOGS/text.txt domU=bad1,$BUILD/tests/badinfo-loader.elf domU=bad2,$LOGS/truncated.elf domU=bad3,$GUEST_DIR/multi.elf domU=bad4,,mem=1M,$BUILD/hypervisor.elf domU=bad5,$LOGS/mod0.txt domU=bad6,$GUEST_DIR/multi.elf domU=badspec,,mem=banana,$GUEST_DIR/multi.elf domU=huge,,mem=1G,$GUEST_DIR/multi.elf domU=good,,mem=16M,$LOGS/mod0.txt unmarked,$GUEST_DIR/multi.elf domU=badvcpus,,vcpus=33,$GUEST_DIR/multi.elf domU=badopt,,cpus=2" \
		'^d1: not a usable PV kernel: not an ELF image$' '^d1 \(bad1\) not started$' \
		'^d2: not a usable PV kernel: 32-bit kernels are not supported$' \
		'^d2 \(bad2\) not started$' \
		'^d3: not a usable PV kernel: section headers outside the image$' \
		'^d3 \(bad3\) not started$' \
		"^d4: cannot lay out the kernel: the bootstrap area is larger than the domain's memory\$" \
		'^d4 \(bad4\) not started$' \
		'^d5: not a usable PV kernel: no Xen ELF notes: not a PV kernel$' \
		'^d5 \(bad5\) not started$' \
		'^d6: not a usable PV kernel: image too small for an ELF header$' \
		'^d6 \(bad6\) not started$' \
		"^module 7: bad domU spec 'domU=badspec,mem=banana': skipped\$" \
		'^d7: out of memory for 262144 pages$' '^d7 \(huge\) not started$' \
		"^module 10 \\('unmarked'\\) is not marked domU=: ignored\$" \
		"^module 11: bad domU spec 'domU=badvcpus,vcpus=33': skipped\$" \
		"^module 12: bad domU spec 'domU=badopt,cpus=2': skipped\$" \
		"${D0}"'Test result: SUCCESS$' '^\(d8\) Test result: SUCCESS$' \
		'^Domain 8 \(good\) shut down: poweroff$' \
		'^All domains have shut down \(0 failed\)$' '!^\(d[1-7]\) ' '!^Domain [1-7] '
}

guest_tests="guest_two_domains guest_crash guest_bad_kernels"
for cases in tests/guests/*/cases.sh tests/bench/guests/*/cases.sh; do
	. "$cases"
done
