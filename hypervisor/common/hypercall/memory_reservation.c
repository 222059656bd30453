/*
 * memory_op's reservation changes, as Xen 4.17 does them for a 64-bit PV
 * domain: increase_reservation (new frames, their mfns written back),
 * populate_physmap (new frames for the pfns listed, M2P entries set, the
 * mfns written back over the pfns) and decrease_reservation (the machine
 * frames listed given back: a PV domain names its frames by mfn).
 *
 * Extents are 2^extent_order frames.  Each sub-op returns the number of
 * extents done, counting from the start extent in cmd's upper bits: it
 * stops at the first extent it cannot do, and a bad request (unreadable,
 * too many extents, a start at or past the end, an unknown domain, bad
 * flags, another domain without privilege, a bad list address, too large
 * an order) does nothing and returns the start extent, never an error
 * code.  A long request checks for preemption between extents and
 * continues with the extents done so far as its new start extent.
 *
 * decrease_reservation takes a frame still in use (a mapping, a page-table
 * or descriptor use, a pin) as Xen does: its p2m entry goes at once, the
 * frame itself (and its M2P entry, its place in nr_pages) when its last
 * reference goes (domain_release_frame).
 */
#include "arch/guest_access.h"
#include "domain.h"
#include "frame.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/types.h"
#include "hypercall.h"
#include "memory_op.h"

/* Xen x86's extent order limits: a domU's, and the control domain's (MAX_ORDER). */
#define DOMU_MAX_ORDER 9
#define CTLDOM_MAX_ORDER 18
_Static_assert(CTLDOM_MAX_ORDER <= FRAME_MAX_ORDER, "the allocator's blocks");

#define MAX_NUMNODES 64 /* Xen x86's default */
#define NUMA_NO_NODE 0xff

struct memop {
	struct domain *d;     /* whose memory changes */
	uint64_t list;        /* guest pointer: uint64_t[nr_extents] */
	uint64_t nr_extents;
	uint32_t order;
	uint64_t limit;       /* frames come from below it (0: anywhere) */
	bool no_memory;       /* an exact node that has none */
	bool populate_on_demand;
	uint64_t done;        /* in: the start extent; out: extents done */
	bool preempted;
};

unsigned int memop_max_order(const struct domain *curr)
{
	return curr->privileged ? CTLDOM_MAX_ORDER : DOMU_MAX_ORDER;
}

/* The smallest order of a block of at least @n frames. */
static unsigned int order_for(uint64_t n)
{
	unsigned int order = 0;

	while (order < 64 && (1ull << order) < n)
		order++;
	return order;
}

/*
 * There is one node, 0.  A node given by the privileged domain must be
 * below MAX_NUMNODES and, if exact, have memory; others' nodes are hints,
 * ignored, and exact ones refused.
 */
int memop_node_flags(uint32_t flags, const struct domain *curr, bool *no_memory)
{
	unsigned int node = PV_XENMEMF_get_node(flags);
	bool exact = flags & PV_XENMEMF_exact_node_request;

	if (node == NUMA_NO_NODE)
		return 0;
	if (curr->privileged) {
		if (node >= MAX_NUMNODES)
			return -1;
		*no_memory = exact && node != 0;
	} else if (exact) {
		return -1;
	}
	return 0;
}

/*
 * mem_flags: address bits (a limit only if below what the machine has;
 * 1-12 are refused), and the node.  There is no virtual NUMA, so a vnode
 * request names nothing.  0 or -1.
 */
static int parse_flags(uint32_t flags, const struct domain *curr, struct memop *a)
{
	unsigned int bits = PV_XENMEMF_get_address_bits(flags);

	if (bits && bits < order_for(frames_table_size()) + FRAME_SHIFT) {
		if (bits <= FRAME_SHIFT)
			return -1;
		a->limit = 1ull << (bits - FRAME_SHIFT);
	}
	if (flags & PV_XENMEMF_vnode)
		return 0;
	return memop_node_flags(flags, curr, &a->no_memory);
}

/* Xen's check of the list from extent @first on: its start address only. */
static bool list_ok(uint64_t list, uint64_t first)
{
	return guest_range_ok(list + first * sizeof(uint64_t), 1);
}

static uint64_t slot(const struct memop *a, uint64_t i)
{
	return a->list + i * sizeof(uint64_t);
}

/* Between extents (not before the first of this call): time to stop? */
static bool preempt(struct memop *a, uint64_t i)
{
	if (i != a->done && hypercall_preempt_check()) {
		a->preempted = true;
		return true;
	}
	return false;
}

static uint64_t alloc_extent(struct memop *a)
{
	return a->no_memory ? FRAME_NONE : domain_alloc_memory(a->d, a->order, a->limit);
}

/* New frames without pfns; a NULL list asks for them without their mfns. */
static void increase_reservation(struct memop *a, const struct domain *curr)
{
	uint64_t i, mfn;

	if ((a->list && !list_ok(a->list, a->done)) || a->order > memop_max_order(curr))
		return;
	for (i = a->done; i < a->nr_extents && !preempt(a, i); i++) {
		mfn = alloc_extent(a);
		if (mfn == FRAME_NONE ||
		    (a->list && copy_to_guest(slot(a, i), &mfn, sizeof(mfn))))
			break;
	}
	a->done = i;
}

/*
 * New frames at the pfns listed, their mfns written back in their place.
 * Populate-on-demand is for translated domains: a PV domain may not ask
 * it for itself, and for another PV domain it does nothing.
 */
static void populate_physmap(struct memop *a, const struct domain *curr)
{
	uint64_t i, gpfn, mfn;

	if (!list_ok(a->list, a->done) ||
	    a->order > (a->populate_on_demand ? CTLDOM_MAX_ORDER : memop_max_order(curr)))
		return;
	for (i = a->done; i < a->nr_extents && !preempt(a, i); i++) {
		if (copy_from_guest(&gpfn, slot(a, i), sizeof(gpfn)))
			break;
		if (a->populate_on_demand) {
			if (a->d == curr)
				break;
			continue;
		}
		mfn = alloc_extent(a);
		if (mfn == FRAME_NONE)
			break;
		for (uint64_t j = 0; j < (1ull << a->order); j++)
			domain_place_frame(a->d, mfn + j, gpfn + j);
		if (copy_to_guest(slot(a, i), &mfn, sizeof(mfn)))
			break;
	}
	a->done = i;
}

/*
 * The frames listed (each extent's first mfn) go back.  An extent stops
 * at its first frame that is not the domain's, after giving back the ones
 * before it.
 */
static void decrease_reservation(struct memop *a, const struct domain *curr)
{
	uint64_t i, mfn;

	if (!list_ok(a->list, a->done) || a->order > memop_max_order(curr))
		return;
	/* No stale translation may reach a frame once it is free. */
	arch_domain_flush_tlbs(a->d);
	for (i = a->done; i < a->nr_extents && !preempt(a, i); i++) {
		if (copy_from_guest(&mfn, slot(a, i), sizeof(mfn)))
			break;
		for (uint64_t j = 0; j < (1ull << a->order); j++) {
			if (domain_release_frame(a->d, mfn + j))
				goto out;
		}
	}
out:
	a->done = i;
}

long memory_reservation_op(unsigned int op, uint64_t start_extent, uint64_t arg)
{
	struct domain *curr = current_domain();
	struct pv_memory_reservation r;
	struct memop a = { .done = start_extent };

	/* The start extent must fit in a continuation's cmd. */
	if (copy_from_guest(&r, arg, sizeof(r)) ||
	    r.nr_extents > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) || start_extent >= r.nr_extents)
		return (long)start_extent;
	a.d = domain_by_any_id(curr, r.domid);
	if (!a.d || parse_flags(r.mem_flags, curr, &a))
		return (long)start_extent;
	/* Xen's default XSM policy: itself, or anyone for the privileged domain. */
	if (a.d != curr && !curr->privileged)
		return (long)start_extent;
	a.list = r.extent_start;
	a.nr_extents = r.nr_extents;
	a.order = r.extent_order;
	a.populate_on_demand = op == PV_XENMEM_populate_physmap &&
			       (r.mem_flags & PV_XENMEMF_populate_on_demand);

	if (op == PV_XENMEM_increase_reservation)
		increase_reservation(&a, curr);
	else if (op == PV_XENMEM_decrease_reservation)
		decrease_reservation(&a, curr);
	else
		populate_physmap(&a, curr);

	if (a.preempted) {
		uint64_t args[2] = { op | (a.done << MEMOP_EXTENT_SHIFT), arg };

		return hypercall_continue(PV_HYPERVISOR_memory_op, 2, args);
	}
	return (long)a.done;
}
