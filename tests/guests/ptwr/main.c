/*
 * Writable page tables: with VMASST_TYPE_writable_pagetables on, the
 * kernel writes the L1 entry that maps a page of its own ("window")
 * directly, through the bootstrap area's read-only mapping of that L1
 * table, with each instruction form Linux uses: MOV (64 and 32 bits), XCHG,
 * LOCK CMPXCHG (success and failure), LOCK BTR/BTS with an immediate, and
 * LOCK AND/OR on a byte.  Each change must be applied as a checked update
 * (the window shows the new frame) with the instruction's register and
 * flag results.  With "bad=1" the kernel finally writes an entry naming a
 * frame it does not own: that is not emulated, and the fault is fatal.
 */
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/mmu.h"

#define FLAGS (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define RFLAGS_CF 0x1ul
#define RFLAGS_ZF 0x40ul

static volatile uint64_t window[PT_ENTRIES] __attribute__((aligned(4096)));

/*
 * The bootstrap area's (read-only) mapping of the L1 entry for @va: our
 * writes to it fault and are emulated (writable page tables).
 */
static volatile uint64_t *l1_entry_for(uint64_t va)
{
	return (volatile uint64_t *)pt_entry(va, 1, NULL);
}

static void flush_window(void)
{
	HYPERCALL3(update_va_mapping, (uint64_t)window, *l1_entry_for((uint64_t)window),
		   PV_UVMF_INVLPG);
}

/* The frame of our @n-th last pfn: beyond the bootstrap area, mapped nowhere. */
static uint64_t spare_mfn(unsigned int n)
{
	return pfn_to_mfn(boot_start_info->nr_pages - 1 - n);
}

static void check_store_and_xchg(volatile uint64_t *pte, uint64_t own)
{
	uint64_t a = spare_mfn(0), old;

	window[0] = 0x1111;
	__asm__ volatile("movq %1, %0" : "=m"(*pte) : "r"(a << 12 | FLAGS) : "memory");
	flush_window();
	window[0] = 0xaaaa;
	CHECK_EQ(pte_mfn(*pte), a);
	old = own << 12 | FLAGS;
	__asm__ volatile("xchgq %0, %1" : "+r"(old), "+m"(*pte) : : "memory");
	flush_window();
	CHECK_EQ(pte_mfn(old), a);
	CHECK_EQ(window[0], 0x1111);
	/* A 32-bit store of the low half is widened to the whole entry. */
	__asm__ volatile("movl %1, %0" : "=m"(*(volatile uint32_t *)pte)
			 : "r"((uint32_t)(a << 12 | FLAGS)) : "memory");
	flush_window();
	CHECK_EQ(window[0], 0xaaaa);
	printf("ptwr: mov and xchg emulated\n");
}

static void check_cmpxchg(volatile uint64_t *pte, uint64_t own)
{
	uint64_t expected = 0x1234, flags;

	/* Failure: RAX gets the current entry, ZF clear, nothing written. */
	__asm__ volatile("lock cmpxchgq %3, %1; pushfq; popq %2"
			 : "+a"(expected), "+m"(*pte), "=r"(flags) : "r"(own << 12 | FLAGS)
			 : "memory");
	CHECK_EQ(expected, *pte);
	CHECK(!(flags & RFLAGS_ZF));
	__asm__ volatile("lock cmpxchgq %3, %1; pushfq; popq %2"
			 : "+a"(expected), "+m"(*pte), "=r"(flags) : "r"(own << 12 | FLAGS)
			 : "memory");
	CHECK(flags & RFLAGS_ZF);
	flush_window();
	CHECK_EQ(window[0], 0x1111);
	printf("ptwr: cmpxchg emulated\n");
}

static void check_bit_ops(volatile uint64_t *pte)
{
	uint64_t flags;

	/* clear_bit/test_and_clear_bit of RW, then back. */
	__asm__ volatile("lock btrq $1, %0; pushfq; popq %1" : "+m"(*pte), "=r"(flags) : : "memory");
	CHECK(flags & RFLAGS_CF);
	CHECK(!(*pte & PTE_RW));
	__asm__ volatile("lock btsq $1, %0; pushfq; popq %1" : "+m"(*pte), "=r"(flags) : : "memory");
	CHECK(!(flags & RFLAGS_CF));
	CHECK(*pte & PTE_RW);
	__asm__ volatile("lock andb $0xdf, %0" : "+m"(*(volatile uint8_t *)pte) : : "memory");
	CHECK(!(*pte & PTE_A));
	__asm__ volatile("lock orb $0x20, %0" : "+m"(*(volatile uint8_t *)pte) : : "memory");
	CHECK(*pte & PTE_A);
	flush_window();
	window[1] = 0x77;
	CHECK_EQ(window[1], 0x77);
	printf("ptwr: bit operations emulated\n");
}

void test_main(const struct pv_start_info *si)
{
	volatile uint64_t *pte = l1_entry_for((uint64_t)window);
	uint64_t own;
	char buf[4];

	(void)si;
	if (!pte) {
		test_fail(__FILE__, __LINE__, "no L1 entry maps the window");
		return;
	}
	own = pte_mfn(*pte);
	CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_enable, PV_VMASST_TYPE_writable_pagetables), 0);
	check_store_and_xchg(pte, own);
	check_cmpxchg(pte, own);
	check_bit_ops(pte);
	if (cmdline_value("bad", buf, sizeof(buf))) {
		printf("ptwr: writing an entry for a frame that is not ours\n");
		*pte = 0x200ul << 12 | FLAGS;
		test_fail(__FILE__, __LINE__, "the bad write was accepted");
	}
}
