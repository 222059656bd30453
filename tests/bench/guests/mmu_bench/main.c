/*
 * mmu_bench: the cost of one page-table entry update, by each way a PV
 * kernel can make it, timed with RDTSC from inside the guest.
 *
 * The updates all land in one L1 table: the one that maps "arena", a
 * 2 MiB-aligned 2 MiB array in our .bss (so its 512 entries are exactly
 * one bootstrap L1 table, and nothing else of ours lives there; the arena
 * is never touched).  A sweep sets all 512 entries to one of two spare
 * frames of ours, the next sweep to the other, so every update really
 * changes the entry.  Each operation:
 *
 *   null_hypercall       xen_version(XENVER_version): the hypercall round trip
 *   plain_store          movq to a 512-entry array in an ordinary page
 *   mmu_update_single    mmu_update with one request per call
 *   mmu_update_batch512  mmu_update with 512 requests (a whole sweep) per call
 *   uvm_none             update_va_mapping(va, pte, 0)
 *   uvm_invlpg           update_va_mapping(va, pte, UVMF_INVLPG)
 *   multicall_uvm32      multicall of 32 update_va_mapping(va, pte, 0)
 *   ptwr_store           movq to the entry through the bootstrap area's
 *                        read-only mapping of the L1 table (writable page
 *                        tables: trapped and emulated)
 *
 * What is timed is everything the kernel does for the updates (filling the
 * request arrays included).  Each sample runs whole sweeps and prints
 * "bench <op> <ticks per update>" (the loop of tests/bench/lib/bench.h).
 * After each sample the L1 entries are read back through the read-only
 * mapping and checked.  Command line: rounds=N (default 7), scale=N
 * (multiplies every sample's sweep count, default 1).
 */
#include "bench.h"
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/multicall.h"
#include "hypercall-abi/types.h"
#include "hypercall-abi/version.h"

#define FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define ENTRIES 512u
#define MULTICALL_BATCH 32u

static uint8_t arena[ENTRIES * PAGE_SIZE] __attribute__((aligned(ENTRIES * PAGE_SIZE)));
static volatile uint64_t plain[ENTRIES] __attribute__((aligned(4096)));

static volatile uint64_t *l1_ro;  /* the arena's L1 table, read-only mapping */
static uint64_t l1_maddr;         /* its machine address */
static uint64_t own_pte[ENTRIES]; /* the entries as the builder made them */
static uint64_t frame_pte[2];     /* the two spare frames, as entries */
static unsigned int phase;        /* the next sweep writes frame_pte[phase] */
static unsigned int errors;       /* failed hypercalls inside timed loops */

static struct pv_mmu_update reqs[ENTRIES];
static struct pv_multicall_entry calls[MULTICALL_BATCH];

/* Finds the L1 table that maps @va: its mapping in the bootstrap area and its machine address. */
static bool find_l1(uint64_t va)
{
	uint64_t table;
	const volatile uint64_t *e = pt_entry(va, 1, &table);

	if (!e)
		return false;
	/* Written to by ptwr_store: trapped and emulated (writable page tables). */
	l1_ro = (volatile uint64_t *)(e - pt_index(va, 1));
	l1_maddr = table << 12;
	return true;
}

static uint64_t arena_va(unsigned int i)
{
	return (uint64_t)arena + (uint64_t)i * PAGE_SIZE;
}

/* Each benchmark does @sweeps sweeps; returns the number of updates. */
static uint64_t bench_null_hypercall(unsigned int sweeps)
{
	for (unsigned int s = 0; s < sweeps; s++) {
		for (unsigned int i = 0; i < ENTRIES; i++)
			errors += HYPERCALL2(xen_version, PV_XENVER_version, 0) <= 0;
	}
	return (uint64_t)sweeps * ENTRIES;
}

static uint64_t bench_plain_store(unsigned int sweeps)
{
	static unsigned int plain_phase;

	for (unsigned int s = 0; s < sweeps; s++) {
		uint64_t v = frame_pte[plain_phase];

		for (unsigned int i = 0; i < ENTRIES; i++)
			__asm__ volatile("movq %1, %0" : "=m"(plain[i]) : "r"(v) : "memory");
		plain_phase ^= 1;
	}
	return (uint64_t)sweeps * ENTRIES;
}

static uint64_t bench_mmu_update_single(unsigned int sweeps)
{
	for (unsigned int s = 0; s < sweeps; s++) {
		uint64_t v = frame_pte[phase];

		for (unsigned int i = 0; i < ENTRIES; i++) {
			reqs[0].ptr = (l1_maddr + i * 8) | PV_MMU_NORMAL_PT_UPDATE;
			reqs[0].val = v;
			errors += hypercall(PV_HYPERVISOR_mmu_update, (uint64_t)reqs, 1, 0,
					    PV_DOMID_SELF, 0) != 0;
		}
		phase ^= 1;
	}
	return (uint64_t)sweeps * ENTRIES;
}

static uint64_t bench_mmu_update_batch(unsigned int sweeps)
{
	for (unsigned int s = 0; s < sweeps; s++) {
		uint64_t v = frame_pte[phase];

		for (unsigned int i = 0; i < ENTRIES; i++) {
			reqs[i].ptr = (l1_maddr + i * 8) | PV_MMU_NORMAL_PT_UPDATE;
			reqs[i].val = v;
		}
		errors += hypercall(PV_HYPERVISOR_mmu_update, (uint64_t)reqs, ENTRIES, 0,
				    PV_DOMID_SELF, 0) != 0;
		phase ^= 1;
	}
	return (uint64_t)sweeps * ENTRIES;
}

static uint64_t uvm(unsigned int sweeps, uint64_t flags)
{
	for (unsigned int s = 0; s < sweeps; s++) {
		uint64_t v = frame_pte[phase];

		for (unsigned int i = 0; i < ENTRIES; i++)
			errors += HYPERCALL3(update_va_mapping, arena_va(i), v, flags) != 0;
		phase ^= 1;
	}
	return (uint64_t)sweeps * ENTRIES;
}

static uint64_t bench_uvm_none(unsigned int sweeps)
{
	return uvm(sweeps, PV_UVMF_NONE);
}

static uint64_t bench_uvm_invlpg(unsigned int sweeps)
{
	return uvm(sweeps, PV_UVMF_INVLPG | PV_UVMF_LOCAL);
}

static uint64_t bench_multicall_uvm(unsigned int sweeps)
{
	for (unsigned int s = 0; s < sweeps; s++) {
		uint64_t v = frame_pte[phase];

		for (unsigned int i = 0; i < ENTRIES; i += MULTICALL_BATCH) {
			for (unsigned int j = 0; j < MULTICALL_BATCH; j++) {
				calls[j].op = PV_HYPERVISOR_update_va_mapping;
				calls[j].args[0] = arena_va(i + j);
				calls[j].args[1] = v;
				calls[j].args[2] = PV_UVMF_NONE;
			}
			errors += HYPERCALL2(multicall, calls, MULTICALL_BATCH) != 0;
			for (unsigned int j = 0; j < MULTICALL_BATCH; j++)
				errors += calls[j].result != 0;
		}
		phase ^= 1;
	}
	return (uint64_t)sweeps * ENTRIES;
}

static uint64_t bench_ptwr_store(unsigned int sweeps)
{
	for (unsigned int s = 0; s < sweeps; s++) {
		uint64_t v = frame_pte[phase];

		for (unsigned int i = 0; i < ENTRIES; i++)
			__asm__ volatile("movq %1, %0" : "=m"(l1_ro[i]) : "r"(v) : "memory");
		phase ^= 1;
	}
	return (uint64_t)sweeps * ENTRIES;
}

/*
 * After an updating benchmark: every entry shows the frame of the last sweep
 * (but for PTE_G, which the hypervisor adds to kernel mappings).
 */
static void check_entries(const char *name)
{
	uint64_t want = frame_pte[phase ^ 1];
	unsigned int bad = 0;

	for (unsigned int i = 0; i < ENTRIES; i++)
		bad += (l1_ro[i] & ~PTE_G) != want;
	if (bad)
		test_fail(__FILE__, __LINE__, "%s: %u entries not updated (entry 0 %#lx, want %#lx)",
			  name, bad, l1_ro[0], want);
}

/* Sweeps per sample (times scale=): roughly 20-40 ms of TCG time each. */
static const struct bench benches[] = {
	{ "null_hypercall", bench_null_hypercall, 128, NULL },
	{ "plain_store", bench_plain_store, 8192, NULL },
	{ "mmu_update_single", bench_mmu_update_single, 128, check_entries },
	{ "mmu_update_batch512", bench_mmu_update_batch, 128, check_entries },
	{ "uvm_none", bench_uvm_none, 64, check_entries },
	{ "uvm_invlpg", bench_uvm_invlpg, 64, check_entries },
	{ "multicall_uvm32", bench_multicall_uvm, 64, check_entries },
	{ "ptwr_store", bench_ptwr_store, 32, check_entries },
};

static void restore_arena(void)
{
	for (unsigned int i = 0; i < ENTRIES; i++) {
		reqs[i].ptr = (l1_maddr + i * 8) | PV_MMU_NORMAL_PT_UPDATE;
		reqs[i].val = own_pte[i];
	}
	CHECK_EQ(hypercall(PV_HYPERVISOR_mmu_update, (uint64_t)reqs, ENTRIES, 0, PV_DOMID_SELF, 0),
		 0);
	for (unsigned int i = 0; i < ENTRIES; i++)
		CHECK_EQ(l1_ro[i] & ~PTE_G, own_pte[i] & ~PTE_G);
}

void test_main(const struct pv_start_info *si)
{
	unsigned int rounds = cmdline_uint("rounds", 7), scale = cmdline_uint("scale", 1);
	uint64_t nr = si->nr_pages;

	if (!find_l1((uint64_t)arena)) {
		test_fail(__FILE__, __LINE__, "no L1 table maps the arena");
		return;
	}
	for (unsigned int i = 0; i < ENTRIES; i++)
		own_pte[i] = l1_ro[i];
	/* Two frames of ours beyond the bootstrap area, mapped by nothing. */
	frame_pte[0] = pfn_to_mfn(nr - 1) << 12 | FLAGS;
	frame_pte[1] = pfn_to_mfn(nr - 2) << 12 | FLAGS;
	CHECK(pte_mfn(own_pte[0]) == va_to_mfn(arena));
	if (nr - 2 < va_to_pfn(bootstrap_end())) {
		test_fail(__FILE__, __LINE__, "no spare frames after the bootstrap area");
		return;
	}
	CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_enable, PV_VMASST_TYPE_writable_pagetables), 0);
	printf("bench-config rounds %u scale %u entries %u multicall %u\n", rounds, scale, ENTRIES,
	       MULTICALL_BATCH);

	run_benches(benches, sizeof(benches) / sizeof(benches[0]), rounds, scale);
	CHECK_EQ(errors, 0);
	restore_arena();
}
