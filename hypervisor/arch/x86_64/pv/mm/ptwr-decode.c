/*
 * Instruction decoding for writable-page-table emulation (ptwr-decode.h).
 *
 * Prefixes: LOCK, operand size (0x66), FS/GS overrides (others do nothing
 * in 64-bit mode), REX.  Opcodes: 88/89 and C6/C7 /0 (MOV), 86/87 (XCHG),
 * 0F B0/B1 (CMPXCHG), 0F AB/B3 and 0F BA /5 /6 (BTS/BTR), 08/09, 20/21,
 * 80 /1 /4, 81 /1 /4 and 83 /1 /4 (OR/AND).  Memory operands in every
 * ModRM/SIB form, RIP-relative included.
 */
#include "lib/string.h"
#include "ptwr-decode.h"

struct decoder {
	const uint8_t *p, *end;
	const struct cpu_regs *regs;
	uint8_t rex;
	bool opsize16, byte_op;
	uint64_t seg_base;
};

uint64_t *ptwr_reg(struct cpu_regs *r, unsigned int n)
{
	uint64_t *map[16] = { &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp,
			      &r->rsi, &r->rdi, &r->r8,	 &r->r9,  &r->r10, &r->r11,
			      &r->r12, &r->r13, &r->r14, &r->r15 };

	return map[n & 15];
}

static int fetch(struct decoder *d, unsigned int n, uint64_t *v)
{
	if ((size_t)(d->end - d->p) < n)
		return -1;
	*v = 0;
	memcpy(v, d->p, n);
	d->p += n;
	return 0;
}

static int64_t sign_extend(uint64_t v, unsigned int bytes)
{
	unsigned int shift = 64 - bytes * 8;

	return (int64_t)(v << shift) >> shift;
}

static uint64_t reg_value(const struct decoder *d, unsigned int n)
{
	return *ptwr_reg((struct cpu_regs *)d->regs, n);
}

/* Decodes ModRM (+SIB, displacement): the register field and the address. */
static int modrm(struct decoder *d, unsigned int *reg, uint64_t *address, bool *rip_relative)
{
	uint64_t b, sib, disp = 0, base = 0, index = 0;
	unsigned int mod, rm;

	if (fetch(d, 1, &b))
		return -1;
	mod = b >> 6;
	*reg = ((b >> 3) & 7) | (d->rex & 4 ? 8 : 0);
	rm = b & 7;
	if (mod == 3)
		return -1; /* a register operand: not a memory write */
	*rip_relative = mod == 0 && rm == 5;
	if (rm == 4) {
		if (fetch(d, 1, &sib))
			return -1;
		unsigned int idx = ((sib >> 3) & 7) | (d->rex & 2 ? 8 : 0);
		unsigned int bas = (sib & 7) | (d->rex & 1 ? 8 : 0);

		if (idx != 4)
			index = reg_value(d, idx) << (sib >> 6);
		if ((sib & 7) == 5 && mod == 0) {
			if (fetch(d, 4, &disp))
				return -1;
			disp = (uint64_t)sign_extend(disp, 4);
		} else {
			base = reg_value(d, bas);
		}
	} else if (!*rip_relative) {
		base = reg_value(d, rm | (d->rex & 1 ? 8 : 0));
	}
	if (mod == 1 || mod == 2 || *rip_relative) {
		unsigned int n = mod == 1 ? 1 : 4;

		if (fetch(d, n, &disp))
			return -1;
		disp = (uint64_t)sign_extend(disp, n);
	}
	*address = base + index + disp + d->seg_base;
	return 0;
}

static unsigned int operand_size(const struct decoder *d)
{
	if (d->byte_op)
		return 1;
	if (d->rex & 8)
		return 8;
	return d->opsize16 ? 2 : 4;
}

static int prefixes(struct decoder *d, uint64_t fs_base, uint64_t gs_base)
{
	for (;;) {
		uint64_t b;

		if (d->p >= d->end)
			return -1;
		b = *d->p;
		if (b == 0xf0 || b == 0x2e || b == 0x3e || b == 0x26 || b == 0x36)
			d->p++;
		else if (b == 0x66)
			d->opsize16 = true, d->p++;
		else if (b == 0x64)
			d->seg_base = fs_base, d->p++;
		else if (b == 0x65)
			d->seg_base = gs_base, d->p++;
		else
			break;
	}
	if (*d->p >= 0x40 && *d->p <= 0x4f)
		d->rex = *d->p++;
	return 0;
}

/* The opcode's operation, whether it has an immediate, and its width. */
struct opcode_form {
	enum ptwr_op op;
	int imm_bytes;	/* -1: register source; 0: from operand size (max 4) */
};

static int classify(struct decoder *d, uint64_t opcode, unsigned int reg_field,
		    struct opcode_form *f)
{
	unsigned int ext = reg_field & 7;

	d->byte_op = !(opcode & 1) && opcode < 0x0f00 && opcode != 0x83;
	switch (opcode) {
	case 0x88: case 0x89: *f = (struct opcode_form){ PTWR_MOV, -1 }; return 0;
	case 0x86: case 0x87: *f = (struct opcode_form){ PTWR_XCHG, -1 }; return 0;
	case 0x08: case 0x09: *f = (struct opcode_form){ PTWR_OR, -1 }; return 0;
	case 0x20: case 0x21: *f = (struct opcode_form){ PTWR_AND, -1 }; return 0;
	case 0xc6: case 0xc7:
		*f = (struct opcode_form){ PTWR_MOV, 0 };
		return ext == 0 ? 0 : -1;
	case 0x80: case 0x81: case 0x83:
		*f = (struct opcode_form){ ext == 1 ? PTWR_OR : PTWR_AND, opcode == 0x83 ? 1 : 0 };
		return ext == 1 || ext == 4 ? 0 : -1;
	case 0x0fb0: case 0x0fb1:
		d->byte_op = opcode == 0x0fb0;
		*f = (struct opcode_form){ PTWR_CMPXCHG, -1 };
		return 0;
	case 0x0fab: case 0x0fb3:
		*f = (struct opcode_form){ opcode == 0x0fab ? PTWR_BTS : PTWR_BTR, -1 };
		return 0;
	case 0x0fba:
		*f = (struct opcode_form){ ext == 5 ? PTWR_BTS : PTWR_BTR, 1 };
		return ext == 5 || ext == 6 ? 0 : -1;
	default:
		return -1;
	}
}

static int immediate(struct decoder *d, int imm_bytes, struct ptwr_insn *out)
{
	unsigned int n = imm_bytes ? (unsigned int)imm_bytes : (out->size > 4 ? 4 : out->size);
	uint64_t v;

	if (fetch(d, n, &v))
		return -1;
	out->imm = (uint64_t)sign_extend(v, n);
	return 0;
}

int ptwr_decode(const uint8_t *insn, size_t avail, const struct cpu_regs *regs,
		uint64_t fs_base, uint64_t gs_base, struct ptwr_insn *out)
{
	struct decoder d = { .p = insn, .end = insn + avail, .regs = regs };
	struct opcode_form form;
	uint64_t opcode, address;
	unsigned int reg;
	bool rip_relative;

	if (avail > PTWR_INSN_MAX)
		d.end = insn + PTWR_INSN_MAX;
	if (prefixes(&d, fs_base, gs_base) || fetch(&d, 1, &opcode))
		return -1;
	if (opcode == 0x0f && fetch(&d, 1, &opcode) == 0)
		opcode |= 0x0f00;
	if (d.p >= d.end || classify(&d, opcode, (*d.p >> 3) & 7, &form))
		return -1;
	if (modrm(&d, &reg, &address, &rip_relative))
		return -1;
	out->op = form.op;
	out->size = operand_size(&d);
	out->reg = form.imm_bytes < 0 ? (int)reg : -1;
	/* Without REX, byte registers 4-7 are AH..BH: not worth emulating. */
	if (out->reg >= 4 && out->reg < 8 && out->size == 1 && !d.rex)
		return -1;
	if (form.imm_bytes >= 0 && immediate(&d, form.imm_bytes, out))
		return -1;
	out->len = (unsigned int)(d.p - insn);
	/* RIP-relative operands count from the end of the instruction. */
	out->address = rip_relative ? regs->rip + out->len + address : address;
	return 0;
}
