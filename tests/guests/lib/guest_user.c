/* Entering user mode (guest_user.h). */
#include "guest_user.h"
#include "guest.h"
#include "guest_mm.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/mmu.h"

void user_mode_setup(void (*syscall_entry)(void), void *kernel_stack_top)
{
	struct pv_callback_register cb = {
		.type = PV_CALLBACKTYPE_syscall, .flags = PV_CALLBACKF_mask_events,
		.address = (uint64_t)syscall_entry,
	};
	struct pv_mmuext_op op = {
		.cmd = PV_MMUEXT_NEW_USER_BASEPTR,
		.arg1.mfn = va_to_mfn((void *)boot_start_info->pt_base),
	};

	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), 0);
	CHECK_EQ(HYPERCALL2(stack_switch, SS_GUEST, kernel_stack_top), 0);
	CHECK_EQ(hypercall(PV_HYPERVISOR_mmuext_op, (uint64_t)&op, 1, 0, PV_DOMID_SELF, 0), 0);
}

void enter_user_mode(uint64_t rip, uint64_t rsp, uint64_t rflags)
{
	static struct pv_iret_context ctx;

	ctx = (struct pv_iret_context){
		.rip = rip, .cs = PV_FLAT_USER_CS64, .rflags = rflags,
		.rsp = rsp, .ss = PV_FLAT_USER_SS64,
	};
	/* The stub pushes RCX, R11, RAX below the context, as iret expects. */
	__asm__ volatile("movq %0, %%rsp\n\t"
			 "addq $24, %%rsp\n\t"
			 "jmp " IRET_STUB
			 : : "r"(&ctx) : "memory");
	__builtin_unreachable();
}
