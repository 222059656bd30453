/*
 * Tests for the debug-register rules of PV guests
 * (hypervisor/common/emul/debugreg_policy.c): Xen 4.17's error codes and
 * the reserved bits forced in DR6 and DR7.
 */
#include <stdint.h>

#include "debugreg_policy.h"
#include "harness.h"
#include "hypercall-abi/errno.h"

TEST(debugreg_addresses)
{
	uint64_t out = 0;

	CHECK_EQ(debugreg_check(0, 0x7fffffffffffull, &out), 0);
	CHECK_EQ(out, 0x7fffffffffffull);
	CHECK_EQ(debugreg_check(3, 0xffff880000000000ull, &out), 0);
	CHECK_EQ(debugreg_check(1, 0x800000000000ull, &out), -PV_EPERM); /* non-canonical */
	CHECK_EQ(debugreg_check(2, 0xffff800000000000ull, &out), -PV_EPERM); /* hypervisor */
	CHECK_EQ(debugreg_check(2, 0xffff87ffffffffffull, &out), -PV_EPERM);
}

TEST(debugreg_status_and_control)
{
	uint64_t out = 0;

	CHECK_EQ(debugreg_check(6, 0, &out), 0);
	CHECK_EQ(out, DR6_DEFAULT);
	CHECK_EQ(debugreg_check(6, 0x100f, &out), 0); /* bit 12 reads as zero */
	CHECK_EQ(out, 0xffff0fffull);
	CHECK_EQ(debugreg_check(6, 1ull << 32, &out), -PV_EINVAL);
	CHECK_EQ(debugreg_check(7, 0, &out), 0);
	CHECK_EQ(out, DR7_DEFAULT);
	CHECK_EQ(debugreg_check(7, 0xd801, &out), 0); /* reserved zero bits dropped */
	CHECK_EQ(out, 0x401);
	CHECK_EQ(debugreg_check(7, 1ull << 13, &out), -PV_EPERM); /* GD */
	CHECK_EQ(debugreg_check(7, 1ull << 32, &out), -PV_EINVAL);
	CHECK_EQ(debugreg_check(7, 0x2u << 20 | 0x4, &out), -PV_EPERM); /* I/O on DR1 */
	CHECK_EQ(debugreg_check(7, 0x2u << 20, &out), 0); /* none enabled: not checked */
	CHECK_EQ(debugreg_check(7, 0xdu << 16 | 1, &out), 0); /* 4-byte write on DR0 */
	CHECK_EQ(out, 0xd0401ull);
}

TEST(debugreg_numbers)
{
	uint64_t out = 0;

	CHECK_EQ(debugreg_index(4), 6);
	CHECK_EQ(debugreg_index(5), 7);
	CHECK_EQ(debugreg_index(8), -1);
	CHECK_EQ(debugreg_check(4, 0, &out), 0);
	CHECK_EQ(out, DR6_DEFAULT);
	CHECK_EQ(debugreg_check(5, 1ull << 13, &out), -PV_EPERM);
	CHECK_EQ(debugreg_check(8, 0, &out), -PV_ENODEV);
	CHECK_EQ(debugreg_check(0xffffffffu, 0, &out), -PV_ENODEV);
}
