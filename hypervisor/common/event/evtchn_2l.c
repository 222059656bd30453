/*
 * The two-level event ABI: a port's pending and mask bits are in the
 * domain's shared_info page (64 words of 64 bits), the vCPU's
 * evtchn_pending_sel has a bit per word, and evtchn_upcall_pending tells
 * the vCPU to scan them.  The guest changes these words at the same time
 * (on other CPUs, once there are some), so every change is an atomic
 * read-modify-write, made in the order the guest's scan relies on:
 * pending bit, then selector bit, then upcall flag.
 */
#include <stddef.h>

#include "evtchn-internal.h"
#include "sched.h"
#include "page_type.h"

#define WORD_BITS 64

struct pv_shared_info *domain_shared_info(const struct domain *d)
{
	/* Frame 0 is never a domain's: 0 means not allocated yet. */
	if (!d->shared_info_mfn)
		return NULL;
	return (struct pv_shared_info *)pv_frame_table_entries(d->shared_info_mfn);
}

struct pv_vcpu_info *vcpu_shared_info(const struct vcpu *v)
{
	struct pv_shared_info *si = domain_shared_info(v->domain);

	if (v->vcpu_info)
		return v->vcpu_info;
	if (!si || v->id >= PV_LEGACY_MAX_VCPUS)
		return NULL;
	return &si->vcpu_info[v->id];
}

/* Sets bit @nr of the words at @words; returns whether it was set before. */
static bool test_and_set(uint64_t *words, unsigned int nr)
{
	uint64_t bit = 1ull << (nr % WORD_BITS);

	return __atomic_fetch_or(&words[nr / WORD_BITS], bit, __ATOMIC_SEQ_CST) & bit;
}

static bool test_and_clear(uint64_t *words, unsigned int nr)
{
	uint64_t bit = 1ull << (nr % WORD_BITS);

	return __atomic_fetch_and(&words[nr / WORD_BITS], ~bit, __ATOMIC_SEQ_CST) & bit;
}

static bool test(const uint64_t *words, unsigned int nr)
{
	return __atomic_load_n(&words[nr / WORD_BITS], __ATOMIC_SEQ_CST) >> (nr % WORD_BITS) & 1;
}

/* Raises @v's upcall flag and, if it was clear, kicks @v. */
void evtchn_mark_upcall_pending(struct vcpu *v)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);

	if (vi && !(__atomic_fetch_or(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) & 1))
		arch_vcpu_kick(v);
}

/* Sets @v's selector bit for @port's word; if it was clear, raises the upcall flag. */
static void mark_pending(struct vcpu *v, unsigned int port)
{
	struct pv_vcpu_info *vi = vcpu_shared_info(v);

	if (vi && !test_and_set(&vi->evtchn_pending_sel, port / WORD_BITS))
		evtchn_mark_upcall_pending(v);
}

static void set_pending_2l(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
	struct pv_shared_info *si = domain_shared_info(d);

	if (!si || test_and_set(si->evtchn_pending, chn->port))
		return;
	if (!test(si->evtchn_mask, chn->port))
		mark_pending(v, chn->port);
	sched_check_pollers(d, chn->port);
}

bool evtchn_2l_port_pending(const struct domain *d, unsigned int port)
{
	struct pv_shared_info *si = domain_shared_info(d);

	return si && test(si->evtchn_pending, port);
}

static bool is_pending_2l(struct domain *d, const struct evtchn *chn)
{
	return evtchn_2l_port_pending(d, chn->port);
}

static void clear_pending_2l(struct domain *d, const struct evtchn *chn)
{
	struct pv_shared_info *si = domain_shared_info(d);

	if (si)
		test_and_clear(si->evtchn_pending, chn->port);
}

static void unmask_2l(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
	struct pv_shared_info *si = domain_shared_info(d);

	if (si && test_and_clear(si->evtchn_mask, chn->port) && test(si->evtchn_pending, chn->port))
		mark_pending(v, chn->port);
}

/* No priorities (set_priority: -ENOSYS) and nothing held after a close. */
const struct evtchn_port_ops evtchn_2l_ops = {
	.set_pending = set_pending_2l,
	.clear_pending = clear_pending_2l,
	.unmask = unmask_2l,
	.is_pending = is_pending_2l,
};
