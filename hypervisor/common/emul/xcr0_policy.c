/* XCR0 values a PV guest may set with XSETBV (see xcr0_policy.h). */
#include "xcr0_policy.h"

#define X87 (1ull << 0)
#define SSE (1ull << 1)
#define YMM (1ull << 2)
#define BNDREGS (1ull << 3)
#define BNDCSR (1ull << 4)
#define AVX512 (7ull << 5) /* opmask, ZMM_Hi256, Hi16_ZMM */

bool xcr0_acceptable(uint64_t value, uint64_t max)
{
	if (value & ~max)
		return false;
	if (!(value & X87))
		return false;
	if ((value & YMM) && !(value & SSE))
		return false;
	if ((value & AVX512) && ((value & AVX512) != AVX512 || !(value & YMM)))
		return false;
	return !(value & BNDREGS) == !(value & BNDCSR);
}
