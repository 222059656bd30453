/*
 * Test-kernel helpers for user mode: setting up system calls and the
 * kernel stack, and entering user mode with the iret hypercall.
 */
#ifndef GUEST_USER_H
#define GUEST_USER_H

#include <stdint.h>

#define IRET_STUB "hypercall_page + 23 * 32"
#define SS_GUEST 0xe02b

/*
 * TRAP_HANDLER(name, vector, has_error, record): defines the exception
 * handler @name, which saves the caller-saved registers, calls
 * record(frame, vector, has_error) with Xen's bounce frame (RCX, R11,
 * [error code], RIP, ...) and returns through iret (flags word 0);
 * record may change the saved RIP.
 */
#define TRAP_HANDLER(name, vector, has_error, record)                      \
	__asm__(".text\n" #name ":\n\t"                                    \
		"pushq %rax; pushq %rdi; pushq %rsi; pushq %rdx\n\t"       \
		"pushq %r8; pushq %r9; pushq %r10\n\t"                     \
		"leaq 56(%rsp), %rdi\n\t"                                  \
		"movl $" #vector ", %esi\n\t"                              \
		"movl $" #has_error ", %edx\n\t"                           \
		"call " #record "\n\t"                                     \
		"popq %r10; popq %r9; popq %r8\n\t"                        \
		"popq %rdx; popq %rsi; popq %rdi; popq %rax\n\t"           \
		"popq %rcx; popq %r11\n\t"                                 \
		".if " #has_error "\n\taddq $8, %rsp\n\t.endif\n\t"        \
		"pushq $0\n\t"                                             \
		"jmp " IRET_STUB "\n")

/*
 * Registers @syscall_entry as the syscall callback (events masked), the
 * kernel stack top @kernel_stack_top for entries from user mode, and the
 * kernel's root table as the user root (each checked).
 */
void user_mode_setup(void (*syscall_entry)(void), void *kernel_stack_top);

/* Enters user mode at @rip with stack @rsp and @rflags, through iret. */
__attribute__((noreturn)) void enter_user_mode(uint64_t rip, uint64_t rsp, uint64_t rflags);

#endif
