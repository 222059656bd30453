/*
 * Decoder for the privileged instructions emulated for PV guests.
 * Encodings: 0f 32 RDMSR, 0f 30 WRMSR, 0f 06 CLTS, 0f 09 WBINVD, 0f 20 /r
 * MOV r64, CRn, 0f 22 /r MOV CRn, r64, 0f 21 /r MOV r64, DRn, 0f 23 /r
 * MOV DRn, r64, 0f 01 d1 XSETBV, fa CLI, fb STI, e4-e7 IN/OUT with an
 * imm8 port, ec-ef IN/OUT with the port in DX, 6c-6f INS/OUTS.  For MOV
 * CR/DR the ModRM mod field is ignored (the operand is always a
 * register), ModRM.reg with REX.R is the control or debug register and
 * ModRM.rm with REX.B the general register.  Port I/O on eAX moves 4 bytes, or 2
 * with an operand-size prefix; REX.W does not make it 8.
 */
#include "priv_decode.h"

#define REX_W 0x8
#define REX_R 0x4
#define REX_B 0x1

struct prefixes {
	bool opsize, addr32, rep;
	bool simd_prefix; /* 66, f2 or f3 */
	enum priv_seg seg;
	uint8_t rex;
};

static bool is_rex(uint8_t b)
{
	return (b & 0xf0) == 0x40;
}

/* Consumes the prefixes; false at LOCK. */
static bool read_prefixes(const uint8_t *buf, size_t avail, size_t *i, struct prefixes *p)
{
	for (; *i < avail; (*i)++) {
		switch (buf[*i]) {
		case 0x66:
			p->opsize = true;
			p->simd_prefix = true;
			break;
		case 0x67:
			p->addr32 = true;
			break;
		case 0xf2:
		case 0xf3:
			p->rep = true;
			p->simd_prefix = true;
			break;
		case 0x64:
			p->seg = PRIV_SEG_FS;
			break;
		case 0x65:
			p->seg = PRIV_SEG_GS;
			break;
		case 0x26:
		case 0x2e:
		case 0x36:
		case 0x3e:
			p->seg = PRIV_SEG_FLAT;
			break;
		case 0xf0:
			return false;
		default:
			if (is_rex(buf[*i]))
				p->rex = buf[(*i)++];
			return true;
		}
	}
	return true;
}

static int decode_two_byte(const uint8_t *buf, size_t avail, size_t i, const struct prefixes *p,
			   struct priv_insn *out)
{
	uint8_t op = buf[i++], modrm;

	switch (op) {
	case 0x32:
	case 0x30:
	case 0x06:
	case 0x09:
		out->op = op == 0x32   ? PRIV_RDMSR
			  : op == 0x30 ? PRIV_WRMSR
			  : op == 0x06 ? PRIV_CLTS
				       : PRIV_WBINVD;
		out->len = (unsigned int)i;
		return 0;
	case 0x20:
	case 0x22:
	case 0x21:
	case 0x23: {
		unsigned int reg;

		if (i >= avail)
			return -1;
		modrm = buf[i++];
		reg = ((modrm >> 3) & 7) | (p->rex & REX_R ? 8 : 0);
		out->op = op == 0x20   ? PRIV_MOV_FROM_CR
			  : op == 0x22 ? PRIV_MOV_TO_CR
			  : op == 0x21 ? PRIV_MOV_FROM_DR
				       : PRIV_MOV_TO_DR;
		out->len = (unsigned int)i;
		if (op & 1)
			out->dr = reg;
		else
			out->cr = reg;
		out->gpr = (modrm & 7) | (p->rex & REX_B ? 8 : 0);
		return 0;
	}
	case 0x01:
		/* XSETBV with a 66/f2/f3 prefix is #UD on hardware: not ours to emulate. */
		if (i >= avail || buf[i] != 0xd1 || p->simd_prefix)
			return -1;
		out->op = PRIV_XSETBV;
		out->len = (unsigned int)i + 1;
		return 0;
	default:
		return -1;
	}
}

static int decode_io(const uint8_t *buf, size_t avail, size_t i, const struct prefixes *p,
		     struct priv_insn *out)
{
	uint8_t op = buf[i++];

	out->size = !(op & 1) ? 1 : (p->rex & REX_W) || !p->opsize ? 4 : 2;
	out->addr32 = p->addr32;
	if (op >= 0xe4 && op <= 0xe7) {
		if (i >= avail)
			return -1;
		out->port_imm = buf[i++];
		out->op = op & 2 ? PRIV_OUT : PRIV_IN;
	} else if (op >= 0xec) {
		out->port_in_dx = true;
		out->op = op & 2 ? PRIV_OUT : PRIV_IN;
	} else {
		out->port_in_dx = true;
		out->op = op & 2 ? PRIV_OUTS : PRIV_INS;
		out->rep = p->rep;
		out->seg = p->seg;
	}
	out->len = (unsigned int)i;
	return 0;
}

int priv_decode(const uint8_t *buf, size_t avail, struct priv_insn *out)
{
	struct prefixes p = { .seg = PRIV_SEG_FLAT };
	size_t i = 0;
	uint8_t op;

	if (avail > PRIV_INSN_MAX)
		avail = PRIV_INSN_MAX;
	if (!read_prefixes(buf, avail, &i, &p) || i >= avail)
		return -1;
	*out = (struct priv_insn){ .seg = PRIV_SEG_FLAT };
	op = buf[i];
	switch (op) {
	case 0x0f:
		return i + 1 < avail ? decode_two_byte(buf, avail, i + 1, &p, out) : -1;
	case 0xfa:
	case 0xfb:
		out->op = op == 0xfa ? PRIV_CLI : PRIV_STI;
		out->len = (unsigned int)i + 1;
		return 0;
	case 0x6c ... 0x6f:
	case 0xe4 ... 0xe7:
	case 0xec ... 0xef:
		return decode_io(buf, avail, i, &p, out);
	default:
		return -1;
	}
}
