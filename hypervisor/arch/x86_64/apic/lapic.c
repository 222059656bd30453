/*
 * The local APIC: x2APIC mode (MSRs) where the CPU has it, else xAPIC
 * (MMIO through the direct map, which maps it uncached).  The legacy 8259
 * PICs are remapped away from the exception vectors and masked: all
 * interrupts the hypervisor uses come through the local APIC.
 */
#include <stdbool.h>

#include "arch/cpu.h"
#include "arch/io.h"
#include "arch/mm.h"
#include "arch/time.h"
#include "arch/traps.h"
#include "printk.h"

#define APIC_BASE_X2APIC_ENABLE (1ull << 10)
#define APIC_BASE_ENABLE (1ull << 11)
#define APIC_BASE_ADDR_MASK 0xffffff000ull
#define CPUID1_ECX_X2APIC (1u << 21)

#define REG_ID 0x20
#define REG_VERSION 0x30
#define REG_EOI 0xb0
#define REG_SVR 0xf0
#define REG_LVT_TIMER 0x320
#define REG_TIMER_INITIAL 0x380
#define REG_TIMER_CURRENT 0x390
#define REG_TIMER_DIVIDE 0x3e0

#define SVR_ENABLE (1u << 8)
#define LVT_MASKED (1u << 16)
#define TIMER_DIVIDE_BY_1 0xb

static bool x2apic;
static volatile uint32_t *xapic_mmio;
static uint64_t timer_hz;

static uint32_t apic_read(unsigned reg)
{
	return x2apic ? (uint32_t)rdmsr(0x800 + (reg >> 4)) : xapic_mmio[reg / 4];
}

static void apic_write(unsigned reg, uint32_t v)
{
	if (x2apic)
		wrmsr(0x800 + (reg >> 4), v);
	else
		xapic_mmio[reg / 4] = v;
}

static void legacy_pics_disable(void)
{
	/* ICW1-4: remap to vectors 0x20-0x2f, then mask every line. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

static void spurious_interrupt(struct cpu_regs *regs)
{
	(void)regs; /* no EOI for a spurious interrupt */
}

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	legacy_pics_disable();
	x2apic = cpuid(1, 0).ecx & CPUID1_ECX_X2APIC;
	base |= APIC_BASE_ENABLE;
	if (x2apic)
		base |= APIC_BASE_X2APIC_ENABLE;
	wrmsr(MSR_APIC_BASE, base);
	if (!x2apic)
		xapic_mmio = phys_to_virt(base & APIC_BASE_ADDR_MASK);
	irq_set_handler(VECTOR_APIC_SPURIOUS, spurious_interrupt);
	apic_write(REG_SVR, SVR_ENABLE | VECTOR_APIC_SPURIOUS);
	apic_write(REG_TIMER_DIVIDE, TIMER_DIVIDE_BY_1);
	apic_write(REG_LVT_TIMER, LVT_MASKED | VECTOR_APIC_TIMER);
	printk("Local APIC: %s mode, id %#x, version %#x\n", x2apic ? "x2APIC" : "xAPIC",
	       lapic_id(), apic_read(REG_VERSION) & 0xff);
}

uint32_t lapic_id(void)
{
	return x2apic ? apic_read(REG_ID) : apic_read(REG_ID) >> 24;
}

bool lapic_is_x2apic(void)
{
	return x2apic;
}

void lapic_eoi(void)
{
	apic_write(REG_EOI, 0);
}

uint32_t lapic_timer_measure_start(void)
{
	apic_write(REG_LVT_TIMER, LVT_MASKED | VECTOR_APIC_TIMER);
	apic_write(REG_TIMER_INITIAL, UINT32_MAX);
	return apic_read(REG_TIMER_CURRENT);
}

uint32_t lapic_timer_measure_stop(uint32_t start_count)
{
	uint32_t elapsed = start_count - apic_read(REG_TIMER_CURRENT);

	apic_write(REG_TIMER_INITIAL, 0);
	return elapsed;
}

void lapic_timer_set_hz(uint64_t hz)
{
	timer_hz = hz;
}

uint64_t lapic_timer_hz(void)
{
	return timer_hz;
}

void lapic_timer_oneshot(uint32_t counts)
{
	apic_write(REG_LVT_TIMER, VECTOR_APIC_TIMER);
	apic_write(REG_TIMER_INITIAL, counts);
}
