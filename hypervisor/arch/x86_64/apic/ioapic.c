/*
 * The I/O APICs (see arch/ioapic.h).  Each has an index register at its
 * base and a data window 16 bytes above; register 1 holds the version and
 * the highest input, and input N's redirection entry is registers
 * 0x10 + 2N (low half: vector, trigger, mask) and 0x11 + 2N (destination
 * APIC ID in bits 24-31).  Every input is masked at boot; dom0's
 * setup_gsi sets an input's trigger mode and polarity (else it keeps the
 * ISA default, edge and active high), and binding a pirq to it routes it
 * to this CPU at vector GSI_VECTOR_BASE + GSI, whose interrupts go to
 * pirq_interrupt().
 */
#include "acpi.h"
#include "arch/ioapic.h"
#include "arch/mm.h"
#include "arch/power.h"
#include "arch/time.h"
#include "arch/traps.h"
#include "hypercall-abi/errno.h"
#include "machine_memory_map.h"
#include "pirq.h"
#include "printk.h"

#define IOAPIC_MAX 8
#define IOAPIC_DEFAULT_BASE 0xfec00000u
#define IOAPIC_WINDOW 0x10 /* bytes from the index register to the data window */
#define IOAPIC_REG_ID 0
#define IOAPIC_REG_VERSION 1
#define IOAPIC_REG_ARBITRATION 2
#define IOAPIC_REG_RTE(pin) (0x10 + 2 * (pin))
#define RTE_ACTIVE_LOW (1u << 13)
#define RTE_LEVEL (1u << 15)
#define RTE_MASKED (1u << 16)
#define RTE_VECTOR_MASK 0xffu
#define RTE_DEST_SHIFT 24
#define PAGE_BITS 12
/* The GSIs' vectors, below the APIC timer's. */
#define GSI_VECTOR_BASE 0x30
#define GSI_VECTOR_COUNT (VECTOR_APIC_TIMER - GSI_VECTOR_BASE)

struct ioapic {
	volatile uint32_t *regs;
	uint32_t address;
	uint32_t gsi_base;
	unsigned int pins;
};

static struct ioapic ioapics[IOAPIC_MAX];
static unsigned int ioapic_count;

static uint32_t reg_read(const struct ioapic *io, uint32_t reg)
{
	io->regs[0] = reg;
	return io->regs[IOAPIC_WINDOW / 4];
}

static void reg_write(const struct ioapic *io, uint32_t reg, uint32_t value)
{
	io->regs[0] = reg;
	io->regs[IOAPIC_WINDOW / 4] = value;
}

/* As Xen: an I/O APIC whose first registers all read as ones is not there. */
static bool absent(const struct ioapic *io)
{
	return reg_read(io, IOAPIC_REG_ID) == 0xffffffffu &&
	       reg_read(io, IOAPIC_REG_VERSION) == 0xffffffffu &&
	       reg_read(io, IOAPIC_REG_ARBITRATION) == 0xffffffffu;
}

static void add(uint32_t address, uint32_t gsi_base)
{
	struct ioapic *io = &ioapics[ioapic_count];
	uint32_t version;

	io->regs = (volatile uint32_t *)phys_to_virt_checked(address, IOAPIC_WINDOW + 4);
	io->address = address;
	if (!io->regs) {
		printk(LOG_WARNING "IO-APIC at %#x is not mapped: skipped\n", address);
		return;
	}
	io->gsi_base = gsi_base;
	if (absent(io)) {
		printk(LOG_WARNING "IO-APIC at %#x reads all ones: skipped\n", address);
		return;
	}
	version = reg_read(io, IOAPIC_REG_VERSION);
	io->pins = ((version >> 16) & 0xff) + 1;
	for (unsigned int pin = 0; pin < io->pins; pin++) {
		reg_write(io, IOAPIC_REG_RTE(pin), RTE_MASKED);
		reg_write(io, IOAPIC_REG_RTE(pin) + 1, 0);
	}
	machine_mmio_add_read_only(address >> PAGE_BITS);
	printk("IO-APIC %u: id %u, version %#x, address %#x, GSI %u-%u, all masked\n",
	       ioapic_count, reg_read(io, IOAPIC_REG_ID) >> 24, version & 0xff, address, gsi_base,
	       gsi_base + io->pins - 1);
	ioapic_count++;
}

void ioapic_init(void)
{
	struct acpi_ioapic found[IOAPIC_MAX];
	uint64_t rsdp = acpi_rsdp();
	const char *why = "no RSDP";
	int n = rsdp ? acpi_find_ioapics(rsdp, phys_to_virt_checked, found, IOAPIC_MAX, &why) : -1;

	if (n < 0) {
		printk("IO-APIC: %s, trying %#x\n", why, IOAPIC_DEFAULT_BASE);
		add(IOAPIC_DEFAULT_BASE, 0);
		return;
	}
	if (n > IOAPIC_MAX) {
		printk(LOG_WARNING "IO-APIC: %d in the MADT, using the first %u\n", n, IOAPIC_MAX);
		n = IOAPIC_MAX;
	}
	for (int i = 0; i < n; i++)
		add(found[i].address, found[i].gsi_base);
}

int ioapic_guest_read(uint64_t physbase, uint32_t reg, uint32_t *value)
{
	for (unsigned int i = 0; i < ioapic_count; i++) {
		if (ioapics[i].address == physbase) {
			*value = reg_read(&ioapics[i], reg);
			return 0;
		}
	}
	return -PV_EINVAL;
}

int ioapic_guest_gsi(uint64_t physbase, uint32_t reg)
{
	for (unsigned int i = 0; i < ioapic_count; i++) {
		uint32_t pin = (reg - IOAPIC_REG_RTE(0)) / 2;

		if (ioapics[i].address != physbase)
			continue;
		if (reg < IOAPIC_REG_RTE(0) || (reg & 1))
			return IOAPIC_NOT_AN_RTE;
		return pin < ioapics[i].pins ? (int)(ioapics[i].gsi_base + pin) : -PV_EINVAL;
	}
	return -PV_EINVAL;
}

unsigned int ioapic_gsi_end(void)
{
	unsigned int end = 0;

	for (unsigned int i = 0; i < ioapic_count; i++) {
		if (ioapics[i].gsi_base + ioapics[i].pins > end)
			end = ioapics[i].gsi_base + ioapics[i].pins;
	}
	return end;
}

/* The I/O APIC with input @gsi, NULL if none; its input in *@pin. */
static const struct ioapic *find_gsi(unsigned int gsi, unsigned int *pin)
{
	for (unsigned int i = 0; i < ioapic_count; i++) {
		if (gsi >= ioapics[i].gsi_base && gsi - ioapics[i].gsi_base < ioapics[i].pins) {
			*pin = gsi - ioapics[i].gsi_base;
			return &ioapics[i];
		}
	}
	return NULL;
}

bool ioapic_has_gsi(unsigned int gsi)
{
	unsigned int pin;

	return find_gsi(gsi, &pin) != NULL;
}

void ioapic_set_gsi_mode(unsigned int gsi, bool level, bool active_low)
{
	unsigned int pin;
	const struct ioapic *io = find_gsi(gsi, &pin);

	if (io)
		reg_write(io, IOAPIC_REG_RTE(pin),
			  RTE_MASKED | (level ? RTE_LEVEL : 0) | (active_low ? RTE_ACTIVE_LOW : 0));
}

bool ioapic_gsi_is_level(unsigned int gsi)
{
	unsigned int pin;
	const struct ioapic *io = find_gsi(gsi, &pin);

	return io && (reg_read(io, IOAPIC_REG_RTE(pin)) & RTE_LEVEL);
}

void ioapic_gsi_mask(unsigned int gsi, bool masked)
{
	unsigned int pin;
	const struct ioapic *io = find_gsi(gsi, &pin);
	uint32_t rte;

	if (!io)
		return;
	rte = reg_read(io, IOAPIC_REG_RTE(pin));
	reg_write(io, IOAPIC_REG_RTE(pin), masked ? rte | RTE_MASKED : rte & ~RTE_MASKED);
}

/* As Xen's level-triggered handling: mask the line, then acknowledge the local APIC. */
static void gsi_interrupt(struct cpu_regs *regs)
{
	unsigned int gsi = (unsigned int)regs->vector - GSI_VECTOR_BASE;

	if (ioapic_gsi_is_level(gsi))
		ioapic_gsi_mask(gsi, true);
	lapic_eoi();
	pirq_interrupt(gsi);
}

void ioapic_gsi_enable(unsigned int gsi)
{
	unsigned int pin;
	const struct ioapic *io = find_gsi(gsi, &pin);
	uint32_t rte;

	if (!io || gsi >= GSI_VECTOR_COUNT) {
		printk(LOG_WARNING "IO-APIC: GSI %u cannot be routed: left masked\n", gsi);
		return;
	}
	irq_set_handler(GSI_VECTOR_BASE + gsi, gsi_interrupt);
	rte = reg_read(io, IOAPIC_REG_RTE(pin)) & (RTE_LEVEL | RTE_ACTIVE_LOW);
	reg_write(io, IOAPIC_REG_RTE(pin) + 1, lapic_id() << RTE_DEST_SHIFT);
	reg_write(io, IOAPIC_REG_RTE(pin), rte | (GSI_VECTOR_BASE + gsi));
}
