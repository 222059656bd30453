/*
 * console_io: a domain with console access (dom0 and boot-time domains;
 * not domUs created later, as on Xen without a debug build) writes to the
 * hypervisor's console, where its lines appear as "(dN) ...", and dom0
 * reads what arrives on the console's input.  Long writes are done a
 * chunk at a time, continuing the hypercall when other work is pending.
 * Reads take what waits in the console input ring (console_input.c).
 */
#include <stdint.h>

#include "arch/guest_access.h"
#include "console_input.h"
#include "hypercall-abi/console_io.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall.h"

#define CHUNK 128

static long console_write(struct domain *d, unsigned int count, uint64_t buffer)
{
	char chunk[CHUNK];

	while (count) {
		unsigned int n = count < CHUNK ? count : CHUNK;

		if (copy_from_guest(chunk, buffer, n))
			return -PV_EFAULT;
		domain_console_write(d, chunk, n);
		buffer += n;
		count -= n;
		if (count && hypercall_preempt_check()) {
			uint64_t args[3] = { PV_CONSOLEIO_write, count, buffer };

			return hypercall_continue(PV_HYPERVISOR_console_io, 3, args);
		}
	}
	return 0;
}

long do_console_io(unsigned int cmd, unsigned int count, uint64_t buffer)
{
	struct domain *d = current_domain();

	if (!d->console_access)
		return -PV_EPERM;
	switch (cmd) {
	case PV_CONSOLEIO_write:
		return console_write(d, count, buffer);
	case PV_CONSOLEIO_read:
		if (!d->privileged)
			return -PV_EPERM;
		/* The result is a count or an error: as on Xen, counts past INT_MAX are refused. */
		return count > INT32_MAX ? -PV_E2BIG : console_input_read(count, buffer);
	default:
		return -PV_ENOSYS;
	}
}
