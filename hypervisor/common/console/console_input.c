/*
 * The console input ring: bytes received on the hypervisor's console wait
 * here for the hardware domain's CONSOLEIO_read.  Producer and consumer
 * are free-running counters; their difference is the number of bytes
 * waiting.  One CPU, interrupts off in the hypervisor: no locking.
 */
#include "console_input.h"

#include "arch/guest_access.h"
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"

static char ring[CONSOLE_INPUT_SIZE];
static unsigned int ring_prod, ring_cons;

void console_input_receive(char c)
{
	if (ring_prod - ring_cons != CONSOLE_INPUT_SIZE)
		ring[ring_prod++ % CONSOLE_INPUT_SIZE] = c;
	/*
	 * Sent even when the byte was dropped, as on Xen: a reader that
	 * missed an event still hears that the ring has something to read.
	 */
	evtchn_send_global_virq_to_handler(PV_VIRQ_CONSOLE);
}

/*
 * The waiting bytes go out at most two at a time: the part up to the
 * ring's end, then the wrapped part.  As on Xen, a part that faults stays
 * in the ring, but a part copied before it is consumed although the
 * caller only sees -EFAULT.
 */
long console_input_read(unsigned int count, uint64_t buffer)
{
	unsigned int done = 0;

	while (ring_cons != ring_prod && done < count) {
		unsigned int start = ring_cons % CONSOLE_INPUT_SIZE;
		unsigned int len = ring_prod - ring_cons;

		if (start + len > CONSOLE_INPUT_SIZE)
			len = CONSOLE_INPUT_SIZE - start;
		if (len > count - done)
			len = count - done;
		if (copy_to_guest(buffer + done, &ring[start], len))
			return -PV_EFAULT;
		done += len;
		ring_cons += len;
	}
	return done;
}
