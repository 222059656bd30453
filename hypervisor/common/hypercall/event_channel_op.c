/*
 * event_channel_op(cmd, arg): copies each sub-op's argument in, runs it
 * (common/event/evtchn.c) and copies the result back.  As on Xen, a result
 * that cannot be written back gives -EFAULT although the operation was
 * done (a port bound stays bound).
 */
#include "arch/guest_access.h"
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall.h"

/* Xen's internal sub-op for a reset that was preempted; guests may name it too. */
#define EVTCHNOP_reset_cont 14

/* Every argument structure, and which sub-ops take one and write it back. */
union evtchn_arg {
	struct pv_evtchn_alloc_unbound alloc_unbound;
	struct pv_evtchn_bind_interdomain bind_interdomain;
	struct pv_evtchn_bind_virq bind_virq;
	struct pv_evtchn_bind_pirq bind_pirq;
	struct pv_evtchn_bind_ipi bind_ipi;
	struct pv_evtchn_close close;
	struct pv_evtchn_send send;
	struct pv_evtchn_status status;
	struct pv_evtchn_bind_vcpu bind_vcpu;
	struct pv_evtchn_unmask unmask;
	struct pv_evtchn_init_control init_control;
	struct pv_evtchn_expand_array expand_array;
	struct pv_evtchn_set_priority set_priority;
};

static const struct {
	uint8_t size;
	bool out;
} arg_info[] = {
	[PV_EVTCHNOP_bind_interdomain] = { sizeof(struct pv_evtchn_bind_interdomain), true },
	[PV_EVTCHNOP_bind_virq] = { sizeof(struct pv_evtchn_bind_virq), true },
	[PV_EVTCHNOP_bind_pirq] = { sizeof(struct pv_evtchn_bind_pirq), true },
	[PV_EVTCHNOP_close] = { sizeof(struct pv_evtchn_close), false },
	[PV_EVTCHNOP_send] = { sizeof(struct pv_evtchn_send), false },
	[PV_EVTCHNOP_status] = { sizeof(struct pv_evtchn_status), true },
	[PV_EVTCHNOP_alloc_unbound] = { sizeof(struct pv_evtchn_alloc_unbound), true },
	[PV_EVTCHNOP_bind_ipi] = { sizeof(struct pv_evtchn_bind_ipi), true },
	[PV_EVTCHNOP_bind_vcpu] = { sizeof(struct pv_evtchn_bind_vcpu), false },
	[PV_EVTCHNOP_unmask] = { sizeof(struct pv_evtchn_unmask), false },
	[PV_EVTCHNOP_init_control] = { sizeof(struct pv_evtchn_init_control), true },
	[PV_EVTCHNOP_expand_array] = { sizeof(struct pv_evtchn_expand_array), false },
	[PV_EVTCHNOP_set_priority] = { sizeof(struct pv_evtchn_set_priority), false },
};

static int run(struct domain *curr, int cmd, union evtchn_arg *a)
{
	switch (cmd) {
	case PV_EVTCHNOP_alloc_unbound:
		return evtchn_alloc_unbound(curr, &a->alloc_unbound);
	case PV_EVTCHNOP_bind_interdomain:
		return evtchn_bind_interdomain(curr, &a->bind_interdomain);
	case PV_EVTCHNOP_bind_virq:
		return evtchn_bind_virq(curr, &a->bind_virq);
	case PV_EVTCHNOP_bind_ipi:
		return evtchn_bind_ipi(curr, &a->bind_ipi);
	case PV_EVTCHNOP_bind_pirq:
		return evtchn_bind_pirq(curr, &a->bind_pirq);
	case PV_EVTCHNOP_close:
		return evtchn_close(curr, a->close.port);
	case PV_EVTCHNOP_send:
		return evtchn_send(curr, a->send.port);
	case PV_EVTCHNOP_status:
		return evtchn_status(curr, &a->status);
	case PV_EVTCHNOP_bind_vcpu:
		return evtchn_bind_vcpu(curr, a->bind_vcpu.port, a->bind_vcpu.vcpu);
	case PV_EVTCHNOP_unmask:
		return evtchn_unmask(curr, a->unmask.port);
	case PV_EVTCHNOP_init_control:
		return evtchn_init_control(curr, &a->init_control);
	case PV_EVTCHNOP_expand_array:
		return evtchn_expand_array(curr, a->expand_array.array_gfn);
	case PV_EVTCHNOP_set_priority:
		return evtchn_set_priority(curr, a->set_priority.port, a->set_priority.priority);
	default:
		return -PV_ENOSYS;
	}
}

static long reset(struct domain *curr, int cmd, uint64_t arg)
{
	struct pv_evtchn_reset r;
	struct domain *d;
	int rc;

	if (copy_from_guest(&r, arg, sizeof(r)))
		return -PV_EFAULT;
	d = domain_by_any_id(curr, r.dom);
	if (!d)
		return -PV_ESRCH;
	if (d != curr && !curr->privileged)
		return -PV_EPERM;
	rc = evtchn_reset(curr, d, cmd == EVTCHNOP_reset_cont);
	if (rc == EVTCHN_RESET_PREEMPTED) {
		uint64_t args[2] = { EVTCHNOP_reset_cont, arg };

		return hypercall_continue(PV_HYPERVISOR_event_channel_op, 2, args);
	}
	return rc;
}

long do_event_channel_op(int cmd, uint64_t arg)
{
	struct domain *curr = current_domain();
	union evtchn_arg a;
	int rc;

	if (cmd == PV_EVTCHNOP_reset || cmd == EVTCHNOP_reset_cont)
		return reset(curr, cmd, arg);
	if (cmd < 0 || (unsigned int)cmd >= ARRAY_SIZE(arg_info) || !arg_info[cmd].size)
		return -PV_ENOSYS;
	if (copy_from_guest(&a, arg, arg_info[cmd].size))
		return -PV_EFAULT;
	rc = run(curr, cmd, &a);
	if (!rc && arg_info[cmd].out && copy_to_guest(arg, &a, arg_info[cmd].size))
		rc = -PV_EFAULT;
	return rc;
}
