/*
 * PV guests' debug registers.  set_debugreg/get_debugreg (and the
 * emulated MOV to/from DRn) act on the vCPU's copy, checked by the
 * portable policy (common/emul/debugreg_policy.c).  As on Xen, the CPU's
 * DR0-DR3 and DR6 are loaded only for a vCPU with a breakpoint enabled in
 * DR7; otherwise the CPU's DR7 is kept at "nothing enabled".  The CPU's
 * DR6 is reset after each #DB, and what it reported is merged into the
 * guest's DR6, which get_debugreg(6) returns.
 */
#include "arch/debugreg.h"
#include "arch/percpu.h"
#include "arch/traps.h"
#include "debugreg_policy.h"
#include "hypercall-abi/errno.h"
#include "domain.h"
#include "hypercall.h"
#include "printk.h"
#include "ratelimit.h"

#define DEFINE_DR_ACCESS(n)                                                  \
	static inline uint64_t read_dr##n(void)                              \
	{                                                                    \
		uint64_t v;                                                  \
		__asm__ volatile("mov %%db" #n ", %0" : "=r"(v));            \
		return v;                                                    \
	}                                                                    \
	static inline void write_dr##n(uint64_t v)                           \
	{                                                                    \
		__asm__ volatile("mov %0, %%db" #n : : "r"(v));              \
	}
DEFINE_DR_ACCESS(0)
DEFINE_DR_ACCESS(1)
DEFINE_DR_ACCESS(2)
DEFINE_DR_ACCESS(3)
DEFINE_DR_ACCESS(6)
DEFINE_DR_ACCESS(7)
#undef DEFINE_DR_ACCESS

/* Whether the CPU's DR7 has breakpoints enabled (one CPU). */
static bool cpu_dr7_active;

void debugreg_vcpu_init(struct vcpu *v)
{
	v->arch.debug = (struct vcpu_debugreg){ .dr6 = DR6_DEFAULT, .dr7 = DR7_DEFAULT };
}

static void load_all(const struct vcpu_debugreg *d)
{
	write_dr0(d->dr[0]);
	write_dr1(d->dr[1]);
	write_dr2(d->dr[2]);
	write_dr3(d->dr[3]);
	write_dr6(d->dr6);
	write_dr7(d->dr7);
	cpu_dr7_active = true;
}

void debugreg_switch_to(const struct vcpu *v)
{
	if (v->arch.debug.dr7 & DR7_ENABLES) {
		load_all(&v->arch.debug);
	} else if (cpu_dr7_active) {
		write_dr7(DR7_DEFAULT);
		cpu_dr7_active = false;
	}
}

long pv_set_debugreg(struct vcpu *v, unsigned int reg, uint64_t value)
{
	struct vcpu_debugreg *d = &v->arch.debug;
	long rc = debugreg_check(reg, value, &value);

	if (rc)
		return rc;
	switch (debugreg_index(reg)) {
	case 6:
		d->dr6 = value;
		break;
	case 7:
		d->dr7 = value;
		break;
	default:
		d->dr[debugreg_index(reg)] = value;
		break;
	}
	/* The CPU holds them only while a breakpoint is enabled: load all or disable. */
	if (v == current_vcpu())
		debugreg_switch_to(v);
	return 0;
}

bool pv_get_debugreg(const struct vcpu *v, unsigned int reg, uint64_t *value)
{
	const struct vcpu_debugreg *d = &v->arch.debug;
	int index = debugreg_index(reg);

	if (index < 0)
		return false;
	*value = index == 6 ? d->dr6 : index == 7 ? d->dr7 : d->dr[index];
	return true;
}

long do_set_debugreg(int reg, uint64_t value)
{
	return pv_set_debugreg(calling_vcpu(), (unsigned int)reg, value);
}

long do_get_debugreg(int reg)
{
	uint64_t value;

	if (!pv_get_debugreg(calling_vcpu(), (unsigned int)reg, &value))
		return -PV_ENODEV;
	return (long)value;
}

/* The CPU's DR6 since the last reset; the CPU's DR6 is reset to "nothing hit". */
static uint64_t take_dr6(void)
{
	uint64_t dr6 = read_dr6();

	write_dr6(DR6_DEFAULT);
	return dr6;
}

void pv_debug_trap(struct vcpu *v)
{
	uint64_t hw = take_dr6();
	uint64_t *dr6 = &v->arch.debug.dr6;

	/* Bits the CPU moved away from their default move in the guest's view too. */
	*dr6 |= hw & ~DR6_DEFAULT;
	*dr6 &= hw | ~DR6_DEFAULT;
}

void pv_debug_single_step(struct vcpu *v)
{
	v->arch.debug.dr6 |= DR6_BS;
}

void debug_trap_in_hypervisor(const struct cpu_regs *regs)
{
	static struct ratelimit limit;
	uint64_t dr6 = take_dr6();

	if (ratelimit_allow(&limit))
		printk(LOG_WARNING "#DB in the hypervisor at %016lx, dr6 %lx (a guest's breakpoint)\n",
		       regs->rip, dr6);
}
