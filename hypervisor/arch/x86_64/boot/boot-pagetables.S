/*
 * Page tables used from the switch to long mode until the C code installs
 * its own: four page directories of 2 MiB pages cover the low 4 GiB.  The
 * first is also the identity map (for the instructions right after paging
 * is enabled) and the image mapping at IMAGE_VIRT_OFFSET; all four form the
 * boot direct map, through which the C code reads the boot information and
 * the memory it allocates before the final tables exist.
 */
#include "arch/layout.h"

#define PHYS(sym) ((sym) - IMAGE_VIRT_OFFSET)
#define PTE_P 0x001
#define PTE_RW 0x002
#define PTE_PS 0x080
#define TABLE (PTE_P | PTE_RW)
#define L4_INDEX(va) (((va) >> 39) & 511)
#define L3_INDEX(va) (((va) >> 30) & 511)

	.section .data.page_aligned, "aw"
	.balign PAGE_SIZE
	.globl boot_pml4
boot_pml4:
	.quad	PHYS(boot_l3_identity) + TABLE
	.fill	L4_INDEX(IMAGE_VIRT_OFFSET) - 1, 8, 0
	.quad	PHYS(boot_l3_image) + TABLE
	.quad	PHYS(boot_l3_directmap) + TABLE
	.fill	511 - L4_INDEX(DIRECTMAP_VIRT_START), 8, 0

boot_l3_identity:
	.quad	PHYS(boot_l2) + TABLE
	.fill	511, 8, 0

boot_l3_image:
	.fill	L3_INDEX(IMAGE_VIRT_OFFSET), 8, 0
	.quad	PHYS(boot_l2) + TABLE
	.fill	511 - L3_INDEX(IMAGE_VIRT_OFFSET), 8, 0

boot_l3_directmap:
	.quad	PHYS(boot_l2) + TABLE
	.quad	PHYS(boot_l2) + 0x1000 + TABLE
	.quad	PHYS(boot_l2) + 0x2000 + TABLE
	.quad	PHYS(boot_l2) + 0x3000 + TABLE
	.fill	508, 8, 0

boot_l2:
	.set	i, 0
	.rept	2048
	.quad	(i << 21) + PTE_P + PTE_RW + PTE_PS
	.set	i, i + 1
	.endr
