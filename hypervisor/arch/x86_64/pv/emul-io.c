/*
 * Port-I/O instructions of a PV guest (IN, OUT, INS, OUTS), which fault
 * with #GP(0) in ring 3 while the real IOPL is 0.  As on Xen 4.17:
 *
 *  - The guest kernel's grants decide first: its virtual IOPL against the
 *    running code's privilege, else its I/O bitmap (read through the
 *    guest kernel's page tables; unreadable bytes deny).  Not granted:
 *    #GP(0).  Granted: the access goes to guest_io_read/write, which
 *    applies the domain's own port permissions (guest-io.c).
 *  - INS/OUTS move through the checked copy helpers: a non-canonical or
 *    hypervisor address is #GP(0), an unmapped or read-only one #PF (write
 *    access for INS) at the address, after the repetitions that
 *    succeeded have updated RCX/RSI/RDI.  A REP with RCX 0 does nothing
 *    (the port is not even checked).  Long REPs are done in batches, the
 *    guest re-executing the instruction for the rest.
 */
#include "arch/cpu.h"
#include "arch/guest_access.h"
#include "hypercall-abi/mmu.h"
#include "pv_io.h"
#include "pv_traps.h"

#define VECTOR_GP 13
#define PFEC_WRITE (1u << 1)
#define REPS_PER_BATCH 1024

bool pv_architectural_iopl(const struct vcpu *v)
{
	return v->domain->vm_assist & (1ul << PV_VMASST_TYPE_architectural_iopl);
}

bool pv_iopl_ok(const struct vcpu *v)
{
	return iopl_allows(v->ioperm.iopl, v->arch.kernel_mode, pv_architectural_iopl(v));
}

static bool guest_io_okay(struct vcpu *v, unsigned int port, unsigned int bytes)
{
	uint8_t bits[2] = { 0xff, 0xff };
	bool user = !v->arch.kernel_mode;

	if (pv_iopl_ok(v))
		return true;
	if (port + bytes > v->ioperm.bitmap_ports)
		return false;
	if (user)
		pv_toggle_mode(v);
	for (unsigned int i = 0; i < 2; i++)
		if (copy_from_guest(&bits[i], v->ioperm.bitmap + port / 8 + i, 1))
			break;
	if (user)
		pv_toggle_mode(v);
	return iobitmap_allows(bits, v->ioperm.bitmap_ports, port, bytes);
}

static void set_accumulator(struct cpu_regs *regs, unsigned int size, uint32_t val)
{
	switch (size) {
	case 1:
		regs->rax = (regs->rax & ~0xfful) | (uint8_t)val;
		break;
	case 2:
		regs->rax = (regs->rax & ~0xfffful) | (uint16_t)val;
		break;
	default:
		regs->rax = val; /* a 32-bit result clears the upper half */
		break;
	}
}

static uint64_t segment_base(const struct vcpu *v, enum priv_seg seg)
{
	switch (seg) {
	case PRIV_SEG_FS:
		return v->arch.fs_base;
	case PRIV_SEG_GS:
		return v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user;
	default:
		return 0;
	}
}

/* An index register as the address size sees it, and written back. */
static uint64_t index_get(uint64_t reg, bool addr32)
{
	return addr32 ? (uint32_t)reg : reg;
}

static void index_set(uint64_t *reg, uint64_t val, bool addr32)
{
	*reg = addr32 ? (uint32_t)val : val;
}

/*
 * INS or OUTS: PV_EMUL_DONE when every repetition is done, else
 * PV_EMUL_RETRY (an exception was raised, or a batch ended).
 */
static enum pv_emul string_io(struct vcpu *v, struct cpu_regs *regs, const struct priv_insn *in)
{
	bool ins = in->op == PRIV_INS;
	unsigned int port = (uint16_t)regs->rdx, size = in->size, fault = 0;
	uint64_t *index = ins ? &regs->rdi : &regs->rsi;
	uint64_t count = in->rep ? index_get(regs->rcx, in->addr32) : 1;
	uint64_t base = ins ? 0 : segment_base(v, in->seg), offset, addr, done;
	uint32_t data;

	if (!count) {
		index_set(&regs->rcx, 0, in->addr32);
		index_set(index, *index, in->addr32);
		return PV_EMUL_DONE;
	}
	if (!guest_io_okay(v, port, size))
		return PV_EMUL_REFUSED;
	offset = index_get(*index, in->addr32);
	for (done = 0; done < count && done < REPS_PER_BATCH; done++) {
		data = ins ? guest_io_read(v->domain, port, size) : 0;
		addr = base + offset;
		if (!guest_range_ok(addr, 1)) {
			fault = VECTOR_GP;
			break;
		}
		/* A copy that faults leaves the address in CR2 for the #PF. */
		if (ins ? copy_to_guest(addr, &data, size) : copy_from_guest(&data, addr, size)) {
			fault = VECTOR_PAGE_FAULT;
			break;
		}
		if (!ins)
			guest_io_write(v->domain, port, size, data);
		offset += regs->rflags & RFLAGS_DF ? -(uint64_t)size : size;
	}
	/* The repetitions done show in the registers, also to an exception handler. */
	index_set(index, offset, in->addr32);
	if (in->rep)
		index_set(&regs->rcx, count - done, in->addr32);
	if (fault)
		pv_inject_exception(v, regs, fault, true,
				    fault == VECTOR_PAGE_FAULT && ins ? PFEC_WRITE : 0);
	return fault || done < count ? PV_EMUL_RETRY : PV_EMUL_DONE;
}

enum pv_emul pv_emulate_io(struct vcpu *v, struct cpu_regs *regs, const struct priv_insn *in)
{
	unsigned int port = in->port_in_dx ? (uint16_t)regs->rdx : in->port_imm;

	switch (in->op) {
	case PRIV_IN:
		if (!guest_io_okay(v, port, in->size))
			return PV_EMUL_REFUSED;
		set_accumulator(regs, in->size, guest_io_read(v->domain, port, in->size));
		return PV_EMUL_DONE;
	case PRIV_OUT:
		if (!guest_io_okay(v, port, in->size))
			return PV_EMUL_REFUSED;
		guest_io_write(v->domain, port, in->size, (uint32_t)regs->rax);
		return PV_EMUL_DONE;
	case PRIV_INS:
	case PRIV_OUTS:
		return string_io(v, regs, in);
	default:
		return PV_EMUL_REFUSED;
	}
}
