# QEMU test cases for tests/guests/emul (sourced by guest-tests.sh).

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
guest_tests="$guest_tests guest_emul"
