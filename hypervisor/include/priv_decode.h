/*
 * Decoding the privileged instructions a PV guest kernel may execute and
 * the hypervisor emulates (pv/emul-priv-op.c): RDMSR, WRMSR, MOV from/to a
 * control or debug register, CLTS, XSETBV.  Portable: works on bytes already fetched.
 */
#ifndef PRIV_DECODE_H
#define PRIV_DECODE_H

#include <stddef.h>
#include <stdint.h>

enum priv_op {
	PRIV_RDMSR,
	PRIV_WRMSR,
	PRIV_MOV_FROM_CR, /* gpr = CRn */
	PRIV_MOV_TO_CR,	  /* CRn = gpr */
	PRIV_CLTS,
	PRIV_MOV_FROM_DR, /* gpr = DRn */
	PRIV_MOV_TO_DR,	  /* DRn = gpr */
	PRIV_XSETBV,
};

/* Most bytes an instruction can have. */
#define PRIV_INSN_MAX 15

struct priv_insn {
	enum priv_op op;
	unsigned int len; /* bytes, prefixes included */
	unsigned int cr;  /* control register number (MOV CR) */
	unsigned int dr;  /* debug register number (MOV DR) */
	unsigned int gpr; /* general register, x86 numbering: 0 RAX .. 15 R15 */
};

/*
 * Decodes the @avail bytes at @buf.  Returns 0 and fills @out, or -1 if
 * they are not (all of) one of the instructions above.  Legacy prefixes
 * other than operand size and REP are refused, as is LOCK; a REX prefix
 * must come last.
 */
int priv_decode(const uint8_t *buf, size_t avail, struct priv_insn *out);

#endif
