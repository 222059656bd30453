/* The x86-64 part of a vCPU: its saved registers and PV mode state. */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/debugreg.h"
#include "arch/fpu.h"
#include "arch/pv_segments.h"
#include "arch/traps.h"
#include "hypercall-abi/arch-x86_64.h"

struct arch_vcpu {
	/* The guest's registers while another vCPU runs. */
	struct cpu_regs regs;
	/* Page-table roots (physical addresses) for guest kernel and user mode. */
	uint64_t kernel_cr3, user_cr3;
	bool kernel_mode;
	/* The guest's LDT (MMUEXT_SET_LDT): base address and entry count, 0 and 0 for none. */
	uint64_t ldt_base;
	unsigned int ldt_ents;
	struct pv_segments seg;
	uint64_t fs_base, gs_base_kernel, gs_base_user;
	/* CR0.TS as the guest sees it (fpu_taskswitch, MOV CR0, CLTS): arch/fpu.h. */
	bool virtual_ts;
	struct vcpu_fpu fpu;
	struct vcpu_debugreg debug;

	/* The guest's virtual IDT (set_trap_table): address 0 = no handler. */
	struct pv_trap_info traps[256];
	/* Kernel stack for entries from user mode (stack_switch). */
	uint64_t kernel_sp;
	uint16_t kernel_ss;
	/* Callbacks (callback_op, set_callbacks) and their event masking. */
	uint64_t event_callback, failsafe_callback, syscall_callback;
	uint64_t syscall32_callback, sysenter_callback;
	bool failsafe_masks_events, syscall_masks_events;
	bool syscall32_masks_events, sysenter_masks_events;
};

#endif
