/*
 * The one-shot timer interrupt.  The APIC timer's rate is only known to
 * calibration accuracy, so an interrupt that arrives before the deadline
 * re-arms for the remainder: the handler never runs early.
 */
#include "arch/time.h"
#include "time.h"
#include "timer.h"

static uint64_t armed_deadline;
static void (*deadline_handler)(struct cpu_regs *regs);

static uint32_t ns_to_counts(uint64_t ns)
{
	uint64_t hz = lapic_timer_hz();
	uint64_t counts = ns / NSEC_PER_SEC * hz + ns % NSEC_PER_SEC * hz / NSEC_PER_SEC;

	if (counts == 0)
		return 1;
	return counts > UINT32_MAX ? UINT32_MAX : (uint32_t)counts;
}

void timer_set_deadline(uint64_t deadline)
{
	uint64_t t = now();

	armed_deadline = deadline;
	if (!deadline)
		lapic_timer_oneshot(0);
	else
		lapic_timer_oneshot(ns_to_counts(deadline > t ? deadline - t : 0));
}

bool timer_deadline_passed(void)
{
	return armed_deadline && now() >= armed_deadline;
}

void arch_timer_program(uint64_t deadline)
{
	timer_set_deadline(deadline);
}

void timer_set_handler(void (*fn)(struct cpu_regs *regs))
{
	deadline_handler = fn;
}

static void timer_interrupt(struct cpu_regs *regs)
{
	lapic_eoi();
	if (!armed_deadline)
		return;
	if (now() < armed_deadline) {
		timer_set_deadline(armed_deadline);
		return;
	}
	armed_deadline = 0;
	if (deadline_handler)
		deadline_handler(regs);
}

void timer_init(void)
{
	irq_set_handler(VECTOR_APIC_TIMER, timer_interrupt);
}
