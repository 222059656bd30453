/*
 * The x86-64 part of the guest ABI: selectors, the hypervisor's hole in
 * every address space, register frames and the full vCPU context.
 *
 * A 64-bit PV guest kernel runs in ring 3, like its user space, so the flat
 * "kernel" and "user" selectors are the same ring-3 selectors; the
 * hypervisor tells the two modes apart by which page-table root is loaded.
 * The selectors live in GDT entries the hypervisor reserves at the top of
 * the table (from entry PV_FIRST_RESERVED_GDT_ENTRY, i.e. GDT page 14).
 *
 * Usable from assembly: the C declarations sit under !__ASSEMBLY__.
 */
#ifndef PV_ABI_ARCH_X86_64_H
#define PV_ABI_ARCH_X86_64_H

/* Flat ring-3 selectors every guest finds in the GDT (RPL 3, entries 0x1c04-6). */
#define PV_FLAT_RING3_CS32 0xe023 /* entry 0x1c04 */
#define PV_FLAT_RING3_DS32 0xe02b /* entry 0x1c05 */
#define PV_FLAT_RING3_SS32 0xe02b
#define PV_FLAT_RING3_CS64 0xe033 /* entry 0x1c06 */
#define PV_FLAT_RING3_DS64 0x0000 /* null: long mode ignores DS */
#define PV_FLAT_RING3_SS64 0xe02b

#define PV_FLAT_KERNEL_CS32 PV_FLAT_RING3_CS32
#define PV_FLAT_KERNEL_DS32 PV_FLAT_RING3_DS32
#define PV_FLAT_KERNEL_SS32 PV_FLAT_RING3_SS32
#define PV_FLAT_KERNEL_CS64 PV_FLAT_RING3_CS64
#define PV_FLAT_KERNEL_DS64 PV_FLAT_RING3_DS64
#define PV_FLAT_KERNEL_SS64 PV_FLAT_RING3_SS64
#define PV_FLAT_KERNEL_CS PV_FLAT_KERNEL_CS64
#define PV_FLAT_KERNEL_DS PV_FLAT_KERNEL_DS64
#define PV_FLAT_KERNEL_SS PV_FLAT_KERNEL_SS64

#define PV_FLAT_USER_CS32 PV_FLAT_RING3_CS32
#define PV_FLAT_USER_DS32 PV_FLAT_RING3_DS32
#define PV_FLAT_USER_SS32 PV_FLAT_RING3_SS32
#define PV_FLAT_USER_CS64 PV_FLAT_RING3_CS64
#define PV_FLAT_USER_DS64 PV_FLAT_RING3_DS64
#define PV_FLAT_USER_SS64 PV_FLAT_RING3_SS64
#define PV_FLAT_USER_CS PV_FLAT_USER_CS64
#define PV_FLAT_USER_DS PV_FLAT_USER_DS64
#define PV_FLAT_USER_SS PV_FLAT_USER_SS64

/* GDT pages 14 and 15 (entries 0x1c00 up) belong to the hypervisor. */
#define PV_FIRST_RESERVED_GDT_PAGE 14
#define PV_FIRST_RESERVED_GDT_BYTE 0xe000  /* page 14 * 4096 */
#define PV_FIRST_RESERVED_GDT_ENTRY 0x1c00 /* byte / 8 */

/*
 * The hypervisor's part of every address space: L4 slots 256-271.  Its
 * first 256 GiB hold the read-only machine-to-phys table, one 8-byte guest
 * frame number per machine frame, which guests read directly.
 */
#define PV_HYPERVISOR_VIRT_START 0xffff800000000000
#define PV_HYPERVISOR_VIRT_END 0xffff880000000000
#define PV_MACH2PHYS_VIRT_START 0xffff800000000000
#define PV_MACH2PHYS_VIRT_END 0xffff804000000000
#define PV_MACH2PHYS_NR_ENTRIES 0x800000000 /* (END - START) / 8 */

/* @which of set_segment_base. */
#define PV_SEGBASE_FS 0
#define PV_SEGBASE_GS_USER 1
#define PV_SEGBASE_GS_KERNEL 2
#define PV_SEGBASE_GS_USER_SEL 3 /* load user %gs selector from base[15:0] */

/*
 * vcpu_guest_context.flags, and the flags word of the iret frame.  A guest
 * that entered through SYSCALL sets in_syscall in its iret frame: the
 * hypervisor then returns as SYSRET would, restoring rax, rip, rflags and
 * rsp and dropping r11, rcx, cs and ss.
 */
#define PV_VGCF_i387_valid_BIT 0
#define PV_VGCF_i387_valid (1 << 0)
#define PV_VGCF_in_kernel_BIT 2
#define PV_VGCF_in_kernel (1 << 2)
#define PV_VGCF_failsafe_disables_events_BIT 3
#define PV_VGCF_failsafe_disables_events (1 << 3)
#define PV_VGCF_syscall_disables_events_BIT 4
#define PV_VGCF_syscall_disables_events (1 << 4)
#define PV_VGCF_online_BIT 5
#define PV_VGCF_online (1 << 5)
#define PV_VGCF_in_syscall_BIT 8
#define PV_VGCF_in_syscall (1 << 8)
#define PV_VGCF_IN_SYSCALL PV_VGCF_in_syscall

/*
 * trap_info.flags: bits 0-1 are the gate's DPL, saying who may raise the
 * vector with INT n (0: nobody, 1 or 2: the guest kernel, 3: anyone); bit 2
 * set masks event delivery on entry, as an interrupt gate clears IF.
 */
#define PV_TI_DPL_MASK 0x3
#define PV_TI_IF 0x4

/* Forced-emulation prefix (ud2; "xen"): put before CPUID to have it trapped. */
#define PV_EMULATE_PREFIX_BYTES 0x0f, 0x0b, 0x78, 0x65, 0x6e
#define PV_EMULATE_PREFIX_LEN 5

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

/* One entry of the virtual IDT; set_trap_table takes a zero-address-ended array. */
struct pv_trap_info {
	uint8_t vector;
	uint8_t flags; /* PV_TI_* */
	uint16_t cs;
	uint64_t address;
};
_Static_assert(sizeof(struct pv_trap_info) == 16, "trap_info: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_trap_info, address) == 8,
	       "trap_info.address: xen/arch-x86/xen.h");

/*
 * What the guest kernel pushes before the iret hypercall, lowest address
 * (its rsp at the call) first.
 */
struct pv_iret_context {
	uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};
_Static_assert(sizeof(struct pv_iret_context) == 72,
	       "iret_context: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_iret_context, flags) == 24,
	       "iret_context.flags: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_iret_context, ss) == 64,
	       "iret_context.ss: xen/arch-x86/xen-x86_64.h");

/*
 * A vCPU's general registers as the ABI exchanges them (vCPU contexts,
 * domctl).  error_code and entry_vector are the hypervisor's scratch.
 */
struct pv_cpu_user_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx;
	uint64_t r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi;
	uint32_t error_code;
	uint32_t entry_vector;
	uint64_t rip;
	uint16_t cs, _pad0[1];
	uint8_t saved_upcall_mask; /* rflags.IF is its inverse */
	uint8_t _pad1[3];
	uint64_t rflags;
	uint64_t rsp;
	uint16_t ss, _pad2[3];
	uint16_t es, _pad3[3];
	uint16_t ds, _pad4[3];
	uint16_t fs, _pad5[3];
	uint16_t gs, _pad6[3];
};
_Static_assert(sizeof(struct pv_cpu_user_regs) == 200,
	       "cpu_user_regs: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_cpu_user_regs, rax) == 80,
	       "cpu_user_regs.rax: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_cpu_user_regs, error_code) == 120,
	       "cpu_user_regs.error_code: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_cpu_user_regs, rip) == 128,
	       "cpu_user_regs.rip: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_cpu_user_regs, saved_upcall_mask) == 140,
	       "cpu_user_regs.saved_upcall_mask: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_cpu_user_regs, ss) == 160,
	       "cpu_user_regs.ss: xen/arch-x86/xen-x86_64.h");
_Static_assert(PV_OFFSETOF(struct pv_cpu_user_regs, gs) == 192,
	       "cpu_user_regs.gs: xen/arch-x86/xen-x86_64.h");

/*
 * A whole vCPU, for VCPUOP_initialise and the domctls that get or set a
 * context.  The user page-table root goes in ctrlreg[1]; cr3 values are
 * frame numbers shifted left by 12.
 */
struct pv_vcpu_guest_context {
	struct {
		uint8_t x[512]; /* FXSAVE image */
	} fpu_ctxt;
	uint64_t flags; /* PV_VGCF_* */
	struct pv_cpu_user_regs user_regs;
	struct pv_trap_info trap_ctxt[256];
	uint64_t ldt_base, ldt_ents;
	uint64_t gdt_frames[16], gdt_ents;
	uint64_t kernel_ss, kernel_sp;
	uint64_t ctrlreg[8];
	uint64_t debugreg[8];
	uint64_t event_callback_eip;
	uint64_t failsafe_callback_eip;
	uint64_t syscall_callback_eip;
	uint64_t vm_assist; /* bitmap of PV_VMASST_TYPE_* */
	uint64_t fs_base;
	uint64_t gs_base_kernel;
	uint64_t gs_base_user;
};
_Static_assert(sizeof(struct pv_vcpu_guest_context) == 5168,
	       "vcpu_guest_context: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_guest_context, user_regs) == 520,
	       "vcpu_guest_context.user_regs: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_guest_context, trap_ctxt) == 720,
	       "vcpu_guest_context.trap_ctxt: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_guest_context, ctrlreg) == 4984,
	       "vcpu_guest_context.ctrlreg: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_guest_context, event_callback_eip) == 5112,
	       "vcpu_guest_context.event_callback_eip: xen/arch-x86/xen.h");
_Static_assert(PV_OFFSETOF(struct pv_vcpu_guest_context, gs_base_user) == 5160,
	       "vcpu_guest_context.gs_base_user: xen/arch-x86/xen.h");
#endif

#endif
