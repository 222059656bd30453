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
 * Registers @syscall_entry as the syscall callback (events masked), the
 * kernel stack top @kernel_stack_top for entries from user mode, and the
 * kernel's root table as the user root (each checked).
 */
void user_mode_setup(void (*syscall_entry)(void), void *kernel_stack_top);

/* Enters user mode at @rip with stack @rsp and @rflags, through iret. */
__attribute__((noreturn)) void enter_user_mode(uint64_t rip, uint64_t rsp, uint64_t rflags);

#endif
