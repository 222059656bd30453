/*
 * console_io: a domain with console access (dom0 and boot-time domains;
 * not domUs created later, as on Xen without a debug build) writes to the
 * hypervisor's console, where its lines appear as "(dN) ...", and dom0
 * reads what arrives on the console's input.  Long writes are done a
 * chunk at a time, continuing the hypercall when other work is pending.
 */
#include "arch/guest_access.h"
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

static long console_read(unsigned int count, uint64_t buffer)
{
	unsigned int done = 0;
	int c;

	while (done < count && (c = arch_console_getc()) >= 0) {
		char ch = (char)c;

		if (copy_to_guest(buffer + done, &ch, 1))
			return -PV_EFAULT;
		done++;
	}
	return done;
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
		return d->privileged ? console_read(count, buffer) : -PV_EPERM;
	default:
		return -PV_ENOSYS;
	}
}
