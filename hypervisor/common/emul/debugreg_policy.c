/* The checks on a PV guest's debug-register writes (see debugreg_policy.h). */
#include "arch/layout.h"
#include "debugreg_policy.h"
#include "hypercall-abi/errno.h"

#define LOWER_HALF_END (1ul << 47)
#define DR6_RESERVED_ZERO (~0xffffefffull) /* bit 12 and bits 32-63 */
#define DR6_RESERVED_ONE 0xffff0ff0ull
#define DR7_RESERVED_ZERO 0xffffffff0000d800ull /* bits 11, 12, 14, 15, 32-63 */
#define DR7_RESERVED_ONE 0x400ull
#define DR7_GD (1ull << 13)
#define DR7_RW_IO 2u

int debugreg_index(unsigned int reg)
{
	switch (reg) {
	case 0: case 1: case 2: case 3: case 6: case 7:
		return (int)reg;
	case 4: case 5:
		return (int)reg + 2;
	default:
		return -1;
	}
}

/* Xen's test: below the non-canonical hole, or above the hypervisor's area. */
static bool breakpoint_address_ok(uint64_t a)
{
	return a < LOWER_HALF_END || a >= HYPERVISOR_VIRT_END;
}

static long check_dr7(uint64_t value, uint64_t *out)
{
	value = (value & ~DR7_RESERVED_ZERO) | DR7_RESERVED_ONE;
	if (value & DR7_GD)
		return -PV_EPERM;
	if (value & DR7_ENABLES) {
		for (unsigned int bp = 0; bp < 4; bp++)
			if (((value >> (16 + 4 * bp)) & 3) == DR7_RW_IO)
				return -PV_EPERM;
	}
	*out = value;
	return 0;
}

long debugreg_check(unsigned int reg, uint64_t value, uint64_t *out)
{
	int index = debugreg_index(reg);

	if (index < 0)
		return -PV_ENODEV;
	if (index < 4) {
		if (!breakpoint_address_ok(value))
			return -PV_EPERM;
		*out = value;
		return 0;
	}
	if (value >> 32)
		return -PV_EINVAL;
	if (index == 6) {
		*out = (value & ~DR6_RESERVED_ZERO) | DR6_RESERVED_ONE;
		return 0;
	}
	return check_dr7(value, out);
}
