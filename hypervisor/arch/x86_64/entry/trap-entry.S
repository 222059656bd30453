/*
 * Entry stubs for all 256 IDT vectors.  Each stub makes the frame uniform
 * (a zero error code where the CPU pushes none, then the vector number)
 * and jumps to the common path, which saves the general registers as a
 * struct cpu_regs and calls trap_dispatch().  The stubs are 16 bytes apart
 * so that idt.c can compute their addresses from trap_stubs.
 *
 * From a guest (CS RPL 3) the frame sits at the top of the CPU's stack
 * (TSS.rsp0), the path switches to the hypervisor's GS base and leaves
 * through return_to_guest.  NMI, double fault and machine check run on IST
 * stacks and take trap_common_ist: they may interrupt anything, even the
 * instructions between SWAPGS and IRETQ, so they neither touch GS nor
 * leave through the guest exit path.
 */
#include "arch/entry.h"

#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)
#define USES_IST(v) ((v) == 2 || (v) == 8 || (v) == 18)

	.text
	.balign 16
	.globl trap_stubs
trap_stubs:
	.set	vector, 0
	.rept	256
	.balign	16
	.if	!HAS_ERROR_CODE(vector)
	pushq	$0
	.endif
	pushq	$vector
	.if	USES_IST(vector)
	jmp	trap_common_ist
	.else
	jmp	trap_common
	.endif
	.set	vector, vector + 1
	.endr

trap_common:
	testb	$3, REGS_CS - REGS_VECTOR(%rsp)
	jz	1f
	swapgs
1:	SAVE_ALL_REGS
	cld
	movq	%rsp, %rdi
	call	trap_dispatch
	testb	$3, REGS_CS(%rsp)
	jnz	return_to_guest
	RESTORE_ALL_REGS
	addq	$16, %rsp		/* vector and error code */
	iretq

trap_common_ist:
	SAVE_ALL_REGS
	cld
	movq	%rsp, %rdi
	call	trap_dispatch
	RESTORE_ALL_REGS
	addq	$16, %rsp
	iretq
