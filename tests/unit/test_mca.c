/*
 * Tests for the mca hypercall (hypervisor/common/hypercall/mca.c): the
 * checks in Xen's order, physcpuinfo's count and record, fetch without
 * telemetry, and the commands Xen refuses.
 */
#include <stdint.h>
#include <string.h>

#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/mca.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"

#define OP_OFF 0x100
#define INFO_OFF 0x400

static struct domain *dom;

static void start(bool privileged)
{
	memset(host_guest_memory, 0xaa, HOST_GUEST_SIZE);
	dom = domain_create(privileged ? 0 : 5, "mca", privileged);
	CHECK(dom != NULL);
	host_current_domain = dom;
}

static void finish(void)
{
	domain_shutdown(dom, PV_SHUTDOWN_poweroff);
	CHECK_EQ(domain_reap(), 1);
	host_current_domain = NULL;
}

/* Writes @op to guest memory and calls; @op then holds what is there. */
static long call(struct pv_mc *op)
{
	long rc;

	memcpy(host_guest_memory + OP_OFF, op, sizeof(*op));
	rc = do_mca(HOST_GUEST_BASE + OP_OFF);
	memcpy(op, host_guest_memory + OP_OFF, sizeof(*op));
	return rc;
}

static struct pv_mc op_for(uint32_t cmd)
{
	struct pv_mc op;

	memset(&op, 0x55, sizeof(op));
	op.cmd = cmd;
	op.interface_version = PV_XEN_MCA_INTERFACE_VERSION;
	return op;
}

static struct pv_mc physcpuinfo(uint32_t ncpus, uint64_t info)
{
	struct pv_mc op = op_for(PV_XEN_MC_physcpuinfo);

	op.u.mc_physcpuinfo.ncpus = ncpus;
	op.u.mc_physcpuinfo.info = info;
	return op;
}

TEST(mca_envelope)
{
	struct pv_mc op = physcpuinfo(7, 0);

	/* The privilege is checked first, before the structure is read. */
	start(false);
	CHECK_EQ(do_mca(0x1000), -PV_EPERM);
	CHECK_EQ(call(&op), -PV_EPERM);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 7);
	finish();

	start(true);
	CHECK_EQ(do_mca(0x1000), -PV_EFAULT);
	CHECK_EQ(do_mca(HOST_GUEST_BASE + HOST_GUEST_SIZE - 151), -PV_EFAULT);
	op = physcpuinfo(7, 0);
	op.interface_version = PV_XEN_MCA_INTERFACE_VERSION - 1;
	CHECK_EQ(call(&op), -PV_EACCES);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 7);
	/* Unknown commands, notifydomain, and injection without banks. */
	op = op_for(0);
	CHECK_EQ(call(&op), -PV_EINVAL);
	op = op_for(7);
	CHECK_EQ(call(&op), -PV_EINVAL);
	op = op_for(PV_XEN_MC_notifydomain);
	CHECK_EQ(call(&op), -PV_EINVAL);
	op = op_for(PV_XEN_MC_msrinject);
	CHECK_EQ(call(&op), -PV_ENODEV);
	op = op_for(PV_XEN_MC_mceinject);
	CHECK_EQ(call(&op), -PV_ENODEV);
	op = op_for(PV_XEN_MC_inject_v2);
	CHECK_EQ(call(&op), -PV_ENODEV);
	finish();
}

TEST(mca_physcpuinfo)
{
	struct pv_mc_logical_cpu cpu;
	struct pv_mc op;

	start(true);
	/* No buffer: the number of CPUs, whatever ncpus says. */
	op = physcpuinfo(0, 0);
	CHECK_EQ(call(&op), 0);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 1);
	CHECK_EQ(op.u.mc_physcpuinfo.pad0, 0x55555555);
	CHECK_EQ(op.u.mc_physcpuinfo.info, 0);
	/* A buffer needs room for at least one. */
	op = physcpuinfo(0, HOST_GUEST_BASE + INFO_OFF);
	CHECK_EQ(call(&op), -PV_EINVAL);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 0);
	CHECK_EQ(host_guest_memory[INFO_OFF], 0xaa);
	/* Room for more: one record written, no more. */
	op = physcpuinfo(4, HOST_GUEST_BASE + INFO_OFF);
	CHECK_EQ(call(&op), 0);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 1);
	memcpy(&cpu, host_guest_memory + INFO_OFF, sizeof(cpu));
	CHECK_EQ(cpu.mc_cpunr, 0);
	CHECK_EQ(cpu.mc_apicid, 3);
	CHECK_EQ(cpu.mc_family, 6);
	CHECK(memcmp(cpu.mc_vendorid, "GenuineIntel", 12) == 0);
	CHECK_EQ(cpu.mc_nmsrvals, 1);
	CHECK_EQ(cpu.mc_msrvalues[0].reg, 0x179);
	CHECK_EQ(cpu.mc_msrvalues[0].value, 0x1000a);
	CHECK_EQ(host_guest_memory[INFO_OFF + sizeof(cpu)], 0xaa);
	/* A bad buffer: -EFAULT, the count still written back. */
	op = physcpuinfo(3, HOST_GUEST_BASE + HOST_GUEST_SIZE - 100);
	CHECK_EQ(call(&op), -PV_EFAULT);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 1);
	op = physcpuinfo(3, 0x2000);
	CHECK_EQ(call(&op), -PV_EFAULT);
	CHECK_EQ(op.u.mc_physcpuinfo.ncpus, 1);
	finish();
}

static struct pv_mc fetch_op(uint32_t flags, uint64_t data)
{
	struct pv_mc op = op_for(PV_XEN_MC_fetch);

	op.u.mc_fetch.flags = flags;
	op.u.mc_fetch.fetch_id = 99;
	op.u.mc_fetch.data = data;
	return op;
}

TEST(mca_fetch)
{
	const uint64_t buf = HOST_GUEST_BASE + INFO_OFF;
	struct pv_mc op;

	start(true);
	/* Exactly one queue. */
	op = fetch_op(0, buf);
	CHECK_EQ(call(&op), -PV_EINVAL);
	op = fetch_op(PV_XEN_MC_URGENT | PV_XEN_MC_NONURGENT, buf);
	CHECK_EQ(call(&op), -PV_EINVAL);
	CHECK_EQ(op.u.mc_fetch.fetch_id, 99);
	/* A fetch needs a buffer; nothing to fetch then. */
	op = fetch_op(PV_XEN_MC_URGENT, 0);
	CHECK_EQ(call(&op), -PV_EINVAL);
	op = fetch_op(PV_XEN_MC_URGENT, buf);
	CHECK_EQ(call(&op), 0);
	CHECK_EQ(op.u.mc_fetch.flags, PV_XEN_MC_NODATA);
	CHECK_EQ(op.u.mc_fetch.fetch_id, 0);
	CHECK_EQ(host_guest_memory[INFO_OFF], 0xaa);
	op = fetch_op(PV_XEN_MC_NONURGENT | 0x100, buf);
	CHECK_EQ(call(&op), 0);
	CHECK_EQ(op.u.mc_fetch.flags, PV_XEN_MC_NODATA);
	/* An acknowledgement writes nothing back, even with no buffer. */
	op = fetch_op(PV_XEN_MC_NONURGENT | PV_XEN_MC_ACK, 0);
	CHECK_EQ(call(&op), 0);
	CHECK_EQ(op.u.mc_fetch.flags, PV_XEN_MC_NONURGENT | PV_XEN_MC_ACK);
	CHECK_EQ(op.u.mc_fetch.fetch_id, 99);
	finish();
}
