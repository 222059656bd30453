/*
 * memory_op's XENMEM_exchange, as Xen 4.17's memory_exchange does it for a
 * 64-bit PV domain: the domain gives back the extents listed in `in` (by
 * their first mfn) and gets as many frames again in extents of
 * out.extent_order, below out's address bits, each placed at the pfn
 * listed in `out` (its M2P entries) with its first mfn written back over
 * that pfn.  Linux uses it for machine-contiguous memory below 4 GiB.
 *
 * The work goes in chunks of the larger extent: 2^(out - in) in extents
 * for one out extent, or one in extent for 2^(in - out) out extents.  A
 * chunk is all or nothing: when an in frame cannot be taken (-EINVAL: not
 * the domain's memory, referenced, listed twice) or its list not read
 * (-EFAULT), or the new frames cannot be had (-ENOMEM), whatever the chunk
 * took goes back.  nr_exchanged counts the in extents of the chunks done;
 * a long request checks for preemption between chunks and continues from
 * it.
 */
#include <stddef.h>

#include "arch/guest_access.h"
#include "domain.h"
#include "frame.h"
#include "heap.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"
#include "memory_op.h"

struct exchange {
	struct pv_memory_exchange x;
	struct domain *d;
	unsigned int in_chunk_order;  /* a chunk has 2^this in extents */
	unsigned int out_chunk_order; /* and 2^this out extents */
	uint64_t limit;               /* new frames come from below it (0: anywhere) */
	bool no_memory;               /* an exact node that has none */
	uint64_t *in_mfns;            /* the chunk's in extents */
	uint64_t *out_mfns;           /* and out extents */
};

static long put_nr_exchanged(uint64_t arg, uint64_t nr, long rc)
{
	uint64_t at = arg + offsetof(struct pv_memory_exchange, nr_exchanged);

	return copy_to_guest(at, &nr, sizeof(nr)) ? -PV_EFAULT : rc;
}

/* Xen x86's check of list entries first..last: their count, the first's address. */
static bool sublist_ok(uint64_t list, uint64_t first, uint64_t last)
{
	return last - first + 1 < UINT64_MAX / sizeof(uint64_t) &&
	       guest_range_ok(list + first * sizeof(uint64_t), 1);
}

static uint64_t entry(uint64_t list, uint64_t i)
{
	return list + i * sizeof(uint64_t);
}

/*
 * Address bits as Xen's allocator zones read them: frames below
 * 2^(bits - 12), with 13 bits or fewer leaving only frame 1 (never free).
 */
static uint64_t address_limit(unsigned int bits)
{
	if (bits && bits < FRAME_SHIFT + 1)
		bits = FRAME_SHIFT + 1;
	return bits && bits - FRAME_SHIFT < 64 ? 1ull << (bits - FRAME_SHIFT) : 0;
}

/* The orders, and the lists' sizes: they must match. */
static long check_sizes(const struct pv_memory_exchange *x, const struct domain *curr)
{
	uint32_t in = x->in.extent_order, out = x->out.extent_order;

	if ((in > out ? in : out) > memop_max_order(curr))
		return -PV_EPERM;
	if (x->nr_exchanged > x->in.nr_extents || x->in.domid != x->out.domid ||
	    (UINT64_MAX >> in) < x->in.nr_extents || (UINT64_MAX >> out) < x->out.nr_extents ||
	    x->in.nr_extents << in != x->out.nr_extents << out)
		return -PV_EINVAL;
	return 0;
}

/* The lists' addresses, the node, the domain and the right to act on it. */
static long check_rest(struct exchange *e, struct domain *curr)
{
	const struct pv_memory_exchange *x = &e->x;
	uint64_t out_first;

	if (x->in.extent_order <= x->out.extent_order) {
		e->in_chunk_order = x->out.extent_order - x->in.extent_order;
		out_first = x->nr_exchanged >> e->in_chunk_order;
	} else {
		e->out_chunk_order = x->in.extent_order - x->out.extent_order;
		out_first = x->nr_exchanged << e->out_chunk_order;
	}
	if (!sublist_ok(x->in.extent_start, x->nr_exchanged, x->in.nr_extents - 1) ||
	    !sublist_ok(x->out.extent_start, out_first, x->out.nr_extents - 1))
		return -PV_EFAULT;
	if (memop_node_flags(x->out.mem_flags, curr, &e->no_memory))
		return -PV_EINVAL;
	e->d = domain_by_any_id(curr, x->in.domid);
	if (!e->d)
		return -PV_ESRCH;
	/* Xen's default XSM policy: itself, or anyone for the privileged domain. */
	if (e->d != curr && !curr->privileged)
		return -PV_EPERM;
	e->limit = address_limit(PV_XENMEMF_get_address_bits(x->out.mem_flags));
	return 0;
}

/* Gives back the first @taken in frames of the chunk. */
static void untake(struct exchange *e, uint64_t taken)
{
	unsigned int order = e->x.in.extent_order;

	for (uint64_t n = 0; n < taken; n++)
		domain_unsteal_frame(e->d, e->in_mfns[n >> order] + (n & ((1ull << order) - 1)));
}

/* Frees the first @count out extents of the chunk. */
static void unalloc(struct exchange *e, uint64_t count)
{
	for (uint64_t j = 0; j < count; j++) {
		for (uint64_t k = 0; k < (1ull << e->x.out.extent_order); k++)
			domain_release_frame(e->d, e->out_mfns[j] + k);
	}
}

/* Takes chunk @i's in frames from the domain: 0, or all back and an error. */
static long take_in(struct exchange *e, uint64_t i)
{
	const struct pv_memory_reservation *in = &e->x.in;
	uint64_t taken = 0;

	for (uint64_t j = 0; j < (1ull << e->in_chunk_order); j++) {
		uint64_t mfn;

		if (copy_from_guest(&mfn, entry(in->extent_start, (i << e->in_chunk_order) + j),
				    sizeof(mfn))) {
			untake(e, taken);
			return -PV_EFAULT;
		}
		e->in_mfns[j] = mfn;
		for (uint64_t k = 0; k < (1ull << in->extent_order); k++, taken++) {
			if (domain_steal_frame(e->d, mfn + k)) {
				untake(e, taken);
				return -PV_EINVAL;
			}
		}
	}
	return 0;
}

/* Allocates chunk's out extents: 0, or none kept and -ENOMEM. */
static long alloc_out(struct exchange *e)
{
	for (uint64_t j = 0; j < (1ull << e->out_chunk_order); j++) {
		uint64_t mfn = e->no_memory ? FRAME_NONE :
			       domain_alloc_memory(e->d, e->x.out.extent_order, e->limit);

		if (mfn == FRAME_NONE) {
			unalloc(e, j);
			return -PV_ENOMEM;
		}
		e->out_mfns[j] = mfn;
	}
	return 0;
}

/*
 * Chunk @i past the point of no return: the in frames freed, the out
 * extents placed at their pfns and their mfns written back.  A list it
 * cannot read or write makes the chunk count as not done (-EFAULT), as in
 * Xen, though its frames were exchanged.
 */
static long finish_chunk(struct exchange *e, uint64_t i)
{
	const struct pv_memory_reservation *out = &e->x.out;
	uint64_t in_frames = 1ull << (e->in_chunk_order + e->x.in.extent_order);
	long rc = 0;

	for (uint64_t n = 0; n < in_frames; n++) {
		uint64_t mfn = e->in_mfns[n >> e->x.in.extent_order] +
			       (n & ((1ull << e->x.in.extent_order) - 1));

		domain_unsteal_frame(e->d, mfn);
		domain_release_frame(e->d, mfn);
	}
	for (uint64_t j = 0; j < (1ull << e->out_chunk_order); j++) {
		uint64_t at = entry(out->extent_start, (i << e->out_chunk_order) + j);
		uint64_t mfn = e->out_mfns[j], gpfn;

		if (copy_from_guest(&gpfn, at, sizeof(gpfn))) {
			rc = -PV_EFAULT;
			continue;
		}
		for (uint64_t k = 0; k < (1ull << out->extent_order); k++)
			domain_place_frame(e->d, mfn + k, gpfn + k);
		if (copy_to_guest(at, &mfn, sizeof(mfn)))
			rc = -PV_EFAULT;
	}
	return rc;
}

static long exchange_chunk(struct exchange *e, uint64_t i)
{
	long rc = take_in(e, i);

	if (rc)
		return rc;
	rc = alloc_out(e);
	if (rc) {
		untake(e, 1ull << (e->in_chunk_order + e->x.in.extent_order));
		return rc;
	}
	return finish_chunk(e, i);
}

/* The chunks from nr_exchanged on. */
static long exchange_chunks(struct exchange *e, uint64_t arg)
{
	uint64_t first = e->x.nr_exchanged >> e->in_chunk_order;
	uint64_t end = e->x.in.nr_extents >> e->in_chunk_order;
	long rc;

	/* No stale translation may reach an in frame once it is free. */
	arch_domain_flush_tlbs(e->d);
	for (uint64_t i = first; i < end; i++) {
		if (i != first && hypercall_preempt_check()) {
			uint64_t args[2] = { PV_XENMEM_exchange, arg };

			rc = put_nr_exchanged(arg, i << e->in_chunk_order, 0);
			return rc ? rc : hypercall_continue(PV_HYPERVISOR_memory_op, 2, args);
		}
		rc = exchange_chunk(e, i);
		if (rc)
			return put_nr_exchanged(arg, i << e->in_chunk_order, rc);
	}
	return put_nr_exchanged(arg, e->x.in.nr_extents, 0);
}

long memory_exchange(uint64_t arg)
{
	struct domain *curr = current_domain();
	struct exchange e = { 0 };
	uint64_t n_in, n_out;
	long rc;

	if (copy_from_guest(&e.x, arg, sizeof(e.x)))
		return -PV_EFAULT;
	rc = check_sizes(&e.x, curr);
	if (rc)
		return put_nr_exchanged(arg, e.x.nr_exchanged, rc);
	if (e.x.nr_exchanged == e.x.in.nr_extents)
		return 0;
	rc = check_rest(&e, curr);
	if (rc)
		return put_nr_exchanged(arg, e.x.nr_exchanged, rc);

	n_in = 1ull << e.in_chunk_order;
	n_out = 1ull << e.out_chunk_order;
	/* Where Ringvisor differs: Xen needs no such list of a chunk's extents. */
	e.in_mfns = xmalloc((n_in + n_out) * sizeof(uint64_t));
	if (!e.in_mfns)
		return put_nr_exchanged(arg, e.x.nr_exchanged, -PV_ENOMEM);
	e.out_mfns = e.in_mfns + n_in;
	rc = exchange_chunks(&e, arg);
	xfree(e.in_mfns);
	return rc;
}
