/*
 * The machine memory map that XENMEM_machine_memory_map reports
 * (common/hypercall/machine_memory_map.c).
 */
#ifndef MACHINE_MEMORY_MAP_H
#define MACHINE_MEMORY_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "bootinfo.h"
#include "domain.h"

/* Records the firmware's map and the CPU's physical address width. */
void machine_memory_map_init(const struct boot_info *bi, unsigned int paddr_bits);

/*
 * Whether @d may map the I/O frame @mfn (Xen's iomem_access_permitted for
 * the permissions Xen gives: everything below the physical address width
 * for the privileged domain but the hypervisor's own MMIO, nothing for
 * others).
 */
bool machine_mmio_permitted(const struct domain *d, uint64_t mfn);

/*
 * I/O frames the hypervisor lets dom0 map only read-only (Xen's
 * mmio_ro_ranges: a writable mapping is made read-only).  At most 8.
 */
void machine_mmio_add_read_only(uint64_t mfn);
bool machine_mmio_read_only(uint64_t mfn);

#endif
