/*
 * The machine-to-physical table: for every machine frame, the
 * pseudo-physical frame number its owner uses for it (M2P_INVALID when
 * none).  Guests read it at PV_MACH2PHYS_VIRT_START (read-only, in every
 * address space); they change their own entries with MMU_MACHPHYS_UPDATE.
 */
#ifndef M2P_H
#define M2P_H

#include <stdint.h>

#define M2P_INVALID UINT64_MAX

/* Allocates the table for every frame, all entries invalid, and maps it. */
void m2p_init(void);

void m2p_set(uint64_t mfn, uint64_t pfn);
uint64_t m2p_get(uint64_t mfn);

/*
 * For XENMEM_machphys_mfn_list: the table has an entry for each frame
 * below m2p_nr_entries(), and m2p_backing_mfn(offset) is the machine frame
 * holding byte @offset of it (FRAME_NONE past its end).  (arch)
 */
uint64_t m2p_nr_entries(void);
uint64_t m2p_backing_mfn(uint64_t offset);

#endif
