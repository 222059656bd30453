/*
 * Multiboot headers.  Both sit in the first 8 KiB of the file, where every
 * loader looks for them.  GRUB boots us through the multiboot2 header (it
 * parses the ELF64 itself); QEMU's -kernel only speaks multiboot1 and
 * refuses ELF64, so the multiboot1 header carries explicit load addresses
 * (the "a.out kludge") and QEMU copies the file image as it is.
 */
#include "arch/layout.h"

#define MB1_MAGIC 0x1badb002
#define MB1_FLAGS ((1 << 0) | (1 << 1) | (1 << 16)) /* page-aligned modules, memory info, addresses */

#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB2_TAG_END 0
#define MB2_TAG_ENTRY 3
#define MB2_TAG_MODULE_ALIGN 6

#define PHYS(sym) ((sym) - IMAGE_VIRT_OFFSET)

	.section .text.multiboot, "a"
	.balign 8
mb1_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)
	.long PHYS(mb1_header)
	.long PHYS(__image_start)
	.long PHYS(__data_end)
	.long PHYS(__image_end)
	.long PHYS(start32)

	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	.balign 8
	.short MB2_TAG_ENTRY, 0
	.long 12
	.long PHYS(start32)

	.balign 8
	.short MB2_TAG_MODULE_ALIGN, 0
	.long 8

	.balign 8
	.short MB2_TAG_END, 0
	.long 8
mb2_header_end:
