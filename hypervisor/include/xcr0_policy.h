/*
 * Which XCR0 values a PV guest's XSETBV may load (Xen's rules).  Portable.
 */
#ifndef XCR0_POLICY_H
#define XCR0_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Whether @value is a consistent XCR0 within @max: x87 always on, YMM only
 * with SSE, the AVX-512 trio only together and with YMM, MPX's two
 * components only together, nothing outside @max.
 */
bool xcr0_acceptable(uint64_t value, uint64_t max);

#endif
