/*
 * Shared by the memory_op files of this directory: the command's layout,
 * the reservation sub-ops (memory_reservation.c) and exchange
 * (memory_exchange.c).
 */
#ifndef MEMORY_OP_H
#define MEMORY_OP_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"
#include "domain.h"

/* cmd: the sub-op in the low bits, a continuation's start extent above. */
#define MEMOP_CMD_MASK 0x3f
#define MEMOP_EXTENT_SHIFT 6

#define FRAME_SHIFT 12

/*
 * increase_reservation, decrease_reservation and populate_physmap (@op),
 * from extent @start_extent: the number of extents done (a continuation
 * when preempted).  See docs/abi.md for the rules.
 */
long memory_reservation_op(unsigned int op, uint64_t start_extent, uint64_t arg);

/* Orders above this are refused for a request made by @curr (Xen x86's). */
unsigned int memop_max_order(const struct domain *curr);

/*
 * The node in mem_flags (not its vnode bit): 0, or -1 for a node @curr may
 * not ask for; *@no_memory set for an exact node that has no memory.
 */
int memop_node_flags(uint32_t flags, const struct domain *curr, bool *no_memory);

/* XENMEM_exchange (memory_exchange.c): 0 or an error; see docs/abi.md. */
long memory_exchange(uint64_t arg);

/* One entry of a memory map as the guest sees it (Xen's e820entry). */
struct e820_entry {
	uint64_t addr, size;
	uint32_t type;
} __packed;
_Static_assert(sizeof(struct e820_entry) == 20, "e820 entry");

#define E820_RAM 1
#define E820_RESERVED 2

/* XENMEM_machine_memory_map for @d (machine_memory_map.c). */
long machine_memory_map(struct domain *d, uint64_t arg);

#endif
