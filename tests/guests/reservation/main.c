/*
 * memory_op's reservation changes and M2P queries, from inside a guest.
 *
 * The kernel gives back frames beyond the bootstrap area (pfns it holds
 * but nothing maps), checks its reservation and their M2P entries, takes
 * them again with populate_physmap and increase_reservation and writes
 * through a mapping of a new frame; tries extents of several orders, its
 * max_pages, frames in use (a page table, a mapped frame, shared_info:
 * freed when unused) and not its own, and bad requests; exchanges frames
 * for a machine-contiguous extent and back; reads where the M2P
 * is and which frames back it; and ends holding frames it never learned
 * the numbers of, which the domain's teardown must return with the rest.
 */
#include "guest.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/types.h"

#define PTE_FLAGS 0x67ul /* present, writable, user, accessed, dirty */
#define M2P_NONE (~0ul)
#define UNMAPPED 0x100000000000ul
#define BIG 1024

#define INC PV_XENMEM_increase_reservation
#define DEC PV_XENMEM_decrease_reservation
#define POP PV_XENMEM_populate_physmap

static volatile uint64_t window[512] __attribute__((aligned(4096)));
static uint64_t list[BIG];
static uint64_t out_list[16];
static const struct pv_start_info *si;
static bool privileged;
static uint64_t spare; /* the first pfn after the bootstrap area */

static uint64_t *p2m(void)
{
	return (uint64_t *)si->mfn_list;
}

static uint64_t mfn_of_va(const volatile void *va)
{
	return p2m()[((uint64_t)va - GUEST_VIRT_BASE) / PAGE_SIZE];
}

static uint64_t m2p(uint64_t mfn)
{
	return ((const volatile uint64_t *)PV_MACH2PHYS_VIRT_START)[mfn];
}

static long memop(uint64_t cmd, const void *arg)
{
	return HYPERCALL2(memory_op, cmd, arg);
}

static long memop_res(unsigned int op, uint64_t start, const void *extents, uint64_t nr,
		      uint32_t order, uint32_t flags, uint16_t domid)
{
	struct pv_memory_reservation r = {
		.extent_start = (uint64_t)extents, .nr_extents = nr, .extent_order = order,
		.mem_flags = flags, .domid = domid,
	};

	return memop(op | (start << 6), &r);
}

/* @op on our own memory with the extents in list[]. */
static long res(unsigned int op, uint64_t nr, uint32_t order)
{
	return memop_res(op, 0, list, nr, order, 0, PV_DOMID_SELF);
}

static long current_pages(void)
{
	pv_domid_t self = PV_DOMID_SELF;

	return memop(PV_XENMEM_current_reservation, &self);
}

static long map_window(uint64_t mfn)
{
	return HYPERCALL3(update_va_mapping, (uint64_t)window, mfn << 12 | PTE_FLAGS,
			  PV_UVMF_INVLPG | PV_UVMF_LOCAL);
}

static void unmap_window(void)
{
	CHECK_EQ(map_window(mfn_of_va(window)), 0);
}

/* list[i] = the mfns of pfns @first.. (what decrease_reservation takes). */
static void list_mfns(uint64_t first, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		list[i] = p2m()[first + i];
}

static void list_pfns(uint64_t first, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		list[i] = first + i;
}

/* Gives back pfns [first, first + n) and takes them again, order 0. */
static void give_back(uint64_t first, uint64_t n)
{
	list_mfns(first, n);
	CHECK_EQ(res(DEC, n, 0), (long)n);
}

static void repopulate(uint64_t first, uint64_t n)
{
	list_pfns(first, n);
	CHECK_EQ(res(POP, n, 0), (long)n);
	for (uint64_t i = 0; i < n; i++) {
		CHECK_EQ(m2p(list[i]), first + i);
		p2m()[first + i] = list[i];
	}
}

static void find_spare(void)
{
	uint64_t stack_end = si->pt_base + (si->nr_pt_frames + 1) * PAGE_SIZE;
	uint64_t v_end = (stack_end + (4ul << 20) - 1) & ~((4ul << 20) - 1);

	if (v_end - stack_end < (512ul << 10))
		v_end += 4ul << 20;
	spare = (v_end - GUEST_VIRT_BASE) / PAGE_SIZE;
}

static void check_m2p_queries(void)
{
	struct pv_machphys_mapping m;
	struct pv_machphys_mfn_list l = { .max_extents = 64, .extent_start = (uint64_t)list };
	long ram = memop(PV_XENMEM_maximum_ram_page, NULL);
	uint64_t units = ((uint64_t)ram * 8 + (2ul << 20) - 1) >> 21;

	CHECK_EQ(memop(PV_XENMEM_machphys_mapping, &m), 0);
	CHECK_EQ(m.v_start, PV_MACH2PHYS_VIRT_START);
	CHECK_EQ(m.v_end, PV_MACH2PHYS_VIRT_END);
	CHECK_EQ(m.max_mfn, privileged ? (uint64_t)ram - 1 : PV_MACH2PHYS_NR_ENTRIES - 1);
	CHECK_EQ(memop(PV_XENMEM_machphys_mapping, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(memop(PV_XENMEM_machphys_mapping | (1 << 6), &m), -PV_ENOSYS);

	list[units] = 0x5555;
	CHECK_EQ(memop(PV_XENMEM_machphys_mfn_list, &l), 0);
	CHECK_EQ(l.nr_extents, units);
	for (uint64_t i = 1; i < units; i++)
		CHECK_EQ(list[i], list[0] + i * 512); /* one contiguous table */
	CHECK_EQ(list[units], 0x5555);
	l.max_extents = 0;
	l.extent_start = UNMAPPED;
	CHECK_EQ(memop(PV_XENMEM_machphys_mfn_list, &l), 0);
	CHECK_EQ(l.nr_extents, 0);
	l.max_extents = 1;
	CHECK_EQ(memop(PV_XENMEM_machphys_mfn_list, &l), -PV_EFAULT);
	CHECK_EQ(memop(PV_XENMEM_machphys_mfn_list | (1 << 6), &l), -PV_ENOSYS);
	printf("reservation: M2P at [%#lx, %#lx), max_mfn %#lx, %lu 2 MiB units from mfn %#lx\n",
	       m.v_start, m.v_end, m.max_mfn, units, list[0]);
}

/* Give back 16 frames, check, take them again, and use one. */
static void check_give_back_and_populate(long pages)
{
	uint64_t old[16];

	/* Mark the first one, through a mapping of our own making. */
	CHECK_EQ(map_window(p2m()[spare]), 0);
	window[0] = 0xdeadbeef;
	unmap_window();

	list_mfns(spare, 16);
	for (int i = 0; i < 16; i++)
		old[i] = list[i];
	CHECK_EQ(res(DEC, 16, 0), 16);
	CHECK_EQ(current_pages(), pages - 16);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(m2p(old[i]), M2P_NONE);
	/* They are not ours any more: no mapping, no second return. */
	CHECK_EQ(map_window(old[0]), -PV_EBUSY);
	CHECK_EQ(res(DEC, 16, 0), 0);
	CHECK_EQ(current_pages(), pages - 16);

	repopulate(spare, 16);
	CHECK_EQ(current_pages(), pages);
	/* A new frame is zeroed, and ours to map and write. */
	CHECK_EQ(map_window(p2m()[spare]), 0);
	CHECK_EQ(window[0], 0);
	window[0] = 0x1234;
	window[511] = 0x5678;
	CHECK_EQ(window[0] + window[511], 0x1234 + 0x5678);
	unmap_window();
	CHECK_EQ(map_window(p2m()[spare]), 0);
	CHECK_EQ(window[0], 0x1234);
	unmap_window();
	printf("reservation: gave back 16 pages and populated them again\n");
}

/* Extents of 2^order frames; a domU may not go above 2^9, dom0 may. */
static void check_orders(void)
{
	unsigned int order = privileged ? 10 : 9;
	uint64_t n = 1ul << order, mfn;

	give_back(spare, n);
	list[0] = spare;
	if (!privileged)
		CHECK_EQ(res(POP, 1, 10), 0);
	CHECK_EQ(res(POP, 1, 19), 0);
	CHECK_EQ(list[0], spare);
	CHECK_EQ(res(POP, 1, order), 1);
	mfn = list[0];
	CHECK_EQ(mfn & (n - 1), 0);
	for (uint64_t i = 0; i < n; i++) {
		CHECK_EQ(m2p(mfn + i), spare + i);
		p2m()[spare + i] = mfn + i;
	}
	/* The whole extent back, then frame by frame again. */
	list[0] = mfn;
	CHECK_EQ(res(DEC, 1, order), 1);
	CHECK_EQ(m2p(mfn + n - 1), M2P_NONE);
	repopulate(spare, n);
	printf("reservation: extents of order %u\n", order);
}

/*
 * Nothing beyond max_pages (a domU's; dom0 has none, ~0U as on Xen);
 * increase_reservation's frames have no pfn.
 */
static void check_limits(long pages)
{
	uint64_t a, b;

	if (privileged) {
		CHECK_EQ(memop(PV_XENMEM_maximum_reservation, &(pv_domid_t){ PV_DOMID_SELF }),
			 0xffffffffl);
		printf("reservation: no max_pages for dom0\n");
		return;
	}
	CHECK_EQ(memop(PV_XENMEM_maximum_reservation, &(pv_domid_t){ PV_DOMID_SELF }), pages);
	list[0] = spare + 100;
	CHECK_EQ(res(POP, 1, 0), 0);
	CHECK_EQ(memop_res(INC, 0, NULL, 1, 0, 0, PV_DOMID_SELF), 0);
	give_back(spare, 4);
	list_pfns(spare, 8);
	CHECK_EQ(res(POP, 8, 0), 4);
	for (uint64_t i = 0; i < 4; i++)
		p2m()[spare + i] = list[i];
	CHECK_EQ(list[4], spare + 4); /* not done, not touched */
	CHECK_EQ(current_pages(), pages);

	give_back(spare, 2);
	CHECK_EQ(res(INC, 2, 0), 2);
	a = list[0];
	b = list[1];
	CHECK_EQ(m2p(a), M2P_NONE);
	CHECK_EQ(current_pages(), pages);
	CHECK_EQ(map_window(b), 0);
	CHECK_EQ(window[7], 0);
	window[7] = 77;
	unmap_window();
	CHECK_EQ(res(DEC, 2, 0), 2);
	repopulate(spare, 2);
	CHECK_EQ(current_pages(), pages);
	printf("reservation: max_pages %ld holds\n", pages);
}

static long mmuext1(unsigned int cmd, uint64_t mfn)
{
	struct pv_mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

	return hypercall(PV_HYPERVISOR_mmuext_op, (uint64_t)&op, 1, 0, PV_DOMID_SELF, 0);
}

/*
 * Frames in use go back as on Xen: counted done at once and still ours
 * while used, then freed (out of the reservation, their M2P entry
 * invalid) when their last use goes.  A frame not ours stops the request.
 */
static void check_in_use(long pages)
{
	uint64_t l4 = mfn_of_va((void *)si->pt_base), m = p2m()[spare];
	long ram = memop(PV_XENMEM_maximum_ram_page, NULL);

	list[0] = ram + 10;
	CHECK_EQ(res(DEC, 1, 0), 0);
	/* Our root page table, and shared_info: accepted, and kept while used. */
	list[0] = l4;
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(m2p(l4), (si->pt_base - GUEST_VIRT_BASE) / PAGE_SIZE);
	list[0] = si->shared_info >> 12;
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(current_pages(), pages);

	/* Mapped by us: ours until unmapped, then gone. */
	CHECK_EQ(map_window(m), 0);
	window[3] = 3;
	list[0] = m;
	CHECK_EQ(res(DEC, 1, 0), 1);
	CHECK_EQ(window[3], 3);
	CHECK_EQ(m2p(m), spare);
	CHECK_EQ(current_pages(), pages);
	CHECK_EQ(res(DEC, 1, 0), 1);
	unmap_window();
	CHECK_EQ(m2p(m), M2P_NONE);
	CHECK_EQ(current_pages(), pages - 1);
	CHECK_EQ(res(DEC, 1, 0), 0);
	CHECK_EQ(map_window(m), -PV_EBUSY);
	repopulate(spare, 1);

	/* A pinned page table: the first extent goes, the second (not ours) stops the call. */
	m = p2m()[spare];
	CHECK_EQ(mmuext1(PV_MMUEXT_PIN_L1_TABLE, m), 0);
	list[0] = m;
	list[1] = ram + 10;
	CHECK_EQ(res(DEC, 2, 0), 1);
	CHECK_EQ(current_pages(), pages);
	CHECK_EQ(mmuext1(PV_MMUEXT_UNPIN_TABLE, m), 0);
	CHECK_EQ(m2p(m), M2P_NONE);
	CHECK_EQ(current_pages(), pages - 1);
	repopulate(spare, 1);
	CHECK_EQ(current_pages(), pages);
	printf("reservation: frames in use given back, freed when unused\n");
}

static void check_bad_requests(long pages)
{
	struct pv_add_to_physmap xatp = { .domid = PV_DOMID_SELF,
					  .space = PV_XENMAPSPACE_shared_info, .gpfn = spare };
	/* The last two entries before the unmapped pfns (the area's padding). */
	uint64_t *edge = (uint64_t *)(GUEST_VIRT_BASE + spare * PAGE_SIZE) - 2;

	list_mfns(spare, 4);
	/* A refused request answers its start extent, never an error. */
	CHECK_EQ(memop(DEC, (void *)UNMAPPED), 0);
	CHECK_EQ(memop(DEC | (3 << 6), (void *)UNMAPPED), 3);
	CHECK_EQ(memop_res(DEC, 0, list, 0x4000000, 0, 0, PV_DOMID_SELF), 0);
	CHECK_EQ(memop_res(DEC, 4, list, 4, 0, 0, PV_DOMID_SELF), 4);
	CHECK_EQ(memop_res(DEC, 0, list, 4, 0, 0, 999), 0);
	CHECK_EQ(memop_res(DEC, 0, (void *)0xffff830000000000ul, 4, 0, 0, PV_DOMID_SELF), 0);
	CHECK_EQ(memop_res(DEC, 0, list, 4, 0, PV_XENMEMF_address_bits(12), PV_DOMID_SELF), 0);
	if (privileged) {
		CHECK_EQ(memop_res(DEC, 0, list, 4, 0, PV_XENMEMF_node(64), PV_DOMID_SELF), 0);
	} else {
		/* Another domain (dom0), or an exact node: not for a domU. */
		CHECK_EQ(memop_res(DEC, 0, list, 4, 0, 0, 0), 0);
		CHECK_EQ(memop_res(DEC, 0, list, 4, 0, PV_XENMEMF_exact_node(0), PV_DOMID_SELF), 0);
	}
	CHECK_EQ(current_pages(), pages);

	/* Only the list's start is checked: an unreadable entry ends the request. */
	edge[0] = p2m()[spare];
	edge[1] = p2m()[spare + 1];
	CHECK_EQ(memop_res(DEC, 0, edge, 4, 0, 0, PV_DOMID_SELF), 2);
	repopulate(spare, 2);
	CHECK_EQ(current_pages(), pages);

	/* add_to_physmap is for translated guests. */
	CHECK_EQ(memop(PV_XENMEM_add_to_physmap, &xatp), -PV_EACCES);
	xatp.domid = 999;
	CHECK_EQ(memop(PV_XENMEM_add_to_physmap, &xatp), -PV_ESRCH);
	xatp.space = PV_XENMAPSPACE_gmfn_foreign;
	CHECK_EQ(memop(PV_XENMEM_add_to_physmap, &xatp), -PV_ENOSYS);
	CHECK_EQ(memop(PV_XENMEM_add_to_physmap | (0x10000 << 6), &xatp), -PV_EDOM);
	CHECK_EQ(memop(PV_XENMEM_add_to_physmap, (void *)UNMAPPED), -PV_EFAULT);
	printf("reservation: bad requests answered\n");
}

static long exchange(struct pv_memory_exchange *x, uint64_t in_nr, uint32_t in_order,
		     uint64_t out_nr, uint32_t out_order, uint32_t out_flags)
{
	*x = (struct pv_memory_exchange){
		.in = { .extent_start = (uint64_t)list, .nr_extents = in_nr,
			.extent_order = in_order, .domid = PV_DOMID_SELF },
		.out = { .extent_start = (uint64_t)out_list, .nr_extents = out_nr,
			 .extent_order = out_order, .mem_flags = out_flags,
			 .domid = PV_DOMID_SELF },
	};
	return memop(PV_XENMEM_exchange, x);
}

/*
 * XENMEM_exchange as Linux's xen_create_contiguous_region uses it: 16
 * frames for one machine-contiguous extent below 4 GiB, used, then
 * exchanged back for single frames; and requests Xen refuses.
 */
static void check_exchange(long pages)
{
	struct pv_memory_exchange x;
	uint64_t old[16], mfn, l4 = mfn_of_va((void *)si->pt_base);
	unsigned int too_big = privileged ? 19 : 10;

	list_mfns(spare, 16);
	for (int i = 0; i < 16; i++)
		old[i] = list[i];
	out_list[0] = spare;
	CHECK_EQ(exchange(&x, 16, 0, 1, 4, PV_XENMEMF_address_bits(32)), 0);
	CHECK_EQ(x.nr_exchanged, 16);
	mfn = out_list[0];
	CHECK_EQ(mfn & 15, 0);
	CHECK(mfn + 15 < (1ul << 20));
	for (uint64_t i = 0; i < 16; i++) {
		CHECK_EQ(m2p(mfn + i), spare + i);
		p2m()[spare + i] = mfn + i;
	}
	for (int i = 0; i < 16; i++)
		CHECK(old[i] - mfn < 16 || m2p(old[i]) == M2P_NONE);
	CHECK_EQ(map_window(old[0]) == 0, old[0] - mfn < 16);
	unmap_window();
	CHECK_EQ(current_pages(), pages);
	CHECK_EQ(map_window(mfn + 15), 0);
	window[5] = 0xc0ffee;
	unmap_window();
	CHECK_EQ(map_window(mfn + 15), 0);
	CHECK_EQ(window[5], 0xc0ffee);
	unmap_window();

	/* Back to single frames, wherever they come from. */
	list[0] = mfn;
	for (uint64_t i = 0; i < 16; i++)
		out_list[i] = spare + i;
	CHECK_EQ(exchange(&x, 1, 4, 16, 0, 0), 0);
	for (uint64_t i = 0; i < 16; i++) {
		CHECK_EQ(m2p(out_list[i]), spare + i);
		p2m()[spare + i] = out_list[i];
	}
	CHECK_EQ(current_pages(), pages);

	/* Refused, the chunk's frames kept: a page table, a mapped frame, not balanced. */
	list_mfns(spare, 2);
	list[1] = l4;
	out_list[0] = spare;
	CHECK_EQ(exchange(&x, 2, 0, 1, 1, 0), -PV_EINVAL);
	CHECK_EQ(x.nr_exchanged, 0);
	list[1] = mfn_of_va(window);
	CHECK_EQ(exchange(&x, 2, 0, 1, 1, 0), -PV_EINVAL);
	CHECK_EQ(exchange(&x, 2, 0, 1, 0, 0), -PV_EINVAL);
	CHECK_EQ(exchange(&x, 1, too_big, 1ul << too_big, 0, 0), -PV_EPERM);
	CHECK_EQ(exchange(&x, 1, 0, 1, 0, PV_XENMEMF_address_bits(13)), -PV_ENOMEM);
	CHECK_EQ(memop(PV_XENMEM_exchange, (void *)UNMAPPED), -PV_EFAULT);
	CHECK_EQ(m2p(list[0]), spare);
	CHECK_EQ(current_pages(), pages);
	printf("reservation: exchanged 16 frames for an extent of order 4 below 4 GiB and back\n");
}

/* Frames we hold without knowing their numbers, or without a pfn the hypervisor records. */
static void leave_loose_frames(long pages)
{
	give_back(spare, 3);
	CHECK_EQ(memop_res(INC, 0, NULL, 2, 0, 0, PV_DOMID_SELF), 2);
	list[0] = 1ul << 40;
	CHECK_EQ(res(POP, 1, 0), 1);
	CHECK_EQ(m2p(list[0]), 1ul << 40);
	CHECK_EQ(current_pages(), pages);
	printf("reservation: ending with frames held outside the p2m\n");
}

void test_main(const struct pv_start_info *start_info)
{
	long pages;

	si = start_info;
	privileged = si->flags & PV_SIF_PRIVILEGED;
	find_spare();
	pages = current_pages();
	CHECK_EQ(pages, (long)si->nr_pages);
	printf("reservation: %s with %ld pages, pfns from %#lx unmapped\n",
	       privileged ? "dom0" : "domU", pages, spare);
	check_m2p_queries();
	check_give_back_and_populate(pages);
	check_orders();
	check_limits(pages);
	check_in_use(pages);
	check_bad_requests(pages);
	check_exchange(pages);
	leave_loose_frames(pages);
}
