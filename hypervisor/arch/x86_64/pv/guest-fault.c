/*
 * Fatal guest events.  Until guests can register trap handlers (issue 6),
 * every exception a guest raises is fatal to its domain, except the write
 * faults that writable page tables emulate.  The report names
 * domain and vCPU, the reason (exception, error code, fault address),
 * gives the registers and the top of the guest's stack (read with the
 * checked copy, so an unmapped stack just ends the dump).
 */
#include "arch/cpu.h"
#include "arch/guest_access.h"
#include "arch/percpu.h"
#include "arch/pv_segments.h"
#include "lib/vsnprintf.h"
#include "printk.h"
#include "page_type.h"
#include "pv_guest.h"
#include "pv_traps.h"
#include "ratelimit.h"

#define STACK_WORDS 16

static void dump_guest_stack(uint64_t rsp)
{
	printk(LOG_ERR "Guest stack at %016lx:", rsp);
	for (unsigned int i = 0; i < STACK_WORDS; i++) {
		uint64_t word;

		if (copy_from_guest(&word, rsp + i * 8, sizeof(word))) {
			printk(LOG_ERR "\n  (unreadable at %016lx)", rsp + i * 8);
			break;
		}
		printk(LOG_ERR "%s%016lx", i % 4 ? " " : "\n  ", word);
	}
	printk(LOG_ERR "\n");
}

void guest_fatal(struct vcpu *v, const struct cpu_regs *regs, const char *why)
{
	printk(LOG_ERR "d%u v%u: %s\n", v->domain->domid, v->id, why);
	printk(LOG_ERR "Guest in %s mode\n", v->arch.kernel_mode ? "kernel" : "user");
	print_cpu_regs(regs);
	dump_guest_stack(regs->rsp);
	domain_crash(v->domain);
}

void guest_iret_fault(struct cpu_regs *regs)
{
	static struct ratelimit limit; /* a guest can repeat this at will */
	struct vcpu *v = current_vcpu();
	char why[96];

	snprintf(why, sizeof(why), "cannot return to the guest: CS %#lx or SS %#lx not loadable",
		 regs->cs, regs->ss);
	if (!pv_enter_failsafe(v, regs))
		guest_fatal(v, regs, why);
	else if (ratelimit_allow(&limit))
		printk(LOG_WARNING "d%u v%u: %s: failsafe callback\n", v->domain->domid, v->id,
		       why);
}

/* A write to a present, read-only page: perhaps one of the guest's L1 tables. */
static bool fixed_up(struct vcpu *v, struct cpu_regs *regs)
{
	uint64_t ec = regs->error_code;

	return regs->vector == VECTOR_PAGE_FAULT &&
	       (ec & (PFEC_PRESENT | PFEC_WRITE | PFEC_RESERVED | PFEC_FETCH)) ==
		       (PFEC_PRESENT | PFEC_WRITE) &&
	       ptwr_handle_fault(v, regs, read_cr2());
}

/* Error codes the CPU pushes; the guest's handler gets them too. */
static bool has_error_code(uint64_t vector)
{
	return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21;
}

void guest_exception(struct cpu_regs *regs)
{
	struct vcpu *v = current_vcpu();

	if ((regs->vector == VECTOR_PAGE_FAULT && pv_ldt_fault(v, regs, read_cr2())) ||
	    fixed_up(v, regs) || pv_fpu_trap(v, regs) || pv_software_interrupt(v, regs) ||
	    pv_emulate_forced_cpuid(v, regs) || pv_emulate_priv_op(v, regs))
		return;
	if (regs->vector == VECTOR_DEBUG)
		pv_debug_trap(v);
	pv_inject_exception(v, regs, (unsigned int)regs->vector, has_error_code(regs->vector),
			    regs->error_code);
}
