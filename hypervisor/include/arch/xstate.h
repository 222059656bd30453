/*
 * The CPU's extended state (x87, SSE, AVX) as the hypervisor handles it
 * for guests: the set-up at boot and the primitives that save and load a
 * whole state area (arch/x86_64/fpu/xstate.c).  The hypervisor itself never
 * uses these registers (it is built with -mgeneral-regs-only).
 */
#ifndef ARCH_XSTATE_H
#define ARCH_XSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* XCR0 components. */
#define XCR0_X87 (1ull << 0)
#define XCR0_SSE (1ull << 1)
#define XCR0_YMM (1ull << 2)

/* Alignment XSAVE needs (FXSAVE needs 16). */
#define XSTATE_AREA_ALIGN 64

/*
 * Boot: turns on what guests may use (CR0.MP/NE, CR4.OSFXSR/OSXMMEXCPT,
 * and with XSAVE CR4.OSXSAVE and XCR0) and measures the save area.
 */
void xstate_init(void);

/* Whether the CPU has XSAVE (else FXSAVE is used and XCR0 does not exist). */
bool xstate_has_xsave(void);

/* The XCR0 components guests may enable (0 without XSAVE). */
uint64_t xstate_xcr0_max(void);

/* Bytes of a state area holding every component guests may use. */
size_t xstate_area_size(void);

/* The XSAVE area size for the components in @xcr0 (CPUID 0xd.0 EBX). */
uint32_t xstate_size_for(uint64_t xcr0);

/* Fills @area (xstate_area_size() bytes, aligned) with the reset state. */
void xstate_init_area(void *area);

/* Saves / loads every component into / from @area; CR0.TS must be clear. */
void xstate_save(void *area);
void xstate_restore(const void *area);

/* Loads XCR0 (only with XSAVE); cheap when it already holds @xcr0. */
void xstate_load_xcr0(uint64_t xcr0);

#endif
