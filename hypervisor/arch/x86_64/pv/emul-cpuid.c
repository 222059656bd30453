/*
 * CPUID for PV guests.  On this hardware a bare CPUID in ring 3 does not
 * fault, so a PV kernel asks for the hypervisor's view with Xen's
 * forced-emulation prefix: ud2a, "xen", then cpuid (0f 0b 78 65 6e 0f a2).
 * The #UD it raises is recognised here, from kernel or user mode, and
 * answered with the guest's policy (common/cpuid/cpuid_policy.c); RIP
 * moves past all seven bytes.  Any other #UD goes to the guest.
 */
#include "arch/cpu.h"
#include "arch/guest_access.h"
#include "arch/time.h"
#include "arch/xstate.h"
#include "cpuid_policy.h"
#include "frame.h"
#include "lib/string.h"
#include "pv_guest.h"
#include "pv_traps.h"

#define VECTOR_INVALID_OPCODE 6
#define XEN_VERSION_CODE (4u << 16 | 17u) /* what xen_version(XENVER_version) says */
#define E1_EDX_RDTSCP (1u << 27)
#define E7_EDX_INVARIANT_TSC (1u << 8)

static const uint8_t forced_cpuid[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2 };

static unsigned int bits_for(uint64_t v)
{
	return v ? 64 - (unsigned int)__builtin_clzll(v) : 0;
}

void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf, struct cpuid_result *out)
{
	uint32_t ext_max = cpuid(0x80000000, 0).eax;
	struct cpuid_guest g = {
		.vcpu_id = v->id,
		.xen_version = XEN_VERSION_CODE,
		.tsc_khz = (uint32_t)(tsc_hz() / 1000),
		.tsc_invariant = ext_max >= 0x80000007 &&
				 (cpuid(0x80000007, 0).edx & E7_EDX_INVARIANT_TSC),
		.rdtscp = ext_max >= 0x80000001 && (cpuid(0x80000001, 0).edx & E1_EDX_RDTSCP),
		.maddr_bits = bits_for(frames_table_size() - 1) + 12,
		.xcr0_max = xstate_xcr0_max(),
		.xsave_size = xstate_size_for(fpu_guest_xcr0(v)),
		.xsave_size_max = xstate_size_for(xstate_xcr0_max()),
		/*
		 * Xen's rule: the guest's own CR4.OSXSAVE, except that its kernel's
		 * forced CPUID sees the hypervisor's (set whenever XSAVE is used).
		 */
		.osxsave = v->arch.fpu.cr4_osxsave || (xstate_xcr0_max() && v->arch.kernel_mode),
		.mtrr = v->domain->privileged && v->arch.kernel_mode,
	};

	*out = (struct cpuid_result){ 0, 0, 0, 0 };
	if (!cpuid_policy_synthetic(leaf)) {
		struct cpuid_regs r = cpuid(leaf, subleaf);

		*out = (struct cpuid_result){ r.eax, r.ebx, r.ecx, r.edx };
	}
	cpuid_policy_apply(leaf, subleaf, &g, out);
}

bool pv_emulate_forced_cpuid(struct vcpu *v, struct cpu_regs *regs)
{
	uint8_t insn[sizeof(forced_cpuid)];
	struct cpuid_result r;

	if (regs->vector != VECTOR_INVALID_OPCODE || copy_from_guest(insn, regs->rip, sizeof(insn)) ||
	    memcmp(insn, forced_cpuid, sizeof(insn)))
		return false;
	pv_cpuid(v, (uint32_t)regs->rax, (uint32_t)regs->rcx, &r);
	regs->rax = r.a;
	regs->rbx = r.b;
	regs->rcx = r.c;
	regs->rdx = r.d;
	regs->rip += sizeof(forced_cpuid);
	regs->rflags &= ~RFLAGS_RF;
	if (regs->rflags & RFLAGS_TF) { /* single-stepping: the step is done */
		pv_debug_single_step(v);
		pv_inject_exception(v, regs, VECTOR_DEBUG, false, 0);
	}
	return true;
}
