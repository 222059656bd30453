/*
 * The GDT and TSS.  The GDT has Xen's shape: the first 14 pages (entries
 * below GDT_FIRST_RESERVED_ENTRY) are the guest's, the hypervisor's own
 * descriptors follow in one page at the selectors Xen's ABI fixes (0xe008
 * ring-0 code, 0xe033 flat ring-3 64-bit code, ..., the TSS and the LDT).
 * The TSS provides the IST stacks that NMI, double fault and machine check
 * always switch to, so they run on a good stack whatever state the
 * interrupted code left.
 *
 * At boot the GDT register points 14 pages below the hypervisor's page
 * (nothing uses a guest selector yet).  Once memory is set up the CPU
 * switches to the GDT area at GDT_VIRT_START: 14 pages that show the
 * running vCPU's GDT frames (a read-only zero page where it has none), the
 * hypervisor's page after them, and the running vCPU's LDT pages 64 KiB
 * on.  Context switches rewrite those mappings; the register never
 * changes again.
 */
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/pagetable.h"
#include "arch/traps.h"
#include "compiler.h"
#include "frame.h"
#include "lib/string.h"
#include "panic.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __packed;
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS layout");

#define GDT_GUEST_BYTES (GDT_FIRST_RESERVED_ENTRY * 8)
#define GDT_LIMIT (GDT_PAGES * PAGE_SIZE - 1)
_Static_assert(GDT_GUEST_BYTES == GDT_GUEST_PAGES * PAGE_SIZE, "GDT shape");

/* The hypervisor's GDT page: the descriptors from GDT_FIRST_RESERVED_ENTRY on. */
static uint64_t gdt_reserved[PAGE_SIZE / 8] __aligned(PAGE_SIZE);
static struct tss tss __aligned(128);
static uint8_t ist_stacks[IST_COUNT][IST_STACK_SIZE] __aligned(16);
static uint64_t zero_page_entry;

/* Offsets in gdt_reserved of the descriptors Xen's selectors name. */
#define SLOT(selector) (((selector) >> 3) - GDT_FIRST_RESERVED_ENTRY)

static const uint64_t reserved_descriptors[][2] = {
	{ SLOT(HYPERVISOR_CS), 0x00af9a000000ffff },  /* ring 0, 64-bit code */
	{ SLOT(HYPERVISOR_DS), 0x00cf92000000ffff },  /* ring 0, data */
	{ SLOT(FLAT_USER_CS32), 0x00cffa000000ffff }, /* ring 3, 32-bit code */
	{ SLOT(FLAT_USER_DS), 0x00cff2000000ffff },   /* ring 3, data */
	{ SLOT(FLAT_USER_CS64), 0x00affa000000ffff }, /* ring 3, 64-bit code */
};

#define SYS_DESC_LDT 0x2
#define SYS_DESC_TSS_AVAILABLE 0x9

/* A present, DPL 0, 16-byte system descriptor of @type at @selector. */
static void set_system_descriptor(unsigned int selector, unsigned int type, uint64_t base,
				  uint64_t limit)
{
	uint64_t *d = &gdt_reserved[SLOT(selector)];

	d[0] = (limit & 0xffff) | (base & 0xffffff) << 16 | (0x80ull | type) << 40 |
	       ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	d[1] = base >> 32;
}

static void load_gdtr(uint64_t base)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed gdtr = { GDT_LIMIT, base };

	__asm__ volatile("lgdt %0" : : "m"(gdtr) : "memory");
}

static void load_gdt(void)
{
	load_gdtr((uint64_t)gdt_reserved - GDT_GUEST_BYTES);
	__asm__ volatile("pushq %0\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "mov %w1, %%ds\n\t"
			 "mov %w1, %%es\n\t"
			 "mov %w1, %%ss\n\t"
			 "ltr %w2"
			 :
			 : "i"(HYPERVISOR_CS), "r"(HYPERVISOR_DS), "r"(TSS_SELECTOR)
			 : "rax", "memory");
}

void gdt_init(void)
{
	for (unsigned i = 0; i < ARRAY_SIZE(reserved_descriptors); i++)
		gdt_reserved[reserved_descriptors[i][0]] = reserved_descriptors[i][1];
	for (unsigned i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);
	set_system_descriptor(TSS_SELECTOR, SYS_DESC_TSS_AVAILABLE, (uint64_t)&tss,
			      sizeof(tss) - 1);
	load_gdt();
}

void gdt_area_init(void)
{
	uint64_t zero = frames_alloc(0);

	if (zero == FRAME_NONE)
		panic("out of memory for the GDT area");
	arch_clear_frame(zero);
	zero_page_entry = zero << PAGE_SHIFT | PTE_P | PTE_NX;
	gdt_map_guest_frames(NULL);
	*pagetables_hypervisor_l1_entry(GDT_VIRT_START + GDT_GUEST_BYTES) =
		virt_to_phys(gdt_reserved) | PTE_P | PTE_RW | PTE_NX;
	for (unsigned int i = 0; i < LDT_PAGES; i++)
		gdt_map_ldt_page(i, 0);
	flush_tlb_local();
	load_gdtr(GDT_VIRT_START);
}

void gdt_map_guest_frames(const uint64_t *frames)
{
	for (unsigned int i = 0; i < GDT_GUEST_PAGES; i++) {
		uint64_t mfn = frames ? frames[i] : 0;

		*pagetables_hypervisor_l1_entry(GDT_VIRT_START + i * PAGE_SIZE) =
			mfn ? mfn << PAGE_SHIFT | PTE_P | PTE_RW | PTE_NX : zero_page_entry;
	}
}

void gdt_map_ldt_page(unsigned int index, uint64_t mfn)
{
	*pagetables_hypervisor_l1_entry(LDT_VIRT_START + index * PAGE_SIZE) =
		mfn ? mfn << PAGE_SHIFT | PTE_P | PTE_RW | PTE_NX : 0;
}

void gdt_load_ldt(unsigned int entries)
{
	unsigned int selector = 0;

	if (entries) {
		set_system_descriptor(LDT_SELECTOR, SYS_DESC_LDT, LDT_VIRT_START, entries * 8 - 1);
		selector = LDT_SELECTOR;
	}
	__asm__ volatile("lldt %w0" : : "r"(selector) : "memory");
}

void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
