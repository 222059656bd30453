# QEMU tests with our PV test kernels (tests/guests/<name>/).  Sourced by
# tests/run-all.sh, which sets BUILD and LOGS.  Each case boots the
# hypervisor with QEMU -kernel, the test kernels as modules, and checks
# every kernel's "Test result: SUCCESS" line, the hypervisor's log and
# QEMU's exit status (1: every domain shut down cleanly, 5: some domain
# crashed or shut down with reason crash; see tests/boot/boot-tests.sh).

GUEST_DIR=$BUILD/guests

# guest_case NAME STATUS MODULES [PATTERN...]: MODULES is QEMU's -initrd
# list ("file args,file args"); each PATTERN as in expect().
# Dom0 writes to the console as it is (as on Xen); a domU's lines are
# prefixed "(dN) ".
D0='^'

guest_case() {
	name=$1 status=$2 modules=$3
	shift 3
	log=$LOGS/guest-$name.log
	run_qemu "$log" 120 -m 256 -kernel "$BUILD/hypervisor.elf" \
		-append "debug-exit=0xf4 dom0_mem=32M" -initrd "$modules"
	expect "guest_$name" "$log" "$status" "$@" "$NO_FAULT" \
		'^Memory: every frame the domains used was returned' '!still held|frames missing'
}

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

# Every xen_version sub-op, as dom0 and as a domU (tests/guests/xen_version).
test_guest_xen_version() {
	guest_case xen_version 1 \
		"$GUEST_DIR/xen_version.elf role=dom0,$GUEST_DIR/xen_version.elf domU=ver role=domU" \
		"${D0}"'xen_version: running as dom0$' '^\(d1\) xen_version: running as domU$' \
		"${D0}xen_version: extraversion '-ringvisor'$" \
		"${D0}xen_version: capabilities 'xen-3.0-x86_64" \
		"${D0}xen_version: commandline '.*dom0_mem=32M" \
		"^\\(d1\\) xen_version: commandline '<denied>'\$" \
		"${D0}"'xen_version: bad pointers refused$' '^\(d1\) xen_version: bad pointers refused$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}

# start_info and the start-of-day layout and page tables, for dom0 with an
# initrd of known contents and for a 16 MiB domU (tests/guests/start_info).
test_guest_start_info() {
	initrd=$LOGS/initrd-lines.txt
	i=0
	while [ $i -lt 1000 ]; do
		printf 'initrd line %04d\n' $i
		i=$((i + 1))
	done > "$initrd"
	guest_case start_info 1 \
		"$GUEST_DIR/start_info.elf role=dom0 pages=8192 initrd=1000 x=\"a b\",$initrd,$GUEST_DIR/start_info.elf domU=si,,mem=16M role=domU  pages=4096 tail=end" \
		"${D0}start_info: cmd_line 'role=dom0 pages=8192 initrd=1000 x=\"a b\"'$" \
		"^\\(d1\\) start_info: cmd_line 'role=domU  pages=4096 tail=end'$" \
		"${D0}"'start_info: initrd: 17000 bytes at ' \
		'^\(d1\) start_info: store mfn 0x[0-9a-f]+, console mfn 0x[0-9a-f]+$' \
		"${D0}"'start_info: hypervisor L4 slots' '^\(d1\) start_info: hypervisor L4 slots' \
		"${D0}"'start_info: bootstrap area \[0xffffffff80000000, 0xffffffff80800000\)$' \
		'^\(d1\) start_info: bootstrap area \[0xffffffff80000000, 0xffffffff80800000\)$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}

# Unknown and unimplemented hypercalls, bad buffers and arguments, as dom0
# and as a domU, and the rate limit of the hypervisor's warnings
# (tests/guests/hypercall_errors).
test_guest_hypercall_errors() {
	guest_case hypercall_errors 1 \
		"$GUEST_DIR/hypercall_errors.elf role=dom0,$GUEST_DIR/hypercall_errors.elf domU=errors,,mem=16M role=domU" \
		"${D0}"'hypercall_errors: console_io still works$' \
		'^\(d1\) hypercall_errors: console_io still works$' \
		"${D0}"'hypercall_errors: memory_op: 8192 pages, map \[0, 0x2000000\)$' \
		'^\(d1\) hypercall_errors: memory_op: 4096 pages, map \[0, 0x1000000\)$' \
		"${D0}"'hypercall_errors: 20 more unknown calls made$' \
		'^\(d1\) hypercall_errors: 20 more unknown calls made$' \
		'^d[01]: unimplemented hypercall (11|43|31)$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
	# Each domain makes 44 unknown calls in well under a second: at most
	# 10 warnings a second, whichever domain they are for.
	log=$LOGS/guest-hypercall_errors.log
	expect_count guest_hypercall_errors_ratelimit_d0 "$log" 0 10 '^d0: unimplemented hypercall'
	expect_count guest_hypercall_errors_ratelimit_d1 "$log" 0 10 '^d1: unimplemented hypercall'
	expect_count guest_hypercall_errors_logged "$log" 1 20 '^d[01]: unimplemented hypercall'
}

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
		"$GUEST_DIR/multi.elf,$LOGS/text.txt domU=bad1,$BUILD/tests/badinfo-loader.elf domU=bad2,$LOGS/truncated.elf domU=bad3,$GUEST_DIR/multi.elf domU=bad4,,mem=1M,$BUILD/hypervisor.elf domU=bad5,$LOGS/mod0.txt domU=bad6,$GUEST_DIR/multi.elf domU=badspec,,mem=banana,$GUEST_DIR/multi.elf domU=huge,,mem=1G,$GUEST_DIR/multi.elf domU=good,,mem=16M,$LOGS/mod0.txt unmarked" \
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
		"${D0}"'Test result: SUCCESS$' '^\(d8\) Test result: SUCCESS$' \
		'^Domain 8 \(good\) shut down: poweroff$' \
		'^All domains have shut down \(0 failed\)$' '!^\(d[1-7]\) ' '!^Domain [1-7] '
}

test_guest_va_mapping() {
	guest_case va_mapping 1 \
		"$GUEST_DIR/va_mapping.elf,$GUEST_DIR/va_mapping.elf domU=va,,mem=16M" \
		"${D0}va_mapping: remapped the window to pfns" '^\(d1\) va_mapping: remapped the window' \
		"${D0}va_mapping: errors answered" '^\(d1\) va_mapping: errors answered' \
		"${D0}va_mapping: written from a multicall$" '^\(d1\) va_mapping: written from a multicall$' \
		"${D0}va_mapping: multicall results as expected" \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}

test_guest_ptwr() {
	guest_case ptwr 5 \
		"$GUEST_DIR/ptwr.elf,$GUEST_DIR/ptwr.elf domU=bad,,mem=16M bad=1" \
		"${D0}ptwr: mov and xchg emulated$" "${D0}ptwr: cmpxchg emulated$" \
		"${D0}ptwr: bit operations emulated$" "${D0}Test result: SUCCESS$" \
		'^\(d1\) ptwr: bit operations emulated$' \
		'^d1 v0: unhandled exception #PF page fault, error code 0x7' \
		'^Domain 1 \(bad\) crashed$' '!^\(d1\) Test result' \
		'^All domains have shut down \(1 failed\)$'
}

# mmu_update and the M2P from inside, as dom0 and as a domU: mappings made,
# remapped and removed by machine address, a new L1 table, batches,
# PRESERVE_AD, MACHPHYS_UPDATE, and refusals with Xen's error codes
# (tests/guests/mmu_update).
test_guest_mmu_update() {
	guest_case mmu_update 1 \
		"$GUEST_DIR/mmu_update.elf role=dom0,$GUEST_DIR/mmu_update.elf domU=mmu,,mem=16M role=domU domid=1" \
		"${D0}"'mmu_update: running as dom0 \(d0\), 8192 pages$' \
		'^\(d1\) mmu_update: running as domU \(d1\), 4096 pages$' \
		"${D0}"'mmu_update: M2P matches the p2m for 8192 pages \(at start\)$' \
		'^\(d1\) mmu_update: M2P matches the p2m for 4096 pages \(at start\)$' \
		"${D0}"'mmu_update: mapped, remapped and unmapped a page$' \
		'^\(d1\) mmu_update: mapped, remapped and unmapped a page$' \
		"${D0}"'mmu_update: a new L1 table in a free L2 slot$' \
		'^\(d1\) mmu_update: a new L1 table in a free L2 slot$' \
		"${D0}"'mmu_update: batches done$' '^\(d1\) mmu_update: batches done$' \
		"${D0}"'mmu_update: PRESERVE_AD keeps accessed and dirty$' \
		'^\(d1\) mmu_update: PRESERVE_AD keeps accessed and dirty$' \
		"${D0}"'mmu_update: M2P matches the p2m for 8192 pages \(after MACHPHYS_UPDATE' \
		'^\(d1\) mmu_update: M2P matches the p2m for 4096 pages \(after MACHPHYS_UPDATE' \
		"${D0}"'mmu_update: read-only self-map of the L4 made, read and removed$' \
		'^\(d1\) mmu_update: read-only self-map of the L4 made, read and removed$' \
		"${D0}"'mmu_update: refusals gave Xen.s errors and the domain goes on$' \
		'^\(d1\) mmu_update: refusals gave Xen.s errors and the domain goes on$' \
		"${D0}"'mmu_update: M2P matches the p2m for 8192 pages \(at the end\)$' \
		'^\(d1\) mmu_update: M2P matches the p2m for 4096 pages \(at the end\)$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}

# mmuext_op from inside, as dom0 and as a domU: pins, new kernel and user
# roots, every flush (a stale TLB would show), COPY/CLEAR_PAGE, SET_LDT and
# refusals with Xen's error codes; tables left pinned and a user root left
# set must not keep frames (tests/guests/mmuext).
test_guest_mmuext() {
	guest_case mmuext 1 \
		"$GUEST_DIR/mmuext.elf,$GUEST_DIR/mmuext.elf domU=ext,,mem=16M domid=1" \
		"${D0}mmuext: pinned L1-L4 at pfns" '^\(d1\) mmuext: pinned L1-L4 at pfns' \
		"${D0}mmuext: running on the new L4$" '^\(d1\) mmuext: running on the new L4$' \
		"${D0}mmuext: switched roots and back$" '^\(d1\) mmuext: switched roots and back$' \
		"${D0}mmuext: every flush shows the new mapping$" \
		'^\(d1\) mmuext: every flush shows the new mapping$' \
		"${D0}mmuext: pages copied and cleared$" '^\(d1\) mmuext: pages copied and cleared$' \
		"${D0}mmuext: SET_LDT checked$" '^\(d1\) mmuext: SET_LDT checked$' \
		"${D0}mmuext: batches, foreign domains and bad pointers answered$" \
		'^\(d1\) mmuext: batches, foreign domains and bad pointers answered$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}FAIL" '!^\(d1\) FAIL'
}

# memory_op's reservation changes and M2P queries, as dom0 and as a domU
# (tests/guests/reservation); both end holding frames outside their p2m,
# which teardown must return with the rest.
test_guest_reservation() {
	guest_case reservation 1 \
		"$GUEST_DIR/reservation.elf,$GUEST_DIR/reservation.elf domU=res,,mem=16M" \
		"${D0}"'reservation: dom0 with 8192 pages' '^\(d1\) reservation: domU with 4096 pages' \
		"${D0}"'reservation: M2P at \[0xffff800000000000, 0xffff804000000000\), max_mfn 0x[0-9a-f]+, ' \
		'^\(d1\) reservation: M2P at \[0xffff800000000000, 0xffff804000000000\), max_mfn 0x7ffffffff, ' \
		"${D0}"'reservation: gave back 16 pages and populated them again$' \
		'^\(d1\) reservation: gave back 16 pages and populated them again$' \
		"${D0}"'reservation: extents of order 10$' '^\(d1\) reservation: extents of order 9$' \
		"${D0}"'reservation: max_pages 8192 holds$' '^\(d1\) reservation: max_pages 4096 holds$' \
		"${D0}"'reservation: page table, mapped and foreign frames kept$' \
		'^\(d1\) reservation: page table, mapped and foreign frames kept$' \
		"${D0}"'reservation: bad requests answered$' '^\(d1\) reservation: bad requests answered$' \
		"${D0}"'reservation: ending with frames held outside the p2m$' \
		'^\(d1\) reservation: ending with frames held outside the p2m$' \
		"${D0}"'Test result: SUCCESS$' '^\(d1\) Test result: SUCCESS$' \
		'^All domains have shut down \(0 failed\)$' "!${D0}"'FAIL' '!^\(d1\) FAIL'
}

test_guest_traps() {
	guest_case traps 1 "$GUEST_DIR/traps.elf,$GUEST_DIR/traps.elf domU=traps,,mem=16M" \
		"${D0}traps: bad tables and callbacks refused$" \
		"${D0}traps: kernel-mode exceptions bounced with the right frames$" \
		"${D0}traps: page fault with cr2 in vcpu_info$" \
		"${D0}traps: user mode: syscalls went to the kernel, int .0x80 too$" \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}

# Emulated instructions and set_segment_base (tests/guests/emul): forced
# CPUID, RDMSR/WRMSR, MOV CR, #GP for the rest, from kernel and user mode.
test_guest_emul() {
	guest_case emul 1 "$GUEST_DIR/emul.elf" \
		"${D0}emul: early wrmsr GS_BASE and faked rdmsr$" \
		"${D0}emul: cpuid: XenVMMXenVMM, version 4.17, features filtered$" \
		"${D0}emul: msrs emulated, others #GP$" \
		"${D0}emul: control registers emulated, others #GP$" \
		"${D0}emul: set_segment_base$" \
		"${D0}emul: user mode: forced cpuid answered, rdmsr #GP$" \
		"${D0}Test result: SUCCESS$" '^d0 v0: faking RDMSR 0x174$'
}

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

test_guest_upcall() {
	guest_case upcall 1 "$GUEST_DIR/upcall.elf,$GUEST_DIR/upcall.elf domU=up,,mem=16M" \
		"${D0}upcall: 6 upcalls delivered$" '^\(d1\) upcall: 6 upcalls delivered$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
}

# pvclock and the wall clock (tests/guests/pvclock), dom0 and a domU
# sharing the CPU, so records are refreshed by switches and slice ticks.
test_guest_pvclock() {
	guest_case pvclock 1 "$GUEST_DIR/pvclock.elf,$GUEST_DIR/pvclock.elf domU=clk,,mem=16M" \
		"${D0}"'pvclock: version [0-9]+, mul 0x[0-9a-f]+, shift -?[0-9]+, flags 0x1$' \
		"${D0}"'pvclock: monotonic over [0-9]+ reads, [0-9]+ record updates$' \
		'^\(d1\) pvclock: monotonic over [0-9]+ reads, [0-9]+ record updates$' \
		"${D0}"'pvclock: consistent with rdtsc$' '^\(d1\) pvclock: consistent with rdtsc$' \
		"${D0}"'pvclock: wallclock [0-9]+\.[0-9]{9} at boot' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}

# Guest timers and VIRQ_TIMER (tests/guests/timer), dom0 and a domU.
test_guest_timer() {
	guest_case timer 1 "$GUEST_DIR/timer.elf,$GUEST_DIR/timer.elf domU=tmr,,mem=16M" \
		"${D0}"'timer: default periodic timer ticks$' \
		"${D0}"'timer: 20 set_timer_op ticks in [0-9]+ ms$' \
		'^\(d1\) timer: 20 set_timer_op ticks in [0-9]+ ms$' \
		"${D0}"'timer: past fires at once, 0 cancels$' \
		"${D0}"'timer: singleshot vcpu_op as Xen 4.17$' \
		"${D0}"'timer: periodic set and stopped$' \
		"${D0}"'timer: vcpu_op errors as Xen$' '^\(d1\) timer: vcpu_op errors as Xen$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}

# SCHEDOP_block and SCHEDOP_poll (tests/guests/block), dom0 and a domU:
# with both blocked the CPU idles until a timer fires.
test_guest_block() {
	guest_case block 1 "$GUEST_DIR/block.elf,$GUEST_DIR/block.elf domU=blk,,mem=16M" \
		"${D0}"'block: 20 ticks with [0-9]+ blocks in [0-9]+ ms$' \
		'^\(d1\) block: 20 ticks with [0-9]+ blocks in [0-9]+ ms$' \
		"${D0}"'block: pending event returns at once$' \
		"${D0}"'poll: timeout after [0-9]+ ms$' '^\(d1\) poll: timeout after [0-9]+ ms$' \
		"${D0}"'poll: woken by its port after [0-9]+ ms$' \
		"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$' \
		"!${D0}"'FAIL' '!^\(d1\) FAIL'
}

guest_tests="guest_block guest_timer guest_pvclock guest_upcall guest_evtchn guest_traps guest_emul guest_reservation guest_mmuext guest_mmu_update guest_ptwr guest_va_mapping guest_console_shutdown guest_xen_version guest_start_info guest_hypercall_errors
guest_two_domains guest_crash guest_bad_kernels"
