/*
 * Dom0's I/O ports, as Xen 4.17 sets them up: every port, less the
 * interrupt controllers (0x20-0x21, 0xa0-0xa1), the PIT (0x40-0x43), PIT
 * channel 2's gate and the speaker (0x61), PCI configuration data
 * (0xcfc-0xcff; 0xcf8 is virtualised anyway), the ACPI PM timer's four
 * ports (Xen keeps them whether it uses that timer or not) and the
 * hypervisor's console UART (8 ports).
 */
#include "acpi.h"
#include "arch/mm.h"
#include "arch/power.h"
#include "arch/uart.h"
#include "pv_io.h"

#define UART_PORTS 8
#define PM_TIMER_PORTS 4

int dom0_ioports_setup(struct domain *d)
{
	uint16_t uart = uart_console_base();
	uint64_t rsdp = acpi_rsdp();
	uint32_t pm_timer = 0;

	if (ioports_permit(&d->io, 0, IOPORT_COUNT - 1))
		return -1;
	ioports_deny(&d->io, 0x20, 0x21);
	ioports_deny(&d->io, 0xa0, 0xa1);
	ioports_deny(&d->io, 0x40, 0x43);
	ioports_deny(&d->io, 0x61, 0x61);
	ioports_deny(&d->io, 0xcfc, 0xcff);
	if (rsdp && !acpi_find_pm_timer(rsdp, phys_to_virt_checked, &pm_timer, NULL) && pm_timer)
		ioports_deny(&d->io, pm_timer, pm_timer + PM_TIMER_PORTS - 1);
	if (uart)
		ioports_deny(&d->io, uart, uart + UART_PORTS - 1);
	return 0;
}
