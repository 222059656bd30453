/*
 * Privileged instructions of a PV guest.  Guest kernels run in ring 3, so
 * RDMSR, WRMSR, MOV to/from CRn and DRn, CLTS, XSETBV, WBINVD, CLI/STI and
 * port I/O raise #GP(0); the hypervisor decodes the instruction at RIP
 * (common/emul/priv_decode.c) and emulates it as Xen does for 64-bit PV
 * guests:
 *
 *  - CR0 reads give the real CR0 with the guest's virtual TS; writes may
 *    change TS only (CLTS clears it), as fpu_taskswitch (pv/fpu.c).
 *  - CR2 reads give the last page-fault address (vcpu_info.arch.cr2),
 *    writes set it; CR3 reads the guest kernel's page-table root as a
 *    machine address, writes change it as MMUEXT_NEW_BASEPTR; CR4
 *    reads the guest's view (PAE, OSFXSR, OSXMMEXCPT as the host has
 *    them, and the guest's own OSXSAVE); CR4 writes keep only the
 *    guest-controllable bit of this policy, OSXSAVE (with XSAVE), and
 *    never fail.
 *  - MOV DRn as set_debugreg/get_debugreg (pv/debugreg.c): a register
 *    that does not exist is #UD, a refused value #GP(0).
 *  - XSETBV (pv/fpu.c): #UD while the guest's CR4.OSXSAVE is clear, #GP(0)
 *    for XCRs other than 0 and values the policy refuses.
 *  - MSRs: FS/GS/shadow-GS base as set_segment_base, TSC, EFER (read;
 *    writes of the same value), APIC_BASE (read: enabled at the default
 *    address, BSP for vCPU 0), PAT (read: Xen's fixed PAT), MISC_ENABLE
 *    (read, sanitised; writes ignored, as Xen), PERF_CAPABILITIES (0),
 *    PLATFORM_ID and UCODE_REV (the host's), the machine-check MSRs
 *    (common/emul/vmce.c).  Anything else is #GP(0),
 *    except that an RDMSR of an MSR the host has, before the guest has a
 *    #GP handler, reads 0 (as Xen).
 *  - WBINVD (and WBNOINVD) flush the caches for a domain with I/O ports
 *    and are skipped for others (Xen: Linux uses it in timing loops).
 *  - CLI and STI are skipped when the virtual IOPL allows them and #GP
 *    otherwise; Xen 4.17 deliberately leaves evtchn_upcall_mask alone.
 *  - Port I/O: emul-io.c.
 *
 * These all need guest kernel mode but CLI/STI and port I/O, which user
 * code may do if the kernel granted it.  HLT, INVD and anything else keep
 * their #GP, as on Xen.
 */
#include "arch/cpu.h"
#include "arch/debugreg.h"
#include "arch/fpu.h"
#include "arch/guest_access.h"
#include "arch/pagetable.h"
#include "arch/percpu.h"
#include "arch/xstate.h"
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/shared_info.h"
#include "page_type.h"
#include "pcpu.h"
#include "printk.h"
#include "priv_decode.h"
#include "pv_guest.h"
#include "pv_io.h"
#include "pv_traps.h"
#include "vmce.h"

#define VECTOR_UD 6
#define VECTOR_GP 13

#define MSR_TSC 0x10
#define MSR_PLATFORM_ID 0x17
#define MSR_UCODE_REV 0x8b
#define MSR_MISC_ENABLE 0x1a0
#define MSR_PAT 0x277
#define MSR_PERF_CAPABILITIES 0x345

#define APIC_BASE_BSP (1ul << 8)
#define APIC_BASE_ENABLE (1ul << 11)
#define APIC_DEFAULT_BASE 0xfee00000ul
#define XEN_PAT 0x0000050100070406ul /* WB, WT, UC-, UC, WC, WP, UC, UC */

#define EFER_KNOWN 0xfd01ul /* SCE LME LMA NXE SVME LMSLE FFXSR TCE */
#define EFER_SVME (1ul << 12)

#define MISC_PERF_AVAIL (1ul << 7)
#define MISC_BTS_UNAVAIL (1ul << 11)
#define MISC_PEBS_UNAVAIL (1ul << 12)
#define MISC_MONITOR_ENABLE (1ul << 18)
#define MISC_XTPR_DISABLE (1ul << 23)

#define CR4_PAE (1ul << 5)
#define CR4_GUEST_VISIBLE (CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT)

/* RDMSR that survives an MSR the CPU does not have: 0, or -1 after #GP. */
static int rdmsr_safe(uint32_t msr, uint64_t *val)
{
	uint32_t lo = 0, hi = 0;
	int err;

	__asm__ volatile("1: rdmsr\n\t"
			 "xorl %2, %2\n\t"
			 "jmp 3f\n"
			 "2: movl $-1, %2\n"
			 "3:\n\t"
			 ".pushsection .ex_table, \"a\"\n\t"
			 ".balign 8\n\t"
			 ".quad 1b, 2b\n\t"
			 ".popsection"
			 : "+a"(lo), "+d"(hi), "=r"(err)
			 : "c"(msr));
	*val = (uint64_t)hi << 32 | lo;
	return err;
}

static uint64_t guest_efer(void)
{
	return rdmsr(MSR_EFER) & EFER_KNOWN & ~EFER_SVME;
}

static uint64_t guest_misc_enable(uint64_t host)
{
	return (host & ~(MISC_PERF_AVAIL | MISC_MONITOR_ENABLE)) | MISC_BTS_UNAVAIL |
	       MISC_PEBS_UNAVAIL | MISC_XTPR_DISABLE;
}

static uint64_t guest_cr0(const struct vcpu *v)
{
	return (read_cr0() & ~CR0_TS) | (v->arch.virtual_ts ? CR0_TS : 0);
}

static uint64_t *gpr(struct cpu_regs *regs, unsigned int n)
{
	uint64_t *const map[16] = {
		&regs->rax, &regs->rcx, &regs->rdx, &regs->rbx, &regs->rsp, &regs->rbp,
		&regs->rsi, &regs->rdi, &regs->r8,  &regs->r9,	&regs->r10, &regs->r11,
		&regs->r12, &regs->r13, &regs->r14, &regs->r15,
	};
	return map[n & 15];
}

/* Sets FS/GS base as the guest kernel asked; false for a bad base. */
bool pv_set_base(struct vcpu *v, uint32_t msr, uint64_t base)
{
	if (!va_is_canonical(base))
		return false;
	switch (msr) {
	case MSR_FS_BASE:
		v->arch.fs_base = base;
		if (v == current_vcpu())
			wrmsr(MSR_FS_BASE, base);
		return true;
	case MSR_GS_BASE: /* the active one: the kernel's (only the kernel asks) */
		v->arch.gs_base_kernel = base;
		break;
	case MSR_KERNEL_GS_BASE:
		v->arch.gs_base_user = base;
		break;
	default:
		return false;
	}
	if (v == current_vcpu())
		this_cpu()->guest_gs_base =
			v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user;
	return true;
}

static bool read_msr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	uint64_t host;

	if (vmce_msr(msr))
		return !vmce_rdmsr(&v->vmce, pcpu_vendor(), msr, val);
	switch (msr) {
	case MSR_APIC_BASE:
		*val = APIC_BASE_ENABLE | APIC_DEFAULT_BASE | (v->id ? 0 : APIC_BASE_BSP);
		return true;
	case MSR_FS_BASE:
		*val = v->arch.fs_base;
		return true;
	case MSR_GS_BASE:
		*val = v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user;
		return true;
	case MSR_KERNEL_GS_BASE:
		*val = v->arch.gs_base_user;
		return true;
	case MSR_TSC:
		*val = rdtsc();
		return true;
	case MSR_EFER:
		*val = guest_efer();
		return true;
	case MSR_PAT:
		*val = XEN_PAT;
		return true;
	case MSR_MISC_ENABLE:
		if (rdmsr_safe(msr, &host))
			break;
		*val = guest_misc_enable(host);
		return true;
	case MSR_PERF_CAPABILITIES:
		*val = 0;
		return true;
	case MSR_PLATFORM_ID:
	case MSR_UCODE_REV:
		return !rdmsr_safe(msr, val);
	default:
		break;
	}
	/* No #GP handler yet: a read of an MSR the CPU has gives 0 (Xen's rule). */
	if (!v->arch.traps[VECTOR_GP].address && (msr >> 16) != 0x4000 && !rdmsr_safe(msr, &host)) {
		printk(LOG_WARNING "d%u v%u: faking RDMSR %#x\n", v->domain->domid, v->id, msr);
		*val = 0;
		return true;
	}
	return false;
}

static bool write_msr(struct vcpu *v, uint32_t msr, uint64_t val)
{
	uint64_t host;

	if (vmce_msr(msr))
		return !vmce_wrmsr(&v->vmce, pcpu_vendor(), msr, val);
	switch (msr) {
	case MSR_FS_BASE:
	case MSR_GS_BASE:
	case MSR_KERNEL_GS_BASE:
		return pv_set_base(v, msr, val);
	case MSR_EFER:
		return val == guest_efer(); /* Linux writes back what it read */
	case MSR_MISC_ENABLE:
		/* As Xen: another value than the sanitised one is ignored. */
		return !rdmsr_safe(msr, &host);
	default:
		return false;
	}
}

static bool read_cr(struct vcpu *v, unsigned int cr, uint64_t *val)
{
	const struct pv_vcpu_info *vi;

	switch (cr) {
	case 0:
		*val = guest_cr0(v);
		return true;
	case 2:
		vi = vcpu_shared_info(v);
		*val = vi ? vi->arch.cr2 : 0;
		return true;
	case 3:
		*val = v->arch.kernel_cr3 & ~0xffful;
		return true;
	case 4:
		*val = (read_cr4() & CR4_GUEST_VISIBLE) | (v->arch.fpu.cr4_osxsave ? CR4_OSXSAVE : 0);
		return true;
	default:
		return false;
	}
}

static bool write_cr(struct vcpu *v, unsigned int cr, uint64_t val)
{
	struct pv_vcpu_info *vi;

	switch (cr) {
	case 0:
		if ((val ^ guest_cr0(v)) & ~CR0_TS)
			return false;
		fpu_set_virtual_ts(v, val & CR0_TS);
		return true;
	case 2:
		vi = vcpu_shared_info(v);
		if (vi)
			vi->arch.cr2 = val;
		return true;
	case 3:
		return !pv_new_kernel_root(v, val >> 12);
	case 4:
		v->arch.fpu.cr4_osxsave = (val & CR4_OSXSAVE) && xstate_has_xsave();
		return true;
	default:
		return false;
	}
}

static unsigned int gp_unless(bool ok)
{
	return ok ? 0 : VECTOR_GP;
}

/* Emulates @in, which needs guest kernel mode: 0, or the exception the guest gets instead. */
static unsigned int emulate_kernel_op(struct vcpu *v, struct cpu_regs *regs, const struct priv_insn *in)
{
	uint32_t msr = (uint32_t)regs->rcx;
	uint64_t val;
	long rc;

	switch (in->op) {
	case PRIV_RDMSR:
		if (!read_msr(v, msr, &val))
			return VECTOR_GP;
		regs->rax = (uint32_t)val;
		regs->rdx = val >> 32;
		return 0;
	case PRIV_WRMSR:
		return gp_unless(write_msr(v, msr, (regs->rdx << 32) | (uint32_t)regs->rax));
	case PRIV_MOV_FROM_CR:
		if (!read_cr(v, in->cr, &val))
			return VECTOR_GP;
		*gpr(regs, in->gpr) = val;
		return 0;
	case PRIV_MOV_TO_CR:
		return gp_unless(write_cr(v, in->cr, *gpr(regs, in->gpr)));
	case PRIV_CLTS:
		fpu_set_virtual_ts(v, false);
		return 0;
	case PRIV_MOV_FROM_DR:
		if (!pv_get_debugreg(v, in->dr, &val))
			return VECTOR_UD;
		*gpr(regs, in->gpr) = val;
		return 0;
	case PRIV_MOV_TO_DR:
		rc = pv_set_debugreg(v, in->dr, *gpr(regs, in->gpr));
		return rc == -PV_ENODEV ? VECTOR_UD : gp_unless(!rc);
	case PRIV_XSETBV:
		return pv_xsetbv(v, (uint32_t)regs->rcx, (regs->rdx << 32) | (uint32_t)regs->rax);
	case PRIV_WBINVD:
		if (ioports_any(&v->domain->io))
			__asm__ volatile("wbinvd" : : : "memory");
		return 0;
	default:
		return VECTOR_GP;
	}
}

static enum pv_emul emulate(struct vcpu *v, struct cpu_regs *regs, const struct priv_insn *in)
{
	unsigned int vector;

	switch (in->op) {
	case PRIV_IN:
	case PRIV_OUT:
	case PRIV_INS:
	case PRIV_OUTS:
		return pv_emulate_io(v, regs, in);
	case PRIV_CLI:
	case PRIV_STI:
		return pv_iopl_ok(v) ? PV_EMUL_DONE : PV_EMUL_REFUSED;
	default:
		if (!v->arch.kernel_mode)
			return PV_EMUL_REFUSED;
		vector = emulate_kernel_op(v, regs, in);
		if (vector == VECTOR_UD) {
			pv_inject_exception(v, regs, VECTOR_UD, false, 0);
			return PV_EMUL_RETRY;
		}
		return vector ? PV_EMUL_REFUSED : PV_EMUL_DONE;
	}
}

bool pv_emulate_priv_op(struct vcpu *v, struct cpu_regs *regs)
{
	uint8_t buf[PRIV_INSN_MAX];
	size_t avail = 0;
	struct priv_insn in;

	if (regs->vector != VECTOR_GP || regs->error_code)
		return false;
	while (avail < sizeof(buf) && !copy_from_guest(&buf[avail], regs->rip + avail, 1))
		avail++;
	if (priv_decode(buf, avail, &in))
		return false;
	switch (emulate(v, regs, &in)) {
	case PV_EMUL_DONE:
		regs->rip += in.len;
		regs->rflags &= ~RFLAGS_RF;
		return true;
	case PV_EMUL_RETRY:
		return true;
	default:
		return false; /* the #GP goes to the guest */
	}
}
