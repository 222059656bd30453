/*
 * The IDT and the dispatch of what arrives through it.  Every vector has a
 * gate to its stub in trap-entry.S; NMI, double fault and machine check run
 * on their IST stacks.  Exceptions (vectors below 32) raised by the
 * hypervisor are fatal; interrupts go to the handler set with
 * irq_set_handler(), and one with no handler is logged and dropped.
 */
#include <stdint.h>

#include "arch/debugreg.h"
#include "arch/entry.h"
#include "arch/extable.h"
#include "arch/layout.h"
#include "arch/traps.h"
#include "compiler.h"
#include "printk.h"
#include "pv_guest.h"

#define STUB_SIZE 16
#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60
#define VECTOR_BREAKPOINT 3
#define VECTOR_OVERFLOW 4

_Static_assert(__builtin_offsetof(struct cpu_regs, vector) == REGS_VECTOR, "entry.h offsets");
_Static_assert(__builtin_offsetof(struct cpu_regs, cs) == REGS_CS, "entry.h offsets");
_Static_assert(__builtin_offsetof(struct cpu_regs, ss) == REGS_SS, "entry.h offsets");
_Static_assert(sizeof(struct cpu_regs) == REGS_SIZE, "entry.h offsets");

struct idt_gate {
	uint16_t offset_low, selector;
	uint8_t ist, type;
	uint16_t offset_mid;
	uint32_t offset_high, reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate");

extern const char trap_stubs[];

static struct idt_gate idt[256] __aligned(16);
static irq_handler_fn irq_handlers[256];

static void set_gate(unsigned vector, unsigned ist, unsigned int dpl_bits)
{
	uint64_t addr = (uint64_t)&trap_stubs[vector * STUB_SIZE];

	idt[vector] = (struct idt_gate){
		.offset_low = addr & 0xffff,
		.selector = HYPERVISOR_CS,
		.ist = (uint8_t)ist,
		.type = (uint8_t)(GATE_INTERRUPT | dpl_bits),
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_high = (uint32_t)(addr >> 32),
	};
}

void traps_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed idtr = { sizeof(idt) - 1, (uint64_t)idt };

	gdt_init();
	for (unsigned v = 0; v < 256; v++)
		set_gate(v, 0, 0);
	set_gate(VECTOR_NMI, IST_NMI, 0);
	set_gate(VECTOR_DOUBLE_FAULT, IST_DOUBLE_FAULT, 0);
	set_gate(VECTOR_MACHINE_CHECK, IST_MACHINE_CHECK, 0);
	set_gate(VECTOR_DEBUG, IST_DEBUG, 0);
	/* int3 and into from a guest raise their exceptions, as on hardware. */
	set_gate(VECTOR_BREAKPOINT, 0, GATE_DPL3);
	set_gate(VECTOR_OVERFLOW, 0, GATE_DPL3);
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void irq_set_handler(unsigned vector, irq_handler_fn fn)
{
	if (vector >= VECTOR_FIRST_IRQ && vector < 256)
		irq_handlers[vector] = fn;
}

static void exception(struct cpu_regs *regs)
{
	uint64_t fixup;

	if (regs->cs & 3) {
		guest_exception(regs);
		return;
	}
	if (regs->vector == VECTOR_DEBUG) {
		debug_trap_in_hypervisor(regs);
		return;
	}
	fixup = extable_fixup(regs->rip);
	if (!fixup)
		exception_report(regs);
	regs->rip = fixup;
}

void trap_dispatch(struct cpu_regs *regs)
{
	if (regs->vector < VECTOR_FIRST_IRQ) {
		exception(regs);
		return;
	}
	if (irq_handlers[regs->vector])
		irq_handlers[regs->vector](regs);
	else
		printk(LOG_WARNING "unexpected interrupt, vector %#lx\n",
		       (unsigned long)regs->vector);
}
