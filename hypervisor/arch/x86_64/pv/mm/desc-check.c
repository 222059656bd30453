/*
 * Which GDT/LDT descriptors a 64-bit PV guest may have (the contents check
 * of PV_TYPE_SEG_DESC pages), following Xen 4.17's check_descriptor.  The
 * guest kernel runs in ring 3, so no descriptor may grant more than ring 3:
 * code and data segments get DPL 3; the only system descriptors allowed are
 * call gates into guest code (made DPL 0, so that using one faults and can
 * be emulated) and type 0 (harmless, the upper half of a 16-byte gate).
 */
#include "hypercall-abi/arch-x86_64.h"
#include "page_type.h"

#define SEG_TYPE (0xfu << 8)
#define SEG_S (1u << 12) /* code or data, not system */
#define SEG_DPL (3u << 13)
#define SEG_P (1u << 15)
#define SEG_TYPE_CALL_GATE (0xcu << 8)
#define GATE_RESERVED 0xffu /* bits 0-7 of a 64-bit gate's upper word */

/* A gate may lead into guest GDT entries, any LDT entry, or the flat kernel CS. */
static bool gate_selector_ok(unsigned int sel)
{
	return (sel >> 3) < PV_FIRST_RESERVED_GDT_ENTRY || sel == PV_FLAT_KERNEL_CS ||
	       (sel & 4);
}

bool pv_descriptor_check(const struct domain *d, uint64_t *desc)
{
	uint32_t lo = (uint32_t)*desc, hi = (uint32_t)(*desc >> 32);
	unsigned int dpl, cs;

	(void)d; /* 32-bit guests, when they come, differ here */
	if (!(hi & SEG_P))
		return true; /* loading it faults */
	dpl = (hi >> 13) & 3;
	if (dpl < 3)
		dpl = 3;
	hi = (hi & ~SEG_DPL) | (dpl << 13);
	if (!(hi & SEG_S)) {
		if (!(hi & SEG_TYPE))
			return true;
		cs = lo >> 16;
		if ((hi & SEG_TYPE) != SEG_TYPE_CALL_GATE || !gate_selector_ok(cs))
			return false;
		/* DPL 0; the guest's DPL is kept in the selector's RPL. */
		hi &= ~SEG_DPL;
		lo = (lo & 0xffffu) | (((cs & ~3u) | dpl) << 16);
		if (hi & GATE_RESERVED)
			return false;
	}
	*desc = (uint64_t)hi << 32 | lo;
	return true;
}
