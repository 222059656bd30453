/*
 * multicall: a batch of hypercalls in one trap.
 *
 * The guest passes an array of entries and its length; the hypervisor runs
 * them in order and stores each return value in the entry's result.  An
 * entry that fails does not stop the batch: checking the results is the
 * guest's job.
 */
#ifndef PV_ABI_MULTICALL_H
#define PV_ABI_MULTICALL_H

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_multicall_entry {
	uint64_t op;     /* hypercall number */
	uint64_t result; /* written back */
	uint64_t args[6];
};
_Static_assert(sizeof(struct pv_multicall_entry) == 64, "multicall_entry: xen/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_multicall_entry, args) == 16,
	       "multicall_entry.args: xen/xen.h");
#endif

#endif
