/* Recording #GP and #PF handlers (guest_trap.h). */
#include "guest_trap.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"

volatile uint64_t trap_count, trap_vector, trap_error, trap_rip, trap_cs, trap_resume;

/* Handlers for exceptions with an error code: record, resume, iret. */
#define HANDLER(name, vector)                                             \
	__asm__(".text\n" #name ":\n\t"                                   \
		"pushq %rax\n\t"                                          \
		"movq $" #vector ", %rax\n\t"                             \
		"movq %rax, trap_vector(%rip)\n\t"                        \
		"movq 24(%rsp), %rax\n\t"                                 \
		"movq %rax, trap_error(%rip)\n\t"                         \
		"movq 32(%rsp), %rax\n\t"                                 \
		"movq %rax, trap_rip(%rip)\n\t"                           \
		"movq 40(%rsp), %rax\n\t"                                 \
		"movq %rax, trap_cs(%rip)\n\t"                            \
		"incq trap_count(%rip)\n\t"                               \
		"movq trap_resume(%rip), %rax\n\t"                        \
		"movq %rax, 32(%rsp)\n\t"                                 \
		"popq %rax\n\t"                                           \
		"popq %rcx; popq %r11\n\t"                                \
		"addq $8, %rsp\n\t"                                       \
		"pushq $0\n\t"                                            \
		"jmp " IRET_STUB "\n")
HANDLER(gp_handler, 13);
HANDLER(pf_handler, 14);
extern char gp_handler[], pf_handler[];

void install_recording_traps(void)
{
	static const struct pv_trap_info table[] = {
		{ 13, 0, 0, (uint64_t)gp_handler },
		{ 14, 0, 0, (uint64_t)pf_handler },
		{ 0, 0, 0, 0 },
	};

	CHECK_EQ(HYPERCALL1(set_trap_table, table), 0);
}
