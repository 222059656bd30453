/*
 * The hypervisor's virtual memory layout.  It follows Xen's x86-64 layout
 * because PV guests hard-code parts of it: L4 slots 256-271 belong to the
 * hypervisor in every address space, and guests find the read-only M2P at
 * its start.
 *
 *  0xffff800000000000  slot 256  read-only machine-to-phys table (later issues)
 *  0xffff820000000000  slot 260  the CPU's GDT (guest frames, then ours) and the guest LDT
 *  0xffff82d040000000  slot 261  hypervisor image: virt = IMAGE_VIRT_OFFSET + phys
 *  0xffff830000000000  slots 262-271  direct map of RAM (and the low 4 GiB)
 *  0xffff880000000000  end of the hypervisor's area; guests own the rest
 *
 * Used from assembly too, hence no C in here.
 */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define HYPERVISOR_VIRT_START 0xffff800000000000
#define HYPERVISOR_VIRT_END 0xffff880000000000
/* The GDT the CPU uses: GDT_GUEST_PAGES guest frames, then the hypervisor's page; the LDT 64 KiB on. */
#define GDT_VIRT_START 0xffff820000000000
#define GDT_GUEST_PAGES 14
#define GDT_PAGES 15
#define LDT_VIRT_START (GDT_VIRT_START + 0x10000)
#define LDT_PAGES 16
#define IMAGE_VIRT_OFFSET 0xffff82d040000000
#define IMAGE_LOAD_PHYS 0x200000
#define DIRECTMAP_VIRT_START 0xffff830000000000
#define DIRECTMAP_VIRT_END 0xffff880000000000

/* Mapped by the boot page tables before the C code builds its own. */
#define BOOT_DIRECTMAP_SIZE 0x100000000

#define PAGE_SHIFT 12
#define PAGE_SIZE 0x1000
#define SUPERPAGE_SHIFT 21
#define SUPERPAGE_SIZE 0x200000

#define BOOT_STACK_SIZE 0x8000
#define IST_STACK_SIZE 0x2000

/* Selectors, at the values Xen's ABI gives them (guest-visible later). */
#define GDT_FIRST_RESERVED_ENTRY 0x1c00
#define HYPERVISOR_CS 0xe008
#define HYPERVISOR_DS 0xe010
#define FLAT_USER_CS32 0xe023
#define FLAT_USER_DS 0xe02b
#define FLAT_USER_CS64 0xe033
#define TSS_SELECTOR 0xe040
#define LDT_SELECTOR 0xe050

#endif
