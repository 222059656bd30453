/*
 * multicall: a batch of hypercalls in one trap.  Entries run in order;
 * each one's return value goes to its result field, whatever it is: a
 * failing entry does not stop the batch.  The batch itself fails only if
 * the list cannot be read or a result cannot be written (-EFAULT), or if
 * it is nested in another multicall (-EINVAL), as on Xen.
 *
 * A long batch continues as a new multicall from the next entry; an entry
 * that itself asks to continue gets its new arguments written back into
 * its slot and the batch continues from that entry.
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/multicall.h"
#include "hypercall.h"

#define RESULT_OFFSET 8

static long continue_from(uint64_t call_list, unsigned int left)
{
	uint64_t args[2] = { call_list, left };

	return hypercall_continue(PV_HYPERVISOR_multicall, 2, args);
}

/* Runs one entry; returns 1 if it asked to continue (its slot updated). */
static long run_entry(struct vcpu *v, uint64_t slot, struct pv_multicall_entry *e)
{
	v->mc_continued = false;
	e->result = (uint64_t)hypercall_invoke(e->op, e->args);
	if (copy_to_guest(slot + RESULT_OFFSET, &e->result, sizeof(e->result)))
		return -PV_EFAULT;
	if (!v->mc_continued)
		return 0;
	for (unsigned int i = 0; i < 5; i++)
		e->args[i] = v->mc_args[i];
	return copy_to_guest(slot, e, sizeof(*e)) ? -PV_EFAULT : 1;
}

long do_multicall(uint64_t call_list, unsigned int nr_calls)
{
	struct vcpu *v = calling_vcpu();
	bool stopped = false;
	unsigned int i;
	long rc = 0;

	if (v->in_multicall)
		return -PV_EINVAL;
	if (!guest_range_ok(call_list, (uint64_t)nr_calls * sizeof(struct pv_multicall_entry)))
		return -PV_EFAULT;
	v->in_multicall = true;
	for (i = 0; i < nr_calls && !rc && !stopped; i++) {
		struct pv_multicall_entry e;

		if (i && hypercall_preempt_check()) {
			stopped = true;
			break;
		}
		if (copy_from_guest(&e, call_list, sizeof(e)))
			rc = -PV_EFAULT;
		else if ((rc = run_entry(v, call_list, &e)) > 0)
			stopped = true; /* this entry goes on in the continuation */
		else
			call_list += sizeof(e);
	}
	v->in_multicall = false;
	if (!stopped)
		return rc;
	return continue_from(call_list, nr_calls - i + (rc > 0));
}
