# QEMU boot tests of the bare hypervisor.  Sourced by tests/run-all.sh,
# which sets BUILD and LOGS.  QEMU exit statuses: 0 = powered off (ACPI),
# 1 = debug-exit code 0 (success), 3 = code 1 (a self-test failed),
# 5 = code 2 (a domain crashed), 7 = code 3 (stopped: panic or
# unbootable), 124 = timeout.

HV_ELF=$BUILD/hypervisor.elf
NO_FAULT='!Hypervisor exception|PANIC'

# Modules with recognisable contents and command lines.
make_modules() {
	printf 'module zero\n' > "$LOGS/mod0.txt"
	head -c 300000 /dev/zero | tr '\0' 'x' > "$LOGS/mod1.bin"
}

test_multiboot1_kernel_boot() {
	log=$LOGS/multiboot1.log
	run_qemu "$log" 60 -m 256 -kernel "$HV_ELF" \
		-append "debug-exit=0xf4 bogus-option=1" \
		-initrd "$LOGS/mod0.txt first module args,$LOGS/mod1.bin second"
	expect multiboot1_kernel_boot "$log" 1 \
		'Boot loader: qemu \(multiboot1\)' \
		'^Memory map:' '\) RAM$' \
		'^Modules: 2$' \
		"module 0: .* 12 bytes, command line '.*mod0.txt first module args'" \
		"module 1: .* 300000 bytes, command line '.*mod1.bin second'" \
		'^Memory: [0-9]+ KiB free' \
		"unknown option 'bogus-option' ignored" \
		'Ringvisor: boot complete' "$NO_FAULT"
}

test_grub_multiboot2_boot() {
	log=$LOGS/grub-multiboot2.log iso=$LOGS/grub.iso
	scripts/make-iso.sh "$BUILD" "$iso" "loglvl=all" \
		"$LOGS/mod0.txt" "mod0 dom0-like args" "$LOGS/mod1.bin" "mod1"
	# No debug-exit: the hypervisor must power the machine off (status 0).
	run_qemu "$log" 90 -m 512 -cdrom "$iso" -boot d
	expect grub_multiboot2_boot "$log" 0 \
		'Boot loader: GRUB .*\(multiboot2\)' \
		'^Command line: loglvl=all$' \
		'^Modules: 2$' \
		"module 0: .* 12 bytes, command line 'mod0 dom0-like args'" \
		"module 1: .* 300000 bytes, command line 'mod1'" \
		'Ringvisor: boot complete' 'power: trying ACPI S5' "$NO_FAULT"
}

test_selftest_pagefault() {
	log=$LOGS/selftest-pagefault.log
	run_qemu "$log" 60 -m 128 -kernel "$HV_ELF" -append "debug-exit=0xf4 selftest=pagefault"
	expect selftest_pagefault_report "$log" 7 \
		'Hypervisor exception: vector 14 \(#PF page fault\), error code 0$' \
		'Page fault address \(cr2\): ffff810000000000' \
		'^RIP: +e008:ffff82d04[0-9a-f]{7}  RFLAGS: ' \
		'^rax: [0-9a-f]{16}  rbx: ' '^r13: [0-9a-f]{16}  r14: ' \
		'cr2: ffff810000000000' '^Stack at ffff82d04' \
		'PANIC: fatal exception 14'
}

test_selftest_alloc() {
	for mem in 64 4608; do
		log=$LOGS/selftest-alloc-$mem.log
		run_qemu "$log" 120 -m "$mem" -kernel "$HV_ELF" \
			-append "debug-exit=0xf4 selftest=alloc" \
			-initrd "$LOGS/mod1.bin"
		expect "selftest_alloc_${mem}M" "$log" 1 \
			'selftest alloc: [0-9]+ frames allocated, checked and freed' \
			'selftest alloc: PASS' "$NO_FAULT"
	done
}

test_selftest_timer() {
	log=$LOGS/selftest-timer.log
	run_qemu "$log" 60 -m 128 -kernel "$HV_ELF" -append "debug-exit=0xf4 selftest=timer"
	expect selftest_timer "$log" 1 \
		'Time: TSC [0-9]+\.[0-9]+ MHz, APIC timer' \
		'selftest timer: 50 ticks at 100 Hz .* 0 early' \
		'selftest timer: PASS' "$NO_FAULT"
}

test_selftest_domains() {
	log=$LOGS/selftest-domains.log
	run_qemu "$log" 120 -m 128 -kernel "$HV_ELF" \
		-append "debug-exit=0xf4 selftest=domains" -initrd "$BUILD/guests/multi.elf"
	expect selftest_domains "$log" 1 \
		'selftest domains: 20 build/destroy cycles, every frame returned' \
		'selftest domains: PASS' "$NO_FAULT"
}

test_console_options() {
	log=$LOGS/console-none.log
	# With console=none nothing may reach the serial line.
	run_qemu "$log" 60 -m 128 -kernel "$HV_ELF" -append "console=none debug-exit=0xf4"
	if [ "$QEMU_STATUS" = 1 ] && ! grep -aq 'Ringvisor' "$log"; then
		pass console_none_is_silent
	else
		fail console_none_is_silent "status $QEMU_STATUS or output in $log"
	fi
	log=$LOGS/loglvl-error.log
	run_qemu "$log" 60 -m 128 -kernel "$HV_ELF" \
		-append "loglvl=error debug-exit=0xf4 selftest=pagefault"
	expect loglvl_error_keeps_errors_only "$log" 7 \
		'!^Memory map:' 'Hypervisor exception: vector 14'
}

boot_tests="multiboot1_kernel_boot grub_multiboot2_boot selftest_pagefault
selftest_alloc selftest_timer selftest_domains console_options"
