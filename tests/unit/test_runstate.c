/*
 * Tests for runstate accounting (hypervisor/common/sched/runstate.c):
 * states follow the vCPU's scheduling state, time adds up per state,
 * and the guest copy honours VMASST runstate_update_flag.
 */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "host_guest.h"
#include "hypercall-abi/mmu.h"
#include "runstate.h"

static struct domain rs_dom;

static void new_vcpu(struct vcpu *v)
{
	memset(v, 0, sizeof(*v));
	v->domain = &rs_dom;
	v->state = VCPU_DOWN;
	runstate_init(v, 100);
}

TEST(runstate_starts_offline)
{
	struct vcpu v;

	new_vcpu(&v);
	CHECK_EQ(v.runstate.state, PV_RUNSTATE_offline);
	CHECK_EQ(v.runstate.state_entry_time, 100);
	for (unsigned int i = 0; i < 4; i++)
		CHECK_EQ(v.runstate.time[i], 0);
}

TEST(runstate_accounts_each_state)
{
	struct vcpu v;

	new_vcpu(&v);
	v.state = VCPU_RUNNABLE;
	runstate_sync(&v, false, 150); /* offline 50 */
	CHECK_EQ(v.runstate.state, PV_RUNSTATE_runnable);
	runstate_sync(&v, true, 170); /* runnable 20 */
	CHECK_EQ(v.runstate.state, PV_RUNSTATE_running);
	runstate_sync(&v, true, 180); /* no change: the entry time stays */
	CHECK_EQ(v.runstate.state_entry_time, 170);
	v.state = VCPU_BLOCKED;
	runstate_sync(&v, false, 270); /* running 100 */
	CHECK_EQ(v.runstate.state, PV_RUNSTATE_blocked);
	v.state = VCPU_DOWN;
	runstate_sync(&v, false, 300); /* blocked 30 */
	CHECK_EQ(v.runstate.time[PV_RUNSTATE_offline], 50);
	CHECK_EQ(v.runstate.time[PV_RUNSTATE_runnable], 20);
	CHECK_EQ(v.runstate.time[PV_RUNSTATE_running], 100);
	CHECK_EQ(v.runstate.time[PV_RUNSTATE_blocked], 30);
	CHECK_EQ(v.runstate.state_entry_time, 300);
}

TEST(runstate_clock_going_back_adds_nothing)
{
	struct vcpu v;

	new_vcpu(&v);
	v.state = VCPU_RUNNABLE;
	runstate_sync(&v, true, 50);
	CHECK_EQ(v.runstate.time[PV_RUNSTATE_offline], 0);
	CHECK_EQ(v.runstate.state, PV_RUNSTATE_running);
}

TEST(runstate_get_counts_up_to_now)
{
	struct vcpu v;
	struct pv_vcpu_runstate_info info;

	new_vcpu(&v);
	v.state = VCPU_RUNNABLE;
	runstate_sync(&v, true, 200);
	runstate_get(&v, 450, &info);
	CHECK_EQ(info.state, PV_RUNSTATE_running);
	CHECK_EQ(info.state_entry_time, 200);
	CHECK_EQ(info.time[PV_RUNSTATE_running], 250);
	CHECK_EQ(info.time[PV_RUNSTATE_offline], 100);
	/* The vCPU's own record is not changed by reading it. */
	CHECK_EQ(v.runstate.time[PV_RUNSTATE_running], 0);
}

TEST(runstate_publish_copies_and_clears_update_flag)
{
	struct vcpu v;
	struct pv_vcpu_runstate_info *area = (void *)host_guest_memory;

	new_vcpu(&v);
	CHECK(runstate_publish(&v)); /* no area: nothing to do */
	v.runstate_guest = host_guest_addr(area);
	rs_dom.vm_assist = 1ul << PV_VMASST_TYPE_runstate_update_flag;
	v.state = VCPU_RUNNABLE;
	runstate_sync(&v, true, 300);
	CHECK(runstate_publish(&v));
	CHECK_EQ(area->state, PV_RUNSTATE_running);
	CHECK_EQ(area->state_entry_time, 300);
	CHECK_EQ(area->time[PV_RUNSTATE_offline], 200);
	rs_dom.vm_assist = 0;
}

TEST(runstate_publish_bad_area_fails)
{
	struct vcpu v;

	new_vcpu(&v);
	v.runstate_guest = 8; /* outside guest memory */
	CHECK(!runstate_publish(&v));
}
