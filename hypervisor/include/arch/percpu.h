/*
 * Per-CPU data, reached through the GS base.  Convention (as in Linux):
 * while the hypervisor runs, MSR_GS_BASE points at this CPU's struct
 * percpu; while a guest runs, the guest's GS base is loaded and ours waits
 * in MSR_KERNEL_GS_BASE.  Entry paths from a guest start with SWAPGS, exit
 * paths to a guest end with it.  Guests cannot run SWAPGS (ring 3), and
 * the hypervisor keeps CR4.FSGSBASE off, so they cannot disturb this.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

/* Offsets for assembly; checked against the struct below. */
#define PERCPU_SELF 0
#define PERCPU_STACK_TOP 8
#define PERCPU_SCRATCH_RSP 16

#ifndef __ASSEMBLY__
#include <stdint.h>

struct vcpu;

struct percpu {
	struct percpu *self;
	uint64_t stack_top;	 /* where guest entries build their frame */
	uint64_t scratch_rsp;	 /* guest RSP during SYSCALL entry */
	struct vcpu *current;	 /* the vCPU whose frame is on the stack, or NULL */
	uint64_t guest_gs_base;  /* what MSR_KERNEL_GS_BASE holds for the guest */
	unsigned int cpu_id;
};

_Static_assert(__builtin_offsetof(struct percpu, self) == PERCPU_SELF, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, stack_top) == PERCPU_STACK_TOP, "percpu layout");
_Static_assert(__builtin_offsetof(struct percpu, scratch_rsp) == PERCPU_SCRATCH_RSP,
	       "percpu layout");

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	__asm__ volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}

static inline struct vcpu *current_vcpu(void)
{
	return this_cpu()->current;
}

/* Sets up the boot CPU's per-CPU area, GS base and SYSCALL entry. */
void percpu_init_boot_cpu(void);
#endif

#endif
