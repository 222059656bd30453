/*
 * A PV vCPU's segments across context switches, as Xen 4.17 does them:
 * DS, ES, FS and GS are saved (and the FS base, which a selector load by
 * the guest may have changed) when the vCPU leaves the CPU; when it comes
 * back the GDT area shows its GDT frames and LDT pages, its LDT is loaded
 * and the four selectors are reloaded, then the bases.  A selector that
 * no longer loads (the guest changed its GDT or LDT meanwhile) is replaced
 * by null and the guest enters its failsafe callback with Xen's frame: the
 * bounce frame with the DS, ES, FS, GS it had in place of an error code.
 * Without a failsafe callback the domain is crashed.
 *
 * Also the page faults in the LDT area: the LDT page is mapped on first
 * use, or the fault goes to the guest at its own LDT's address.  Where the
 * hypervisor itself loads an LDT selector (here, set_segment_base) the
 * page is mapped first, which is what Xen's fault handler does for it.
 */
#include "arch/cpu.h"
#include "arch/percpu.h"
#include "arch/pv_segments.h"
#include "arch/segment_load.h"
#include "arch/tlb.h"
#include "domain.h"
#include "printk.h"
#include "pv_traps.h"

#define SELECTOR_TI 4
#define DESCS_PER_PAGE 512

/* The vCPU whose descriptor tables the GDT area shows, or NULL. */
static const struct vcpu *shown_vcpu;

void pv_segments_save(struct vcpu *v)
{
	struct pv_segments *s = &v->arch.seg;

	s->ds = read_ds_selector();
	s->es = read_es_selector();
	s->fs = read_fs_selector();
	s->gs = read_gs_selector();
	v->arch.fs_base = rdmsr(MSR_FS_BASE);
}

void pv_segments_map(struct vcpu *v)
{
	gdt_map_guest_frames(v->arch.seg.gdt_frames);
	for (unsigned int i = 0; i < LDT_PAGES; i++)
		gdt_map_ldt_page(i, v->arch.seg.ldt_frames[i]);
	shown_vcpu = v;
}

/*
 * Also at teardown: a dead vCPU stays shown until the next switch, so its
 * frames are unmapped here before they are freed.
 */
void pv_descriptor_tables_changed(struct vcpu *v)
{
	if (v != shown_vcpu)
		return;
	pv_segments_map(v);
	flush_tlb_local();
	gdt_load_ldt(v->arch.ldt_ents);
}

void pv_ldt_prefault(struct vcpu *v, unsigned int sel)
{
	if ((sel & SELECTOR_TI) && (sel >> 3) < v->arch.ldt_ents)
		pv_map_ldt_page(v, (sel >> 3) / DESCS_PER_PAGE);
}

bool pv_enter_failsafe(struct vcpu *v, struct cpu_regs *regs)
{
	const struct pv_segments *s = &v->arch.seg;
	const uint64_t selectors[] = { s->ds, s->es, s->fs, s->gs };

	if (!v->arch.failsafe_callback)
		return false;
	pv_bounce_words(v, regs, v->arch.failsafe_callback, selectors, ARRAY_SIZE(selectors),
			v->arch.failsafe_masks_events);
	return true;
}

void pv_segments_load(struct vcpu *v, struct cpu_regs *regs)
{
	const struct pv_segments *s = &v->arch.seg;
	uint64_t percpu = rdmsr(MSR_GS_BASE);
	bool ok = true;

	gdt_load_ldt(v->arch.ldt_ents);
	pv_ldt_prefault(v, s->fs);
	pv_ldt_prefault(v, s->gs);
	pv_ldt_prefault(v, s->ds);
	pv_ldt_prefault(v, s->es);
	ok &= load_fs_selector(s->fs);
	ok &= load_gs_selector(s->gs);
	ok &= load_ds_selector(s->ds);
	ok &= load_es_selector(s->es);
	wrmsr(MSR_GS_BASE, percpu);
	wrmsr(MSR_FS_BASE, v->arch.fs_base);
	if (!ok && !pv_enter_failsafe(v, regs)) {
		printk(LOG_ERR "d%u v%u: a segment selector (ds %#x es %#x fs %#x gs %#x) "
			       "cannot be loaded and there is no failsafe callback\n",
		       v->domain->domid, v->id, s->ds, s->es, s->fs, s->gs);
		domain_crash(v->domain);
	}
}

/* Only the CPU's own descriptor reads count: the guest's accesses there are user ones. */
bool pv_ldt_fault(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2)
{
	uint64_t offset = cr2 - LDT_VIRT_START;

	if (cr2 < LDT_VIRT_START || offset >= LDT_PAGES * PAGE_SIZE ||
	    (regs->error_code & (PFEC_USER | PFEC_RESERVED)))
		return false;
	if (pv_map_ldt_page(v, (unsigned int)(offset / PAGE_SIZE)))
		pv_inject_fault(v, regs, VECTOR_PAGE_FAULT, true, regs->error_code,
				v->arch.ldt_base + offset);
	return true;
}
