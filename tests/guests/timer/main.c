/*
 * Guest timers raising VIRQ_TIMER, counted by the event upcall: the
 * default 10 ms periodic timer and stopping it; 20 one-shot ticks of
 * 10 ms through set_timer_op, each arriving no earlier than asked; a time
 * in the past firing at once; 0 cancelling; VCPUOP_set_singleshot_timer
 * (a past time with VCPU_SSHOTTMR_future fires at once, as Xen 4.17 has
 * it) and stop_singleshot_timer; set_periodic_timer's minimum period;
 * vcpu_op's error codes and is_up.
 */
#include "guest.h"
#include "guest_events.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/event_channel.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/vcpu.h"

static volatile struct pv_shared_info *shared;

/* Waits up to @ms for the tick count to pass @n; returns whether it did. */
static int wait_ticks(unsigned int n, uint64_t ms)
{
	uint64_t end = system_time() + ms * MS;

	while (ticks < n && system_time() < end)
		;
	return ticks >= n;
}

static long vcpu_op(int cmd, unsigned int id, void *arg)
{
	return HYPERCALL3(vcpu_op, cmd, id, arg);
}

void test_main(const struct pv_start_info *si)
{
	struct pv_vcpu_set_periodic_timer per;
	struct pv_vcpu_set_singleshot_timer ss;
	unsigned int n;
	uint64_t start, deadline;

	shared = map_shared_info(si);
	count_timer_ticks();
	shared->vcpu_info[0].evtchn_upcall_mask = 0;

	/* The default periodic timer (10 ms) ticks; stopped, it is quiet. */
	CHECK(wait_ticks(3, 500));
	printf("timer: default periodic timer ticks\n");
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	wait_ms(15);
	n = ticks;
	wait_ms(40);
	CHECK_EQ(ticks, n);

	/* 20 one-shot ticks of 10 ms, none early. */
	n = ticks;
	start = system_time();
	for (unsigned int i = 1; i <= 20; i++) {
		deadline = system_time() + 10 * MS;
		CHECK_EQ(HYPERCALL1(set_timer_op, deadline), 0);
		CHECK(wait_ticks(n + i, 1000));
		CHECK(tick_time >= deadline);
	}
	CHECK_EQ(ticks, n + 20);
	CHECK(system_time() - start >= 200 * MS);
	printf("timer: 20 set_timer_op ticks in %lu ms\n", (unsigned long)((system_time() - start) / MS));

	/* A time in the past fires at once; 0 cancels. */
	n = ticks;
	CHECK_EQ(HYPERCALL1(set_timer_op, 1), 0);
	CHECK(wait_ticks(n + 1, 50));
	CHECK_EQ(HYPERCALL1(set_timer_op, system_time() + 20 * MS), 0);
	CHECK_EQ(HYPERCALL1(set_timer_op, 0), 0);
	wait_ms(50);
	CHECK_EQ(ticks, n + 1);
	printf("timer: past fires at once, 0 cancels\n");

	/* VCPUOP single-shot: past (even with the future flag) fires, future fires, stop. */
	n = ticks;
	ss.timeout_abs_ns = 1;
	ss.flags = PV_VCPU_SSHOTTMR_future;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, &ss), 0);
	CHECK(wait_ticks(n + 1, 50));
	ss.timeout_abs_ns = system_time() + 5 * MS;
	ss.flags = 0;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, &ss), 0);
	CHECK(wait_ticks(n + 2, 500));
	CHECK(tick_time >= ss.timeout_abs_ns);
	ss.timeout_abs_ns = system_time() + 10 * MS;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, &ss), 0);
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_singleshot_timer, 0, 0), 0);
	wait_ms(30);
	CHECK_EQ(ticks, n + 2);
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_singleshot_timer, 0, (void *)8), -PV_EFAULT);
	printf("timer: singleshot vcpu_op as Xen 4.17\n");

	/* Periodic: under 1 ms refused; 2 ms ticks; stopped again. */
	per.period_ns = MS - 1;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_periodic_timer, 0, &per), -PV_EINVAL);
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_periodic_timer, 0, (void *)8), -PV_EFAULT);
	per.period_ns = 2 * MS;
	n = ticks;
	CHECK_EQ(vcpu_op(PV_VCPUOP_set_periodic_timer, 0, &per), 0);
	CHECK(wait_ticks(n + 5, 1000));
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_periodic_timer, 0, 0), 0);
	wait_ms(5);
	n = ticks;
	wait_ms(20);
	CHECK_EQ(ticks, n);
	printf("timer: periodic set and stopped\n");

	/* vcpu_op errors and is_up. */
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 0, 0), 1);
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 1, 0), -PV_ENOENT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_stop_singleshot_timer, 1, 0), -PV_ENOENT);
	CHECK_EQ(vcpu_op(PV_VCPUOP_is_up, 100000, 0), -PV_ENOENT);
	printf("timer: vcpu_op errors as Xen\n");
	shared->vcpu_info[0].evtchn_upcall_mask = 1;
}
