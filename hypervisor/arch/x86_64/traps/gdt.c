/*
 * The GDT and TSS.  The GDT has Xen's shape: the first 14 pages (entries
 * below GDT_FIRST_RESERVED_ENTRY) are the guest's, the hypervisor's own
 * descriptors follow at the selectors Xen's ABI fixes (0xe008 ring-0 code,
 * 0xe033 flat ring-3 64-bit code, ...).  The TSS provides the IST stacks
 * that NMI, double fault and machine check always switch to, so they run on
 * a good stack whatever state the interrupted code left.
 */
#include <stdint.h>

#include "arch/layout.h"
#include "arch/traps.h"
#include "compiler.h"

#define RESERVED_ENTRIES 13

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

struct gdt {
	uint64_t guest[GDT_FIRST_RESERVED_ENTRY];
	uint64_t reserved[RESERVED_ENTRIES];
};

static struct gdt gdt __aligned(PAGE_SIZE);
static struct tss tss __aligned(128);
static uint8_t ist_stacks[IST_COUNT][IST_STACK_SIZE] __aligned(16);

/* Offsets in gdt.reserved of the descriptors Xen's selectors name. */
#define SLOT(selector) (((selector) >> 3) - GDT_FIRST_RESERVED_ENTRY)

static const uint64_t reserved_descriptors[][2] = {
	{ SLOT(HYPERVISOR_CS), 0x00af9a000000ffff },  /* ring 0, 64-bit code */
	{ SLOT(HYPERVISOR_DS), 0x00cf92000000ffff },  /* ring 0, data */
	{ SLOT(FLAT_USER_CS32), 0x00cffa000000ffff }, /* ring 3, 32-bit code */
	{ SLOT(FLAT_USER_DS), 0x00cff2000000ffff },   /* ring 3, data */
	{ SLOT(FLAT_USER_CS64), 0x00affa000000ffff }, /* ring 3, 64-bit code */
};

static void set_tss_descriptor(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
	uint64_t *d = &gdt.reserved[SLOT(TSS_SELECTOR)];

	/* Present, DPL 0, type 9 (available 64-bit TSS). */
	d[0] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
	       ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	d[1] = base >> 32;
}

static void load_gdt(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __packed gdtr = { sizeof(gdt) - 1, (uint64_t)&gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "mov %w2, %%ds\n\t"
			 "mov %w2, %%es\n\t"
			 "mov %w2, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(gdtr), "i"(HYPERVISOR_CS), "r"(HYPERVISOR_DS),
			   "r"(TSS_SELECTOR)
			 : "rax", "memory");
}

void gdt_init(void)
{
	for (unsigned i = 0; i < ARRAY_SIZE(reserved_descriptors); i++)
		gdt.reserved[reserved_descriptors[i][0]] = reserved_descriptors[i][1];
	for (unsigned i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);
	set_tss_descriptor();
	load_gdt();
}

void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
