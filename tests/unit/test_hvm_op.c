/*
 * Tests for hvm_op as a PV caller sees it (hypervisor/common/hypercall/
 * hvm_op.c): Xen 4.17's answers and their order when no domain is HVM.
 * Guest memory is host_guest_memory.
 */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hvm_op.h"
#include "hypercall.h"

#define BAD_VA 8ull

static struct domain *make(uint16_t domid, bool privileged)
{
	struct domain *d = domain_create(domid, "hvm", privileged);

	CHECK(d != NULL);
	d->state = DOMAIN_RUNNING;
	return d;
}

static void finish(unsigned int domains)
{
	for (struct domain *d = domain_first(); d; d = d->next)
		domain_destroy(d);
	CHECK_EQ(domain_reap(), domains);
	host_current_domain = NULL;
}

/* Puts @p at the start of guest memory and returns its guest address. */
static uint64_t put(const void *p, size_t size)
{
	memcpy(host_guest_memory, p, size);
	return host_guest_addr(host_guest_memory);
}

TEST(hvm_op_params)
{
	struct pv_hvm_param p = { .domid = PV_DOMID_SELF, .index = 2 };

	host_current_domain = make(400, false);
	make(401, false);
	CHECK_EQ(do_hvm_op(PV_HVMOP_set_param, 0), -PV_EFAULT);
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_param, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_hvm_op(PV_HVMOP_set_param, put(&p, sizeof(p))), -PV_EINVAL);
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_param, put(&p, sizeof(p))), -PV_EINVAL);
	p.domid = 401; /* any domain: no privilege check before the HVM one */
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_param, put(&p, sizeof(p))), -PV_EINVAL);
	p.domid = 999;
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_param, put(&p, sizeof(p))), -PV_ESRCH);
	p.index = PV_HVM_NR_PARAMS; /* the index comes first */
	CHECK_EQ(do_hvm_op(PV_HVMOP_set_param, put(&p, sizeof(p))), -PV_EINVAL);
	finish(2);
}

TEST(hvm_op_mem_type_and_pagetable_dying)
{
	struct pv_hvm_get_mem_type t = { .domid = PV_DOMID_SELF };
	struct pv_hvm_pagetable_dying p = { .domid = PV_DOMID_SELF };
	struct domain *domu = make(402, false), *dom0 = make(403, true);

	host_current_domain = domu;
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_mem_type, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_mem_type, put(&t, sizeof(t))), -PV_EINVAL);
	t.domid = 403;
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_mem_type, put(&t, sizeof(t))), -PV_EPERM);
	t.domid = 404;
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_mem_type, put(&t, sizeof(t))), -PV_ESRCH);
	host_current_domain = dom0;
	t.domid = 402;
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_mem_type, put(&t, sizeof(t))), -PV_EINVAL);

	CHECK_EQ(do_hvm_op(PV_HVMOP_pagetable_dying, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_hvm_op(PV_HVMOP_pagetable_dying, put(&p, sizeof(p))), -PV_EINVAL);
	p.domid = 403; /* its own id */
	CHECK_EQ(do_hvm_op(PV_HVMOP_pagetable_dying, put(&p, sizeof(p))), -PV_EINVAL);
	p.domid = 402;
	CHECK_EQ(do_hvm_op(PV_HVMOP_pagetable_dying, put(&p, sizeof(p))), -PV_EOPNOTSUPP);
	p.domid = 404;
	CHECK_EQ(do_hvm_op(PV_HVMOP_pagetable_dying, put(&p, sizeof(p))), -PV_ESRCH);
	finish(2);
}

TEST(hvm_op_time_trace_and_the_rest)
{
	struct pv_hvm_xentrace tr = { .event = 0xfff, .extra_bytes = 28 };
	uint64_t t;

	host_current_domain = make(405, false);
	host_now = 123456789;
	memset(host_guest_memory, 0xff, 8);
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_time, host_guest_addr(host_guest_memory)), 0);
	memcpy(&t, host_guest_memory, sizeof(t));
	CHECK_EQ(t, 123456789);
	CHECK_EQ(do_hvm_op(PV_HVMOP_get_time, BAD_VA), -PV_EFAULT);

	CHECK_EQ(do_hvm_op(PV_HVMOP_xentrace, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_hvm_op(PV_HVMOP_xentrace, put(&tr, sizeof(tr))), 0);
	tr.extra_bytes = 29;
	CHECK_EQ(do_hvm_op(PV_HVMOP_xentrace, put(&tr, sizeof(tr))), -PV_EINVAL);
	tr.extra_bytes = 0;
	tr.event = 0x1000;
	CHECK_EQ(do_hvm_op(PV_HVMOP_xentrace, put(&tr, sizeof(tr))), -PV_EINVAL);

	CHECK_EQ(do_hvm_op(PV_HVMOP_flush_tlbs, 0), -PV_EINVAL);
	CHECK_EQ(do_hvm_op(PV_HVMOP_set_evtchn_upcall_vector, BAD_VA), -PV_EINVAL);
	CHECK_EQ(do_hvm_op(PV_HVMOP_guest_request_vm_event, 0), 0);
	CHECK_EQ(do_hvm_op(PV_HVMOP_guest_request_vm_event, BAD_VA), -PV_EINVAL);
	CHECK_EQ(do_hvm_op(PV_HVMOP_altp2m, BAD_VA), -PV_EOPNOTSUPP);
	CHECK_EQ(do_hvm_op(2, 0), -PV_ENOSYS); /* set_pci_intx_level: gone */
	CHECK_EQ(do_hvm_op(1ull << 32, 0), -PV_ENOSYS); /* the whole op counts */
	finish(1);
}
