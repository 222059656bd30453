/*
 * The page-table test world shared by the PV memory tests (pt_world.h):
 * the frame table and fake memory, the two domains, references the tests
 * hold themselves, and the recount of every reference and type from
 * scratch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/pagetable.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "pt_world.h"

#define PTE_PAT4K (1ull << 7)
#define P PTE_P
#define PRW (PTE_P | PTE_RW)

static struct frame *table;
static uint64_t *memory;
struct domain *dom, *other;

/* References the tests themselves hold (the recount must include them). */
uint32_t extra_refs[NFRAMES], extra_types[NFRAMES];

void world_start(void)
{
	struct frame *old = table;

	table = calloc(NFRAMES, sizeof(*table));
	free(memory);
	memory = calloc((size_t)NFRAMES * PT_ENTRIES, sizeof(*memory));
	if (!table || !memory)
		abort();
	frames_init(table, NFRAMES);
	free(old);
	frames_add_free(0, NFRAMES);
	for (unsigned int i = 0; i < NFRAMES; i++)
		frames_alloc(0);
	for (uint64_t mfn = FREE_FRAME; mfn < NFRAMES; mfn++)
		frames_free(mfn, 0);
	host_frame_memory_set(memory, NFRAMES);
	dom = domain_create(1, "pt", false);
	other = domain_create(2, "other", false);
	if (!dom || !other)
		abort();
	for (uint64_t mfn = 1; mfn < OTHER_FRAME; mfn++)
		frame_set_owner(mfn, 1);
	for (uint64_t mfn = OTHER_FRAME; mfn < UNOWNED_FRAME; mfn++)
		frame_set_owner(mfn, 2);
	for (unsigned int i = 0; i < NFRAMES; i++)
		extra_refs[i] = extra_types[i] = 0;
	host_type_flushes = 0;
	console_capture_reset();
	memset(host_guest_memory, 0, HOST_GUEST_SIZE);
	host_current_domain = dom;
	host_preempt = false;
}

void world_end(void)
{
	domain_destroy(dom);
	domain_destroy(other);
	domain_reap();
	host_frame_memory_set(NULL, 0);
	host_current_domain = NULL;
}

uint64_t *ents(uint64_t mfn)
{
	return pv_frame_table_entries(mfn);
}

const struct frame *fr(uint64_t mfn)
{
	return frame_info(mfn);
}

uint64_t pte(uint64_t mfn, uint64_t flags)
{
	return mfn << 12 | flags;
}

uint64_t pte_frame(uint64_t e)
{
	return (e & PTE_ADDR_MASK) >> 12;
}

/* Explicit references, recorded for the recount. */
int hold_type(uint64_t mfn, enum pv_page_type type)
{
	int rc = page_get_ref_and_type(mfn, dom, type);

	if (!rc) {
		extra_refs[mfn]++;
		extra_types[mfn]++;
	}
	return rc;
}

void drop_type(uint64_t mfn)
{
	extra_refs[mfn]--;
	extra_types[mfn]--;
	page_put_ref_and_type(mfn);
}

void drop_all_extras(void)
{
	for (uint64_t mfn = 0; mfn < NFRAMES; mfn++) {
		while (extra_types[mfn])
			drop_type(mfn);
		while (extra_refs[mfn]) {
			extra_refs[mfn]--;
			page_put_ref(mfn);
		}
	}
}

void set_pdone(uint32_t v)
{
	memcpy(host_guest_memory + PDONE_OFF, &v, sizeof(v));
}

uint32_t pdone(void)
{
	uint32_t v;

	memcpy(&v, host_guest_memory + PDONE_OFF, sizeof(v));
	return v;
}

/* ---- The state recomputed from scratch ---- */

struct recount {
	uint32_t refs[NFRAMES], types[NFRAMES];
	int linear_entries[NFRAMES], linear_uses[NFRAMES];
	unsigned int errors;
	char first[200];
};

static void bad(struct recount *r, const char *what, uint64_t mfn, long long a, long long b)
{
	if (!r->errors++)
		snprintf(r->first, sizeof(r->first), "%s: frame %#llx (%lld, %lld)", what,
			 (unsigned long long)mfn, a, b);
}

/* What one present entry of validated table @t (@level) must hold. */
static void count_entry(struct recount *r, uint64_t t, unsigned int level, uint64_t e)
{
	uint64_t m = pte_frame(e);

	if (m >= NFRAMES || fr(m)->owner != fr(t)->owner) {
		bad(r, "entry names a frame its domain does not own", t, (long long)m, 0);
		return;
	}
	if (level == 1) {
		r->refs[m]++;
		if (e & PTE_RW) {
			r->types[m]++;
			if (fr(m)->type != PV_TYPE_WRITABLE)
				bad(r, "writable mapping of a non-writable frame", m, fr(m)->type, 0);
		}
		if (e & (PTE_PWT | PTE_PCD | PTE_PAT4K))
			bad(r, "L1 entry with caching bits", t, (long long)e, 0);
		return;
	}
	if (e & (PTE_PWT | PTE_PCD | PTE_PS | PTE_G))
		bad(r, "upper entry with forbidden bits", t, (long long)e, level);
	if (m == t) {
		if (e & PTE_RW)
			bad(r, "writable self entry", t, level, 0);
		return;
	}
	r->refs[m]++;
	r->types[m]++;
	if (fr(m)->type == level) {
		if (e & PTE_RW)
			bad(r, "writable linear entry", t, (long long)m, level);
		r->linear_entries[t]++;
		r->linear_uses[m]++;
	} else if (fr(m)->type != level - 1) {
		bad(r, "entry names a frame of the wrong type", t, (long long)m, fr(m)->type);
	}
}

static void count_table(struct recount *r, uint64_t t)
{
	unsigned int level = fr(t)->type;
	const uint64_t *e = ents(t);

	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		if (level == 4 && pv_l4_slot_is_hypervisors(i)) {
			if (e[i] != HOST_L4_HV_ENTRY(i))
				bad(r, "hypervisor L4 slot not installed", t, i, 0);
			continue;
		}
		if (e[i] & PTE_P)
			count_entry(r, t, level, e[i]);
	}
}

static void check_frame(struct recount *r, uint64_t mfn)
{
	const struct frame *f = fr(mfn);
	bool validated = f->type_flags & PV_TYPE_VALIDATED;

	if (f->refcount != r->refs[mfn])
		bad(r, "refcount", mfn, f->refcount, r->refs[mfn]);
	if (f->type_count != r->types[mfn])
		bad(r, "type count", mfn, f->type_count, r->types[mfn]);
	if (validated != (f->type_count > 0))
		bad(r, "validated flag vs type count", mfn, validated, f->type_count);
	if ((f->type_flags & PV_TYPE_PINNED) && (!pv_type_is_table(f->type) || !f->type_count))
		bad(r, "pinned but not a live table", mfn, f->type, f->type_count);
	if (r->linear_entries[mfn] && r->linear_uses[mfn])
		bad(r, "table with linear entries is a linear target", mfn,
		    r->linear_entries[mfn], r->linear_uses[mfn]);
	if (f->linear_count != r->linear_entries[mfn] - r->linear_uses[mfn])
		bad(r, "linear count", mfn, f->linear_count,
		    r->linear_entries[mfn] - r->linear_uses[mfn]);
	if ((f->refcount || f->type_count) && f->owner != 1)
		bad(r, "referenced frame not owned by the domain", mfn, f->owner, 0);
}

/* Checks every invariant of the whole frame table; false (and reports) on failure. */
/* A vCPU's GDT frames and mapped LDT pages each hold a reference and a descriptor type. */
static void count_descriptor_frames(struct recount *r, const struct pv_segments *s)
{
	uint64_t frames[GDT_GUEST_PAGES + LDT_PAGES];

	memcpy(frames, s->gdt_frames, sizeof(s->gdt_frames));
	memcpy(frames + GDT_GUEST_PAGES, s->ldt_frames, sizeof(s->ldt_frames));
	for (unsigned int i = 0; i < GDT_GUEST_PAGES + LDT_PAGES; i++) {
		if (frames[i] && frames[i] < NFRAMES) {
			r->refs[frames[i]]++;
			r->types[frames[i]]++;
			if (fr(frames[i])->type != PV_TYPE_SEG_DESC)
				bad(r, "descriptor frame not a descriptor page", frames[i],
				    fr(frames[i])->type, i);
		}
	}
}

bool check_state(const char *where, long step)
{
	static struct recount r;

	r = (struct recount){ .errors = 0 };
	for (uint64_t mfn = 0; mfn < NFRAMES; mfn++) {
		const struct frame *f = fr(mfn);

		r.refs[mfn] += extra_refs[mfn];
		r.types[mfn] += extra_types[mfn];
		if (f->type_flags & PV_TYPE_PINNED) {
			r.refs[mfn]++;
			r.types[mfn]++;
		}
		if (pv_type_is_table(f->type) && (f->type_flags & PV_TYPE_VALIDATED))
			count_table(&r, mfn);
	}
	/* A vCPU's kernel and user roots each hold a reference and an L4 type. */
	for (unsigned int i = 0; i < dom->vcpu_count; i++) {
		const struct vcpu *v = dom->vcpus[i];
		uint64_t roots[2] = { v ? v->arch.kernel_cr3 >> 12 : 0, v ? v->arch.user_cr3 >> 12 : 0 };

		for (unsigned int k = 0; k < 2; k++) {
			if (roots[k] && roots[k] < NFRAMES) {
				r.refs[roots[k]]++;
				r.types[roots[k]]++;
				if (fr(roots[k])->type != PV_TYPE_L4)
					bad(&r, "vCPU root not an L4", roots[k], fr(roots[k])->type, k);
			}
		}
		if (v)
			count_descriptor_frames(&r, &v->arch.seg);
	}
	for (uint64_t mfn = 0; mfn < NFRAMES; mfn++)
		check_frame(&r, mfn);
	if (r.errors) {
		printf("  %s (step %ld): %u errors, first: %s\n", where, step, r.errors, r.first);
		CHECK(r.errors == 0);
	}
	return r.errors == 0;
}

/* Releases everything and checks that every count is back to 0. */
void release_and_check_zero(void)
{
	drop_all_extras();
	arch_domain_release(dom); /* the vCPUs' roots, then every pin */
	for (uint64_t mfn = 0; mfn < NFRAMES; mfn++) {
		const struct frame *f = fr(mfn);

		if (f->refcount || f->type_count || f->linear_count || f->type_flags) {
			printf("  frame %#lx: ref %u type %u count %u flags %#x linear %d\n",
			       (unsigned long)mfn, f->refcount, f->type, f->type_count,
			       f->type_flags, f->linear_count);
			CHECK(false);
			break;
		}
	}
	CHECK(!strstr(console_captured(), "still held"));
}

struct vcpu *world_kernel_vcpu(uint64_t l4, uint64_t l3, uint64_t l2, uint64_t l1, uint64_t data)
{
	struct vcpu *v = vcpu_create(dom, 0);

	CHECK(v != NULL);
	v->arch.kernel_mode = true;
	ents(l4)[0] = pte(l3, PTE_P | PTE_RW);
	ents(l3)[0] = pte(l2, PTE_P | PTE_RW);
	ents(l2)[0] = pte(l1, PTE_P | PTE_RW);
	ents(l1)[0] = pte(data, PTE_P | PTE_RW);
	CHECK_EQ(page_get_ref_and_type(l4, dom, PV_TYPE_L4), 0);
	v->arch.kernel_cr3 = l4 << 12;
	return v;
}
