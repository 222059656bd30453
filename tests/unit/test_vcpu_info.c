/*
 * Tests for VCPUOP_register_vcpu_info's core (hypervisor/common/domain/
 * vcpu_info.c) in the page-table test world (pt_world.h): Xen 4.17's
 * checks and their order, the writable type reference the page keeps
 * until release, and the contents the moved vcpu_info starts with.
 */
#include <stdint.h>

#include "evtchn.h"
#include "harness.h"
#include "host_guest.h"
#include "hypercall-abi/errno.h"
#include "pt_world.h"
#include "vcpu_info.h"

#define SHARED_FRAME 250
#define INFO_FRAME 251
#define TABLE_FRAME 252

static struct vcpu *v0, *v1;

static bool setup(void)
{
	struct pv_shared_info *si;

	world_start();
	v0 = vcpu_create(dom, 0);
	v1 = vcpu_create(dom, 1);
	CHECK(v0 && v1);
	if (!v0 || !v1)
		return false;
	v0->state = VCPU_RUNNABLE;
	dom->shared_info_mfn = SHARED_FRAME;
	si = domain_shared_info(dom);
	si->vcpu_info[0].evtchn_upcall_mask = 1;
	si->vcpu_info[0].evtchn_pending_sel = 0x5;
	si->vcpu_info[0].arch.cr2 = 0x1234;
	return true;
}

static void teardown(void)
{
	vcpu_info_release(v0);
	vcpu_info_release(v1);
	release_and_check_zero();
	world_end();
}

TEST(vcpu_info_register_refusals)
{
	if (!setup())
		return;
	CHECK_EQ(vcpu_info_register(v0, INFO_FRAME, 4), -PV_ENXIO);
	CHECK_EQ(vcpu_info_register(v0, INFO_FRAME, 4040), -PV_ENXIO); /* crosses the page */
	CHECK_EQ(vcpu_info_register(v0, OTHER_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(vcpu_info_register(v0, UNOWNED_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(vcpu_info_register(v0, BEYOND_FRAME, 0), -PV_EINVAL);
	CHECK_EQ(hold_type(TABLE_FRAME, PV_TYPE_L1), 0);
	CHECK_EQ(vcpu_info_register(v0, TABLE_FRAME, 0), -PV_EINVAL); /* no writable type */
	drop_type(TABLE_FRAME);
	/* Another vCPU only while it is down. */
	v1->state = VCPU_BLOCKED;
	CHECK_EQ(vcpu_info_register(v1, INFO_FRAME, 0), -PV_EINVAL);
	v1->state = VCPU_DOWN;
	CHECK_EQ(vcpu_info_register(v1, INFO_FRAME, 0), 0);
	CHECK(v0->vcpu_info == NULL);
	CHECK_EQ(fr(INFO_FRAME)->type_count, 1);
	teardown();
}

TEST(vcpu_info_register_moves_and_releases)
{
	struct pv_vcpu_info *moved;
	unsigned int kicks = host_vcpu_kicks;

	if (!setup())
		return;
	CHECK_EQ(vcpu_info_register(v0, INFO_FRAME, 4032), 0); /* the last slot that fits */
	moved = (struct pv_vcpu_info *)((uint8_t *)ents(INFO_FRAME) + 4032);
	CHECK(vcpu_shared_info(v0) == moved);
	CHECK_EQ(moved->evtchn_upcall_mask, 1);
	CHECK_EQ(moved->arch.cr2, 0x1234);
	CHECK_EQ(moved->evtchn_pending_sel, ~0ull);
	CHECK_EQ(moved->evtchn_upcall_pending, 1);
	CHECK_EQ(host_vcpu_kicks, kicks + 1);
	CHECK_EQ(fr(INFO_FRAME)->refcount, 1);
	CHECK_EQ(fr(INFO_FRAME)->type_count, 1);
	CHECK_EQ(fr(INFO_FRAME)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(vcpu_info_register(v0, INFO_FRAME, 0), -PV_EINVAL); /* once only */
	vcpu_info_release(v0);
	CHECK(v0->vcpu_info == NULL);
	CHECK_EQ(fr(INFO_FRAME)->refcount, 0);
	CHECK_EQ(fr(INFO_FRAME)->type_count, 0);
	teardown();
}
