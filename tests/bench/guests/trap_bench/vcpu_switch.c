/* trap_bench's vCPU switch between dom0 and a partner domU (vcpu_switch.h). */
#include "vcpu_switch.h"
#include "guest.h"
#include "guest_events.h"
#include "hypercall-abi/event_channel.h"

#define PARTNER_DOMID 1
/* The partner's channel is among its first ports (it opens no other). */
#define PARTNER_MAX_PORT 8
#define CONNECT_TRIES 1000

static unsigned int partner_port; /* dom0's end of the channel */

static long yield(void)
{
	return HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0);
}

void be_switch_partner(void)
{
	struct pv_evtchn_alloc_unbound alloc = { .dom = PV_DOMID_SELF, .remote_dom = 0 };
	struct pv_sched_poll poll = { .ports = (uint64_t)&alloc.port, .nr_ports = 1 };
	uint64_t yields = 0;

	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_alloc_unbound, &alloc), 0);
	CHECK(alloc.port <= PARTNER_MAX_PORT);
	/* Blocked until dom0's first signal: out of the way of its other measurements. */
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_poll, &poll), 0);
	CHECK(event_take(alloc.port));
	while (!event_take(alloc.port)) {
		CHECK_EQ(yield(), 0);
		yields++;
	}
	printf("trap_bench: partner yielded %lu times\n", yields);
}

bool connect_switch_partner(void)
{
	struct pv_evtchn_bind_interdomain bind = { .remote_dom = PARTNER_DOMID };

	for (unsigned int t = 0; t < CONNECT_TRIES; t++) {
		for (bind.remote_port = 1; bind.remote_port <= PARTNER_MAX_PORT; bind.remote_port++) {
			if (HYPERCALL2(event_channel_op, PV_EVTCHNOP_bind_interdomain, &bind) == 0) {
				partner_port = bind.local_port;
				return true;
			}
		}
		yield();
	}
	test_fail(__FILE__, __LINE__, "no partner domain offered a channel");
	return false;
}

uint64_t bench_vcpu_switch(unsigned int count)
{
	unsigned int failed = 0;

	for (unsigned int i = 0; i < count; i++)
		failed += yield() != 0;
	CHECK_EQ(failed, 0);
	return 2ull * count;
}

void signal_switch_partner(void)
{
	struct pv_evtchn_send send = { .port = partner_port };

	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_send, &send), 0);
}
