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
 *
 * #DB runs on an IST stack too: a guest can make one arrive on the first
 * instruction of an entry path (a data breakpoint on the operand of MOV SS
 * or POP SS, followed by SYSCALL or INT), where RSP or GS are still the
 * guest's.  From the hypervisor it takes trap_common_ist; from a guest its
 * frame moves to the top of the CPU's stack and takes the ordinary path.
 */
#include "arch/entry.h"
#include "arch/percpu.h"

#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)
#define USES_IST(v) ((v) == 2 || (v) == 8 || (v) == 18)
#define VECTOR_DEBUG 1

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
	.elseif	vector == VECTOR_DEBUG
	jmp	trap_debug
	.else
	jmp	trap_common
	.endif
	.set	vector, vector + 1
	.endr

trap_common:
	testb	$3, REGS_CS - REGS_VECTOR(%rsp)
	jz	trap_common_save
	swapgs
trap_common_save:
	SAVE_ALL_REGS
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

/* The vector, error code and hardware frame: 7 words. */
#define DEBUG_FRAME_WORDS 7

trap_debug:
	testb	$3, REGS_CS - REGS_VECTOR(%rsp)
	jz	trap_common_ist
	/* From a guest: move the frame from the IST stack to the CPU's stack. */
	swapgs
	movq	%rsp, %gs:PERCPU_SCRATCH_RSP
	movq	%gs:PERCPU_STACK_TOP, %rsp
	subq	$DEBUG_FRAME_WORDS * 8, %rsp
	pushq	%rax
	movq	%gs:PERCPU_SCRATCH_RSP, %rax
	.set	word, 0
	.rept	DEBUG_FRAME_WORDS
	pushq	word * 8(%rax)
	popq	8 + word * 8(%rsp)
	.set	word, word + 1
	.endr
	popq	%rax
	jmp	trap_common_save
