# QEMU test cases for tests/guests/fpu (sourced by guest-tests.sh).

# What both domains report, whatever the CPU.
fpu_both_domains=(
	"${D0}fpu: x87, MXCSR, xmm0-15 kept over 100 yields$"
	'^\(d1\) fpu: x87, MXCSR, xmm0-15 kept over 100 yields$'
	"${D0}fpu: fpu_taskswitch, CLTS and MOV CR0 drive #NM$"
	'^\(d1\) fpu: fpu_taskswitch, CLTS and MOV CR0 drive #NM$'
	"${D0}fpu: debug registers checked with Xen's errors, MOV DRn emulated$"
	'^\(d1\) fpu: debug registers checked with Xen.s errors, MOV DRn emulated$'
	"${D0}fpu: breakpoints per vCPU, #DB with DR6 B0, single steps with BS$"
	'^\(d1\) fpu: breakpoints per vCPU, #DB with DR6 B0, single steps with BS$'
	"${D0}Test result: SUCCESS$" '^\(d1\) Test result: SUCCESS$'
	"^#DB in the hypervisor at ffff82d04[0-9a-f]{7}, dr6 ffff0ff1 \\(a guest's breakpoint\\)$"
)

# Lazy FPU switching, fpu_taskswitch, XSETBV and debug registers
# (tests/guests/fpu), dom0 and a domU side by side: on the suite's CPU
# (FXSAVE, no AVX), and on QEMU's "max" CPU (XSAVE with AVX).
test_guest_fpu() {
	guest_case fpu 1 "$GUEST_DIR/fpu.elf,$GUEST_DIR/fpu.elf domU=fpu,,mem=16M" \
		"${fpu_both_domains[@]}" '^FPU: FXSAVE, guest XCR0 up to 0, 512-byte state areas$' \
		"${D0}fpu: no XSAVE: XSETBV #UD, CR4.OSXSAVE stays clear$"
	GUEST_QEMU_ARGS="-cpu max" guest_case fpu_avx 1 \
		"$GUEST_DIR/fpu.elf,$GUEST_DIR/fpu.elf domU=fpu,,mem=16M" \
		"${fpu_both_domains[@]}" '^FPU: XSAVE, guest XCR0 up to 0x7, 832-byte state areas$' \
		"${D0}fpu: XSETBV emulated, bad values #GP, XCR0 0x7$" \
		'^\(d1\) fpu: XSETBV emulated, bad values #GP, XCR0 0x7$' \
		"${D0}fpu: x87, MXCSR, ymm0-15 kept over 100 yields$" \
		'^\(d1\) fpu: x87, MXCSR, ymm0-15 kept over 100 yields$'
}
guest_tests="$guest_tests guest_fpu"
