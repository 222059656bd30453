/*
 * Machine power-off, as done when nothing is left to run: ACPI S5 through
 * the FADT's PM1 control registers, then the fixed shutdown ports of
 * QEMU, Bochs and VirtualBox for machines without usable ACPI, then a halt
 * loop.  Also the isa-debug-exit hook that ends a QEMU test run with a
 * status code.
 */
#include <stddef.h>
#include <stdint.h>

#include "acpi.h"
#include "arch/io.h"
#include "arch/mm.h"
#include "arch/power.h"
#include "cmdline.h"
#include "lib/string.h"
#include "printk.h"

/* PM1 control register bits. */
#define PM1_SCI_EN (1u << 0)
#define PM1_SLP_TYP_SHIFT 10
#define PM1_SLP_TYP_MASK (7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN (1u << 13)

/* The BIOS data area holds the EBDA's real-mode segment at 0x40E. */
#define BDA_EBDA_SEGMENT 0x40e
#define EBDA_SCAN_LEN 0x400
#define BIOS_ROM_START 0xe0000
#define BIOS_ROM_LEN 0x20000

/* A write to the POST port takes roughly a microsecond. */
#define DELAY_PORT 0x80
#define ACPI_ENABLE_WAIT_US 3000000
#define S5_WAIT_US 1000000

static uint64_t rsdp_paddr;
static uint16_t debug_exit_port;

static const struct {
	uint16_t port, value;
	const char *name;
} shutdown_ports[] = {
	{ 0x604, 0x2000, "QEMU" },
	{ 0xb004, 0x2000, "Bochs/old QEMU" },
	{ 0x4004, 0x3400, "VirtualBox" },
};

void power_set_rsdp(uint64_t paddr)
{
	rsdp_paddr = paddr;
}

void machine_set_debug_exit_port(uint16_t port)
{
	debug_exit_port = port;
}

void machine_debug_exit(uint32_t code)
{
	if (!debug_exit_port)
		return;
	printk(LOG_INFO "power: debug-exit code %u on port %#x\n", code,
	       debug_exit_port);
	/*
	 * One byte works whatever iosize the device was given, and the exit
	 * status only keeps 8 bits of code*2+1 anyway.
	 */
	outb(debug_exit_port, (uint8_t)code);
}

static void udelay_io(void)
{
	outb(DELAY_PORT, 0);
}

/* Returns the physical address of an RSDP in @len bytes at @paddr, or 0. */
static uint64_t scan_area(uint64_t paddr, uint64_t len)
{
	const void *p = phys_to_virt_checked(paddr, len);
	long off;

	if (!p)
		return 0;
	off = acpi_scan_rsdp(p, len);
	return off < 0 ? 0 : paddr + (uint64_t)off;
}

uint64_t acpi_rsdp(void)
{
	const uint8_t *bda;
	uint64_t ebda = 0, found = 0;

	if (rsdp_paddr)
		return rsdp_paddr;
	bda = phys_to_virt_checked(BDA_EBDA_SEGMENT, 2);
	if (bda)
		ebda = (uint64_t)(bda[0] | bda[1] << 8) << 4;
	if (ebda)
		found = scan_area(ebda, EBDA_SCAN_LEN);
	if (!found)
		found = scan_area(BIOS_ROM_START, BIOS_ROM_LEN);
	return found;
}

/*
 * Firmware that starts in legacy mode owns the PM registers until the OS
 * asks for ACPI mode by writing ACPI_ENABLE to SMI_CMD; SCI_EN then reads
 * back as 1.
 */
static void acpi_enter_mode(const struct acpi_sleep_info *s)
{
	if (inw(s->pm1a_cnt) & PM1_SCI_EN)
		return;
	if (!s->smi_cmd || !s->acpi_enable) {
		printk(LOG_WARNING "power: SCI_EN clear and no way to enable ACPI\n");
		return;
	}
	printk(LOG_INFO "power: entering ACPI mode (SMI_CMD %#x <- %#x)\n",
	       s->smi_cmd, s->acpi_enable);
	outb(s->smi_cmd, s->acpi_enable);
	for (uint32_t i = 0; i < ACPI_ENABLE_WAIT_US; i++) {
		if (inw(s->pm1a_cnt) & PM1_SCI_EN)
			return;
		udelay_io();
	}
	printk(LOG_WARNING "power: ACPI mode not entered, trying S5 anyway\n");
}

static void pm1_sleep(uint32_t port, uint16_t slp_typ)
{
	uint16_t v = inw(port) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);

	outw(port, v | (slp_typ << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN);
}

static void acpi_power_off(void)
{
	struct acpi_sleep_info s;
	const char *why;
	uint64_t rsdp = acpi_rsdp();

	if (!rsdp) {
		printk(LOG_WARNING "power: no ACPI RSDP found\n");
		return;
	}
	if (acpi_find_s5(rsdp, phys_to_virt_checked, &s, &why)) {
		printk(LOG_WARNING "power: no ACPI S5: %s\n", why);
		return;
	}
	printk(LOG_INFO "power: trying ACPI S5 (PM1a_CNT %#x PM1b_CNT %#x SLP_TYP %u/%u)\n",
	       s.pm1a_cnt, s.pm1b_cnt, s.slp_typa, s.slp_typb);
	acpi_enter_mode(&s);
	pm1_sleep(s.pm1a_cnt, s.slp_typa);
	if (s.pm1b_cnt)
		pm1_sleep(s.pm1b_cnt, s.slp_typb);
	for (uint32_t i = 0; i < S5_WAIT_US; i++)
		udelay_io();
	printk(LOG_WARNING "power: ACPI S5 did not power off\n");
}

__noreturn void machine_power_off(void)
{
	__asm__ volatile("cli");
	acpi_power_off();
	for (size_t i = 0; i < ARRAY_SIZE(shutdown_ports); i++) {
		printk(LOG_INFO "power: trying the %s shutdown port %#x\n",
		       shutdown_ports[i].name, shutdown_ports[i].port);
		outw(shutdown_ports[i].port, shutdown_ports[i].value);
	}
	printk(LOG_ERR "power: could not power off, halting\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}

static int parse_debug_exit(const char *value)
{
	unsigned long port;
	const char *end;

	if (parse_ulong(value, &end, &port) || *end || port == 0 || port > 0xffff)
		return -1;
	machine_set_debug_exit_port((uint16_t)port);
	return 0;
}
BOOT_PARAM_CUSTOM("debug-exit", parse_debug_exit);
