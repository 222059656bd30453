/*
 * Test-kernel helpers for expected exceptions: #GP and #PF handlers that
 * record what they saw (vector, error code, RIP, CS) and resume at
 * trap_resume, and EXPECT_TRAP, which runs one instruction expecting an
 * exception at it.  The handlers return with the iret hypercall, to
 * kernel or user mode.
 */
#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H

#include <stdint.h>

#include "guest.h"

extern volatile uint64_t trap_count, trap_vector, trap_error, trap_rip, trap_cs, trap_resume;

/* Installs the #GP and #PF handlers as the whole trap table (checked). */
void install_recording_traps(void);

/*
 * Runs @insn (inputs: rcx = @c, rax = @a, rdx = @d, rsi = rdi = @si_di) in
 * kernel mode expecting exception @vector with error code @error at it;
 * resumes after it.
 */
#define EXPECT_TRAP(vector, error, insn, c, a, d, si_di)                                 \
	do {                                                                             \
		uint64_t at_, count_ = trap_count, c_ = (uint64_t)(c), a_ = (uint64_t)(a); \
		uint64_t d_ = (uint64_t)(d), s_ = (uint64_t)(si_di), di_ = s_;           \
		__asm__ volatile("leaq 2f(%%rip), %%r8\n\t"                              \
				 "movq %%r8, trap_resume(%%rip)\n\t"                     \
				 "leaq 1f(%%rip), %0\n"                                  \
				 "1:\t" insn "\n"                                        \
				 "2:"                                                    \
				 : "=&r"(at_), "+c"(c_), "+a"(a_), "+d"(d_), "+S"(s_), "+D"(di_) \
				 :                                                       \
				 : "r8", "memory");                                      \
		CHECK_EQ(trap_count, count_ + 1);                                        \
		CHECK_EQ(trap_vector, vector);                                           \
		CHECK_EQ(trap_error, error);                                             \
		CHECK_EQ(trap_rip, at_);                                                 \
	} while (0)

/* #GP(0) at @insn (inputs rcx, rax, rdx). */
#define EXPECT_GP(insn, c, a, d) EXPECT_TRAP(13, 0, insn, c, a, d, 0)

#endif
