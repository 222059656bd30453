/*
 * What a PV guest may put in its debug registers (set_debugreg and MOV to
 * DRn), with Xen's rules and error codes.  Portable.
 */
#ifndef DEBUGREG_POLICY_H
#define DEBUGREG_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define DR6_DEFAULT 0xffff0ff0ul /* reserved-one bits, nothing hit */
#define DR7_DEFAULT 0x00000400ul /* bit 10 reads as one */
#define DR7_ENABLES 0xfful	 /* L0 G0 .. L3 G3 */
#define DR6_BS (1ul << 14)	 /* single step */

/*
 * Checks the guest's write of @value to DR@reg and gives in @out what the
 * register gets (reserved bits forced).  Guests cannot set CR4.DE (the
 * CPUID policy hides DE), so, as on Xen without it, DR4/DR5 are DR6/DR7
 * and I/O breakpoints are refused.  Returns 0; -PV_EPERM for a breakpoint
 * address in the hypervisor's area or non-canonical, DR7.GD, or an
 * enabled I/O breakpoint; -PV_EINVAL for a DR6/DR7 value above 32 bits;
 * -PV_ENODEV for a register that does not exist.
 */
long debugreg_check(unsigned int reg, uint64_t value, uint64_t *out);

/* Which register DR@reg is: 0-3, 6, 7, or -1 if it does not exist. */
int debugreg_index(unsigned int reg);

#endif
