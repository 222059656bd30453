/*
 * The machine memory map that XENMEM_machine_memory_map reports
 * (common/hypercall/machine_memory_map.c).
 */
#ifndef MACHINE_MEMORY_MAP_H
#define MACHINE_MEMORY_MAP_H

#include "bootinfo.h"

/* Records the firmware's map and the CPU's physical address width. */
void machine_memory_map_init(const struct boot_info *bi, unsigned int paddr_bits);

#endif
