/*
 * SCHEDOP_block and SCHEDOP_poll: 20 one-shot ticks of 10 ms with the vCPU
 * blocked in between (block unmasks events; the timer's event wakes it);
 * block with an event already waiting returns at once; poll's errors
 * (more than 128 ports, bad pointers, a port not in use), a pending port
 * returning at once, the timeout, and a polled port (the timer's, with
 * upcalls masked) waking it.
 */
#include "guest.h"
#include "guest_events.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/vcpu.h"

static volatile struct pv_shared_info *shared;

static long vcpu_op(int cmd, unsigned int id, void *arg)
{
	return HYPERCALL3(vcpu_op, cmd, id, arg);
}

static long poll(uint32_t *ports, uint32_t nr, uint64_t timeout)
{
	struct pv_sched_poll p = { .ports = (uint64_t)ports, .nr_ports = nr, .timeout = timeout };

	return HYPERCALL2(sched_op, PV_SCHEDOP_poll, &p);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_evtchn_alloc_unbound alloc = { .dom = PV_DOMID_SELF, .remote_dom = PV_DOMID_SELF };
	volatile struct pv_vcpu_info *vi;
	static uint32_t ports[130];
	unsigned int n, blocks = 0;
	uint64_t start, deadline, t;

	shared = map_shared_info(si);
	vi = &shared->vcpu_info[0];
	count_timer_ticks();
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	vi->evtchn_upcall_mask = 0;
	wait_ms(15); /* a periodic tick already due has come */

	/* 20 ticks of 10 ms, blocking in between (block unmasks events). */
	n = ticks;
	start = system_time();
	for (unsigned int i = 1; i <= 20; i++) {
		deadline = system_time() + 10 * MS;
		CHECK_EQ(HYPERCALL1(set_timer_op, deadline), 0);
		for (;;) {
			vi->evtchn_upcall_mask = 1;
			if (ticks >= n + i)
				break;
			CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_block, 0), 0);
			blocks++;
		}
		vi->evtchn_upcall_mask = 0;
		CHECK(tick_time >= deadline);
	}
	CHECK_EQ(ticks, n + 20);
	CHECK(system_time() - start >= 200 * MS);
	CHECK(blocks >= 20);
	printf("block: 20 ticks with %u blocks in %lu ms\n", blocks,
	       (unsigned long)((system_time() - start) / MS));

	/* An event already waiting: block returns at once and it is delivered. */
	n = ticks;
	vi->evtchn_upcall_mask = 1;
	CHECK_EQ(HYPERCALL1(set_timer_op, 1), 0);
	while (!vi->evtchn_upcall_pending)
		;
	CHECK_EQ(ticks, n);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_block, 0), 0);
	CHECK_EQ(ticks, n + 1);
	CHECK_EQ(vi->evtchn_upcall_mask, 0);
	printf("block: pending event returns at once\n");

	/* Poll (upcalls masked): errors, a pending port, a timeout, a port waking it. */
	vi->evtchn_upcall_mask = 1;
	CHECK_EQ(HYPERCALL2(event_channel_op, PV_EVTCHNOP_alloc_unbound, &alloc), 0);
	ports[0] = alloc.port;
	CHECK_EQ(poll(ports, 129, 0), -PV_EINVAL);
	CHECK_EQ(poll((uint32_t *)8, 1, 0), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_poll, 8), -PV_EFAULT);
	ports[1] = 4000;
	CHECK_EQ(poll(ports, 2, 0), -PV_EINVAL);

	start = system_time();
	deadline = start + 20 * MS;
	CHECK_EQ(poll(ports, 1, deadline), 0);
	t = system_time();
	CHECK(t >= deadline);
	CHECK(t < deadline + 2000 * MS);
	printf("poll: timeout after %lu ms\n", (unsigned long)((t - start) / MS));

	ports[0] = timer_port;
	__atomic_fetch_or(&shared->evtchn_pending[timer_port / 64], 1ull << (timer_port % 64),
			  __ATOMIC_SEQ_CST);
	start = system_time();
	CHECK_EQ(poll(ports, 1, start + 500 * MS), 0);
	CHECK(system_time() - start < 100 * MS);
	__atomic_fetch_and(&shared->evtchn_pending[timer_port / 64], ~(1ull << (timer_port % 64)),
			   __ATOMIC_SEQ_CST);

	start = system_time();
	CHECK_EQ(HYPERCALL1(set_timer_op, start + 10 * MS), 0);
	CHECK_EQ(poll(ports, 1, start + 3000 * MS), 0);
	t = system_time();
	CHECK(t >= start + 10 * MS);
	CHECK(t < start + 2000 * MS);
	CHECK(shared->evtchn_pending[timer_port / 64] >> (timer_port % 64) & 1);
	printf("poll: woken by its port after %lu ms\n", (unsigned long)((t - start) / MS));
	vi->evtchn_upcall_mask = 0; /* the tick is delivered now */
	CHECK_EQ(HYPERCALL2(xen_version, 0, 0), 0x40011);
	vi->evtchn_upcall_mask = 1;
}
