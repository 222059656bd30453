/* Host stand-ins for the arch hooks (host_shim.c). */
#ifndef HOST_SHIM_H
#define HOST_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "arch/console.h"
#include "frame.h"
#include "heap.h"
#include "pcpu.h"
#include "panic.h"

/*
 * Fake machine memory for the PV page-type code: @frames frames of 512
 * entries each, frame n at mem + 512 * n (NULL: none).  The tests' frame
 * table should cover the same frames.
 */
void host_frame_memory_set(uint64_t *mem, uint64_t frames);

/* What pv_l4_install_hypervisor_slots() writes into L4 slot @i. */
#define HOST_L4_HV_ENTRY(i) (0x7f0000000ull + ((uint64_t)(i) << 12) + 0x63)

/*
 * The one I/O APIC ioapic_guest_read() knows: at HOST_IOAPIC_BASE, its
 * registers (indexed by the low 8 bits of the register number).
 */
#define HOST_IOAPIC_BASE 0xfec00000ull
extern uint32_t host_ioapic_regs[256];

/*
 * Its inputs, GSIs 0-23 as QEMU's, and what ioapic_set_gsi_mode() last
 * set for each (0: never).
 */
#define HOST_IOAPIC_GSIS 24
#define HOST_GSI_SET 1u
#define HOST_GSI_LEVEL 2u
#define HOST_GSI_ACTIVE_LOW 4u
extern uint32_t host_gsi_mode[HOST_IOAPIC_GSIS];
/* Whether each input is routed and unmasked (ioapic_gsi_enable/mask). */
extern bool host_gsi_enabled[HOST_IOAPIC_GSIS];

/* What now() returns: tests set it. */
extern uint64_t host_now;

/* Calls of pv_flush_for_type_change(), and the types of the last one. */
extern unsigned int host_type_flushes;
extern unsigned int host_flush_old_type, host_flush_new_type;

/*
 * TLB flushes (flush_tlb_local and flush_tlb_one_local) and the address of
 * the last single-address one; arch_reload_cr3() calls and the root it
 * loaded; cache_flush_local() calls.
 */
extern unsigned int host_tlb_flushes;
extern uint64_t host_invlpg_last;
extern unsigned int host_cr3_reloads, host_cache_flushes;
extern unsigned int host_descriptor_table_changes;
extern uint64_t host_cr3_loaded;

/*
 * The M2P table's size (m2p_nr_entries()) and first backing frame that
 * m2p_backing_mfn() reports: the table is taken to be contiguous.
 */
extern uint64_t host_m2p_nr_entries, host_m2p_first_mfn;

/* The physical CPU pcpu_identify() describes (an Intel family 6 CPU). */
extern struct pcpu_identity host_pcpu_identity;

/* Everything printk wrote since the last reset. */
const char *console_captured(void);
void console_capture_reset(void);

#endif
