/*
 * Tests for vcpu_op's vCPU life cycle and runstate sub-ops
 * (hypervisor/common/hypercall/vcpu_op.c): Xen 4.17's error codes for
 * initialise, up, down, is_up, get_runstate_info and
 * register_runstate_memory_area.  The arch part of initialise is the host
 * shim's stand-in; guest memory is host_guest_memory.
 */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "host_shim.h"
#include "host_guest.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/vcpu.h"
#include "hypercall.h"
#include "sched.h"

/* A domain with @n vCPUs, vCPU 0 running (and the caller), the others down. */
static struct domain *make(uint16_t domid, unsigned int n)
{
	struct domain *d = domain_create(domid, "vcpus", false);

	for (unsigned int i = 0; d && i < n; i++)
		CHECK(vcpu_create(d, i) != NULL);
	if (d) {
		d->vcpus[0]->state = VCPU_RUNNABLE;
		d->vcpus[0]->initialised = true;
		d->state = DOMAIN_RUNNING;
	}
	host_current_domain = d;
	return d;
}

static void finish(struct domain *d)
{
	domain_destroy(d);
	CHECK_EQ(domain_reap(), 1);
	CHECK(sched_pick(NULL, false) == NULL);
	host_current_domain = NULL;
	host_initialise_rc = 0;
}

TEST(vcpu_op_unknown_vcpu)
{
	struct domain *d = make(300, 2);

	CHECK_EQ(do_vcpu_op(PV_VCPUOP_is_up, 2, 0), -PV_ENOENT);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_up, 1000, 0), -PV_ENOENT);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 32, 0), -PV_ENOENT);
	finish(d);
}

TEST(vcpu_op_initialise_order)
{
	struct domain *d = make(301, 2);
	unsigned int calls = host_initialises;

	/* The context is read first, then "already initialised". */
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 1, 8), -PV_EFAULT);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 0, 8), -PV_EFAULT);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 0, HOST_GUEST_BASE), -PV_EEXIST);
	CHECK_EQ(host_initialises, calls);
	host_initialise_rc = -PV_EINVAL;
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 1, HOST_GUEST_BASE), -PV_EINVAL);
	host_initialise_rc = 0;
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 1, HOST_GUEST_BASE), 0);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 1, HOST_GUEST_BASE), -PV_EEXIST);
	CHECK_EQ(host_initialises, calls + 2);
	/* Initialised is not up. */
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_is_up, 1, 0), 0);
	finish(d);
}

TEST(vcpu_op_up_down)
{
	struct domain *d = make(302, 3);

	CHECK_EQ(do_vcpu_op(PV_VCPUOP_is_up, 0, 0), 1);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_up, 1, 0), -PV_EINVAL); /* never initialised */
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 1, HOST_GUEST_BASE), 0);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_up, 1, 0), 0);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_is_up, 1, 0), 1);
	CHECK(d->vcpus[1]->sched.on_run_queue);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_up, 1, 0), 0); /* already up: nothing */
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_down, 1, 0), 0);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_is_up, 1, 0), 0);
	CHECK(!d->vcpus[1]->sched.on_run_queue);
	CHECK_EQ(d->vcpus[1]->runstate.state, PV_RUNSTATE_offline);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_down, 2, 0), 0); /* down already */
	CHECK_EQ(d->state, DOMAIN_RUNNING);
	finish(d);
}

TEST(vcpu_op_initialise_online)
{
	struct domain *d = make(306, 2);
	struct pv_vcpu_guest_context *c = (void *)host_guest_memory;

	memset(c, 0, sizeof(*c));
	c->flags = PV_VGCF_online;
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_initialise, 1, host_guest_addr(c)), 0);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_is_up, 1, 0), 1);
	CHECK(d->vcpus[1]->sched.on_run_queue);
	finish(d);
}

TEST(vcpu_op_last_down_powers_off)
{
	struct domain *d = make(303, 2);

	CHECK_EQ(do_vcpu_op(PV_VCPUOP_down, 0, 0), 0);
	CHECK_EQ(d->state, DOMAIN_DEAD);
	CHECK_EQ(d->shutdown_reason, PV_SHUTDOWN_poweroff);
	CHECK_EQ(domain_reap(), 1);
	host_current_domain = NULL;
}

TEST(vcpu_op_runstate)
{
	struct domain *d = make(304, 2);
	struct pv_vcpu_runstate_info *info = (void *)host_guest_memory;
	struct pv_vcpu_register_runstate_memory_area *area = (void *)(host_guest_memory + 256);

	memset(host_guest_memory, 0xff, 512);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_runstate_info, 1, host_guest_addr(info)), 0);
	CHECK_EQ(info->state, PV_RUNSTATE_offline);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_runstate_info, 0, host_guest_addr(info)), 0);
	CHECK_EQ(info->state, PV_RUNSTATE_running);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_runstate_info, 0, 8), -PV_EFAULT);
	/* The area is written at once. */
	memset(info, 0xff, sizeof(*info));
	area->addr.p = host_guest_addr(info);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_register_runstate_memory_area, 1, host_guest_addr(area)), 0);
	CHECK_EQ(info->state, PV_RUNSTATE_offline);
	CHECK_EQ(d->vcpus[1]->runstate_guest, host_guest_addr(info));
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_register_runstate_memory_area, 1, 8), -PV_EFAULT);
	area->addr.p = 0xffff800000000000ull;
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_register_runstate_memory_area, 1, host_guest_addr(area)),
		 -PV_EFAULT);
	CHECK_EQ(d->vcpus[1]->runstate_guest, host_guest_addr(info)); /* unchanged */
	finish(d);
}

TEST(vcpu_op_physid_nmi_unknown)
{
	struct domain *d = make(305, 2);

	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_physid, 0, HOST_GUEST_BASE), -PV_EINVAL);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_send_nmi, 1, HOST_GUEST_BASE), -PV_EINVAL);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_send_nmi, 1, 0), 0);
	CHECK(d->vcpus[1]->nmi_pending);
	CHECK_EQ(do_vcpu_op(14, 0, 0), -PV_ENOSYS);
	finish(d);
}

/*
 * Dom0's vCPUs all run on the one physical CPU: get_physid answers for them
 * with the CPU numbered as the vCPU, as Xen for pinned vCPUs.
 */
TEST(vcpu_op_physid_dom0)
{
	struct domain *d = make(306, 2);
	uint64_t *id = (void *)host_guest_memory;

	d->privileged = true;
	*id = 0;
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_physid, 0, host_guest_addr(id)), 0);
	CHECK_EQ(*id, host_pcpu_identity.apic_id | (uint64_t)host_pcpu_identity.acpi_id << 32);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_physid, 1, host_guest_addr(id)), 0);
	CHECK_EQ(*id, ~0ull);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_physid, 0, 8), -PV_EFAULT);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_get_physid, 2, host_guest_addr(id)), -PV_ENOENT);
	finish(d);
}

TEST(vcpu_op_time_area)
{
	struct domain *d = make(307, 1);
	struct pv_vcpu_register_time_memory_area *area = (void *)host_guest_memory;

	CHECK_EQ(do_vcpu_op(PV_VCPUOP_register_vcpu_time_memory_area, 0, 8), -PV_EFAULT);
	area->addr.p = 0xffff800000000000ull;
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_register_vcpu_time_memory_area, 0, host_guest_addr(area)),
		 -PV_EFAULT);
	CHECK_EQ(d->vcpus[0]->time_area_guest, 0);
	area->addr.p = host_guest_addr(host_guest_memory + 64);
	CHECK_EQ(do_vcpu_op(PV_VCPUOP_register_vcpu_time_memory_area, 0, host_guest_addr(area)), 0);
	CHECK_EQ(d->vcpus[0]->time_area_guest, host_guest_addr(host_guest_memory + 64));
	finish(d);
}
