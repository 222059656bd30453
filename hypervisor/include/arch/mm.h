/*
 * The hypervisor's own address space: the direct map of physical memory,
 * the image mapping, and the page tables behind them (see layout.h).
 */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/layout.h"
#include "arch/tlb.h"
#include "bootinfo.h"

/* Direct-map address of physical address @pa (which the caller knows is mapped). */
static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(DIRECTMAP_VIRT_START + pa);
}

static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	return v >= DIRECTMAP_VIRT_START ? v - DIRECTMAP_VIRT_START : v - IMAGE_VIRT_OFFSET;
}

/* A direct-map pointer to [paddr, paddr + len), or NULL if not all mapped. */
const void *phys_to_virt_checked(uint64_t paddr, uint64_t len);

/* Whether a read of the byte at @va would succeed (walks the live tables). */
bool virt_is_mapped(uint64_t va);

/*
 * Sets up physical memory management from the boot information: the frame
 * table and allocator (never handing out the image, the loader's data, the
 * modules or non-RAM), then the final page tables (image with W^X, direct
 * map of all RAM).  Stops with a message if memory is unusable.
 */
void memory_init(const struct boot_info *bi);

/* Physical extent of the hypervisor image. */
uint64_t image_phys_start(void);
uint64_t image_phys_end(void);

/* Builds and loads the final page tables (pagetables.c). */
void pagetables_init(const struct boot_info *bi);

/* The hypervisor's own page-table root, used when no guest runs. */
uint64_t pagetables_idle_root(void);

/*
 * Maps [pa, pa + size) read-only and user-readable at @va in the
 * hypervisor's slots of every address space (for the guest-visible M2P).
 */
void pagetables_map_user_readonly(uint64_t va, uint64_t pa, uint64_t size);

/*
 * The L1 entry that maps @va, a hypervisor address, in every address space
 * (the tables above it are made if missing, so call it first before any
 * guest root exists).  The caller writes it and flushes.
 */
uint64_t *pagetables_hypervisor_l1_entry(uint64_t va);

/* Fills L4 slots 256-271 of a guest root with the hypervisor's entries. */
void pagetables_copy_hypervisor_slots(uint64_t *l4);

#endif
