/* The x86-64 part of a vCPU: its saved registers and PV mode state. */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/traps.h"

struct arch_vcpu {
	/* The guest's registers while another vCPU runs. */
	struct cpu_regs regs;
	/* Page-table roots (physical addresses) for guest kernel and user mode. */
	uint64_t kernel_cr3, user_cr3;
	bool kernel_mode;
	/*
	 * The guest's LDT (MMUEXT_SET_LDT): base address and entry count, 0
	 * and 0 for none.  Only recorded so far: loading it into the CPU is
	 * issue 6's job.
	 */
	uint64_t ldt_base;
	unsigned int ldt_ents;
	uint64_t fs_base, gs_base_kernel, gs_base_user;
};

#endif
