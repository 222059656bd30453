/*
 * Delivering events to a PV guest kernel (x86-64 PV): exceptions through
 * its virtual IDT, system calls from its user space, and the bounce frame
 * they share; the iret hypercall that returns from them; switching
 * between guest kernel and user mode.
 */
#ifndef PV_TRAPS_H
#define PV_TRAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/traps.h"
#include "domain.h"

/*
 * Builds the bounce frame on the guest kernel stack (switching to kernel
 * mode first if needed) and points @regs at @handler.  Returns 0, or -1
 * after crashing the domain (unusable stack).
 */
int pv_bounce(struct vcpu *v, struct cpu_regs *regs, uint64_t handler, bool has_error_code,
	      uint64_t error_code, bool mask_events);

/*
 * The same with @words[0 .. @nr_words) (at most 4) between R11 and RIP in
 * the frame, in place of the error code.
 */
int pv_bounce_words(struct vcpu *v, struct cpu_regs *regs, uint64_t handler,
		    const uint64_t *words, unsigned int nr_words, bool mask_events);

/*
 * Before returning to @v: an event pending and not masked enters the
 * guest's event callback (the upcall), with events masked.  Without a
 * registered callback nothing is delivered.
 */
void pv_deliver_events(struct vcpu *v, struct cpu_regs *regs);

/*
 * Raises exception @vector in the guest as its virtual IDT says; a vector
 * with no handler is fatal to the domain (reported with @regs).
 */
void pv_inject_exception(struct vcpu *v, struct cpu_regs *regs, unsigned int vector,
			 bool has_error_code, uint64_t error_code);

/* The same with @cr2 as the fault address a page fault reports. */
void pv_inject_fault(struct vcpu *v, struct cpu_regs *regs, unsigned int vector,
		     bool has_error_code, uint64_t error_code, uint64_t cr2);

/*
 * A SYSCALL from guest user mode: a system call for the guest kernel,
 * delivered to its syscall (or, from 32-bit code, syscall32) callback; with
 * none registered, #UD as on hardware without SYSCALL.
 */
void pv_guest_syscall(struct vcpu *v, struct cpu_regs *regs);

/* "int N" that reached the hypervisor as #GP: true if handled as the guest's. */
bool pv_software_interrupt(struct vcpu *v, struct cpu_regs *regs);

/*
 * #UD at Xen's forced-emulation prefix followed by CPUID (ud2a "xen"
 * cpuid): answered with the guest's CPUID policy; true if it was that.
 */
bool pv_emulate_forced_cpuid(struct vcpu *v, struct cpu_regs *regs);

struct cpuid_result;
/* The guest's CPUID answer for (@leaf, @subleaf). */
void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf, struct cpuid_result *out);

/*
 * #GP(0) at a privileged instruction the hypervisor emulates (RDMSR,
 * WRMSR, MOV CR, MOV DR, CLTS, XSETBV, WBINVD from guest kernel mode;
 * CLI, STI and port I/O as the guest's grants allow): true if emulated
 * or answered with another exception (#UD, #GP, #PF).
 */
bool pv_emulate_priv_op(struct vcpu *v, struct cpu_regs *regs);

/*
 * Sets @v's FS base (@msr 0xc0000100), kernel GS base (0xc0000101) or
 * user GS base (0xc0000102) and the CPU's copy if @v runs; false (nothing
 * changed) for a non-canonical @base or another @msr.
 */
bool pv_set_base(struct vcpu *v, uint32_t msr, uint64_t base);

/* Switches @v between guest kernel and user mode (page-table root, GS base). */
void pv_toggle_mode(struct vcpu *v);

/* The frame of the guest the hypercall came from (top of this CPU's stack). */
struct cpu_regs *guest_regs(void);

#endif
