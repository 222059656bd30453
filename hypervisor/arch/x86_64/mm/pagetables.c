/*
 * The hypervisor's final page tables, replacing the boot ones: the image
 * mapped page by page with W^X (text read-only and executable, rodata
 * read-only, data and bss writable and non-executable), and the direct map
 * with 2 MiB pages over all RAM and at least the low 4 GiB.  Direct-map
 * blocks with no RAM in them (device memory, holes) are uncached.
 *
 * Called once at boot, while every frame the allocator hands out is still
 * below 4 GiB and so reachable through the boot direct map.
 *
 * Also the arch side of PV page types (page_type.h): frame contents through
 * the direct map, the hypervisor's slots of guest L4s, TLB flushes.
 */
#include "arch/cpu.h"
#include "arch/mm.h"
#include "arch/pagetable.h"
#include "frame.h"
#include "lib/string.h"
#include "page_type.h"
#include "panic.h"

extern const char __image_start[], __text_end[], __rodata_end[], __image_end[];

static uint64_t directmap_limit = BOOT_DIRECTMAP_SIZE;
static uint64_t idle_root;

static uint64_t *table_at(uint64_t pa)
{
	return phys_to_virt(pa);
}

static uint64_t new_table(void)
{
	uint64_t frame = frames_alloc(0);

	if (frame == FRAME_NONE)
		panic("out of memory building the page tables");
	memset(table_at(frame << PAGE_SHIFT), 0, PAGE_SIZE);
	return frame << PAGE_SHIFT;
}

/* The entry of @leaf_level that maps @va, making the tables above it (with @flags' US). */
static uint64_t *leaf_entry(uint64_t root, uint64_t va, uint64_t flags, unsigned leaf_level)
{
	uint64_t *table = table_at(root);

	for (unsigned level = 4; level > leaf_level; level--) {
		uint64_t *e = &table[pt_index(va, level)];

		if (!(*e & PTE_P))
			*e = new_table() | PTE_P | PTE_RW | (flags & PTE_US);
		table = table_at(*e & PTE_ADDR_MASK);
	}
	return &table[pt_index(va, leaf_level)];
}

/* Maps one page of the size of @leaf_level (1: 4 KiB, 2: 2 MiB). */
static void map_one(uint64_t root, uint64_t va, uint64_t pa, uint64_t flags,
		    unsigned leaf_level)
{
	*leaf_entry(root, va, flags, leaf_level) = pa | flags | (leaf_level > 1 ? PTE_PS : 0);
}

static void map_image(uint64_t root)
{
	for (const char *va = __image_start; va < __image_end; va += PAGE_SIZE) {
		uint64_t flags = PTE_P | PTE_G;

		if (va >= __text_end)
			flags |= PTE_NX;
		if (va >= __rodata_end)
			flags |= PTE_RW;
		map_one(root, (uint64_t)va, virt_to_phys(va), flags, 1);
	}
}

static bool block_has_ram(const struct boot_info *bi, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < bi->memmap_count; i++) {
		const struct boot_range *r = &bi->memmap[i];

		if (r->type != BOOT_MEM_RESERVED && r->type != BOOT_MEM_BAD &&
		    r->start < end && start < r->end)
			return true;
	}
	return false;
}

static uint64_t top_of_ram(const struct boot_info *bi)
{
	uint64_t top = 0;

	for (unsigned i = 0; i < bi->memmap_count; i++) {
		if (bi->memmap[i].type == BOOT_MEM_RAM)
			top = MAX(top, bi->memmap[i].end);
	}
	return top;
}

static void map_directmap(uint64_t root, const struct boot_info *bi, uint64_t limit)
{
	for (uint64_t pa = 0; pa < limit; pa += SUPERPAGE_SIZE) {
		uint64_t flags = PTE_P | PTE_RW | PTE_G | PTE_NX;

		if (!block_has_ram(bi, pa, pa + SUPERPAGE_SIZE))
			flags |= PTE_PCD | PTE_PWT;
		map_one(root, DIRECTMAP_VIRT_START + pa, pa, flags, 2);
	}
}

void pagetables_init(const struct boot_info *bi)
{
	uint64_t root = new_table();
	uint64_t limit = ALIGN_UP(MAX(top_of_ram(bi), BOOT_DIRECTMAP_SIZE), SUPERPAGE_SIZE);

	if (limit > DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)
		panic("RAM ends at %#lx, beyond what the direct map can hold", limit);
	map_image(root);
	map_directmap(root, bi, limit);
	write_cr3(root);
	write_cr4(read_cr4() | CR4_PGE);
	directmap_limit = limit;
	idle_root = root;
}

uint64_t pagetables_idle_root(void)
{
	return idle_root;
}

void pagetables_copy_hypervisor_slots(uint64_t *l4)
{
	const uint64_t *idle = table_at(idle_root);

	for (unsigned int i = pt_index(HYPERVISOR_VIRT_START, 4);
	     i < pt_index(HYPERVISOR_VIRT_END, 4); i++)
		l4[i] = idle[i];
}

void arch_clear_frame(uint64_t frame)
{
	memset(phys_to_virt(frame << PAGE_SHIFT), 0, PAGE_SIZE);
}

const void *phys_to_virt_checked(uint64_t paddr, uint64_t len)
{
	if (paddr >= directmap_limit || len > directmap_limit - paddr)
		return NULL;
	return phys_to_virt(paddr);
}

bool virt_is_mapped(uint64_t va)
{
	uint64_t pa = read_cr3() & PTE_ADDR_MASK;

	if (!va_is_canonical(va))
		return false;
	for (unsigned level = 4; level >= 1; level--) {
		uint64_t e;

		if (pa >= directmap_limit)
			return false;
		e = table_at(pa)[pt_index(va, level)];
		if (!(e & PTE_P))
			return false;
		if (level == 1 || (level <= 3 && (e & PTE_PS)))
			return true;
		pa = e & PTE_ADDR_MASK;
	}
	return false;
}

/* ---- Hooks of the PV page-type code (page_type.h) ---- */

uint64_t *pv_frame_table_entries(uint64_t mfn)
{
	if (mfn >= frames_table_size() || mfn >= directmap_limit >> PAGE_SHIFT)
		return NULL;
	return phys_to_virt(mfn << PAGE_SHIFT);
}

void pv_l4_install_hypervisor_slots(uint64_t *l4)
{
	pagetables_copy_hypervisor_slots(l4);
}

/*
 * Flushes this CPU's TLB, global entries included (guest user mappings
 * are global).  Guests run on one CPU so far; with more, every CPU that
 * ran @d since its last flush needs one too.
 */
void flush_tlb_local(void)
{
	uint64_t cr4 = read_cr4();

	/* Toggling PGE drops global entries too (guest user pages are global). */
	if (cr4 & CR4_PGE) {
		write_cr4(cr4 & ~CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void flush_tlb_one_local(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void pv_flush_for_type_change(const struct domain *d, uint64_t mfn,
			      enum pv_page_type old_type, enum pv_page_type new_type)
{
	(void)d;
	(void)mfn;
	(void)old_type;
	(void)new_type;
	flush_tlb_local();
}

void pagetables_map_user_readonly(uint64_t va, uint64_t pa, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += PAGE_SIZE)
		map_one(idle_root, va + off, pa + off, PTE_P | PTE_US | PTE_NX | PTE_G, 1);
}

uint64_t *pagetables_hypervisor_l1_entry(uint64_t va)
{
	return leaf_entry(idle_root, va, 0, 1);
}
