/*
 * Tests for memory_op's reservation changes (increase_reservation,
 * decrease_reservation, populate_physmap: hypervisor/common/hypercall/
 * memory_reservation.c and the domain memory functions of domain.c), the
 * M2P queries (machphys_mapping, machphys_mfn_list) and add_to_physmap.
 *
 * Every test starts the frame allocator on a fresh table of NFRAMES free
 * frames, builds its domains with domain_populate() (ids no other test
 * file uses), makes its requests through do_memory_op() with the
 * reservation at guest offset RES and extent lists at LIST, and ends with
 * done(), which kills and reaps the domains and checks that every frame
 * came back to the allocator.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "frame.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"
#include "m2p.h"
#include "page_type.h"

#define NFRAMES 4096
#define RES 0x20     /* guest offset of the reservation */
#define LIST 0x1000  /* guest offset of the extent list */
#define BAD_VA 0x1000ull
#define INC PV_XENMEM_increase_reservation
#define DEC PV_XENMEM_decrease_reservation
#define POP PV_XENMEM_populate_physmap

static struct frame *table;

static uint64_t gva(uint64_t off)
{
	return HOST_GUEST_BASE + off;
}

static void put64(uint64_t off, uint64_t v)
{
	memcpy(host_guest_memory + off, &v, sizeof(v));
}

static uint64_t get64(uint64_t off)
{
	uint64_t v;

	memcpy(&v, host_guest_memory + off, sizeof(v));
	return v;
}

/* Extent list entry @i. */
static uint64_t ent(uint64_t i)
{
	return get64(LIST + i * 8);
}

static void set_ent(uint64_t i, uint64_t v)
{
	put64(LIST + i * 8, v);
}

static void fresh(void)
{
	free(table);
	table = calloc(NFRAMES, sizeof(*table));
	frames_init(table, NFRAMES);
	frames_add_free(0, NFRAMES);
	memset(host_guest_memory, 0, HOST_GUEST_SIZE);
	host_current_domain = NULL;
	host_preempt = false;
	host_continued_nr = host_continued_nargs = 0;
	memset(host_continued_args, 0, sizeof(host_continued_args));
	host_m2p_nr_entries = 65536;
	host_m2p_first_mfn = 0x40000;
}

/* A running domain with @pages frames of memory (and max_pages = @pages). */
static struct domain *make(uint16_t domid, bool privileged, uint64_t pages)
{
	struct domain *d = domain_create(domid, "res", privileged);

	if (!d)
		abort();
	d->state = DOMAIN_RUNNING;
	if (domain_populate(d, pages))
		abort();
	return d;
}

static void done(void)
{
	for (struct domain *d = domain_first(); d; d = d->next)
		domain_shutdown(d, PV_SHUTDOWN_poweroff);
	domain_reap();
	CHECK_EQ(domain_count(), 0);
	CHECK_EQ(frames_free_count(), NFRAMES);
	host_current_domain = NULL;
	host_preempt = false;
}

/* Writes a reservation at RES. */
static void put_res(uint64_t list, uint64_t nr, uint32_t order, uint32_t flags, uint16_t domid)
{
	struct pv_memory_reservation r = {
		.extent_start = list, .nr_extents = nr, .extent_order = order,
		.mem_flags = flags, .domid = domid,
	};

	memcpy(host_guest_memory + RES, &r, sizeof(r));
}

/* memory_op(@op | @start << 6) with a reservation of the other arguments. */
static long memop(unsigned int op, uint64_t start, uint64_t list, uint64_t nr, uint32_t order,
		  uint32_t flags, uint16_t domid)
{
	put_res(list, nr, order, flags, domid);
	return do_memory_op(op | (start << 6), gva(RES));
}

/* The common case: our own domain, list at LIST, no flags, start 0. */
static long res(unsigned int op, uint64_t nr, uint32_t order)
{
	return memop(op, 0, gva(LIST), nr, order, 0, PV_DOMID_SELF);
}

static bool is_free(uint64_t mfn)
{
	uint8_t s = frame_info(mfn)->state;

	return s == FRAME_FREE_HEAD || s == FRAME_FREE_TAIL;
}

/* @mfn is a frame of @d's memory with p2m entry @pfn (P2M_INVALID: none). */
static bool held(const struct domain *d, uint64_t mfn, uint64_t pfn)
{
	const struct frame *f = frame_info(mfn);

	return f && f->owner == d->domid && f->state == FRAME_ALLOCATED && f->order == 0 &&
	       f->p2m_pfn == pfn && (pfn == P2M_INVALID || d->p2m[pfn] == mfn);
}

/* ---- increase_reservation ---- */

TEST(res_increase)
{
	struct domain *d;
	uint64_t free_before;

	fresh();
	d = host_current_domain = make(300, false, 16);
	d->max_pages = 64;
	free_before = frames_free_count();

	CHECK_EQ(res(INC, 4, 0), 4);
	for (uint64_t i = 0; i < 4; i++) {
		CHECK(held(d, ent(i), P2M_INVALID));
		CHECK_EQ(m2p_get(ent(i)), M2P_INVALID);
	}
	CHECK_EQ(d->nr_pages, 20);
	CHECK_EQ(frames_free_count(), free_before - 4);

	/* Extents of order 2: aligned, each frame held on its own. */
	CHECK_EQ(res(INC, 2, 2), 2);
	for (uint64_t i = 0; i < 2; i++) {
		CHECK_EQ(ent(i) & 3, 0);
		for (uint64_t j = 0; j < 4; j++)
			CHECK(held(d, ent(i) + j, P2M_INVALID));
	}
	CHECK_EQ(d->nr_pages, 28);

	/* No list: the frames are given, their mfns not reported. */
	CHECK_EQ(memop(INC, 0, 0, 3, 0, 0, PV_DOMID_SELF), 3);
	CHECK_EQ(d->nr_pages, 31);

	/* max_pages: only what fits is done. */
	CHECK_EQ(res(INC, 40, 0), 33);
	CHECK_EQ(d->nr_pages, 64);
	CHECK_EQ(res(INC, 1, 0), 0);
	d->max_pages = 66;
	CHECK_EQ(res(INC, 1, 2), 0); /* a whole extent or nothing */
	CHECK_EQ(d->nr_pages, 64);
	d->max_pages = 63; /* below what it holds */
	CHECK_EQ(res(INC, 1, 0), 0);
	CHECK_EQ(d->nr_pages, 64);
	done();
}

TEST(res_increase_orders)
{
	struct domain *d, *dom0;

	fresh();
	d = host_current_domain = make(301, false, 1);
	d->max_pages = NFRAMES;
	/* A domU may ask for extents of up to 2^9 frames. */
	CHECK_EQ(res(INC, 1, 10), 0);
	CHECK_EQ(d->nr_pages, 1);
	CHECK_EQ(res(INC, 1, 9), 1);
	CHECK_EQ(ent(0) & 511, 0);
	CHECK_EQ(d->nr_pages, 513);
	CHECK_EQ(res(INC, 1, 0xffffffff), 0);
	/* The privileged domain up to 2^18 (only 2^11 fit here). */
	dom0 = host_current_domain = make(302, true, 1);
	dom0->max_pages = NFRAMES;
	CHECK_EQ(res(INC, 1, 19), 0);
	CHECK_EQ(res(INC, 1, 18), 0); /* over max_pages */
	CHECK_EQ(res(INC, 1, 11), 1);
	CHECK_EQ(ent(0) & 2047, 0);
	CHECK_EQ(dom0->nr_pages, 2049);
	done();
}

/* ---- populate_physmap ---- */

TEST(res_populate)
{
	struct domain *d;
	uint64_t old, mfn;

	fresh();
	d = host_current_domain = make(303, false, 16);
	d->max_pages = 64;
	CHECK_EQ(d->p2m_size, 16);

	set_ent(0, 16);
	set_ent(1, 17);
	set_ent(2, 100);
	CHECK_EQ(res(POP, 3, 0), 3);
	CHECK_EQ(d->nr_pages, 19);
	CHECK(held(d, ent(0), 16));
	CHECK(held(d, ent(1), 17));
	CHECK(held(d, ent(2), 100));
	CHECK_EQ(m2p_get(ent(0)), 16);
	CHECK_EQ(m2p_get(ent(2)), 100);
	/* The p2m grew to cover pfn 100; the pfns between have no frame. */
	CHECK(d->p2m_size > 100);
	for (uint64_t pfn = 18; pfn < 100; pfn++)
		CHECK_EQ(d->p2m[pfn], P2M_INVALID);

	/* Order 2: four frames at pfns 200-203, M2P entries to match. */
	set_ent(0, 200);
	CHECK_EQ(res(POP, 1, 2), 1);
	mfn = ent(0);
	for (uint64_t j = 0; j < 4; j++) {
		CHECK(held(d, mfn + j, 200 + j));
		CHECK_EQ(m2p_get(mfn + j), 200 + j);
	}
	CHECK_EQ(d->nr_pages, 23);

	/* A pfn populated again: the new frame takes the entry, the old one is still held. */
	old = d->p2m[0];
	set_ent(0, 0);
	CHECK_EQ(res(POP, 1, 0), 1);
	CHECK(held(d, ent(0), 0));
	CHECK(held(d, old, P2M_INVALID));
	CHECK_EQ(m2p_get(old), 0); /* the guest's own business */
	CHECK_EQ(d->nr_pages, 24);

	/* A pfn far beyond the domain's memory: held without a p2m entry. */
	set_ent(0, 1ull << 40);
	CHECK_EQ(res(POP, 1, 0), 1);
	CHECK(held(d, ent(0), P2M_INVALID));
	CHECK_EQ(m2p_get(ent(0)), 1ull << 40);
	CHECK(d->p2m_size < 1000);

	/* max_pages, and the order limits. */
	d->max_pages = 27;
	set_ent(0, 300);
	set_ent(1, 301);
	set_ent(2, 302);
	CHECK_EQ(res(POP, 3, 0), 2);
	CHECK_EQ(ent(2), 302); /* untouched */
	CHECK_EQ(d->nr_pages, 27);
	d->max_pages = 2000;
	set_ent(0, 1000);
	CHECK_EQ(res(POP, 1, 10), 0);
	CHECK_EQ(ent(0), 1000);
	CHECK_EQ(res(POP, 1, 9), 1);
	CHECK(held(d, ent(0) + 511, 1511));
	done();
}

TEST(res_populate_p2m_limit)
{
	struct domain *d;
	uint64_t limit;

	fresh();
	d = host_current_domain = make(304, false, 4);
	d->max_pages = 8;
	limit = d->max_pages + (1ull << 20);
	/* The p2m may cover up to 2^20 pfns beyond max_pages, no further. */
	set_ent(0, limit);
	set_ent(1, limit - 1);
	CHECK_EQ(res(POP, 2, 0), 2);
	CHECK(held(d, ent(0), P2M_INVALID));
	CHECK(held(d, ent(1), limit - 1));
	CHECK_EQ(d->p2m_size, limit);
	done();
}

TEST(res_populate_on_demand)
{
	struct domain *d, *dom0;

	fresh();
	d = make(305, false, 4);
	dom0 = make(306, true, 4);
	d->max_pages = dom0->max_pages = 64;
	set_ent(0, 10);
	set_ent(1, 11);
	/* Not for oneself; for another PV domain, nothing is done but counted. */
	host_current_domain = d;
	CHECK_EQ(memop(POP, 0, gva(LIST), 2, 0, PV_XENMEMF_populate_on_demand, PV_DOMID_SELF), 0);
	host_current_domain = dom0;
	CHECK_EQ(memop(POP, 0, gva(LIST), 2, 0, PV_XENMEMF_populate_on_demand, PV_DOMID_SELF), 0);
	CHECK_EQ(memop(POP, 0, gva(LIST), 2, 18, PV_XENMEMF_populate_on_demand, 305), 2);
	CHECK_EQ(memop(POP, 0, gva(LIST), 2, 19, PV_XENMEMF_populate_on_demand, 305), 0);
	CHECK_EQ(d->nr_pages, 4);
	CHECK_EQ(dom0->nr_pages, 4);
	CHECK_EQ(ent(0), 10);
	/* Up to 2^18 whoever asks; a bad list still stops it. */
	host_current_domain = d;
	CHECK_EQ(memop(POP, 0, gva(LIST), 2, 18, PV_XENMEMF_populate_on_demand, PV_DOMID_SELF), 0);
	host_current_domain = dom0;
	CHECK_EQ(memop(POP, 0, BAD_VA, 2, 0, PV_XENMEMF_populate_on_demand, 305), 0);
	/* The flag means nothing to the other sub-ops. */
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_populate_on_demand, PV_DOMID_SELF), 1);
	done();
}

/* ---- decrease_reservation ---- */

TEST(res_decrease)
{
	struct domain *d;
	uint64_t m3, m4, m5, flushes;

	fresh();
	d = host_current_domain = make(307, false, 16);
	m3 = d->p2m[3];
	m4 = d->p2m[4];
	m5 = d->p2m[5];
	m2p_set(m3, 3);
	flushes = host_tlb_flushes;

	set_ent(0, m3);
	set_ent(1, m4);
	CHECK_EQ(res(DEC, 2, 0), 2);
	CHECK(is_free(m3) && is_free(m4));
	CHECK_EQ(d->p2m[3], P2M_INVALID);
	CHECK_EQ(d->p2m[4], P2M_INVALID);
	CHECK_EQ(m2p_get(m3), M2P_INVALID);
	CHECK_EQ(m2p_get(m4), M2P_INVALID);
	CHECK_EQ(d->nr_pages, 14);
	CHECK_EQ(frames_free_count(), NFRAMES - 14);
	CHECK(host_tlb_flushes > flushes);

	/* Stops at the first frame that is not its memory. */
	set_ent(0, m5);
	set_ent(1, m3);
	set_ent(2, d->p2m[6]);
	CHECK_EQ(res(DEC, 3, 0), 1);
	CHECK(is_free(m5));
	CHECK(held(d, d->p2m[6], 6));
	CHECK_EQ(d->nr_pages, 13);

	/* The p2m and M2P entries a guest moved do not matter: the frame's own entry does. */
	m2p_set(d->p2m[7], 9);
	set_ent(0, d->p2m[7]);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(d->p2m[7], P2M_INVALID);
	CHECK(d->p2m[9] != P2M_INVALID);

	/* Frames held without a p2m entry go back too. */
	d->max_pages = 32;
	CHECK_EQ(res(INC, 2, 0), 2);
	CHECK_EQ(res(DEC, 2, 0), 2);
	CHECK_EQ(d->nr_pages, 12);
	done();
}

TEST(res_decrease_refused)
{
	struct domain *d, *other;
	uint64_t m;

	fresh();
	other = make(308, false, 4);
	d = host_current_domain = make(309, false, 8);

	/* Beyond RAM, another domain's, a free frame. */
	set_ent(0, NFRAMES + 5);
	CHECK_EQ(res(DEC, 1, 0), 0);
	set_ent(0, other->p2m[0]);
	CHECK_EQ(res(DEC, 1, 0), 0);
	CHECK(held(other, other->p2m[0], 0));
	m = frames_alloc(0);
	frames_free(m, 0);
	set_ent(0, m);
	CHECK_EQ(res(DEC, 1, 0), 0);
	CHECK(is_free(m));
	CHECK_EQ(d->nr_pages, 8);

	/*
	 * An extent stops at its first frame that cannot go: the frames
	 * before it are given back, the extent is not counted.
	 */
	d->max_pages = 16;
	CHECK_EQ(res(INC, 1, 2), 1);
	m = ent(0);
	CHECK_EQ(domain_steal_frame(d, m + 2), 0); /* no one's for now */
	CHECK_EQ(res(DEC, 1, 2), 0);
	CHECK(is_free(m) && is_free(m + 1));
	CHECK(held(d, m + 3, P2M_INVALID));
	domain_unsteal_frame(d, m + 2);
	set_ent(0, m + 2);
	CHECK_EQ(res(DEC, 1, 1), 1);
	CHECK_EQ(d->nr_pages, 8);

	/* Order limits as for the other sub-ops. */
	set_ent(0, d->p2m[0]);
	CHECK_EQ(res(DEC, 1, 10), 0);
	CHECK(held(d, d->p2m[0], 0));
	done();
}

/*
 * A frame in use goes as on Xen: counted done, its p2m entry gone at
 * once, the frame (its M2P entry, its place in nr_pages) when the last
 * reference goes.
 */
TEST(res_decrease_in_use)
{
	struct domain *d;
	uint64_t m, extra, *mem;

	fresh();
	mem = calloc((size_t)NFRAMES * 512, sizeof(uint64_t));
	host_frame_memory_set(mem, NFRAMES);
	d = host_current_domain = make(309, false, 8);
	extra = domain_alloc_extra_frame(d);
	CHECK(extra != FRAME_NONE);

	/* An extra frame (shared_info): accepted, and the hypervisor keeps it. */
	set_ent(0, extra);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(frame_owner(extra), 309);
	CHECK(!is_free(extra));

	/* A general reference (a mapping). */
	m = d->p2m[2];
	m2p_set(m, 2);
	set_ent(0, m);
	CHECK_EQ(page_get_ref(m, d), 0);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(d->p2m[2], P2M_INVALID);
	CHECK(held(d, m, P2M_INVALID));
	CHECK_EQ(m2p_get(m), 2);
	CHECK_EQ(d->nr_pages, 8);
	/* Still ours: asked again, it answers done again; it can be referenced again. */
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(page_get_ref(m, d), 0);
	page_put_ref(m);
	CHECK(held(d, m, P2M_INVALID));
	page_put_ref(m);
	CHECK(is_free(m));
	CHECK_EQ(m2p_get(m), M2P_INVALID);
	CHECK_EQ(d->nr_pages, 7);
	CHECK_EQ(res(DEC, 1, 0), 0);

	/* A writable type, then a pin as a page table. */
	m = d->p2m[3];
	set_ent(0, m);
	CHECK_EQ(page_get_ref_and_type(m, d, PV_TYPE_WRITABLE), 0);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(d->nr_pages, 7);
	page_put_ref_and_type(m);
	CHECK(is_free(m));
	CHECK_EQ(d->nr_pages, 6);
	m = d->p2m[4];
	set_ent(0, m);
	CHECK_EQ(page_pin(m, d, PV_TYPE_L1), 0);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK(held(d, m, P2M_INVALID));
	/* Not stealable (exchange) while referenced, given back or not. */
	CHECK_EQ(domain_steal_frame(d, m), -PV_EINVAL);
	CHECK_EQ(page_unpin(m, d), 0);
	CHECK(is_free(m));
	CHECK_EQ(d->nr_pages, 5);

	/* The whole extent is done, in use or not; the free ones go at once. */
	d->max_pages = 16;
	CHECK_EQ(res(INC, 1, 2), 1);
	m = ent(0);
	CHECK_EQ(page_get_ref(m + 2, d), 0);
	CHECK_EQ(res(DEC, 1, 2), 1);
	CHECK(is_free(m) && is_free(m + 1) && is_free(m + 3));
	CHECK(held(d, m + 2, P2M_INVALID));
	CHECK_EQ(d->nr_pages, 6);
	page_put_ref(m + 2);
	CHECK(is_free(m + 2));
	CHECK_EQ(d->nr_pages, 5);
	done();
	host_frame_memory_set(NULL, 0);
	free(mem);
}

/* A given back frame still referenced when its domain goes comes back with the rest. */
TEST(res_decrease_in_use_teardown)
{
	struct domain *d;
	uint64_t m;

	uint64_t *mem;

	fresh();
	mem = calloc((size_t)NFRAMES * 512, sizeof(uint64_t));
	host_frame_memory_set(mem, NFRAMES);
	d = host_current_domain = make(319, false, 8);
	m = d->p2m[5];
	set_ent(0, m);
	CHECK_EQ(page_pin(m, d, PV_TYPE_L1), 0);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK(held(d, m, P2M_INVALID));
	CHECK_EQ(d->nr_pages, 8);
	done();
	host_frame_memory_set(NULL, 0);
	free(mem);
}

/* ---- Requests refused as a whole: the start extent comes back ---- */

TEST(res_bad_requests)
{
	static const unsigned int ops[] = { INC, DEC, POP };
	struct domain *d, *other;

	fresh();
	other = make(310, false, 4);
	d = host_current_domain = make(311, false, 8);
	d->max_pages = other->max_pages = 64;

	for (unsigned int k = 0; k < 3; k++) {
		unsigned int op = ops[k];

		for (uint64_t i = 0; i < 4; i++)
			set_ent(i, op == DEC ? d->p2m[i] : 100 + i);
		/* Unreadable reservation. */
		CHECK_EQ(do_memory_op(op, BAD_VA), 0);
		CHECK_EQ(do_memory_op(op | (3 << 6), BAD_VA), 3);
		CHECK_EQ(do_memory_op(op | (3 << 6), HOST_GUEST_BASE + HOST_GUEST_SIZE - 31), 3);
		/* More extents than a continuation can count; a start at or past the end. */
		CHECK_EQ(memop(op, 0, gva(LIST), 0x4000000, 0, 0, PV_DOMID_SELF), 0);
		CHECK_EQ(memop(op, 2, gva(LIST), 2, 0, 0, PV_DOMID_SELF), 2);
		CHECK_EQ(memop(op, 7, gva(LIST), 2, 0, 0, PV_DOMID_SELF), 7);
		CHECK_EQ(memop(op, 0, gva(LIST), 0, 0, 0, PV_DOMID_SELF), 0);
		/* Unknown domain; another domain, without privilege. */
		CHECK_EQ(memop(op, 0, gva(LIST), 2, 0, 0, 999), 0);
		CHECK_EQ(memop(op, 1, gva(LIST), 2, 0, 0, PV_DOMID_IO), 1);
		CHECK_EQ(memop(op, 0, gva(LIST), 2, 0, 0, 310), 0);
		/* A list outside guest memory; too large an order. */
		CHECK_EQ(memop(op, 0, BAD_VA, 2, 0, 0, PV_DOMID_SELF), 0);
		CHECK_EQ(memop(op, 1, gva(LIST), 2, 10, 0, PV_DOMID_SELF), 1);
		/* Address bits 1-12; an exact node without privilege. */
		CHECK_EQ(memop(op, 0, gva(LIST), 2, 0, PV_XENMEMF_address_bits(12), PV_DOMID_SELF), 0);
		CHECK_EQ(memop(op, 0, gva(LIST), 2, 0, PV_XENMEMF_address_bits(1), PV_DOMID_SELF), 0);
		CHECK_EQ(memop(op, 0, gva(LIST), 2, 0, PV_XENMEMF_exact_node(0), PV_DOMID_SELF), 0);
		CHECK_EQ(d->nr_pages, 8);
		CHECK_EQ(other->nr_pages, 4);
		CHECK_EQ(ent(0), op == DEC ? d->p2m[0] : 100);
	}
	/* Nothing was asked of the allocator. */
	CHECK_EQ(frames_free_count(), NFRAMES - 12);

	/* Our own id is as good as DOMID_SELF. */
	CHECK_EQ(memop(INC, 0, gva(LIST), 2, 0, 0, 311), 2);
	/* A NULL list is fine for increase_reservation only. */
	CHECK_EQ(memop(INC, 1, 0, 2, 0, 0, PV_DOMID_SELF), 2);
	CHECK_EQ(memop(POP, 1, 0, 2, 0, 0, PV_DOMID_SELF), 1);
	CHECK_EQ(memop(DEC, 1, 0, 2, 0, 0, PV_DOMID_SELF), 1);
	CHECK_EQ(d->nr_pages, 11);
	done();
}

/* Only the list's start is checked: entries that cannot be read or written end the call. */
TEST(res_list_runs_out)
{
	struct domain *d;
	uint64_t end = HOST_GUEST_SIZE - 16;

	fresh();
	d = host_current_domain = make(312, false, 8);
	d->max_pages = 64;
	CHECK_EQ(memop(INC, 0, gva(end), 4, 0, 0, PV_DOMID_SELF), 2);
	/* The third extent was allocated but could not be reported: it stays held. */
	CHECK_EQ(d->nr_pages, 11);
	put64(end, 20);
	put64(end + 8, 21);
	CHECK_EQ(memop(POP, 0, gva(end), 4, 0, 0, PV_DOMID_SELF), 2);
	CHECK_EQ(d->nr_pages, 13);
	put64(end, d->p2m[0]);
	put64(end + 8, d->p2m[1]);
	CHECK_EQ(memop(DEC, 0, gva(end), 4, 0, 0, PV_DOMID_SELF), 2);
	CHECK_EQ(d->nr_pages, 11);
	/* Starting at the unreadable part: refused as a whole. */
	CHECK_EQ(memop(INC, 2, gva(end), 4, 0, 0, PV_DOMID_SELF), 2);
	CHECK_EQ(d->nr_pages, 11);
	done();
}

TEST(res_flags)
{
	struct domain *d, *dom0;

	fresh();
	/* Its memory is frames 0-3: the lowest ones. */
	d = host_current_domain = make(313, false, 4);
	d->max_pages = 64;
	CHECK_EQ(d->p2m[3], 3);

	/* 4096 frames: limits of 13-23 bits apply, 24 and more do not. */
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_address_bits(14), PV_DOMID_SELF), 0);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_address_bits(13), PV_DOMID_SELF), 0);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_address_bits(15), PV_DOMID_SELF), 1);
	CHECK(ent(0) < 8);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 2, PV_XENMEMF_address_bits(15), PV_DOMID_SELF), 0);
	set_ent(0, 50);
	CHECK_EQ(memop(POP, 0, gva(LIST), 1, 2, PV_XENMEMF_address_bits(16), PV_DOMID_SELF), 1);
	CHECK(ent(0) + 4 <= 16);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_address_bits(23), PV_DOMID_SELF), 1);
	CHECK(ent(0) < 2048);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_address_bits(24), PV_DOMID_SELF), 1);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_address_bits(255), PV_DOMID_SELF), 1);
	CHECK_EQ(d->nr_pages, 12);

	/* Nodes: a domU's hints are ignored; a vnode names nothing (no virtual NUMA). */
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_node(5), PV_DOMID_SELF), 1);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_node(200), PV_DOMID_SELF), 1);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_exact_node(3) | PV_XENMEMF_vnode,
		       PV_DOMID_SELF), 1);
	CHECK_EQ(d->nr_pages, 15);
	/* The privileged domain: nodes below 64; an exact one must have memory (only node 0 has). */
	dom0 = host_current_domain = make(314, true, 4);
	dom0->max_pages = 64;
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_node(63), PV_DOMID_SELF), 1);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_node(64), PV_DOMID_SELF), 0);
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 0, PV_XENMEMF_exact_node(0), PV_DOMID_SELF), 1);
	CHECK_EQ(memop(INC, 0, gva(LIST), 2, 0, PV_XENMEMF_exact_node(1), PV_DOMID_SELF), 0);
	CHECK_EQ(memop(INC, 3, gva(LIST), 5, 0, PV_XENMEMF_exact_node(1), PV_DOMID_SELF), 3);
	set_ent(0, 60);
	CHECK_EQ(memop(POP, 0, gva(LIST), 1, 0, PV_XENMEMF_exact_node(1), PV_DOMID_SELF), 0);
	CHECK_EQ(dom0->nr_pages, 6);
	/* decrease_reservation allocates nothing: an exact node does not stop it. */
	set_ent(0, dom0->p2m[0]);
	CHECK_EQ(memop(DEC, 0, gva(LIST), 1, 0, PV_XENMEMF_exact_node(1), PV_DOMID_SELF), 1);
	CHECK_EQ(dom0->nr_pages, 5);
	done();
}

/* ---- Continuations ---- */

TEST(res_continuation)
{
	static const unsigned int ops[] = { INC, POP, DEC };
	struct domain *d;

	fresh();
	d = host_current_domain = make(315, false, 8);
	d->max_pages = 64;
	for (unsigned int k = 0; k < 3; k++) {
		unsigned int op = ops[k];
		uint64_t cmd = op;

		for (uint64_t i = 0; i < 5; i++) {
			if (op == POP)
				set_ent(i, 40 + i);
			else if (op == DEC)
				set_ent(i, d->p2m_size > 44 ? d->p2m[40 + i] : 0);
		}
		put_res(gva(LIST), 5, 0, 0, PV_DOMID_SELF);
		/* Preempted after each extent: one more done per call. */
		host_preempt = true;
		for (uint64_t n = 1; n < 5; n++) {
			host_continued_nr = 0;
			CHECK_EQ(do_memory_op(cmd, gva(RES)), 0x7fff);
			CHECK_EQ(host_continued_nr, PV_HYPERVISOR_memory_op);
			CHECK_EQ(host_continued_nargs, 2);
			CHECK_EQ(host_continued_args[0], op | (n << 6));
			CHECK_EQ(host_continued_args[1], gva(RES));
			cmd = host_continued_args[0];
		}
		/* The last extent needs no check. */
		host_continued_nr = 0;
		CHECK_EQ(do_memory_op(cmd, gva(RES)), 5);
		CHECK_EQ(host_continued_nr, 0);
		host_preempt = false;
		CHECK_EQ(d->nr_pages, op == INC ? 13 : op == POP ? 18 : 13);
		if (op == POP)
			CHECK(held(d, ent(4), 44));
	}
	/* Not preempted: all at once. */
	CHECK_EQ(res(INC, 5, 0), 5);
	CHECK_EQ(d->nr_pages, 18);
	/* A request that stops early is not continued. */
	host_preempt = true;
	d->max_pages = d->nr_pages + 1;
	CHECK_EQ(res(INC, 5, 0), 0x7fff);
	CHECK_EQ(host_continued_args[0], INC | (1 << 6));
	CHECK_EQ(do_memory_op(host_continued_args[0], gva(RES)), 1);
	host_preempt = false;
	done();
}

/* ---- The privileged domain acting for another ---- */

TEST(res_foreign)
{
	struct domain *d, *dom0;
	uint64_t m;

	fresh();
	d = make(316, false, 4);
	dom0 = host_current_domain = make(317, true, 4);
	d->max_pages = 16;
	set_ent(0, 7);
	CHECK_EQ(memop(POP, 0, gva(LIST), 1, 0, 0, 316), 1);
	m = ent(0);
	CHECK(held(d, m, 7));
	CHECK_EQ(m2p_get(m), 7);
	CHECK_EQ(d->nr_pages, 5);
	CHECK_EQ(dom0->nr_pages, 4);
	/* The caller's order limit counts, not the target's. */
	d->max_pages = 2048;
	CHECK_EQ(memop(INC, 0, gva(LIST), 1, 10, 0, 316), 1);
	CHECK(held(d, ent(0) + 1023, P2M_INVALID));
	CHECK_EQ(d->nr_pages, 1029);
	set_ent(0, m);
	CHECK_EQ(memop(DEC, 0, gva(LIST), 1, 0, 0, 316), 1);
	CHECK(is_free(m));
	/* A frame of dom0's own is not the target's. */
	set_ent(0, dom0->p2m[0]);
	CHECK_EQ(memop(DEC, 0, gva(LIST), 1, 0, 0, 316), 0);
	CHECK_EQ(d->nr_pages, 1028);
	/* And the domU may not act for dom0. */
	host_current_domain = d;
	CHECK_EQ(memop(DEC, 0, gva(LIST), 1, 0, 0, 317), 0);
	CHECK_EQ(dom0->nr_pages, 4);
	done();
}

/* Teardown returns every frame: with and without p2m entries, extra frames, given-back ones. */
TEST(res_teardown)
{
	struct domain *d;

	fresh();
	d = host_current_domain = make(318, false, 32);
	d->max_pages = 100;
	CHECK(domain_alloc_extra_frame(d) != FRAME_NONE);
	CHECK_EQ(memop(INC, 0, 0, 5, 1, 0, PV_DOMID_SELF), 5);
	set_ent(0, 3);
	set_ent(1, 1ull << 50);
	set_ent(2, 70);
	CHECK_EQ(res(POP, 3, 2), 3);
	set_ent(0, d->p2m[10]);
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(d->nr_pages, 32 + 10 + 12 - 1);
	CHECK_EQ(frames_free_count(), NFRAMES - d->nr_pages - 1);
	done();
}

/* ---- M2P queries ---- */

TEST(res_machphys_mapping)
{
	struct pv_machphys_mapping m;

	fresh();
	host_current_domain = make(319, false, 1);
	memset(host_guest_memory + 0x100, 0xaa, 32);
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mapping, gva(0x100)), 0);
	memcpy(&m, host_guest_memory + 0x100, sizeof(m));
	CHECK_EQ(m.v_start, 0xffff800000000000ull);
	CHECK_EQ(m.v_end, 0xffff804000000000ull);
	CHECK_EQ(m.max_mfn, 0x7ffffffffull);
	CHECK_EQ(host_guest_memory[0x100 + 24], 0xaa);
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mapping, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mapping, HOST_GUEST_BASE + HOST_GUEST_SIZE - 23),
		 -PV_EFAULT);
	/* The privileged domain is told the last machine frame. */
	host_current_domain = make(320, true, 1);
	host_m2p_nr_entries = 12345;
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mapping, gva(0x100)), 0);
	memcpy(&m, host_guest_memory + 0x100, sizeof(m));
	CHECK_EQ(m.max_mfn, 12344);
	CHECK_EQ(m.v_start, 0xffff800000000000ull);
	done();
}

/* Puts a machphys_mfn_list {@max, @list} at 0x100; returns memory_op's answer. */
static long mfn_list(uint32_t max, uint64_t list, uint32_t *nr)
{
	struct pv_machphys_mfn_list l = { .max_extents = max, .extent_start = list,
					  .nr_extents = 0xdead };
	long rc;

	memcpy(host_guest_memory + 0x100, &l, sizeof(l));
	rc = do_memory_op(PV_XENMEM_machphys_mfn_list, gva(0x100));
	memcpy(&l, host_guest_memory + 0x100, sizeof(l));
	*nr = l.nr_extents;
	CHECK_EQ(l.max_extents, max);
	CHECK_EQ(l.extent_start, list);
	return rc;
}

TEST(res_machphys_mfn_list)
{
	uint32_t nr;

	fresh();
	host_current_domain = make(321, false, 1);
	for (unsigned int i = 0; i < 8; i++)
		set_ent(i, 0x5555);

	/* 65536 entries: 512 KiB, one 2 MiB unit. */
	CHECK_EQ(mfn_list(8, gva(LIST), &nr), 0);
	CHECK_EQ(nr, 1);
	CHECK_EQ(ent(0), 0x40000);
	CHECK_EQ(ent(1), 0x5555);

	/* Two units and a bit: three, a contiguous table 512 frames apart. */
	host_m2p_nr_entries = 2 * 262144 + 1;
	CHECK_EQ(mfn_list(8, gva(LIST), &nr), 0);
	CHECK_EQ(nr, 3);
	CHECK_EQ(ent(0), 0x40000);
	CHECK_EQ(ent(1), 0x40200);
	CHECK_EQ(ent(2), 0x40400);
	CHECK_EQ(ent(3), 0x5555);
	host_m2p_nr_entries = 2 * 262144;
	CHECK_EQ(mfn_list(8, gva(LIST), &nr), 0);
	CHECK_EQ(nr, 2);

	/* At most max_extents; none asked for, no list needed. */
	set_ent(1, 0x5555);
	CHECK_EQ(mfn_list(1, gva(LIST), &nr), 0);
	CHECK_EQ(nr, 1);
	CHECK_EQ(ent(1), 0x5555);
	CHECK_EQ(mfn_list(0, BAD_VA, &nr), 0);
	CHECK_EQ(nr, 0);

	/* Bad pointers. */
	CHECK_EQ(mfn_list(1, BAD_VA, &nr), -PV_EFAULT);
	CHECK_EQ(mfn_list(2, HOST_GUEST_BASE + HOST_GUEST_SIZE - 8, &nr), -PV_EFAULT);
	CHECK_EQ(ent(0), 0x40000);
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mfn_list, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mfn_list, HOST_GUEST_BASE + HOST_GUEST_SIZE - 23),
		 -PV_EFAULT);
	/* An x86 sub-op: a start extent makes it unknown. */
	CHECK_EQ(do_memory_op(PV_XENMEM_machphys_mfn_list | (1 << 6), gva(0x100)), -PV_ENOSYS);
	done();
}

/* ---- add_to_physmap ---- */

static long xatp(uint64_t start, uint16_t domid, uint32_t space)
{
	struct pv_add_to_physmap x = { .domid = domid, .space = space, .idx = 0, .gpfn = 5 };

	memcpy(host_guest_memory + 0x100, &x, sizeof(x));
	return do_memory_op(PV_XENMEM_add_to_physmap | (start << 6), gva(0x100));
}

TEST(res_add_to_physmap)
{
	fresh();
	make(322, false, 1);
	host_current_domain = make(323, false, 1);
	/* A PV domain is not translated: every space is refused once the domain is found. */
	CHECK_EQ(xatp(0, PV_DOMID_SELF, PV_XENMAPSPACE_shared_info), -PV_EACCES);
	CHECK_EQ(xatp(0, 323, PV_XENMAPSPACE_shared_info), -PV_EACCES);
	CHECK_EQ(xatp(0, PV_DOMID_SELF, PV_XENMAPSPACE_grant_table), -PV_EACCES);
	CHECK_EQ(xatp(0, PV_DOMID_SELF, PV_XENMAPSPACE_gmfn_range), -PV_EACCES);
	CHECK_EQ(xatp(0, PV_DOMID_SELF, 99), -PV_EACCES);
	CHECK_EQ(xatp(0, 322, PV_XENMAPSPACE_shared_info), -PV_EACCES);
	CHECK_EQ(xatp(0xffff, PV_DOMID_SELF, PV_XENMAPSPACE_shared_info), -PV_EACCES);
	CHECK_EQ(xatp(0, 999, PV_XENMAPSPACE_shared_info), -PV_ESRCH);
	CHECK_EQ(xatp(0, PV_DOMID_IO, PV_XENMAPSPACE_shared_info), -PV_ESRCH);
	/* Foreign frames only through add_to_physmap_batch; then the start extent; then the copy. */
	CHECK_EQ(xatp(0, 999, PV_XENMAPSPACE_gmfn_foreign), -PV_ENOSYS);
	CHECK_EQ(xatp(0x10000, PV_DOMID_SELF, PV_XENMAPSPACE_shared_info), -PV_EDOM);
	CHECK_EQ(do_memory_op(PV_XENMEM_add_to_physmap | (0x10000 << 6), BAD_VA), -PV_EDOM);
	CHECK_EQ(do_memory_op(PV_XENMEM_add_to_physmap, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_add_to_physmap, HOST_GUEST_BASE + HOST_GUEST_SIZE - 23),
		 -PV_EFAULT);
	done();
}

/* ---- exchange ---- */

#define XCH 0x100   /* guest offset of the exchange */
#define OUT 0x3000  /* guest offset of the out list */
#define XCHG PV_XENMEM_exchange

static uint64_t out_ent(uint64_t i)
{
	return get64(OUT + i * 8);
}

static void set_out(uint64_t i, uint64_t v)
{
	put64(OUT + i * 8, v);
}

static uint64_t exchanged(void)
{
	return get64(XCH + 64);
}

/* Writes an exchange at XCH with lists at LIST and OUT, domain @domid. */
static void put_xch(uint64_t in_nr, uint32_t in_order, uint64_t out_nr, uint32_t out_order,
		    uint32_t out_flags, uint16_t domid)
{
	struct pv_memory_exchange x = {
		.in = { .extent_start = gva(LIST), .nr_extents = in_nr,
			.extent_order = in_order, .domid = domid },
		.out = { .extent_start = gva(OUT), .nr_extents = out_nr,
			 .extent_order = out_order, .mem_flags = out_flags, .domid = domid },
	};

	memcpy(host_guest_memory + XCH, &x, sizeof(x));
}

/* The exchange at XCH with one field changed. */
static struct pv_memory_exchange *xch_at(void)
{
	return (struct pv_memory_exchange *)(host_guest_memory + XCH);
}

static long xch(void)
{
	return do_memory_op(XCHG, gva(XCH));
}

/* A fresh world with a domU of 8 frames, every one of them counted (nr_pages == max_pages). */
static struct domain *xch_world(uint16_t domid)
{
	fresh();
	return host_current_domain = make(domid, false, 8);
}

/* @count frames from @mfn are @d's at pfns from @pfn, the M2P saying so too. */
static bool placed(const struct domain *d, uint64_t mfn, uint64_t pfn, uint64_t count)
{
	for (uint64_t k = 0; k < count; k++) {
		if (!held(d, mfn + k, pfn + k) || m2p_get(mfn + k) != pfn + k)
			return false;
	}
	return true;
}

TEST(xch_many_for_one)
{
	struct domain *d = xch_world(340);
	uint64_t old[4], m;

	/* Four single frames for one extent of 4 below 2^20 bytes, at pfn 4. */
	for (unsigned int i = 0; i < 4; i++)
		set_ent(i, old[i] = d->p2m[4 + i]);
	set_out(0, 4);
	put_xch(4, 0, 1, 2, PV_XENMEMF_address_bits(20), PV_DOMID_SELF);
	CHECK_EQ(xch(), 0);
	CHECK_EQ(exchanged(), 4);
	m = out_ent(0);
	CHECK(m < 256 && m % 4 == 0);
	CHECK(placed(d, m, 4, 4));
	for (unsigned int i = 0; i < 4; i++)
		CHECK(old[i] >= m + 4 || old[i] < m ? is_free(old[i]) : true);
	CHECK_EQ(d->nr_pages, 8);
	CHECK_EQ(frames_free_count(), NFRAMES - 8);
	done();
}

TEST(xch_one_for_many)
{
	struct domain *d = xch_world(341);
	uint64_t m;

	for (unsigned int i = 0; i < 4; i++)
		set_ent(i, d->p2m[i]);
	set_out(0, 0);
	put_xch(4, 0, 1, 2, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), 0);
	m = out_ent(0);
	/* That extent of 4 for four single frames at pfns 10, 11, 3 and 20. */
	set_ent(0, m);
	set_out(0, 10);
	set_out(1, 11);
	set_out(2, 3);
	set_out(3, 20);
	d->max_pages = 11;
	put_xch(1, 2, 4, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), 0);
	CHECK_EQ(exchanged(), 1);
	CHECK(placed(d, out_ent(0), 10, 1) && placed(d, out_ent(1), 11, 1));
	CHECK(placed(d, out_ent(2), 3, 1) && placed(d, out_ent(3), 20, 1));
	for (unsigned int k = 0; k < 4; k++)
		CHECK(is_free(m + k) || (m + k) == out_ent(0) || (m + k) == out_ent(1) ||
		      (m + k) == out_ent(2) || (m + k) == out_ent(3));
	CHECK_EQ(d->nr_pages, 8);
	/* The frame that held pfn 3 before lost its p2m entry, as in populate_physmap. */
	CHECK_EQ(d->p2m[3], out_ent(2));
	/* Nothing to do: nr_exchanged already at the end. */
	CHECK_EQ(xch(), 0);
	done();
}

TEST(xch_checks)
{
	struct domain *d = xch_world(342);
	struct pv_memory_exchange *x = xch_at();

	set_ent(0, d->p2m[0]);
	set_out(0, 0);
	/* Unreadable argument; a start extent in cmd. */
	CHECK_EQ(do_memory_op(XCHG, BAD_VA), -PV_EFAULT);
	put_xch(1, 0, 1, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(do_memory_op(XCHG | (1 << 6), gva(XCH)), -PV_EINVAL);
	/* Orders past a domU's 9, before any other check. */
	put_xch(1, 10, 2, 0, 0, 999);
	CHECK_EQ(xch(), -PV_EPERM);
	put_xch(1, 0, 1, 10, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EPERM);
	/* Sanity: progress past the end, two domains, overflow, unbalanced. */
	put_xch(1, 0, 1, 0, 0, PV_DOMID_SELF);
	x->nr_exchanged = 2;
	CHECK_EQ(xch(), -PV_EINVAL);
	CHECK_EQ(exchanged(), 2); /* written back as it was */
	put_xch(1, 0, 1, 0, 0, PV_DOMID_SELF);
	x->out.domid = 342;
	CHECK_EQ(xch(), -PV_EINVAL);
	/* Frame counts that wrap to 0, as many as the other list's: overflow all the same. */
	put_xch(1ull << 62, 2, 1ull << 62, 2, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	put_xch(1ull << 63, 1, 0, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	put_xch(0, 0, 1ull << 63, 1, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	put_xch(2, 0, 1, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	put_xch(1, 0, 2, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	/* Nothing left to do: 0 before the lists and the domain are looked at. */
	put_xch(1, 0, 1, 0, 0, 999);
	x->nr_exchanged = 1;
	x->in.extent_start = BAD_VA;
	CHECK_EQ(xch(), 0);
	put_xch(0, 0, 0, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), 0);
	/* The lists: unreadable, or too long to address. */
	put_xch(1, 0, 1, 0, 0, 999);
	x->in.extent_start = BAD_VA;
	CHECK_EQ(xch(), -PV_EFAULT);
	put_xch(1, 0, 1, 0, 0, 999);
	x->out.extent_start = BAD_VA;
	CHECK_EQ(xch(), -PV_EFAULT);
	put_xch(1ull << 61, 0, 1ull << 61, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EFAULT);
	/* The out list from the first chunk not done: 2 in extents per out extent. */
	put_xch(4, 0, 2, 1, 0, PV_DOMID_SELF);
	x->nr_exchanged = 2;
	x->out.extent_start = gva(HOST_GUEST_SIZE - 8);
	CHECK_EQ(xch(), -PV_EFAULT); /* its entry 1 is past the end */
	CHECK_EQ(exchanged(), 2);
	/* The node: a domU's exact request, even with the vnode flag. */
	put_xch(1, 0, 1, 0, PV_XENMEMF_exact_node(0), 999);
	CHECK_EQ(xch(), -PV_EINVAL);
	put_xch(1, 0, 1, 0, PV_XENMEMF_exact_node(0) | PV_XENMEMF_vnode, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	/* The domain: none, then another one for a domU. */
	put_xch(1, 0, 1, 0, PV_XENMEMF_node(3), 999);
	CHECK_EQ(xch(), -PV_ESRCH);
	make(343, false, 2);
	put_xch(1, 0, 1, 0, 0, 343);
	CHECK_EQ(xch(), -PV_EPERM);
	/* None of it touched the domain. */
	CHECK(placed(d, d->p2m[0], 0, 1));
	CHECK_EQ(d->nr_pages, 8);
	CHECK_EQ(frames_free_count(), NFRAMES - 10);
	done();
}

TEST(xch_privileged)
{
	struct domain *d, *u;
	uint64_t m;

	fresh();
	u = make(344, false, 4);
	d = host_current_domain = make(345, true, 4);
	/* Past the control domain's order 18. */
	put_xch(1, 19, 1ull << 19, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EPERM);
	/* Nodes: one past MAX_NUMNODES, or an exact one without memory. */
	set_ent(0, d->p2m[1]);
	set_out(0, 1);
	put_xch(1, 0, 1, 0, PV_XENMEMF_node(64), PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	put_xch(1, 0, 1, 0, PV_XENMEMF_exact_node(1), PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_ENOMEM);
	CHECK_EQ(exchanged(), 0);
	CHECK(placed(d, d->p2m[1], 1, 1));
	put_xch(1, 0, 1, 0, PV_XENMEMF_exact_node(0), PV_DOMID_SELF);
	CHECK_EQ(xch(), 0);
	CHECK(placed(d, out_ent(0), 1, 1));
	/* For another domain, its frames. */
	m = u->p2m[2];
	set_ent(0, m);
	set_out(0, 2);
	put_xch(1, 0, 1, 0, 0, 344);
	CHECK_EQ(xch(), 0);
	CHECK(is_free(m));
	CHECK(placed(u, out_ent(0), 2, 1));
	CHECK_EQ(u->nr_pages, 4);
	done();
}

TEST(xch_in_frames_refused)
{
	struct domain *d, *other;
	uint64_t m, extra, *mem;
	uint64_t bad[5];

	fresh();
	mem = calloc((size_t)NFRAMES * 512, sizeof(uint64_t));
	host_frame_memory_set(mem, NFRAMES);
	other = make(346, false, 4);
	d = host_current_domain = make(347, false, 8);
	extra = domain_alloc_extra_frame(d);
	m = frames_alloc(0);
	frames_free(m, 0);
	/* Beyond RAM, another domain's, a free frame, shared_info, listed twice. */
	bad[0] = NFRAMES + 5;
	bad[1] = other->p2m[0];
	bad[2] = m;
	bad[3] = extra;
	bad[4] = d->p2m[0];
	/* Each as the second of a chunk of two: the first goes back untouched. */
	for (unsigned int i = 0; i < 5; i++) {
		set_ent(0, d->p2m[0]);
		set_ent(1, bad[i]);
		set_out(0, 0);
		put_xch(2, 0, 1, 1, 0, PV_DOMID_SELF);
		CHECK_EQ(xch(), -PV_EINVAL);
		CHECK_EQ(exchanged(), 0);
		CHECK(placed(d, d->p2m[0], 0, 1));
		CHECK_EQ(d->nr_pages, 8);
	}
	CHECK(is_free(m));
	CHECK(held(other, other->p2m[0], 0));
	CHECK_EQ(frame_owner(extra), 347);

	/* Referenced: a mapping, a type, a pin. */
	m = d->p2m[2];
	set_ent(0, m);
	set_out(0, 2);
	put_xch(1, 0, 1, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(page_get_ref(m, d), 0);
	CHECK_EQ(xch(), -PV_EINVAL);
	CHECK_EQ(page_get_type(m, d, PV_TYPE_WRITABLE), 0);
	CHECK_EQ(xch(), -PV_EINVAL);
	page_put_ref_and_type(m);
	CHECK_EQ(page_pin(m, d, PV_TYPE_L1), 0);
	CHECK_EQ(xch(), -PV_EINVAL);
	CHECK_EQ(page_unpin(m, d), 0);
	CHECK(placed(d, m, 2, 1));
	CHECK_EQ(xch(), 0);
	CHECK(is_free(m));

	/* An in extent of 2 whose second frame is referenced. */
	set_ent(0, d->p2m[0]);
	set_ent(1, d->p2m[1]);
	set_out(0, 0);
	put_xch(2, 0, 1, 1, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), 0);
	m = out_ent(0);
	CHECK_EQ(page_get_ref(m + 1, d), 0);
	set_ent(0, m);
	set_out(0, 0);
	set_out(1, 1);
	put_xch(1, 1, 2, 0, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	CHECK(placed(d, m, 0, 2));
	page_put_ref(m + 1);
	CHECK_EQ(d->nr_pages, 8);
	done();
	host_frame_memory_set(NULL, 0);
	free(mem);
}

TEST(xch_no_memory)
{
	struct domain *d = xch_world(348);
	uint64_t taken[16], free_before;
	unsigned int n = 0;

	/* Every frame below 16 in use: 16 address bits leave none. */
	while (n < 16 && (taken[n] = frames_alloc_below(0, 16)) != FRAME_NONE)
		n++;
	CHECK(n >= 4);
	set_ent(0, d->p2m[5]);
	set_out(0, 5);
	put_xch(1, 0, 1, 0, PV_XENMEMF_address_bits(16), PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_ENOMEM);
	CHECK_EQ(exchanged(), 0);
	CHECK(placed(d, d->p2m[5], 5, 1));
	/* 13 bits or fewer mean frames below 2 in Xen's zones. */
	put_xch(1, 0, 1, 0, PV_XENMEMF_address_bits(5), PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_ENOMEM);
	/* Two frames free below 16, a chunk needs four: the two it had go back. */
	frames_free(taken[0], 0);
	frames_free(taken[1], 0);
	d->max_pages = 12;
	CHECK_EQ(res(INC, 1, 2), 1);
	set_ent(0, ent(0));
	for (unsigned int j = 0; j < 4; j++)
		set_out(j, 30 + j);
	free_before = frames_free_count();
	put_xch(1, 2, 4, 0, PV_XENMEMF_address_bits(16), PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_ENOMEM);
	CHECK_EQ(frames_free_count(), free_before);
	CHECK_EQ(d->nr_pages, 12);
	CHECK_EQ(out_ent(0), 30);
	/* With two more it fits. */
	frames_free(taken[2], 0);
	frames_free(taken[3], 0);
	CHECK_EQ(xch(), 0);
	for (unsigned int j = 0; j < 4; j++)
		CHECK(out_ent(j) < 16 && placed(d, out_ent(j), 30 + j, 1));
	for (unsigned int i = 4; i < n; i++)
		frames_free(taken[i], 0);
	done();
}

TEST(xch_chunks)
{
	struct domain *d = xch_world(349);
	uint64_t m;

	/* Three chunks of two frames for one extent of 2; the third has a bad frame. */
	for (unsigned int i = 0; i < 6; i++)
		set_ent(i, d->p2m[i]);
	set_ent(5, NFRAMES);
	for (unsigned int j = 0; j < 3; j++)
		set_out(j, 2 * j);
	put_xch(6, 0, 3, 1, 0, PV_DOMID_SELF);
	CHECK_EQ(xch(), -PV_EINVAL);
	CHECK_EQ(exchanged(), 4);
	CHECK(placed(d, out_ent(0), 0, 2) && placed(d, out_ent(1), 2, 2));
	CHECK_EQ(out_ent(2), 4);
	CHECK(placed(d, d->p2m[4], 4, 1));
	/* Going on from nr_exchanged once the list is right. */
	set_ent(5, d->p2m[5]);
	CHECK_EQ(xch(), 0);
	CHECK_EQ(exchanged(), 6);
	CHECK(placed(d, out_ent(2), 4, 2));

	/* An out list that stops being readable after the first of a chunk's two extents. */
	m = out_ent(2);
	set_ent(0, m);
	put_xch(1, 1, 2, 0, 0, PV_DOMID_SELF);
	xch_at()->out.extent_start = gva(HOST_GUEST_SIZE - 8);
	put64(HOST_GUEST_SIZE - 8, 40);
	CHECK_EQ(xch(), -PV_EFAULT);
	/* The chunk went through but is not counted, as in Xen. */
	CHECK_EQ(exchanged(), 0);
	CHECK(is_free(m) || is_free(m + 1) || get64(HOST_GUEST_SIZE - 8) == m);
	CHECK(placed(d, get64(HOST_GUEST_SIZE - 8), 40, 1));
	CHECK_EQ(d->nr_pages, 8);
	/* An in list that stops being readable in the middle of a chunk. */
	set_ent(0, d->p2m[0]);
	put_xch(2, 0, 1, 1, 0, PV_DOMID_SELF);
	xch_at()->in.extent_start = gva(HOST_GUEST_SIZE - 8);
	put64(HOST_GUEST_SIZE - 8, d->p2m[0]);
	CHECK_EQ(xch(), -PV_EFAULT);
	CHECK(placed(d, d->p2m[0], 0, 1));
	done();
}

TEST(xch_continuation)
{
	struct domain *d = xch_world(339);

	/* Four chunks of one frame each, preempted after every chunk. */
	for (unsigned int i = 0; i < 4; i++) {
		set_ent(i, d->p2m[i]);
		set_out(i, i);
	}
	put_xch(4, 0, 4, 0, 0, PV_DOMID_SELF);
	host_preempt = true;
	for (uint64_t n = 1; n < 4; n++) {
		host_continued_nr = 0;
		CHECK_EQ(xch(), 0x7fff);
		CHECK_EQ(exchanged(), n);
		CHECK_EQ(host_continued_nr, PV_HYPERVISOR_memory_op);
		CHECK_EQ(host_continued_nargs, 2);
		CHECK_EQ(host_continued_args[0], XCHG);
		CHECK_EQ(host_continued_args[1], gva(XCH));
		CHECK(placed(d, out_ent(n - 1), n - 1, 1));
		CHECK_EQ(out_ent(n), n);
	}
	host_continued_nr = 0;
	CHECK_EQ(xch(), 0);
	CHECK_EQ(host_continued_nr, 0);
	CHECK_EQ(exchanged(), 4);
	host_preempt = false;
	for (unsigned int i = 0; i < 4; i++)
		CHECK(placed(d, out_ent(i), i, 1));
	CHECK_EQ(d->nr_pages, 8);
	done();
}
