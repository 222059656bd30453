/*
 * mca (hypercall 48): dom0's machine-check queries, as Xen 4.17 answers
 * them while it has no machine-check banks set up and so no telemetry:
 * physcpuinfo describes the physical CPU, fetch finds no data, and the
 * injection commands are -ENODEV.
 *
 * The checks come in Xen's order: the caller's privilege (-EPERM), then
 * the structure is read (-EFAULT) and its interface version checked
 * (-EACCES).
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/mca.h"
#include "hypercall.h"
#include "pcpu.h"

static long write_back(uint64_t arg, const struct pv_mc *op)
{
	return copy_to_guest(arg, op, sizeof(*op)) ? -PV_EFAULT : 0;
}

static long fetch(struct pv_mc *op, uint64_t arg)
{
	struct pv_mc_fetch *f = &op->u.mc_fetch;
	uint32_t queue = f->flags & (PV_XEN_MC_NONURGENT | PV_XEN_MC_URGENT);

	if (queue != PV_XEN_MC_NONURGENT && queue != PV_XEN_MC_URGENT)
		return -PV_EINVAL;
	if (f->flags & PV_XEN_MC_ACK)
		return 0; /* no record was handed out to acknowledge */
	if (!f->data)
		return -PV_EINVAL;
	f->flags = PV_XEN_MC_OK | PV_XEN_MC_NODATA;
	f->fetch_id = 0;
	return write_back(arg, op);
}

static long physcpuinfo(struct pv_mc *op, uint64_t arg)
{
	struct pv_mc_physcpuinfo *p = &op->u.mc_physcpuinfo;
	long rc = 0;

	if (p->info) {
		struct pv_mc_logical_cpu cpu;

		if (p->ncpus == 0)
			return -PV_EINVAL;
		/* min(ncpus, the online CPUs) records: the one CPU. */
		pcpu_mc_logical_cpu(&cpu);
		if (copy_to_guest(p->info, &cpu, sizeof(cpu)))
			rc = -PV_EFAULT;
	}
	p->ncpus = PCPU_COUNT;
	return write_back(arg, op) ? -PV_EFAULT : rc;
}

long do_mca(uint64_t arg)
{
	struct pv_mc op;

	if (!current_domain()->privileged)
		return -PV_EPERM;
	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	if (op.interface_version != PV_XEN_MCA_INTERFACE_VERSION)
		return -PV_EACCES;
	switch (op.cmd) {
	case PV_XEN_MC_fetch:
		return fetch(&op, arg);
	case PV_XEN_MC_notifydomain:
		return -PV_EINVAL; /* Xen does not support it */
	case PV_XEN_MC_physcpuinfo:
		return physcpuinfo(&op, arg);
	case PV_XEN_MC_msrinject:
	case PV_XEN_MC_mceinject:
	case PV_XEN_MC_inject_v2:
		return -PV_ENODEV; /* no banks */
	default:
		return -PV_EINVAL;
	}
}
