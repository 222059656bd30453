/*
 * Hypervisor console input, read as Linux's hvc_xen does.  Run as dom0
 * next to itself as a domU, with the test script typing on the serial
 * line (tests/guests/console_input/cases.sh):
 *  - dom0, before binding VIRQ_CONSOLE, prints "unbound" and reads with
 *    CONSOLEIO_read (yielding in between) until the first line typed is
 *    in: input waits in the hypervisor with nobody listening;
 *  - it binds VIRQ_CONSOLE, VIRQ_DOM_EXC and VIRQ_DEBUG (closed and bound
 *    again), offers the domU a port, prints "ready", waits for the virq
 *    (SCHEDOP_poll on its port) and reads the second line, waiting for
 *    the virq whenever nothing is left to read.  A read into a bad
 *    buffer on the way gets -EFAULT and loses nothing; a count past
 *    INT_MAX gets -E2BIG;
 *  - the domU gets -EPERM for CONSOLEIO_read, binds the offered port and
 *    shuts down: dom0 sees VIRQ_DOM_EXC.
 * Each line read is echoed; the script checks the echoes.
 */
#include "guest.h"
#include "guest_events.h"
#include "hypercall-abi/console_io.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/start_info.h"
#include "lib/string.h"

#define EARLY_LINE "early-input 0123456789"
#define VIRQ_LINE "typed after ready: the quick brown fox jumps over the lazy dog"
#define WAIT_LIMIT_MS 30000
#define BAD_BUFFER 0x1000ul
#define OFFERED_PORT 4

static long console_read(char *buf, unsigned int count)
{
	return HYPERCALL3(console_io, PV_CONSOLEIO_read, count, buf);
}

static long evtchn_op(int cmd, void *arg)
{
	return HYPERCALL2(event_channel_op, cmd, arg);
}

static unsigned int bind_virq(unsigned int virq)
{
	struct pv_evtchn_bind_virq b = { .virq = virq, .vcpu = 0 };

	CHECK_EQ(evtchn_op(PV_EVTCHNOP_bind_virq, &b), 0);
	return b.port;
}

/*
 * Blocks until @port is pending (checked within the limit), then clears
 * it.  Polling also ends on an event for another port (the domU's
 * VIRQ_DOM_EXC may come meanwhile): it polls again then.
 */
static void wait_port(unsigned int port)
{
	uint32_t ports[1] = { port };
	uint64_t deadline = system_time() + WAIT_LIMIT_MS * MS;
	struct pv_sched_poll p = { .ports = (uint64_t)ports, .nr_ports = 1, .timeout = deadline };

	while (!event_take(port)) {
		if (system_time() >= deadline) {
			test_fail(__FILE__, __LINE__, "no event on port %u within %u ms", port,
				  WAIT_LIMIT_MS);
			return;
		}
		CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_poll, &p), 0);
	}
}

/* Reads until @want is in: between reads, yields (@port 0) or waits for @port. */
static void read_line(const char *want, unsigned int port)
{
	static char buf[128];
	size_t len = strlen(want), got = 0;
	uint64_t deadline = system_time() + WAIT_LIMIT_MS * MS;
	long n;

	while (got < len) {
		n = console_read(buf + got, (unsigned int)(sizeof(buf) - 1 - got));
		CHECK(n >= 0);
		got += (size_t)n;
		if (n > 0)
			continue;
		if (system_time() >= deadline) {
			test_fail(__FILE__, __LINE__, "no input within %u ms", WAIT_LIMIT_MS);
			break;
		}
		if (port)
			wait_port(port);
		else
			HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
	}
	buf[got] = '\0';
	printf("console_input: read '%s' (%zu bytes)\n", buf, got);
	CHECK_EQ(got, len);
	CHECK(!memcmp(buf, want, len));
}

static void run_dom0(void)
{
	struct pv_evtchn_alloc_unbound offer = { .dom = PV_DOMID_SELF, .remote_dom = 1 };
	struct pv_evtchn_close close;
	unsigned int con, exc, dbg;
	char c;

	CHECK_EQ(console_read(&c, 1), 0);
	CHECK_EQ(console_read((char *)BAD_BUFFER, 1), 0); /* nothing to copy */
	CHECK_EQ(console_read(&c, 0x80000000u), -PV_E2BIG);
	printf("console_input: unbound\n");
	read_line(EARLY_LINE, 0);

	con = bind_virq(PV_VIRQ_CONSOLE);
	exc = bind_virq(PV_VIRQ_DOM_EXC);
	dbg = bind_virq(PV_VIRQ_DEBUG);
	close.port = dbg;
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_close, &close), 0);
	CHECK_EQ(bind_virq(PV_VIRQ_DEBUG), dbg);
	CHECK_EQ(evtchn_op(PV_EVTCHNOP_alloc_unbound, &offer), 0);
	CHECK_EQ(offer.port, OFFERED_PORT);
	printf("console_input: ready\n");

	/* The first bytes typed: a bad buffer loses none of them. */
	wait_port(con);
	CHECK_EQ(console_read((char *)BAD_BUFFER, 64), -PV_EFAULT);
	read_line(VIRQ_LINE, con);

	wait_port(exc);
	printf("console_input: VIRQ_DOM_EXC after the domU shut down\n");
}

static void run_domu(void)
{
	struct pv_evtchn_bind_interdomain bind = { .remote_dom = 0, .remote_port = OFFERED_PORT };
	char buf[4] = "xyz";
	long rc;

	CHECK_EQ(console_read(buf, 3), -PV_EPERM);
	CHECK_EQ(console_read(buf, 0), -PV_EPERM);
	CHECK(!strcmp(buf, "xyz"));
	printf("console_input: domU read: -EPERM\n");
	/* Until dom0 has bound its virqs and offered the port. */
	while ((rc = evtchn_op(PV_EVTCHNOP_bind_interdomain, &bind)) == -PV_EINVAL)
		HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
	CHECK_EQ(rc, 0);
}

void test_main(const struct pv_start_info *si)
{
	volatile struct pv_shared_info *shared = map_shared_info(si);

	shared->vcpu_info[0].evtchn_upcall_mask = 1;
	if (si->flags & PV_SIF_PRIVILEGED)
		run_dom0();
	else
		run_domu();
}
