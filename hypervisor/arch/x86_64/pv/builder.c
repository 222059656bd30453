/*
 * The PV domain builder: the x86-64 start of day of Xen's ABI.
 *
 * The kernel image is parsed and checked (pv_image.c), the bootstrap
 * layout computed (pv_layout.c), then the domain gets its memory and the
 * builder writes, through the direct map: the kernel's segments, the
 * initrd, the p2m list, start_info, the initial page tables (4 KiB pages
 * over the whole bootstrap area, user-accessible because the guest kernel
 * runs in ring 3, with the page-table pages themselves read-only and the
 * hypervisor's L4 slots filled), and the hypercall page if the kernel has
 * one.  The tables are then validated and pinned like any the guest
 * builds.  vCPU 0 starts at the entry point in kernel mode with RSI =
 * start_info and RSP at the end of the boot stack page; events are masked
 * in every vcpu_info.
 */
#include "arch/cpu.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/pagetable.h"
#include "arch/pv_build.h"
#include "hypercall-abi/hypercalls.h"
#include "hypercall-abi/platform.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/start_info.h"
#include "frame.h"
#include "lib/string.h"
#include "page_type.h"
#include "printk.h"
#include "pv_image.h"
#include "pvclock.h"
#include "pv_layout.h"
#include "runstate.h"
#include "sched.h"
#include "time.h"

#define GUEST_TABLE (PTE_P | PTE_RW | PTE_US | PTE_A)
#define GUEST_PAGE (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define RFLAGS_RESERVED 0x2
#define START_INFO_MAGIC "xen-3.0-x86_64"

/* Features this hypervisor lets a kernel require (none of the optional ones yet). */
#define SUPPORTED_REQUIRED_FEATURES (1u << PV_FEAT_WRITABLE_PAGE_TABLES)

struct builder {
	struct domain *d;
	struct pv_image_info image;
	struct pv_layout layout;
	uint64_t next_table_pfn;
};

static void *pfn_ptr(const struct builder *b, uint64_t pfn)
{
	return phys_to_virt(b->d->p2m[pfn] << PAGE_SHIFT);
}

static void *va_ptr(const struct builder *b, uint64_t va)
{
	return (char *)pfn_ptr(b, pv_layout_pfn(&b->layout, va)) + (va & (PAGE_SIZE - 1));
}

/*
 * Copies @len bytes to guest virtual @va of the bootstrap area (or, past
 * its end, to the frames whose pfns it would have).
 */
static void copy_in(const struct builder *b, uint64_t va, const void *src, uint64_t len)
{
	const char *s = src;

	while (len) {
		uint64_t chunk = MIN(len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));

		memcpy(va_ptr(b, va), s, chunk);
		va += chunk;
		s += chunk;
		len -= chunk;
	}
}

static int check_image(struct builder *b, const struct pv_build_request *req)
{
	const char *feature;

	if (pv_image_parse(req->kernel, req->kernel_size, &b->image)) {
		printk(LOG_ERR "d%u: not a usable PV kernel: %s\n", b->d->domid, b->image.error);
		return -1;
	}
	feature = pv_image_unsupported_feature(&b->image, SUPPORTED_REQUIRED_FEATURES);
	if (feature) {
		printk(LOG_ERR "d%u: the kernel requires feature '%s', which Ringvisor lacks\n",
		       b->d->domid, feature);
		return -1;
	}
	return 0;
}

static int compute_layout(struct builder *b, const struct pv_build_request *req)
{
	struct pv_layout_request lr = {
		.virt_base = b->image.virt_base,
		.kernel_start = b->image.virt_kstart,
		.kernel_end = b->image.virt_kend,
		.initrd_size = req->initrd ? req->initrd_size : 0,
		.unmapped_initrd = b->image.mod_start_pfn,
		.nr_pages = req->nr_pages,
		.domu = !b->d->privileged,
	};
	const char *why;

	if (pv_layout_compute(&lr, &b->layout, &why)) {
		printk(LOG_ERR "d%u: cannot lay out the kernel: %s\n", b->d->domid, why);
		return -1;
	}
	return 0;
}

static void load_kernel(const struct builder *b, const struct pv_build_request *req)
{
	for (unsigned int i = 0; i < b->image.segment_count; i++) {
		const struct pv_segment *s = &b->image.segments[i];

		copy_in(b, s->vaddr, (const char *)req->kernel + s->file_offset, s->file_size);
	}
	if (req->initrd)
		copy_in(b, b->layout.initrd_va ? b->layout.initrd_va :
			b->layout.v_start + b->layout.initrd_pfn * PAGE_SIZE,
			req->initrd, req->initrd_size);
	copy_in(b, b->layout.p2m_va, b->d->p2m, b->d->nr_pages * sizeof(uint64_t));
}

/* The next page-table page, in layout order; returns its machine address. */
static uint64_t take_table(struct builder *b)
{
	return b->d->p2m[b->next_table_pfn++] << PAGE_SHIFT;
}

static void map_page(struct builder *b, uint64_t l4, uint64_t va, uint64_t pte)
{
	uint64_t table = l4;

	for (unsigned int level = 4; level > 1; level--) {
		uint64_t *e = (uint64_t *)phys_to_virt(table) + pt_index(va, level);

		if (!(*e & PTE_P))
			*e = take_table(b) | GUEST_TABLE;
		table = *e & PTE_ADDR_MASK;
	}
	((uint64_t *)phys_to_virt(table))[pt_index(va, 1)] = pte;
}

/* Builds the bootstrap page tables; returns the L4's machine address. */
static uint64_t build_page_tables(struct builder *b)
{
	const struct pv_layout *l = &b->layout;
	uint64_t pt_end = l->pt_va + l->nr_pt_frames * PAGE_SIZE, l4;

	b->next_table_pfn = pv_layout_pfn(l, l->pt_va);
	l4 = take_table(b);
	pagetables_copy_hypervisor_slots(phys_to_virt(l4));
	for (uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE) {
		uint64_t pte = (b->d->p2m[pv_layout_pfn(l, va)] << PAGE_SHIFT) | GUEST_PAGE;

		if (va >= l->pt_va && va < pt_end)
			pte &= ~PTE_RW;
		map_page(b, l4, va, pte);
	}
	return l4;
}

/*
 * The bootstrap tables start validated and typed like any others: the L4
 * pinned (as Xen's builder leaves it; Linux unpins it later) and held as
 * vCPU 0's base pointer.
 */
static int take_bootstrap_tables(struct domain *d, uint64_t l4_mfn)
{
	int rc = page_pin(l4_mfn, d, PV_TYPE_L4);

	if (!rc)
		rc = page_get_ref_and_type(l4_mfn, d, PV_TYPE_L4);
	if (rc)
		printk(LOG_ERR "d%u: the bootstrap page tables do not validate (%d)\n",
		       d->domid, rc);
	return rc;
}

/*
 * Xen's default tells dom0 the hypervisor controls the CPUs' C and P states
 * (dom0 then only passes on what ACPI says about them).
 */
#define DOM0_PM_FLAGS ((PV_XEN_PROCESSOR_PM_CX | PV_XEN_PROCESSOR_PM_PX) << 8)

static void fill_start_info(const struct builder *b, const struct pv_build_request *req)
{
	const struct pv_layout *l = &b->layout;
	struct pv_start_info *si = va_ptr(b, l->start_info_va);
	struct domain *d = b->d;

	memcpy(si->magic, START_INFO_MAGIC, sizeof(START_INFO_MAGIC));
	si->nr_pages = d->nr_pages;
	si->shared_info = d->shared_info_mfn << PAGE_SHIFT;
	si->flags = d->privileged ? PV_SIF_PRIVILEGED | PV_SIF_INITDOMAIN | DOM0_PM_FLAGS : 0;
	if (!d->privileged) {
		si->store_mfn = d->p2m[pv_layout_pfn(l, l->xenstore_va)];
		si->console.domU.mfn = d->p2m[pv_layout_pfn(l, l->console_va)];
	}
	si->pt_base = l->pt_va;
	si->nr_pt_frames = l->nr_pt_frames;
	si->mfn_list = l->p2m_va;
	if (req->initrd && !l->initrd_va) {
		si->flags |= PV_SIF_MOD_START_PFN;
		si->mod_start = l->initrd_pfn;
	} else {
		si->mod_start = req->initrd ? l->initrd_va : 0;
	}
	si->mod_len = req->initrd ? req->initrd_size : 0;
	strlcpy((char *)si->cmd_line, req->cmdline, sizeof(si->cmd_line));
}

static void fill_hypercall_page(const struct builder *b)
{
	uint8_t *page = va_ptr(b, b->image.hypercall_page);

	for (unsigned int nr = 0; nr < PAGE_SIZE / PV_HYPERCALL_STUB_SIZE; nr++) {
		uint8_t *p = page + nr * PV_HYPERCALL_STUB_SIZE;

		memset(p, 0xcc, PV_HYPERCALL_STUB_SIZE); /* int3 padding */
		*p++ = 0x51;			/* push %rcx */
		*p++ = 0x41, *p++ = 0x53;	/* push %r11 */
		if (nr == PV_HYPERVISOR_iret)
			*p++ = 0x50;		/* push %rax: iret never returns */
		*p++ = 0xb8;			/* mov $nr, %eax */
		memcpy(p, &nr, 4);
		p += 4;
		*p++ = 0x0f, *p++ = 0x05;	/* syscall */
		if (nr == PV_HYPERVISOR_iret)
			continue;
		*p++ = 0x41, *p++ = 0x5b;	/* pop %r11 */
		*p++ = 0x59;			/* pop %rcx */
		*p++ = 0xc3;			/* ret */
	}
}

static void init_shared_info(struct domain *d)
{
	struct pv_shared_info *si = phys_to_virt(d->shared_info_mfn << PAGE_SHIFT);

	for (unsigned int i = 0; i < PV_LEGACY_MAX_VCPUS; i++)
		si->vcpu_info[i].evtchn_upcall_mask = 1;
	wallclock_update_domain(d);
}

static void init_vcpu0(struct builder *b, struct vcpu *v, uint64_t l4)
{
	struct cpu_regs *r = &v->arch.regs;

	memset(r, 0, sizeof(*r));
	r->rip = b->image.entry;
	r->rsp = b->layout.stack_va + PAGE_SIZE;
	r->rsi = b->layout.start_info_va;
	r->cs = FLAT_USER_CS64;
	r->ss = FLAT_USER_DS;
	r->rflags = RFLAGS_IF | RFLAGS_RESERVED;
	v->arch.seg.ds = v->arch.seg.es = v->arch.seg.fs = v->arch.seg.gs = FLAT_USER_DS;
	v->arch.kernel_cr3 = l4;
	v->arch.kernel_mode = true;
	debugreg_vcpu_init(v);
	v->initialised = true;
}

int pv_build_domain(struct domain *d, const struct pv_build_request *req)
{
	struct builder b = { .d = d };
	struct vcpu *v;
	uint64_t l4;

	if (check_image(&b, req) || compute_layout(&b, req))
		return -1;
	v = vcpu_create(d, 0);
	for (unsigned int id = 1; v && id < req->nr_vcpus; id++) {
		if (!vcpu_create(d, id))
			v = NULL;
	}
	if (!v || domain_populate(d, req->nr_pages) ||
	    (d->shared_info_mfn = domain_alloc_extra_frame(d)) == FRAME_NONE) {
		printk(LOG_ERR "d%u: out of memory for %lu pages\n", d->domid, req->nr_pages);
		return -1;
	}
	load_kernel(&b, req);
	l4 = build_page_tables(&b);
	if (take_bootstrap_tables(d, l4 >> PAGE_SHIFT))
		return -1;
	fill_start_info(&b, req);
	if (b.image.has_hypercall_page)
		fill_hypercall_page(&b);
	init_shared_info(d);
	init_vcpu0(&b, v, l4);
	printk("d%u: kernel [%#lx, %#lx) entry %#lx, bootstrap area [%#lx, %#lx), %lu pages, %u vCPUs\n",
	       d->domid, b.image.virt_kstart, b.image.virt_kend, b.image.entry,
	       b.layout.v_start, b.layout.v_end, d->nr_pages, d->vcpu_count);
	d->state = DOMAIN_RUNNING;
	sched_wake(v);
	runstate_sync(v, false, now());
	return 0;
}
