/*
 * Per-CPU areas (see percpu.h) and the CPU features the guest entry paths
 * rely on: SYSCALL (EFER.SCE, STAR, LSTAR, SFMASK) and SMEP, so that a
 * hypervisor bug can never execute guest-controlled memory.  Only the boot
 * CPU exists so far.
 */
#include "arch/cpu.h"
#include "arch/layout.h"
#include "arch/percpu.h"
#include "arch/traps.h"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_CSTAR 0xc0000083
#define MSR_SFMASK 0xc0000084
#define EFER_SCE (1ul << 0)
#define CR4_SMEP (1ul << 20)
#define CPUID7_EBX_SMEP (1u << 7)

/* Flags SYSCALL clears: TF, IF, DF, IOPL, NT, AC. */
#define SYSCALL_RFLAGS_MASK 0x47700

extern const char syscall_entry[], syscall_entry_compat[];
extern char boot_stack_top[];

static struct percpu boot_cpu;

void percpu_init_boot_cpu(void)
{
	boot_cpu.self = &boot_cpu;
	boot_cpu.stack_top = (uint64_t)boot_stack_top;
	wrmsr(MSR_GS_BASE, (uint64_t)&boot_cpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	tss_set_rsp0(boot_cpu.stack_top);

	/*
	 * STAR: SYSCALL loads CS = 0xe008 and SS = 0xe010; SYSRET (not used
	 * yet) would load its selectors from 0xe023.
	 */
	wrmsr(MSR_STAR, (uint64_t)(FLAT_USER_CS32 & ~3) << 48 | (uint64_t)HYPERVISOR_CS << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_CSTAR, (uint64_t)syscall_entry_compat);
	wrmsr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);

	if (cpuid(0, 0).eax >= 7 && (cpuid(7, 0).ebx & CPUID7_EBX_SMEP))
		write_cr4(read_cr4() | CR4_SMEP);
}
