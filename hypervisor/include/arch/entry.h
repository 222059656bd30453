/*
 * Assembly helpers shared by the entry paths: saving and restoring the
 * general registers in struct cpu_regs order, and the frame offsets the
 * assembly needs (checked against struct cpu_regs in traps.c).
 */
#ifndef ARCH_ENTRY_H
#define ARCH_ENTRY_H

#define REGS_VECTOR 120
#define REGS_ERROR_CODE 128
#define REGS_RIP 136
#define REGS_CS 144
#define REGS_RFLAGS 152
#define REGS_RSP 160
#define REGS_SS 168
#define REGS_SIZE 176

/* Pseudo-vectors for frames that did not come through the IDT. */
#define VECTOR_SYSCALL 0x100
#define VECTOR_SYSCALL_COMPAT 0x101

#ifdef __ASSEMBLY__
.macro SAVE_ALL_REGS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro RESTORE_ALL_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
.endm
#endif

#endif
