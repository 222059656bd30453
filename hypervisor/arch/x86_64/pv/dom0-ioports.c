/*
 * Dom0's I/O ports, as Xen 4.17 sets them up: every port, less the
 * interrupt controllers (0x20-0x21, 0xa0-0xa1), the PIT (0x40-0x43), PIT
 * channel 2's gate and the speaker (0x61), PCI configuration data
 * (0xcfc-0xcff; 0xcf8 is virtualised anyway) and the hypervisor's
 * console UART (8 ports).  The ACPI PM timer Xen also keeps is not
 * used here, so dom0 keeps it.
 */
#include "arch/uart.h"
#include "pv_io.h"

#define UART_PORTS 8

int dom0_ioports_setup(struct domain *d)
{
	uint16_t uart = uart_console_base();

	if (ioports_permit(&d->io, 0, IOPORT_COUNT - 1))
		return -1;
	ioports_deny(&d->io, 0x20, 0x21);
	ioports_deny(&d->io, 0xa0, 0xa1);
	ioports_deny(&d->io, 0x40, 0x43);
	ioports_deny(&d->io, 0x61, 0x61);
	ioports_deny(&d->io, 0xcfc, 0xcff);
	if (uart)
		ioports_deny(&d->io, uart, uart + UART_PORTS - 1);
	return 0;
}
