/*
 * The boot sequence, from the first C code to "boot complete".
 *
 * Order matters: the boot information is parsed first, with no output,
 * because the command line (console choice, log level) lives in it; the
 * console comes next so that everything after can be reported; traps come
 * before anything that could fault, so that a fault is reported, not a
 * silent triple fault; memory before time (the APIC is reached through the
 * final direct map).
 */
#include "arch/cpu.h"
#include "arch/boot_domains.h"
#include "arch/ioapic.h"
#include "arch/mm.h"
#include "arch/percpu.h"
#include "arch/power.h"
#include "arch/pv_context.h"
#include "arch/time.h"
#include "arch/traps.h"
#include "arch/uart.h"
#include "arch/xstate.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "frame.h"
#include "heap.h"
#include "m2p.h"
#include "machine_memory_map.h"
#include "hypercall.h"
#include "panic.h"
#include "pirq.h"
#include "printk.h"
#include "selftest.h"

/* Result codes for a test harness (see the debug-exit= option). */
/* The timer's ISA IRQ, which Xen keeps as its own (so does this hypervisor for dom0's sake). */
#define TIMER_IRQ 0
#define EXIT_CODE_SUCCESS 0
#define EXIT_CODE_SELFTEST_FAILED 1
#define EXIT_CODE_DOMAIN_FAILED 2
#define EXIT_CODE_STOPPED 3

extern const struct boot_param __boot_params_start[], __boot_params_end[];

static struct boot_info boot_info;

/* Free memory before the domains were built: all of it must come back. */
static uint64_t free_before_domains, heap_before_domains;

static int parse_loglvl(const char *value)
{
	enum log_level level;

	if (printk_parse_level(value, &level))
		return -1;
	printk_set_level(level);
	return 0;
}
BOOT_PARAM_CUSTOM("loglvl", parse_loglvl);

static const void *boot_map(uint64_t paddr, uint64_t len)
{
	return phys_to_virt_checked(paddr, len);
}

static const char *memory_type_name(uint32_t type)
{
	static const char *const names[] = { "unknown", "RAM", "reserved", "ACPI data",
					     "ACPI NVS", "bad memory" };

	return names[type < ARRAY_SIZE(names) ? type : 0];
}

/* The CPU's physical address width (36 bits when it does not say). */
static unsigned int physical_address_bits(void)
{
	if (cpuid(0x80000000, 0).eax < 0x80000008)
		return 36;
	return cpuid(0x80000008, 0).eax & 0xff;
}

static void print_boot_info(const struct boot_info *bi)
{
	printk("Boot loader: %s (%s)\n", bi->loader[0] ? bi->loader : "unnamed", bi->protocol);
	printk("Command line: %s\n", bi->cmdline);
	printk("Memory map:\n");
	for (unsigned i = 0; i < bi->memmap_count; i++)
		printk("  [%016lx, %016lx) %s\n", bi->memmap[i].start, bi->memmap[i].end,
		       memory_type_name(bi->memmap[i].type));
	printk("Modules: %u\n", bi->module_count);
	for (unsigned i = 0; i < bi->module_count; i++)
		printk("  module %u: [%#lx, %#lx) %lu bytes, command line '%s'\n", i,
		       bi->modules[i].start, bi->modules[i].end,
		       bi->modules[i].end - bi->modules[i].start, bi->modules[i].cmdline);
}

/* Nothing more can happen: report @code to a test harness, or power off. */
static __noreturn void finish(uint32_t code)
{
	machine_debug_exit(code);
	printk("Nothing left to run: powering off.\n");
	machine_power_off();
}

static void check_memory_returned(void)
{
	uint64_t now_free = frames_free_count() + heap_small_pages() - heap_before_domains;

	if (now_free == free_before_domains)
		printk("Memory: every frame the domains used was returned (%lu free)\n",
		       frames_free_count());
	else
		printk(LOG_ERR "Memory: %ld frames missing after the domains died\n",
		       (long)(free_before_domains - now_free));
}

void hypervisor_finish(unsigned int failures)
{
	printk("All domains have shut down (%u failed)\n", failures);
	check_memory_returned();
	finish(failures ? EXIT_CODE_DOMAIN_FAILED : EXIT_CODE_SUCCESS);
}

const char *hypervisor_cmdline(void)
{
	return boot_cmdline_options(&boot_info, boot_info.cmdline);
}

void hypervisor_start(uint32_t magic, uint64_t info)
{
	int rc = multiboot_parse(magic, info, boot_map, &boot_info);

	uart_console_init();
	cmdline_parse(boot_cmdline_options(&boot_info, boot_info.cmdline), __boot_params_start,
		      (size_t)(__boot_params_end - __boot_params_start));
	uart_console_init();
	printk("\nRingvisor: x86-64 paravirtual hypervisor\n");
	traps_init();
	percpu_init_boot_cpu();
	if (rc) {
		printk(LOG_ERR "Boot information is malformed: %s\n", boot_info.error);
		printk(LOG_ERR "Cannot boot: stopped.\n");
		arch_halt();
	}
	print_boot_info(&boot_info);
	memory_init(&boot_info);
	machine_memory_map_init(&boot_info, physical_address_bits());
	m2p_init();
	gdt_area_init();
	lapic_init();
	timer_init();
	time_init();
	xstate_init();
	power_set_rsdp(boot_info.rsdp);
	ioapic_init();
	pirq_reserve_gsi(TIMER_IRQ);
	if (uart_console_irq() >= 0)
		pirq_reserve_gsi((unsigned int)uart_console_irq());
	rc = selftests_run(&boot_info) ? EXIT_CODE_SUCCESS : EXIT_CODE_SELFTEST_FAILED;
	printk("Ringvisor: boot complete\n");
	free_before_domains = frames_free_count();
	heap_before_domains = heap_small_pages();
	if (rc == EXIT_CODE_SUCCESS && boot_domains_create(&boot_info)) {
		uart_console_rx_start();
		run_guests();
	}
	finish(rc);
}

void arch_halt(void)
{
	machine_debug_exit(EXIT_CODE_STOPPED);
	for (;;)
		__asm__ volatile("cli; hlt");
}
