/*
 * Decoding the few x86-64 instructions a PV kernel uses to write its own
 * page-table entries in place (writable page tables): MOV stores, XCHG,
 * CMPXCHG, BTS/BTR and AND/OR to memory.  Anything else is refused and the
 * fault stays the guest's.
 */
#ifndef PTWR_DECODE_H
#define PTWR_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/traps.h"

#define PTWR_INSN_MAX 15

enum ptwr_op {
	PTWR_MOV,	/* *m = src */
	PTWR_XCHG,	/* reg <-> *m */
	PTWR_CMPXCHG,	/* if (*m == rax) *m = src else rax = *m */
	PTWR_BTS,	/* CF = bit; set it */
	PTWR_BTR,	/* CF = bit; clear it */
	PTWR_AND,
	PTWR_OR,
};

struct ptwr_insn {
	enum ptwr_op op;
	unsigned int len;	/* instruction length */
	unsigned int size;	/* operand size: 1, 2, 4 or 8 */
	uint64_t address;	/* linear address of the memory operand */
	int reg;		/* register operand (0-15), or -1 for an immediate */
	uint64_t imm;		/* immediate source (sign-extended as the ISA says) */
};

/*
 * Decodes @insn (@avail bytes fetched at the guest's RIP) against the
 * guest's registers (@fs_base/@gs_base for segment overrides).  Returns 0,
 * or -1 for anything this emulator does not do.
 */
int ptwr_decode(const uint8_t *insn, size_t avail, const struct cpu_regs *regs,
		uint64_t fs_base, uint64_t gs_base, struct ptwr_insn *out);

/* Register @n (0 = rax ... 15 = r15) of @regs. */
uint64_t *ptwr_reg(struct cpu_regs *regs, unsigned int n);

#endif
