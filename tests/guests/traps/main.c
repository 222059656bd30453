/*
 * Traps, system calls and iret, from inside a guest.
 *
 * Kernel mode: exceptions (#DE, #BP, #UD, #GP, #PF) and "int $0x80" reach
 * the handlers of our virtual IDT with Xen's bounce frame (RCX, R11,
 * [error code], RIP, CS with the saved event mask, RFLAGS, RSP, SS), the
 * page-fault address in vcpu_info, events masked when the entry asks; the
 * handlers return with the iret hypercall.  A software interrupt whose
 * gate does not allow the caller becomes #GP.
 *
 * User mode: iret to RPL 3 enters user mode (user root = the kernel's);
 * there a SYSCALL reaches the kernel's syscall callback instead of the
 * hypervisor (so a hypercall from user mode does not succeed), "int
 * $0x80" reaches vector 0x80, and the kernel returns to user mode with
 * iret in syscall form.
 */
#include "guest.h"
#include "guest_events.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/callback.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/version.h"

#define CS_KERNEL_SLOT 0xe030 /* 0xe033 with RPL cleared: kernel mode */
#define RFLAGS_IF 0x200ul

/* What the last handler saw: the words from its stack pointer up. */
struct seen {
	unsigned int vector, count;
	uint64_t words[8];
	uint8_t mask_in_handler;
};
static volatile struct seen seen;
static volatile uint64_t skip_bytes;  /* added to the saved RIP before returning */
static volatile struct pv_shared_info *shared;
static uint8_t kernel_stack[8192] __attribute__((aligned(16)));
static uint8_t user_stack[4096] __attribute__((aligned(16)));

void trap_record(uint64_t *frame, unsigned int vector, unsigned int has_error);

/* Handlers: record the frame, let trap_record adjust the saved RIP. */
#define HANDLER(name, vector, has_error) TRAP_HANDLER(name, vector, has_error, trap_record)
HANDLER(de_handler, 0, 0);
HANDLER(bp_handler, 3, 0);
HANDLER(ud_handler, 6, 0);
HANDLER(gp_handler, 13, 1);
HANDLER(pf_handler, 14, 1);
HANDLER(int80_handler, 128, 0);
extern char de_handler[], bp_handler[], ud_handler[], gp_handler[], pf_handler[],
	int80_handler[];

void trap_record(uint64_t *frame, unsigned int vector, unsigned int has_error)
{
	seen.vector = vector;
	seen.count++;
	for (unsigned int i = 0; i < 8; i++)
		seen.words[i] = frame[i];
	seen.mask_in_handler = shared->vcpu_info[0].evtchn_upcall_mask;
	frame[2 + has_error] += skip_bytes; /* the saved RIP */
}

static void install_traps(void)
{
	static const struct pv_trap_info table[] = {
		{ 0, 0, 0, (uint64_t)de_handler },
		{ 3, 3, 0, (uint64_t)bp_handler },
		{ 6, PV_TI_IF, 0, (uint64_t)ud_handler },
		{ 13, 0, 0, (uint64_t)gp_handler },
		{ 14, 0, 0, (uint64_t)pf_handler },
		{ 0x80, 3, 0, (uint64_t)int80_handler },
		{ 0, 0, 0, 0 },
	};

	CHECK_EQ(HYPERCALL1(set_trap_table, table), 0);
}

/* Checks the frame of a kernel-mode trap: @rip and @err as given. */
static void check_frame(unsigned int vector, bool has_error, uint64_t err, uint64_t rip)
{
	unsigned int i = has_error ? 3 : 2;

	CHECK_EQ(seen.vector, vector);
	CHECK_EQ(seen.words[0], 0x1111); /* rcx */
	CHECK_EQ(seen.words[1], 0x2222); /* r11 */
	if (has_error)
		CHECK_EQ(seen.words[2], err);
	CHECK_EQ(seen.words[i], rip);
	CHECK_EQ(seen.words[i + 1] & 0xffff, CS_KERNEL_SLOT);
	CHECK_EQ(seen.words[i + 1] >> 32, 0); /* events were unmasked */
	CHECK(seen.words[i + 2] & RFLAGS_IF);
	CHECK_EQ(seen.words[i + 4], SS_GUEST);
}

#define TRAP_AT(label, insn)                                                \
	__asm__ volatile("movq $0x1111, %%rcx; movq $0x2222, %%r11\n"       \
			 #label ":\n\t" insn                                \
			 : : : "rax", "rcx", "rdx", "r11", "memory")

extern char at_ud[], at_gp[], at_bp[], at_int80[], at_int81[];

static void check_kernel_traps(void)
{
	skip_bytes = 2;
	TRAP_AT(at_ud, "ud2");
	check_frame(6, false, 0, (uint64_t)at_ud);
	CHECK_EQ(seen.mask_in_handler, 1); /* PV_TI_IF masks events */
	CHECK_EQ(shared->vcpu_info[0].evtchn_upcall_mask, 0); /* iret restored it */
	skip_bytes = 1;
	TRAP_AT(at_gp, "cli");
	check_frame(13, true, 0, (uint64_t)at_gp);
	skip_bytes = 0;
	TRAP_AT(at_bp, "int3");
	check_frame(3, false, 0, (uint64_t)at_bp + 1);
	TRAP_AT(at_int80, "int $0x80");
	check_frame(0x80, false, 0, (uint64_t)at_int80 + 2);
	/*
	 * No gate for 0x81: #GP with the CPU's IDT error code, as Xen passes
	 * it on (QEMU's TCG gives vector * 16 + 2 in long mode, not * 8).
	 */
	skip_bytes = 2;
	TRAP_AT(at_int81, "int $0x81");
	check_frame(13, true, seen.words[2] == (0x81 << 4 | 2) ? 0x81 << 4 | 2 : 0x81 << 3 | 2,
		    (uint64_t)at_int81);
	skip_bytes = 0;
	printf("traps: kernel-mode exceptions bounced with the right frames\n");
}

static void check_page_fault(void)
{
	uint64_t rip;

	skip_bytes = 3;
	__asm__ volatile("movq $0x1111, %%rcx; movq $0x2222, %%r11\n"
			 "leaq 1f(%%rip), %0\n"
			 "1:\tmovq (%1), %%rax"
			 : "=&r"(rip) : "r"(0x100000000000ul) : "rax", "rcx", "r11", "memory");
	skip_bytes = 0;
	check_frame(14, true, 0, rip); /* read, not present, kernel mode */
	CHECK_EQ(shared->vcpu_info[0].arch.cr2, 0x100000000000ul);
	printf("traps: page fault with cr2 in vcpu_info\n");
}

/* ---- User mode ---- */

static volatile uint64_t user_syscall_rax, user_syscalls, user_done;
void user_code(void);
void syscall_entry(void);
void syscall_record(uint64_t *frame, uint64_t rax);

/* User code: a hypercall attempt, int $0x80, then a last syscall to leave. */
__asm__(".text\nuser_code:\n\t"
	"movl $17, %eax\n\t"	/* xen_version, as if it were a hypercall */
	"xorl %edi, %edi\n\t"
	"syscall\n\t"
	"int $0x80\n\t"
	"movl $999, %eax\n\t"
	"syscall\n\t"
	"1: jmp 1b\n");

/*
 * The syscall callback: frame RCX, R11, RIP, CS, RFLAGS, RSP, SS.  System
 * call 999 ends the user-mode part (the kernel goes on, on this stack);
 * others return to user mode with iret in system-call form.
 */
__asm__(".text\nsyscall_entry:\n\t"
	"movq %rsp, %rdi\n\t"
	"movq %rax, %rsi\n\t"
	"pushq %rax\n\t"
	"call syscall_record\n\t"
	"popq %rax\n\t"
	"cmpq $999, %rax\n\t"
	"je user_finished\n\t"
	"popq %rcx; popq %r11\n\t"
	"pushq $" "0x100" "\n\t"	/* VGCF_in_syscall */
	"jmp " IRET_STUB "\n");

void syscall_record(uint64_t *frame, uint64_t rax)
{
	user_syscalls++;
	user_syscall_rax = rax;
	for (unsigned int i = 0; i < 7; i++)
		seen.words[i] = frame[i];
}

void user_finished(void);
void user_finished(void)
{
	CHECK_EQ(user_syscalls, 2);
	CHECK_EQ(user_syscall_rax, 999);
	CHECK_EQ(seen.words[3], PV_FLAT_USER_CS64); /* came from user mode: RPL 3 kept */
	CHECK_EQ(seen.count, 3); /* set to 2 before user mode: one int $0x80 since */
	printf("traps: user mode: syscalls went to the kernel, int $0x80 too\n");
	test_finish();
}

static void check_user_mode(void)
{
	user_mode_setup(syscall_entry, kernel_stack + sizeof(kernel_stack));
	seen.count = 2;
	enter_user_mode((uint64_t)user_code, (uint64_t)user_stack + sizeof(user_stack), RFLAGS_IF);
}

static void check_errors(void)
{
	struct pv_trap_info bad[] = { { 5, 0, 0, 0x0000800000000000ul }, { 0, 0, 0, 0 } };
	struct pv_callback_register cb = { .type = 99, .address = 0x1000 };
	struct pv_callback_unregister un = { .type = PV_CALLBACKTYPE_event };

	CHECK_EQ(HYPERCALL1(set_trap_table, bad), -PV_EINVAL);
	CHECK_EQ(HYPERCALL1(set_trap_table, 0x100000000000ul), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), -PV_ENOSYS);
	cb.type = PV_CALLBACKTYPE_event;
	cb.address = 0x0000800000000000ul;
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, &cb), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_unregister, &un), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(callback_op, 7, &un), -PV_ENOSYS);
	CHECK_EQ(HYPERCALL2(callback_op, PV_CALLBACKOP_register, 0x100000000000ul), -PV_EFAULT);
	printf("traps: bad tables and callbacks refused\n");
}

void test_main(const struct pv_start_info *si)
{
	shared = map_shared_info(si);
	shared->vcpu_info[0].evtchn_upcall_mask = 0;
	check_errors();
	install_traps();
	check_kernel_traps();
	check_page_fault();
	check_user_mode();
	test_fail(__FILE__, __LINE__, "returned from user mode the wrong way");
}
