/*
 * SYSCALL entry and the exit to a guest.
 *
 * A guest kernel makes hypercalls with SYSCALL (Xen's x86-64 convention:
 * number in RAX, arguments in RDI, RSI, RDX, R10, R8); a guest user
 * process makes system calls the same way.  SYSCALL leaves the guest's
 * RSP in place, so the entry first switches to this CPU's hypervisor
 * stack, found through the per-CPU area once SWAPGS has made it reachable,
 * and builds there the same struct cpu_regs frame an interrupt from the
 * guest would have.
 *
 * Every return to a guest goes through return_to_guest with that frame at
 * the top of the stack: exit_to_guest() may put another vCPU's state in it
 * (scheduling), then the frame is restored with IRETQ.  An IRETQ that
 * faults (the guest gave a selector it cannot load) comes back, through
 * the exception table, to iret_fault: on the hypervisor's GS again, the
 * frame is rebuilt where it was and the guest's domain is crashed.
 */
#include "arch/entry.h"
#include "arch/extable.h"
#include "arch/layout.h"
#include "arch/percpu.h"

/* SYSCALL entry: frame with @cs as the guest's code selector, then dispatch. */
.macro SYSCALL_ENTRY name, cs, vector
	.globl \name
\name:
	swapgs
	movq	%rsp, %gs:PERCPU_SCRATCH_RSP
	movq	%gs:PERCPU_STACK_TOP, %rsp
	pushq	$FLAT_USER_DS
	pushq	%gs:PERCPU_SCRATCH_RSP
	pushq	%r11			/* RFLAGS */
	pushq	$\cs
	pushq	%rcx			/* RIP */
	pushq	$0
	pushq	$\vector
	SAVE_ALL_REGS
	movq	%rsp, %rdi
	call	syscall_dispatch
	jmp	return_to_guest
.endm

	.text
	SYSCALL_ENTRY syscall_entry, FLAT_USER_CS64, VECTOR_SYSCALL
	/* SYSCALL from 32-bit compatibility mode. */
	SYSCALL_ENTRY syscall_entry_compat, FLAT_USER_CS32, VECTOR_SYSCALL_COMPAT

	.globl return_to_guest
return_to_guest:
	movq	%rsp, %rdi
	call	exit_to_guest
	RESTORE_ALL_REGS
	addq	$16, %rsp
	swapgs
1:	iretq
	EXTABLE_ENTRY(1b, iret_fault)

iret_fault:
	swapgs
	pushq	$0			/* error code */
	pushq	$0			/* vector */
	SAVE_ALL_REGS
	movq	%rsp, %rdi
	call	guest_iret_fault
	jmp	return_to_guest

/* Enters the first guest: the frame is built at @rdi = the stack top - REGS_SIZE. */
	.globl start_first_guest
start_first_guest:
	movq	%rdi, %rsp
	jmp	return_to_guest
