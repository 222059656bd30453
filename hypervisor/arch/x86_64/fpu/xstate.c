/*
 * Extended-state set-up and whole-area save/load.  With XSAVE, XCR0 while
 * saving or loading is the full set guests may use (x87, SSE and, with
 * AVX, YMM), whatever the running guest chose, so that one area always
 * holds all of a vCPU's registers; a component a guest never touched is
 * saved as "initial" and loads as such.  Without XSAVE, FXSAVE/FXRSTOR
 * move x87 and SSE.
 */
#include "arch/cpu.h"
#include "arch/xstate.h"
#include "lib/string.h"
#include "panic.h"
#include "printk.h"

#define CPUID1_ECX_XSAVE (1u << 26)
#define CPUID1_ECX_AVX (1u << 28)
#define CPUID1_EDX_FXSR (1u << 24)
#define LEAF_XSTATE 0xd

#define FXSAVE_AREA_SIZE 512
#define XSAVE_LEGACY_SIZE 576 /* legacy region and XSAVE header */
#define FCW_OFFSET 0
#define MXCSR_OFFSET 24
#define XSTATE_BV_OFFSET 512
#define FCW_RESET 0x037f
#define MXCSR_RESET 0x1f80

static bool have_xsave;
static uint64_t xcr0_max, xcr0_loaded;
static size_t area_size;

static void xsetbv0(uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

void xstate_init(void)
{
	struct cpuid_regs l1 = cpuid(1, 0);

	if (!(l1.edx & CPUID1_EDX_FXSR))
		panic("the CPU has no FXSAVE/FXRSTOR");
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	area_size = FXSAVE_AREA_SIZE;
	have_xsave = l1.ecx & CPUID1_ECX_XSAVE;
	if (have_xsave) {
		struct cpuid_regs d = cpuid(LEAF_XSTATE, 0);

		xcr0_max = ((uint64_t)d.edx << 32 | d.eax) & (XCR0_X87 | XCR0_SSE);
		if (l1.ecx & CPUID1_ECX_AVX)
			xcr0_max |= ((uint64_t)d.edx << 32 | d.eax) & XCR0_YMM;
		write_cr4(read_cr4() | CR4_OSXSAVE);
		area_size = xstate_size_for(xcr0_max);
		xstate_load_xcr0(xcr0_max);
	}
	printk("FPU: %s, guest XCR0 up to %#lx, %lu-byte state areas\n",
	       have_xsave ? "XSAVE" : "FXSAVE", xcr0_max, area_size);
}

bool xstate_has_xsave(void)
{
	return have_xsave;
}

uint64_t xstate_xcr0_max(void)
{
	return xcr0_max;
}

size_t xstate_area_size(void)
{
	return area_size;
}

uint32_t xstate_size_for(uint64_t xcr0)
{
	uint32_t size = XSAVE_LEGACY_SIZE;

	for (unsigned int i = 2; i < 63; i++) {
		if (xcr0 & (1ull << i)) {
			struct cpuid_regs c = cpuid(LEAF_XSTATE, i);

			if (c.ebx + c.eax > size)
				size = c.ebx + c.eax;
		}
	}
	return size;
}

void xstate_init_area(void *area)
{
	uint8_t *a = area;
	uint16_t fcw = FCW_RESET;
	uint32_t mxcsr = MXCSR_RESET;

	memset(a, 0, area_size);
	memcpy(a + FCW_OFFSET, &fcw, sizeof(fcw));
	memcpy(a + MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	if (have_xsave) {
		/* x87 and SSE from the area above, the rest in its initial state. */
		uint64_t bv = XCR0_X87 | XCR0_SSE;

		memcpy(a + XSTATE_BV_OFFSET, &bv, sizeof(bv));
	}
}

void xstate_load_xcr0(uint64_t xcr0)
{
	if (have_xsave && xcr0 != xcr0_loaded) {
		xsetbv0(xcr0);
		xcr0_loaded = xcr0;
	}
}

/* XCR0 is at its maximum while an area moves, so that every component does. */
void xstate_save(void *area)
{
	uint64_t guest_xcr0 = xcr0_loaded;

	xstate_load_xcr0(xcr0_max);
	if (have_xsave)
		__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"(~0u), "d"(~0u) : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
	xstate_load_xcr0(guest_xcr0);
}

void xstate_restore(const void *area)
{
	uint64_t guest_xcr0 = xcr0_loaded;

	xstate_load_xcr0(xcr0_max);
	if (have_xsave)
		__asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"(~0u), "d"(~0u) : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
	xstate_load_xcr0(guest_xcr0);
}
