/*
 * Decoder for the privileged instructions emulated for PV guest kernels.
 * Encodings: 0f 32 RDMSR, 0f 30 WRMSR, 0f 06 CLTS, 0f 20 /r MOV r64, CRn,
 * 0f 22 /r MOV CRn, r64, 0f 21 /r MOV r64, DRn, 0f 23 /r MOV DRn, r64,
 * 0f 01 d1 XSETBV.  For MOV CR/DR the ModRM mod field is ignored (the
 * operand is always a register), ModRM.reg with REX.R is the control or
 * debug register and ModRM.rm with REX.B the general register.
 */
#include "priv_decode.h"

#define REX_R 0x4
#define REX_B 0x1

static int is_rex(uint8_t b)
{
	return (b & 0xf0) == 0x40;
}

int priv_decode(const uint8_t *buf, size_t avail, struct priv_insn *out)
{
	size_t i = 0, legacy_prefixes;
	uint8_t rex = 0, op, modrm;

	if (avail > PRIV_INSN_MAX)
		avail = PRIV_INSN_MAX;
	/* Legacy prefixes without effect on these instructions. */
	while (i < avail && (buf[i] == 0x66 || buf[i] == 0xf3 || buf[i] == 0xf2))
		i++;
	legacy_prefixes = i;
	if (i < avail && is_rex(buf[i]))
		rex = buf[i++];
	if (i + 2 > avail || buf[i] != 0x0f)
		return -1;
	op = buf[i + 1];
	i += 2;
	switch (op) {
	case 0x32:
	case 0x30:
	case 0x06:
		*out = (struct priv_insn){ .op = op == 0x32 ? PRIV_RDMSR
						 : op == 0x30 ? PRIV_WRMSR
							      : PRIV_CLTS,
					   .len = (unsigned int)i };
		return 0;
	case 0x20:
	case 0x22:
	case 0x21:
	case 0x23:
		if (i >= avail)
			return -1;
		modrm = buf[i++];
		*out = (struct priv_insn){
			.op = op == 0x20   ? PRIV_MOV_FROM_CR
			      : op == 0x22 ? PRIV_MOV_TO_CR
			      : op == 0x21 ? PRIV_MOV_FROM_DR
					   : PRIV_MOV_TO_DR,
			.len = (unsigned int)i,
			.gpr = (modrm & 7) | (rex & REX_B ? 8 : 0),
		};
		if (op == 0x20 || op == 0x22)
			out->cr = ((modrm >> 3) & 7) | (rex & REX_R ? 8 : 0);
		else
			out->dr = ((modrm >> 3) & 7) | (rex & REX_R ? 8 : 0);
		return 0;
	case 0x01:
		/* XSETBV with a legacy prefix is #UD on hardware: not ours to emulate. */
		if (i >= avail || buf[i] != 0xd1 || legacy_prefixes)
			return -1;
		*out = (struct priv_insn){ .op = PRIV_XSETBV, .len = (unsigned int)i + 1 };
		return 0;
	default:
		return -1;
	}
}
