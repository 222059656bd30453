/*
 * Decoding the privileged instructions a PV guest may execute and the
 * hypervisor emulates (pv/emul-priv-op.c, pv/emul-io.c): RDMSR, WRMSR,
 * MOV from/to a control or debug register, CLTS, XSETBV, WBINVD, CLI,
 * STI, and port I/O (IN, OUT, INS, OUTS).  Portable: works on bytes
 * already fetched.
 */
#ifndef PRIV_DECODE_H
#define PRIV_DECODE_H

#include <stdbool.h>
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
	PRIV_WBINVD,	  /* also WBNOINVD (f3 0f 09) */
	PRIV_CLI,
	PRIV_STI,
	PRIV_IN,	  /* AL/AX/EAX = port */
	PRIV_OUT,	  /* port = AL/AX/EAX */
	PRIV_INS,	  /* [ES:RDI] = port */
	PRIV_OUTS,	  /* port = [seg:RSI] */
};

/* Segment of the OUTS source (64-bit mode: only FS and GS have a base). */
enum priv_seg {
	PRIV_SEG_FLAT,
	PRIV_SEG_FS,
	PRIV_SEG_GS,
};

/* Most bytes an instruction can have. */
#define PRIV_INSN_MAX 15

struct priv_insn {
	enum priv_op op;
	unsigned int len; /* bytes, prefixes included */
	unsigned int cr;  /* control register number (MOV CR) */
	unsigned int dr;  /* debug register number (MOV DR) */
	unsigned int gpr; /* general register, x86 numbering: 0 RAX .. 15 R15 */
	/* Port I/O. */
	unsigned int size;     /* bytes per transfer: 1, 2 or 4 */
	bool port_in_dx;       /* else the port is port_imm */
	uint8_t port_imm;
	bool rep;	       /* INS/OUTS with a REP (f3) or REPNE (f2) prefix */
	bool addr32;	       /* address-size prefix: ECX, ESI, EDI */
	enum priv_seg seg;     /* OUTS source segment */
};

/*
 * Decodes the @avail bytes at @buf.  Returns 0 and fills @out, or -1 if
 * they are not (all of) one of the instructions above.  Any legacy prefix
 * but LOCK may come first (operand size, address size, REP/REPNE,
 * segments); a REX prefix must come last.
 */
int priv_decode(const uint8_t *buf, size_t avail, struct priv_insn *out);

#endif
