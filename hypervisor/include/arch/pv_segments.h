/*
 * A PV vCPU's segment state (x86-64): its GDT frames (set_gdt), the LDT
 * pages mapped for it so far, and the data segment selectors saved while
 * it is off the CPU.  See pv/descriptor-tables.c and pv/segments.c.
 */
#ifndef ARCH_PV_SEGMENTS_H
#define ARCH_PV_SEGMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/layout.h"

struct pv_segments {
	/* set_gdt: machine frames, 0 past the last; each holds a SEG_DESC type reference. */
	uint64_t gdt_frames[GDT_GUEST_PAGES];
	unsigned int gdt_ents;
	/* LDT pages mapped on first use, 0 if not yet; each holds a SEG_DESC type reference. */
	uint64_t ldt_frames[LDT_PAGES];
	/* DS, ES, FS, GS while the vCPU is off the CPU. */
	uint16_t ds, es, fs, gs;
};

struct vcpu;
struct cpu_regs;

/*
 * Makes @frames[0 .. ceil(@entries / 512)) (machine frames of @v's domain)
 * @v's GDT, dropping the old one: 0, or -PV_EINVAL for more than
 * GDT_FIRST_RESERVED_ENTRY entries or a frame that is not the domain's or
 * not usable as a descriptor page (then nothing changes).  Also for
 * VCPUOP_initialise.
 */
long pv_set_gdt(struct vcpu *v, const uint64_t *frames, unsigned int entries);

/* Drops @v's GDT and the LDT pages mapped for it (set_ldt, teardown). */
void pv_destroy_gdt(struct vcpu *v);
void pv_destroy_ldt(struct vcpu *v);

/*
 * Maps LDT page @page of @v (its LDT must cover it, and it must not be
 * mapped yet): the page its kernel tables map at that place of the LDT
 * takes a SEG_DESC type reference.  0, or -1 if it cannot.
 */
int pv_map_ldt_page(struct vcpu *v, unsigned int page);

/*
 * The arch side: @v's GDT frames, LDT or LDT pages changed; if the CPU
 * shows @v's tables, it shows the new ones from now on.
 */
void pv_descriptor_tables_changed(struct vcpu *v);

/*
 * A page fault at @cr2 in the LDT area while @v runs: maps the LDT page
 * there (a SEG_DESC type reference on it) if @v's LDT covers it; otherwise
 * the fault goes to the guest at the matching address of its LDT.  False
 * if @cr2 is not in the LDT area.
 */
bool pv_ldt_fault(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2);

/*
 * Before the hypervisor loads selector @sel for @v: an LDT selector's page
 * is mapped if it can be (if not, the load fails).
 */
void pv_ldt_prefault(struct vcpu *v, unsigned int sel);

/* Context switch: @v leaves the CPU / comes onto it (after its page tables). */
void pv_segments_save(struct vcpu *v);
void pv_segments_map(struct vcpu *v);
void pv_segments_load(struct vcpu *v, struct cpu_regs *regs);

/*
 * Sends @v, whose return to the guest failed (a segment selector or the
 * IRET frame's CS/SS could not be loaded), to its failsafe callback with
 * Xen's frame (RCX, R11, DS, ES, FS, GS, then the interrupted frame):
 * false, doing nothing, if it has none.
 */
bool pv_enter_failsafe(struct vcpu *v, struct cpu_regs *regs);

#endif
