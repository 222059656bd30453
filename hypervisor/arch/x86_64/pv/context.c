/*
 * The exit path to guests: scheduling decisions and vCPU context switches.
 *
 * The hypervisor runs guests from one frame at the top of the CPU's stack
 * (see guest-entry.S).  A context switch saves that frame into the
 * outgoing vCPU, loads the incoming vCPU's saved frame in its place, and
 * loads its page-table root (flushing the whole TLB) and its segments
 * (segments.c: GDT, LDT, selectors, bases; perhaps the failsafe callback).  A
 * dead domain's page tables are left (CR3 back to the hypervisor's own)
 * before its memory is reaped.  The scheduler's timers (time slice, tick)
 * ask for decisions through request_reschedule().
 */
#include "arch/cpu.h"
#include "arch/mm.h"
#include "arch/percpu.h"
#include "arch/pv_context.h"
#include "arch/pv_segments.h"
#include "arch/time.h"
#include "domain.h"
#include "evtchn.h"
#include "printk.h"
#include "pvclock.h"
#include "pv_traps.h"
#include "runstate.h"
#include "sched.h"
#include "time.h"
#include "timer.h"
#include "vcpu_timer.h"


extern void start_first_guest(struct cpu_regs *frame) __noreturn;

static bool reschedule_requested;

void request_reschedule(void)
{
	reschedule_requested = true;
}

/*
 * An event for @v (evtchn.h).  With one CPU a vCPU that runs or waits on
 * the queue sees it at its next return to the guest; only a blocked one
 * needs waking, and the scheduler decides whether it preempts the running one.
 */
void arch_vcpu_kick(struct vcpu *v)
{
	if (v->state != VCPU_BLOCKED)
		return;
	sched_wake(v);
	runstate_sync(v, v == this_cpu()->current, now());
}

/*
 * The one-shot timer fired: every software timer due runs, and the
 * running vCPU gets fresh pvclock (at least every scheduler tick).
 */
static void timer_tick(struct cpu_regs *regs)
{
	struct vcpu *v = this_cpu()->current;

	(void)regs;
	timers_run(now());
	if (v)
		pvclock_update_vcpu(v);
}

/*
 * Loads @v's page-table root for the mode it is in.  Guest user mappings
 * are global (pt_entry_adjust), so a CR3 write alone would keep the old
 * address space's: every TLB entry goes.
 */
static void load_root(const struct vcpu *v)
{
	write_cr3(v->arch.kernel_mode ? v->arch.kernel_cr3 : v->arch.user_cr3);
	flush_tlb_local();
}

void arch_reload_cr3(struct vcpu *v)
{
	if (v == this_cpu()->current)
		load_root(v);
}

static void load_vcpu(struct percpu *cpu, struct vcpu *next, struct cpu_regs *regs)
{
	struct arch_vcpu *a = &next->arch;

	*regs = a->regs;
	pv_segments_map(next);
	load_root(next);
	cpu->guest_gs_base = a->kernel_mode ? a->gs_base_kernel : a->gs_base_user;
	cpu->current = next;
	pv_segments_load(next, regs);
	fpu_switch_to(next);
	debugreg_switch_to(next);
	pvclock_update_vcpu(next);
	vcpu_periodic_work(next);
}

/*
 * @v goes on or off the CPU: its runstate changes, and the guest's copy
 * is written while @v's page tables are loaded.  As on Xen, a copy that
 * fails in user mode (whose tables need not map the area) is made again
 * when the vCPU next enters kernel mode.
 */
static void switch_runstate(struct vcpu *v, bool running)
{
	runstate_sync(v, running, now());
	if (v->domain->state != DOMAIN_DEAD && !runstate_publish(v) && !v->arch.kernel_mode)
		v->runstate_guest_stale = true;
}

/* Leaves a vCPU whose domain died: its page tables are about to go. */
static void drop_dead_current(struct percpu *cpu)
{
	if (cpu->current && cpu->current->domain->state == DOMAIN_DEAD) {
		write_cr3(pagetables_idle_root());
		cpu->current = NULL;
	}
}

/* Waits for something to become runnable; powers off if nothing can. */
static struct vcpu *idle(void)
{
	struct vcpu *next;

	write_cr3(pagetables_idle_root());
	while (!(next = sched_pick(NULL, false))) {
		domain_reap();
		if (!domain_count())
			hypervisor_finish(domain_failures());
		safe_halt();
		local_irq_disable();
	}
	return next;
}

void exit_to_guest(struct cpu_regs *regs)
{
	struct percpu *cpu = this_cpu();
	struct vcpu *prev, *next;

	drop_dead_current(cpu);
	domain_reap();
	prev = cpu->current;
	next = sched_pick(prev, reschedule_requested);
	reschedule_requested = false;
	if (prev && next != prev) {
		prev->arch.regs = *regs;
		pv_segments_save(prev);
		cpu->current = NULL;
		switch_runstate(prev, false);
	}
	if (!next)
		next = idle();
	if (next != cpu->current) {
		load_vcpu(cpu, next, regs);
		switch_runstate(next, true);
	}
	pv_deliver_events(next, regs);
	if (next->domain->state == DOMAIN_DEAD) {
		/* The upcall could not be delivered: pick again. */
		exit_to_guest(regs);
		return;
	}
	wrmsr(MSR_KERNEL_GS_BASE, cpu->guest_gs_base);
}

void run_guests(void)
{
	struct cpu_regs *frame = guest_regs();

	timer_set_handler(timer_tick);
	printk("Scheduler: credit, %u ms time slice\n", sched_tslice_ms());
	printk("Starting domains\n");
	start_first_guest(frame);
}
