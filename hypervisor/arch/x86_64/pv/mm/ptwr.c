/*
 * Writable page tables (VMASST_TYPE_writable_pagetables): a guest kernel
 * may write its L1 page tables with ordinary instructions through their
 * read-only mappings.  The write faults; if the faulting address is mapped
 * read-only to an L1 table of the guest's, the instruction is decoded
 * (ptwr-decode.c), the new entry is checked and applied exactly as
 * mmu_update would, and the guest resumes after the instruction.
 *
 * As on Xen: the store must be naturally aligned and within the faulting
 * page; narrower stores are widened to the whole 8-byte entry; a
 * CMPXCHG whose comparison fails changes nothing but RAX and the flags
 * (set as CMP sets them).  An instruction or entry that cannot be
 * emulated leaves the fault to the guest.  Dom0's stores to the read-only
 * MMIO it maps (the I/O APIC) are dropped here too (drop_mmio_store).
 */
#include "arch/cpu.h"
#include "arch/guest_access.h"
#include "hypercall-abi/mmu.h"
#include "machine_memory_map.h"
#include "mm-internal.h"
#include "ptwr-decode.h"

#define RFLAGS_ARITH (RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_OF)

struct ptwr_result {
	uint64_t entry;		/* the whole new entry */
	bool write;		/* false: a failed CMPXCHG */
	uint64_t old_part;	/* the operand's old value */
	uint64_t flags;		/* arithmetic flags to set */
};

static uint64_t operand_mask(unsigned int size)
{
	return size == 8 ? ~0ull : (1ull << (size * 8)) - 1;
}

/* The frame behind a present, read-only mapping of @va. */
static int read_only_frame(const struct vcpu *v, uint64_t va, uint64_t *mfn)
{
	uint64_t l1, pte;

	if (guest_walk_to_l1(v, va, &l1))
		return -1;
	pte = pv_frame_table_entries(l1)[pt_index(va, 1)];
	if ((pte & (PTE_P | PTE_RW)) != PTE_P)
		return -1;
	*mfn = (pte & PTE_ADDR_MASK) >> 12;
	return 0;
}

/* Whether @mfn is an L1 table of @v's domain in use. */
static bool own_l1(const struct vcpu *v, uint64_t mfn)
{
	const struct frame *f = frame_get(mfn);

	return frame_owned_by(f, v->domain) && f->type == PV_TYPE_L1 && f->type_count;
}

static unsigned int fetch_insn(uint64_t rip, uint8_t *buf)
{
	unsigned int n = 0;

	while (n < PTWR_INSN_MAX && !copy_from_guest(&buf[n], rip + n, 1))
		n++;
	return n;
}

static uint64_t logic_flags(uint64_t result, unsigned int size)
{
	uint64_t flags = 0, low = result & 0xff;

	result &= operand_mask(size);
	if (!result)
		flags |= RFLAGS_ZF;
	if (result >> (size * 8 - 1))
		flags |= RFLAGS_SF;
	if (!(__builtin_popcountll(low) & 1))
		flags |= RFLAGS_PF;
	return flags;
}

/* The flags of CMP @a, @b (@a - @b) at @size, as CMPXCHG sets them. */
static uint64_t compare_flags(uint64_t a, uint64_t b, unsigned int size)
{
	uint64_t mask = operand_mask(size), sign = 1ull << (size * 8 - 1);
	uint64_t result = (a - b) & mask, flags = logic_flags(result, size);

	a &= mask;
	b &= mask;
	if (a < b)
		flags |= RFLAGS_CF;
	if ((a ^ b) & (a ^ result) & sign)
		flags |= RFLAGS_OF;
	if ((a ^ b ^ result) & 0x10)
		flags |= RFLAGS_AF;
	return flags;
}

/* Computes the operation on the operand @old; 0, or -1 if not emulated. */
static int compute(const struct ptwr_insn *in, struct cpu_regs *regs, uint64_t old,
		   uint64_t *new, struct ptwr_result *r)
{
	uint64_t mask = operand_mask(in->size);
	uint64_t src = (in->reg >= 0 ? *ptwr_reg(regs, (unsigned int)in->reg) : in->imm) & mask;
	unsigned int bits = in->size * 8;

	r->write = true;
	switch (in->op) {
	case PTWR_MOV:
	case PTWR_XCHG:
		*new = src;
		return 0;
	case PTWR_CMPXCHG:
		r->write = old == (regs->rax & mask);
		r->flags = compare_flags(regs->rax, old, in->size);
		*new = src;
		return 0;
	case PTWR_AND:
	case PTWR_OR:
		*new = in->op == PTWR_AND ? old & src : old | src;
		r->flags = logic_flags(*new, in->size);
		return 0;
	case PTWR_BTS:
	case PTWR_BTR:
		if (src >= bits && in->reg >= 0)
			return -1; /* bit offsets beyond the operand address other memory */
		src %= bits;
		r->flags = (old >> src) & 1 ? RFLAGS_CF : 0;
		*new = in->op == PTWR_BTS ? old | 1ull << src : old & ~(1ull << src);
		return 0;
	}
	return -1;
}

/* Register results, once the entry has been written (or CMPXCHG failed). */
static void retire(const struct ptwr_insn *in, struct cpu_regs *regs, const struct ptwr_result *r)
{
	uint64_t mask = operand_mask(in->size);
	/* BTS/BTR set CF only: ZF is unaffected, the others undefined (kept). */
	uint64_t affected = in->op == PTWR_BTS || in->op == PTWR_BTR ? RFLAGS_CF : RFLAGS_ARITH;

	if (in->op == PTWR_XCHG || (in->op == PTWR_CMPXCHG && !r->write)) {
		uint64_t *dst = in->op == PTWR_XCHG ? ptwr_reg(regs, (unsigned int)in->reg) : &regs->rax;

		/* 32-bit results zero-extend; 8/16-bit ones merge. */
		*dst = in->size == 4 ? r->old_part : (*dst & ~mask) | r->old_part;
	}
	if (in->op != PTWR_MOV && in->op != PTWR_XCHG)
		regs->rflags = (regs->rflags & ~affected) | r->flags;
	regs->rip += in->len;
}

static int emulate(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2, uint64_t table)
{
	uint8_t buf[PTWR_INSN_MAX];
	unsigned int avail = fetch_insn(regs->rip, buf);
	struct ptwr_insn in;
	struct ptwr_result r = { 0 };
	uint64_t full, shift, part, new_part;
	unsigned int index;

	if (ptwr_decode(buf, avail, regs, v->arch.fs_base, v->arch.gs_base_kernel, &in) ||
	    (in.address ^ cr2) >> 12 || in.address & (in.size - 1))
		return -1;
	index = (in.address & 0xfff) / sizeof(uint64_t);
	full = pv_frame_table_entries(table)[index];
	shift = (in.address & 7) * 8;
	part = (full >> shift) & operand_mask(in.size);
	if (compute(&in, regs, part, &new_part, &r))
		return -1;
	r.old_part = part;
	r.entry = (full & ~(operand_mask(in.size) << shift)) | (new_part & operand_mask(in.size)) << shift;
	if (r.write && page_table_update(table, index, r.entry, v->domain, false))
		return -1;
	retire(&in, regs, &r);
	return 0;
}

/*
 * Dom0's store to MMIO it may map only read-only (the I/O APIC): as Xen's
 * read-only MMIO emulation, a MOV that stores naturally aligned at the
 * faulting address is dropped and the guest resumes after it.
 */
static int drop_mmio_store(struct cpu_regs *regs, uint64_t cr2, const struct vcpu *v)
{
	uint8_t buf[PTWR_INSN_MAX];
	unsigned int avail = fetch_insn(regs->rip, buf);
	struct ptwr_insn in;

	if (ptwr_decode(buf, avail, regs, v->arch.fs_base, v->arch.gs_base_kernel, &in) ||
	    in.op != PTWR_MOV || in.address != cr2 || in.address & (in.size - 1))
		return -1;
	regs->rip += in.len;
	return 0;
}

bool ptwr_handle_fault(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2)
{
	uint64_t mfn;

	if (!v->arch.kernel_mode || read_only_frame(v, cr2, &mfn))
		return false;
	/* As Xen: this needs no VMASST, only dom0. */
	if (v->domain->privileged && machine_mmio_read_only(mfn))
		return drop_mmio_store(regs, cr2, v) == 0;
	return (v->domain->vm_assist & (1ul << PV_VMASST_TYPE_writable_pagetables)) &&
	       own_l1(v, mfn) && emulate(v, regs, cr2, mfn) == 0;
}
