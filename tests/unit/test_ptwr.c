/*
 * Tests for writable-page-table emulation: the instruction decoder
 * (ptwr_decode, hypervisor/arch/x86_64/pv/mm/ptwr-decode.c) and the
 * emulation of a guest kernel's write to one of its L1 tables
 * (ptwr_handle_fault, ptwr.c).
 *
 * Decoder cases are hand-assembled bytes, each checked against GNU as
 * (`printf 'lock btrq $1, (%%rdi)\n' | as -o x.o - && objdump -d x.o`, or
 * objdump -D -b binary for encodings as does not emit), decoded against
 * registers that all hold different values, so a wrong base, index or
 * scale shows in the address.
 *
 * Emulation runs in the page-table world of pt_world.h.  vCPU 0 of `dom`
 * is in kernel mode on the pinned L4 below (its kernel_cr3 holds a root
 * reference, as NEW_BASEPTR takes):
 *   L4 slot 1 -> L3 slot 2 -> L2 slot 3 -> MAP_L1, which maps
 *     WINDOW_VA      PT read-only: the L1 table the tests write,
 *     RW_VA          DATA_C read-write,
 *     PLAIN_VA       PLAIN read-only (an ordinary page),
 *     L2_VA          the L2 read-only (a table, but not an L1),
 *     UNMAPPED_VA    nothing,
 *     STALE_VA       STALE_L1 read-only (was an L1, type count 0 now);
 *   L2 slot 4 -> PT, an L1 in use: slot 0 maps DATA_A writable, slot 1
 *     DATA_B read-only;
 *   L4 slot 0 -> CODE_L3 -> CODE_L2 slot 128 -> CODE_L1, which maps the
 *     16 pages at HOST_GUEST_BASE read-only (kernel text).
 * The instruction is fetched with copy_from_guest, which in the host build
 * reads the host guest memory at HOST_GUEST_BASE directly (host_shim.c)
 * rather than walking these tables; the tables map that range too so that
 * the guest's address space is the one the fetch assumes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch/pagetable.h"
#include "arch/traps.h"
#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "hypercall-abi/mmu.h"
#include "hypervisor/arch/x86_64/pv/mm/mm-internal.h"
#include "hypervisor/arch/x86_64/pv/mm/ptwr-decode.h"
#include "page_type.h"
#include "pt_world.h"

#define RF_CF (1ull << 0)
#define RF_PF (1ull << 2)
#define RF_AF (1ull << 4)
#define RF_ZF (1ull << 6)
#define RF_SF (1ull << 7)
#define RF_OF (1ull << 11)
#define RF_ARITH (RF_CF | RF_PF | RF_AF | RF_ZF | RF_SF | RF_OF)
#define RF_BASE 0x202ull /* IF and the always-one bit */

/* The bytes of an instruction, and their count. */
#define INSN(...) ((const uint8_t[]){ __VA_ARGS__ }), sizeof((const uint8_t[]){ __VA_ARGS__ })

/* ---- Registers ---- */

/* Register n (0 = rax ... 15 = r15): all different, with bits in both halves. */
#define V(n) ((((uint64_t)(n) + 1) << 36) | (((uint64_t)(n) + 1) << 12))
#define V_RAX V(0)
#define V_RCX V(1)
#define V_RDX V(2)
#define V_RBX V(3)
#define V_RSP V(4)
#define V_RBP V(5)
#define V_RSI V(6)
#define V_RDI V(7)
#define V_R8 V(8)
#define V_R9 V(9)
#define V_R10 V(10)
#define V_R11 V(11)
#define V_R12 V(12)
#define V_R13 V(13)
#define V_R14 V(14)
#define V_R15 V(15)
#define RIP_V 0xffffffff81234000ull
#define FS_BASE 0x00007f1234560000ull
#define GS_BASE 0xffff888000000000ull

static struct cpu_regs decode_regs(void)
{
	return (struct cpu_regs){
		.rax = V_RAX, .rcx = V_RCX, .rdx = V_RDX, .rbx = V_RBX,
		.rsp = V_RSP, .rbp = V_RBP, .rsi = V_RSI, .rdi = V_RDI,
		.r8 = V_R8, .r9 = V_R9, .r10 = V_R10, .r11 = V_R11,
		.r12 = V_R12, .r13 = V_R13, .r14 = V_R14, .r15 = V_R15,
		.rip = RIP_V, .rflags = RF_BASE, .cs = 0xe033, .ss = 0xe02b,
	};
}

TEST(ptwr_reg_numbering)
{
	struct cpu_regs r = decode_regs();

	for (unsigned int n = 0; n < 16; n++)
		CHECK_EQ(*ptwr_reg(&r, n), V(n));
}

/* ---- Decoder: accepted forms ---- */

struct decode_case {
	const char *text;	/* what objdump prints for the bytes */
	const uint8_t *bytes;
	unsigned int len;
	enum ptwr_op op;
	unsigned int size;
	int reg;		/* -1: an immediate, then imm is checked */
	uint64_t imm;
	uint64_t address;
};

#define MOV PTWR_MOV
#define XCHG PTWR_XCHG
#define CMPXCHG PTWR_CMPXCHG
#define BTS PTWR_BTS
#define BTR PTWR_BTR
#define AND PTWR_AND
#define OR PTWR_OR

static const struct decode_case decode_cases[] = {
	/* MOV r/m, reg (88, 89) at each operand size. */
	{ "mov %rax,(%rdi)", INSN(0x48, 0x89, 0x07), MOV, 8, 0, 0, V_RDI },
	{ "mov %eax,(%rdi)", INSN(0x89, 0x07), MOV, 4, 0, 0, V_RDI },
	{ "mov %ax,(%rdi)", INSN(0x66, 0x89, 0x07), MOV, 2, 0, 0, V_RDI },
	{ "mov %al,(%rdi)", INSN(0x88, 0x07), MOV, 1, 0, 0, V_RDI },
	{ "data16 mov %rax,(%rdi): REX.W wins", INSN(0x66, 0x48, 0x89, 0x07), MOV, 8, 0, 0, V_RDI },
	/* Byte registers with REX: SPL..DIL and r8b..r15b. */
	{ "mov %sil,(%rdi)", INSN(0x40, 0x88, 0x37), MOV, 1, 6, 0, V_RDI },
	{ "mov %spl,(%r15)", INSN(0x41, 0x88, 0x27), MOV, 1, 4, 0, V_R15 },
	{ "mov %r8b,(%rdi)", INSN(0x44, 0x88, 0x07), MOV, 1, 8, 0, V_RDI },
	/* Displacements; REX.R source, REX.B base. */
	{ "mov %r9,0x10(%rsi)", INSN(0x4c, 0x89, 0x4e, 0x10), MOV, 8, 9, 0, V_RSI + 0x10 },
	{ "mov %rcx,-0x8(%r10)", INSN(0x49, 0x89, 0x4a, 0xf8), MOV, 8, 1, 0, V_R10 - 8 },
	{ "mov %rdx,0x12345678(%rbx)", INSN(0x48, 0x89, 0x93, 0x78, 0x56, 0x34, 0x12), MOV, 8, 2,
	  0, V_RBX + 0x12345678 },
	{ "mov %rdx,-0x100(%rbx)", INSN(0x48, 0x89, 0x93, 0x00, 0xff, 0xff, 0xff), MOV, 8, 2, 0,
	  V_RBX - 0x100 },
	/* RIP-relative: from the end of the instruction; REX.B does not make it r13. */
	{ "mov %rax,0x100(%rip)", INSN(0x48, 0x89, 0x05, 0x00, 0x01, 0x00, 0x00), MOV, 8, 0, 0,
	  RIP_V + 7 + 0x100 },
	{ "mov %rax,-0x20(%rip)", INSN(0x48, 0x89, 0x05, 0xe0, 0xff, 0xff, 0xff), MOV, 8, 0, 0,
	  RIP_V + 7 - 0x20 },
	{ "mov %rax,0x10(%rip) (REX.B)", INSN(0x49, 0x89, 0x05, 0x10, 0x00, 0x00, 0x00), MOV, 8, 0,
	  0, RIP_V + 7 + 0x10 },
	/* SIB: index * scale, with each displacement size. */
	{ "mov %rbx,(%rax,%rcx,8)", INSN(0x48, 0x89, 0x1c, 0xc8), MOV, 8, 3, 0, V_RAX + V_RCX * 8 },
	{ "mov %rbx,0x8(%rax,%rcx,4)", INSN(0x48, 0x89, 0x5c, 0x88, 0x08), MOV, 8, 3, 0,
	  V_RAX + V_RCX * 4 + 8 },
	{ "mov %rbx,0x1000(%rax,%rcx,2)", INSN(0x48, 0x89, 0x9c, 0x48, 0x00, 0x10, 0x00, 0x00), MOV,
	  8, 3, 0, V_RAX + V_RCX * 2 + 0x1000 },
	{ "mov %rbx,(%r8,%r11,1)", INSN(0x4b, 0x89, 0x1c, 0x18), MOV, 8, 3, 0, V_R8 + V_R11 },
	{ "mov %rax,(%rbx,%r12,4): REX.X makes index 4 r12", INSN(0x4a, 0x89, 0x04, 0xa3), MOV, 8, 0,
	  0, V_RBX + V_R12 * 4 },
	/* SIB with no base (mod 0, base 5): disp32, REX.B or not. */
	{ "mov %rbx,0x12345678(,%rcx,8)", INSN(0x48, 0x89, 0x1c, 0xcd, 0x78, 0x56, 0x34, 0x12), MOV,
	  8, 3, 0, V_RCX * 8 + 0x12345678 },
	{ "mov %rax,0x1000", INSN(0x48, 0x89, 0x04, 0x25, 0x00, 0x10, 0x00, 0x00), MOV, 8, 0, 0,
	  0x1000 },
	{ "mov %rax,0x12345678 (REX.B)", INSN(0x49, 0x89, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12), MOV,
	  8, 0, 0, 0x12345678 },
	{ "mov %rax,0x12345678(,%rcx,1) (REX.B)",
	  INSN(0x49, 0x89, 0x04, 0x0d, 0x78, 0x56, 0x34, 0x12), MOV, 8, 0, 0, V_RCX + 0x12345678 },
	{ "mov %rax,0x12345678(,%r13,1)", INSN(0x4b, 0x89, 0x04, 0x2d, 0x78, 0x56, 0x34, 0x12), MOV,
	  8, 0, 0, V_R13 + 0x12345678 },
	/* rsp/r12 as base need a SIB; rbp/r13 as base need mod 1. */
	{ "mov %rax,(%rsp)", INSN(0x48, 0x89, 0x04, 0x24), MOV, 8, 0, 0, V_RSP },
	{ "mov %rax,0x8(%rsp)", INSN(0x48, 0x89, 0x44, 0x24, 0x08), MOV, 8, 0, 0, V_RSP + 8 },
	{ "mov %r9,-0x10(%rsp)", INSN(0x4c, 0x89, 0x4c, 0x24, 0xf0), MOV, 8, 9, 0, V_RSP - 0x10 },
	{ "mov %r15,(%r12)", INSN(0x4d, 0x89, 0x3c, 0x24), MOV, 8, 15, 0, V_R12 },
	{ "mov %rax,(%rbp)", INSN(0x48, 0x89, 0x45, 0x00), MOV, 8, 0, 0, V_RBP },
	{ "mov %rax,(%r13)", INSN(0x49, 0x89, 0x45, 0x00), MOV, 8, 0, 0, V_R13 },
	{ "mov %rax,0x8(%rbp,%riz,1)", INSN(0x48, 0x89, 0x44, 0x25, 0x08), MOV, 8, 0, 0, V_RBP + 8 },
	{ "mov %rax,(%rbp,%rcx,2)", INSN(0x48, 0x89, 0x44, 0x4d, 0x00), MOV, 8, 0, 0,
	  V_RBP + V_RCX * 2 },
	{ "mov %rax,(%r13,%rcx,1)", INSN(0x49, 0x89, 0x44, 0x0d, 0x00), MOV, 8, 0, 0,
	  V_R13 + V_RCX },
	/* Segment overrides: FS and GS add their base; CS/DS/ES/SS do nothing. */
	{ "mov %rax,%fs:(%rdi)", INSN(0x64, 0x48, 0x89, 0x07), MOV, 8, 0, 0, FS_BASE + V_RDI },
	{ "mov %rax,%gs:0x10(%rdi)", INSN(0x65, 0x48, 0x89, 0x47, 0x10), MOV, 8, 0, 0,
	  GS_BASE + V_RDI + 0x10 },
	{ "mov %rax,%gs:0x10(%rip)", INSN(0x65, 0x48, 0x89, 0x05, 0x10, 0x00, 0x00, 0x00), MOV, 8,
	  0, 0, GS_BASE + RIP_V + 8 + 0x10 },
	{ "cs mov %rax,(%rdi)", INSN(0x2e, 0x48, 0x89, 0x07), MOV, 8, 0, 0, V_RDI },
	{ "ds mov %rax,(%rdi)", INSN(0x3e, 0x48, 0x89, 0x07), MOV, 8, 0, 0, V_RDI },
	{ "es mov %rax,(%rdi)", INSN(0x26, 0x48, 0x89, 0x07), MOV, 8, 0, 0, V_RDI },
	{ "ss mov %rax,(%rdi)", INSN(0x36, 0x48, 0x89, 0x07), MOV, 8, 0, 0, V_RDI },
	/* MOV r/m, imm (C6 /0, C7 /0): imm32 sign-extended to 64 bits, imm16 with 0x66. */
	{ "movq $0xfffffffffffffffe,(%rdi)", INSN(0x48, 0xc7, 0x07, 0xfe, 0xff, 0xff, 0xff), MOV, 8,
	  -1, 0xfffffffffffffffeull, V_RDI },
	{ "data16 movq $-2,(%rdi): REX.W wins, imm32",
	  INSN(0x66, 0x48, 0xc7, 0x07, 0xfe, 0xff, 0xff, 0xff), MOV, 8, -1, 0xfffffffffffffffeull,
	  V_RDI },
	{ "movl $0x80000000,(%rdi)", INSN(0xc7, 0x07, 0x00, 0x00, 0x00, 0x80), MOV, 4, -1,
	  0xffffffff80000000ull, V_RDI },
	{ "movw $0x8001,(%rdi)", INSN(0x66, 0xc7, 0x07, 0x01, 0x80), MOV, 2, -1,
	  0xffffffffffff8001ull, V_RDI },
	{ "movb $0x80,(%rdi)", INSN(0xc6, 0x07, 0x80), MOV, 1, -1, 0xffffffffffffff80ull, V_RDI },
	/* RIP-relative with an immediate: the address counts the immediate too. */
	{ "movq $0x12345678,0x100(%rip)",
	  INSN(0x48, 0xc7, 0x05, 0x00, 0x01, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12), MOV, 8, -1,
	  0x12345678, RIP_V + 11 + 0x100 },
	{ "movb $0x1,0x10(%rip)", INSN(0xc6, 0x05, 0x10, 0x00, 0x00, 0x00, 0x01), MOV, 1, -1, 1,
	  RIP_V + 7 + 0x10 },
	{ "movw $0x1234,0x8(%rip)", INSN(0x66, 0xc7, 0x05, 0x08, 0x00, 0x00, 0x00, 0x34, 0x12), MOV,
	  2, -1, 0x1234, RIP_V + 9 + 8 },
	/* XCHG (86, 87). */
	{ "xchg %rax,(%rdi)", INSN(0x48, 0x87, 0x07), XCHG, 8, 0, 0, V_RDI },
	{ "xchg %r10d,(%rdi)", INSN(0x44, 0x87, 0x17), XCHG, 4, 10, 0, V_RDI },
	{ "lock xchg %cx,(%rdi)", INSN(0x66, 0xf0, 0x87, 0x0f), XCHG, 2, 1, 0, V_RDI },
	{ "xchg %bl,(%rdi)", INSN(0x86, 0x1f), XCHG, 1, 3, 0, V_RDI },
	{ "lock xchg %bl,(%rdi)", INSN(0xf0, 0x86, 0x1f), XCHG, 1, 3, 0, V_RDI },
	{ "xchg %spl,(%rdi)", INSN(0x40, 0x86, 0x27), XCHG, 1, 4, 0, V_RDI },
	{ "xchg %rdx,-0x80(%r14,%r15,2)", INSN(0x4b, 0x87, 0x54, 0x7e, 0x80), XCHG, 8, 2, 0,
	  V_R14 + V_R15 * 2 - 0x80 },
	/* CMPXCHG (0F B0, 0F B1). */
	{ "lock cmpxchg %rcx,(%rdi)", INSN(0xf0, 0x48, 0x0f, 0xb1, 0x0f), CMPXCHG, 8, 1, 0, V_RDI },
	{ "cmpxchg %rcx,(%rdi)", INSN(0x48, 0x0f, 0xb1, 0x0f), CMPXCHG, 8, 1, 0, V_RDI },
	{ "cmpxchg %ecx,(%rdi)", INSN(0x0f, 0xb1, 0x0f), CMPXCHG, 4, 1, 0, V_RDI },
	{ "lock cmpxchg %ecx,(%rdi)", INSN(0xf0, 0x0f, 0xb1, 0x0f), CMPXCHG, 4, 1, 0, V_RDI },
	{ "cmpxchg %cx,(%rdi)", INSN(0x66, 0x0f, 0xb1, 0x0f), CMPXCHG, 2, 1, 0, V_RDI },
	{ "cmpxchg %bl,(%rdi)", INSN(0x0f, 0xb0, 0x1f), CMPXCHG, 1, 3, 0, V_RDI },
	{ "lock cmpxchg %r8b,(%rdi)", INSN(0xf0, 0x44, 0x0f, 0xb0, 0x07), CMPXCHG, 1, 8, 0, V_RDI },
	{ "lock cmpxchg %r15,%gs:0x200(%rip)",
	  INSN(0x65, 0xf0, 0x4c, 0x0f, 0xb1, 0x3d, 0x00, 0x02, 0x00, 0x00), CMPXCHG, 8, 15, 0,
	  GS_BASE + RIP_V + 10 + 0x200 },
	/* BTS/BTR with a register (0F AB, 0F B3) and an imm8 (0F BA /5, /6). */
	{ "lock bts %rax,(%rdi)", INSN(0xf0, 0x48, 0x0f, 0xab, 0x07), BTS, 8, 0, 0, V_RDI },
	{ "bts %rax,(%rdi)", INSN(0x48, 0x0f, 0xab, 0x07), BTS, 8, 0, 0, V_RDI },
	{ "bts %ax,(%rdi)", INSN(0x66, 0x0f, 0xab, 0x07), BTS, 2, 0, 0, V_RDI },
	{ "btr %eax,(%rdi)", INSN(0x0f, 0xb3, 0x07), BTR, 4, 0, 0, V_RDI },
	{ "lock btr %rax,(%rdi)", INSN(0xf0, 0x48, 0x0f, 0xb3, 0x07), BTR, 8, 0, 0, V_RDI },
	{ "lock btsq $0x1,(%rdi)", INSN(0xf0, 0x48, 0x0f, 0xba, 0x2f, 0x01), BTS, 8, -1, 1, V_RDI },
	{ "btsq $0x1,(%rdi)", INSN(0x48, 0x0f, 0xba, 0x2f, 0x01), BTS, 8, -1, 1, V_RDI },
	{ "btsw $0x5,(%rdi)", INSN(0x66, 0x0f, 0xba, 0x2f, 0x05), BTS, 2, -1, 5, V_RDI },
	{ "lock btrq $0x3f,(%rdi)", INSN(0xf0, 0x48, 0x0f, 0xba, 0x37, 0x3f), BTR, 8, -1, 63, V_RDI },
	{ "btrl $0xff,(%rdi)", INSN(0x0f, 0xba, 0x37, 0xff), BTR, 4, -1, 0xffffffffffffffffull,
	  V_RDI },
	{ "lock btsq $0x1,%fs:0x8(%r12,%r13,8)",
	  INSN(0x64, 0xf0, 0x4b, 0x0f, 0xba, 0x6c, 0xec, 0x08, 0x01), BTS, 8, -1, 1,
	  FS_BASE + V_R12 + V_R13 * 8 + 8 },
	{ "btsq $0x3,0x1000(,%r9,4)",
	  INSN(0x4a, 0x0f, 0xba, 0x2c, 0x8d, 0x00, 0x10, 0x00, 0x00, 0x03), BTS, 8, -1, 3,
	  V_R9 * 4 + 0x1000 },
	/* OR/AND r/m, reg (08, 09, 20, 21). */
	{ "or %rax,(%rdi)", INSN(0x48, 0x09, 0x07), OR, 8, 0, 0, V_RDI },
	{ "lock or %rax,(%rdi)", INSN(0xf0, 0x48, 0x09, 0x07), OR, 8, 0, 0, V_RDI },
	{ "or %cl,(%rdi)", INSN(0x08, 0x0f), OR, 1, 1, 0, V_RDI },
	{ "lock or %cl,(%rdi)", INSN(0xf0, 0x08, 0x0f), OR, 1, 1, 0, V_RDI },
	{ "lock or %sil,0x7f(%rsp)", INSN(0xf0, 0x40, 0x08, 0x74, 0x24, 0x7f), OR, 1, 6, 0,
	  V_RSP + 0x7f },
	{ "and %edx,(%rdi)", INSN(0x21, 0x17), AND, 4, 2, 0, V_RDI },
	{ "lock and %edx,(%rdi)", INSN(0xf0, 0x21, 0x17), AND, 4, 2, 0, V_RDI },
	{ "and %dx,(%rdi)", INSN(0x66, 0x21, 0x17), AND, 2, 2, 0, V_RDI },
	{ "lock and %r11b,(%rdi)", INSN(0xf0, 0x44, 0x20, 0x1f), AND, 1, 11, 0, V_RDI },
	/* OR/AND r/m, imm: 80 and 81 /1 /4 (imm of the operand size), 83 (imm8 sign-extended). */
	{ "orb $0x20,(%rdi)", INSN(0x80, 0x0f, 0x20), OR, 1, -1, 0x20, V_RDI },
	{ "lock orb $0x20,(%rdi)", INSN(0xf0, 0x80, 0x0f, 0x20), OR, 1, -1, 0x20, V_RDI },
	{ "lock andb $0xdf,(%rdi)", INSN(0xf0, 0x80, 0x27, 0xdf), AND, 1, -1, 0xffffffffffffffdfull,
	  V_RDI },
	{ "orl $0x80000000,(%rdi)", INSN(0x81, 0x0f, 0x00, 0x00, 0x00, 0x80), OR, 4, -1,
	  0xffffffff80000000ull, V_RDI },
	{ "andq $0xfffffffffffff000,(%rdi)", INSN(0x48, 0x81, 0x27, 0x00, 0xf0, 0xff, 0xff), AND, 8,
	  -1, 0xfffffffffffff000ull, V_RDI },
	{ "orw $0x8000,(%rdi)", INSN(0x66, 0x81, 0x0f, 0x00, 0x80), OR, 2, -1, 0xffffffffffff8000ull,
	  V_RDI },
	{ "andl $0x12345678,0x12345678(%rip)",
	  INSN(0x81, 0x25, 0x78, 0x56, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12), AND, 4, -1, 0x12345678,
	  RIP_V + 10 + 0x12345678 },
	{ "andq $0xfffffffffffffffe,(%rdi)", INSN(0x48, 0x83, 0x27, 0xfe), AND, 8, -1,
	  0xfffffffffffffffeull, V_RDI },
	{ "lock orq $0xffffffffffffffff,(%rdi)", INSN(0xf0, 0x48, 0x83, 0x0f, 0xff), OR, 8, -1,
	  0xffffffffffffffffull, V_RDI },
	{ "orl $0x7f,(%rdi)", INSN(0x83, 0x0f, 0x7f), OR, 4, -1, 0x7f, V_RDI },
	{ "andw $0xfffe,(%rdi)", INSN(0x66, 0x83, 0x27, 0xfe), AND, 2, -1, 0xfffffffffffffffeull,
	  V_RDI },
	{ "orq $0x40,0x10(%rip)", INSN(0x48, 0x83, 0x0d, 0x10, 0x00, 0x00, 0x00, 0x40), OR, 8, -1,
	  0x40, RIP_V + 8 + 0x10 },
};

static void decode_mismatch(const char *text, const char *what, uint64_t got, uint64_t want)
{
	printf("  \"%s\": %s %#llx, want %#llx\n", text, what, (unsigned long long)got,
	       (unsigned long long)want);
	CHECK(false);
}

/* Decodes @c from a buffer of @avail bytes (the rest after it 0xcc). */
static void check_decode_case(const struct decode_case *c, size_t avail)
{
	struct cpu_regs regs = decode_regs(), before = regs;
	struct ptwr_insn out;
	uint8_t buf[PTWR_INSN_MAX + 8];

	memset(buf, 0xcc, sizeof(buf));
	memcpy(buf, c->bytes, c->len);
	memset(&out, 0x5a, sizeof(out));
	if (ptwr_decode(buf, avail, &regs, FS_BASE, GS_BASE, &out)) {
		decode_mismatch(c->text, "refused, avail", avail, c->len);
		return;
	}
	if (out.op != c->op)
		decode_mismatch(c->text, "op", out.op, c->op);
	if (out.len != c->len)
		decode_mismatch(c->text, "len", out.len, c->len);
	if (out.size != c->size)
		decode_mismatch(c->text, "size", out.size, c->size);
	if (out.reg != c->reg)
		decode_mismatch(c->text, "reg", (uint64_t)(int64_t)out.reg, (uint64_t)(int64_t)c->reg);
	if (c->reg < 0 && out.imm != c->imm)
		decode_mismatch(c->text, "imm", out.imm, c->imm);
	if (out.address != c->address)
		decode_mismatch(c->text, "address", out.address, c->address);
	CHECK(memcmp(&regs, &before, sizeof(regs)) == 0);
}

TEST(ptwr_decode_forms)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(decode_cases); i++) {
		const struct decode_case *c = &decode_cases[i];

		CHECK(c->len <= PTWR_INSN_MAX);
		check_decode_case(c, c->len);
		/* Bytes after the instruction change nothing. */
		check_decode_case(c, PTWR_INSN_MAX);
		check_decode_case(c, PTWR_INSN_MAX + 8);
	}
}

/* Every instruction cut short anywhere is refused. */
TEST(ptwr_decode_truncated)
{
	struct cpu_regs regs = decode_regs();

	for (unsigned int i = 0; i < ARRAY_SIZE(decode_cases); i++) {
		const struct decode_case *c = &decode_cases[i];

		for (unsigned int n = 0; n < c->len; n++) {
			struct ptwr_insn out;

			if (ptwr_decode(c->bytes, n, &regs, FS_BASE, GS_BASE, &out) != -1)
				decode_mismatch(c->text, "accepted with bytes", n, c->len);
		}
	}
}

/* ---- Decoder: refusals ---- */

struct refusal {
	const char *text;
	const uint8_t *bytes;
	unsigned int len;
};

static const struct refusal refusals[] = {
	/* Register destinations (mod 3): no memory is written. */
	{ "mov %rax,%rdi", INSN(0x48, 0x89, 0xc7) },
	{ "xchg %rdi,%rax", INSN(0x48, 0x87, 0xf8) },
	{ "or $0x1,%al (80 /1)", INSN(0x80, 0xc8, 0x01) },
	{ "lock cmpxchg %rcx,%rdx", INSN(0xf0, 0x48, 0x0f, 0xb1, 0xca) },
	{ "movl $0x1,%edi (C7 /0)", INSN(0xc7, 0xc7, 0x01, 0x00, 0x00, 0x00) },
	/* Opcodes not emulated. */
	{ "add %rax,(%rdi)", INSN(0x48, 0x01, 0x07) },
	{ "notq (%rdi)", INSN(0x48, 0xf7, 0x17) },
	{ "cmpxchg16b (%rdi)", INSN(0x48, 0x0f, 0xc7, 0x0f) },
	{ "cmpxchg8b (%rdi)", INSN(0x0f, 0xc7, 0x0f) },
	{ "btc %rax,(%rdi)", INSN(0x48, 0x0f, 0xbb, 0x07) },
	{ "bt %rax,(%rdi)", INSN(0x48, 0x0f, 0xa3, 0x07) },
	{ "movabs %rax,0x1234", INSN(0x48, 0xa3, 0x34, 0x12, 0, 0, 0, 0, 0, 0) },
	{ "movsq", INSN(0x48, 0xa5) },
	{ "stos %rax,(%rdi)", INSN(0x48, 0xab) },
	/* Opcode extensions that are no write of ours. */
	{ "C7 /1", INSN(0x48, 0xc7, 0x0f, 0x00, 0x00, 0x00, 0x00) },
	{ "C6 /7 (no such instruction)", INSN(0xc6, 0x3f, 0x00) },
	{ "addb $0x1,(%rdi) (80 /0)", INSN(0x80, 0x07, 0x01) },
	{ "addl $0x1,(%rdi) (83 /0)", INSN(0x83, 0x07, 0x01) },
	{ "subl $0x1,(%rdi) (83 /5)", INSN(0x83, 0x2f, 0x01) },
	{ "xorl $0x1,(%rdi) (81 /6)", INSN(0x81, 0x37, 0x01, 0x00, 0x00, 0x00) },
	{ "btl $0x1,(%rdi) (0F BA /4: no write)", INSN(0x0f, 0xba, 0x27, 0x01) },
	{ "btcl $0x1,(%rdi) (0F BA /7)", INSN(0x0f, 0xba, 0x3f, 0x01) },
	/* AH, CH, DH, BH (byte registers 4-7 without REX). */
	{ "mov %dh,(%rdi)", INSN(0x88, 0x37) },
	{ "xchg %ah,(%rdi)", INSN(0x86, 0x27) },
	{ "cmpxchg %bh,(%rdi)", INSN(0x0f, 0xb0, 0x3f) },
	{ "and %ah,(%rdi)", INSN(0x20, 0x27) },
	{ "or %bh,(%rdi)", INSN(0x08, 0x3f) },
	{ "lock or %ch,0x7f(%rsp)", INSN(0xf0, 0x08, 0x6c, 0x24, 0x7f) },
	/* Prefixes not emulated, or in an order that is not. */
	{ "mov %rax,(%edi) (addr32)", INSN(0x67, 0x48, 0x89, 0x07) },
	{ "xrelease mov %rax,(%rdi)", INSN(0xf3, 0x48, 0x89, 0x07) },
	{ "rex.W data16 mov: REX not last", INSN(0x48, 0x66, 0x89, 0x07) },
	{ "two REX prefixes", INSN(0x40, 0x48, 0x89, 0x07) },
	{ "0F alone", INSN(0x0f) },
	{ "nothing", INSN(0x90) },
};

TEST(ptwr_decode_refusals)
{
	struct cpu_regs regs = decode_regs();
	uint8_t buf[PTWR_INSN_MAX];

	for (unsigned int i = 0; i < ARRAY_SIZE(refusals); i++) {
		const struct refusal *r = &refusals[i];
		struct ptwr_insn out;

		memset(buf, 0x00, sizeof(buf));
		memcpy(buf, r->bytes, r->len);
		/* Refused whether or not more bytes follow. */
		if (ptwr_decode(buf, r->len, &regs, FS_BASE, GS_BASE, &out) != -1 ||
		    ptwr_decode(buf, sizeof(buf), &regs, FS_BASE, GS_BASE, &out) != -1) {
			printf("  \"%s\" accepted\n", r->text);
			CHECK(false);
		}
	}
	/* Nothing to decode at all. */
	CHECK_EQ(ptwr_decode(buf, 0, &regs, FS_BASE, GS_BASE, &(struct ptwr_insn){ 0 }), -1);
}

/* An instruction is at most 15 bytes, prefixes included. */
TEST(ptwr_decode_prefix_limit)
{
	struct cpu_regs regs = decode_regs();
	struct ptwr_insn out;
	uint8_t buf[32];

	/* 12 prefixes + 48 89 07: 15 bytes, accepted. */
	memset(buf, 0x3e, sizeof(buf));
	memcpy(buf + 12, (const uint8_t[]){ 0x48, 0x89, 0x07 }, 3);
	CHECK_EQ(ptwr_decode(buf, sizeof(buf), &regs, FS_BASE, GS_BASE, &out), 0);
	CHECK_EQ(out.len, 15);
	CHECK_EQ(out.address, V_RDI);
	/* 13 prefixes: the instruction would be 16 bytes. */
	memset(buf, 0x3e, sizeof(buf));
	memcpy(buf + 13, (const uint8_t[]){ 0x48, 0x89, 0x07 }, 3);
	CHECK_EQ(ptwr_decode(buf, sizeof(buf), &regs, FS_BASE, GS_BASE, &out), -1);
	CHECK_EQ(ptwr_decode(buf, 16, &regs, FS_BASE, GS_BASE, &out), -1);
	/* 11 prefixes + a 4-byte instruction: 15 bytes; with a 5-byte one, 16. */
	memset(buf, 0xf0, sizeof(buf));
	memcpy(buf + 11, (const uint8_t[]){ 0x48, 0x0f, 0xab, 0x07 }, 4);
	CHECK_EQ(ptwr_decode(buf, sizeof(buf), &regs, FS_BASE, GS_BASE, &out), 0);
	CHECK_EQ(out.len, 15);
	memset(buf, 0x66, sizeof(buf));
	memcpy(buf + 11, (const uint8_t[]){ 0x48, 0x0f, 0xba, 0x2f, 0x01 }, 5);
	CHECK_EQ(ptwr_decode(buf, sizeof(buf), &regs, FS_BASE, GS_BASE, &out), -1);
	/* Nothing but prefixes, 15 of them or more. */
	for (unsigned int n = 1; n <= sizeof(buf); n++) {
		static const uint8_t prefixes[] = { 0xf0, 0x66, 0x64, 0x65, 0x2e, 0x3e, 0x26, 0x36 };

		for (unsigned int i = 0; i < n; i++)
			buf[i] = prefixes[(i * 7 + n) % ARRAY_SIZE(prefixes)];
		CHECK_EQ(ptwr_decode(buf, n, &regs, FS_BASE, GS_BASE, &out), -1);
	}
}

/* ---- Emulation: the world ---- */

#define L4 10
#define L3 11
#define L2 12
#define MAP_L1 13	/* maps the windows below */
#define PT 14		/* the L1 table the tests write, through WINDOW_VA */
#define CODE_L3 15
#define CODE_L2 16
#define CODE_L1 17
#define STALE_L1 18	/* was an L1; type count 0 now */
#define DATA_A 20	/* PT slot 0, writable */
#define DATA_B 21	/* PT slot 1, read-only */
#define DATA_C 22	/* mapped writable at RW_VA */
#define NEW 23		/* unused: what the tests' new entries map */
#define NEW2 24
#define PLAIN 25	/* an ordinary page, mapped read-only at PLAIN_VA */
#define CODE_FRAME 40	/* 40-55: the host guest memory's pages */

#define VA(l4, l3, l2, l1) \
	((uint64_t)(l4) << 39 | (uint64_t)(l3) << 30 | (uint64_t)(l2) << 21 | (uint64_t)(l1) << 12)
#define WINDOW_VA VA(1, 2, 3, 4)
#define RW_VA VA(1, 2, 3, 5)
#define PLAIN_VA VA(1, 2, 3, 6)
#define L2_VA VA(1, 2, 3, 7)
#define UNMAPPED_VA VA(1, 2, 3, 8)
#define STALE_VA VA(1, 2, 3, 9)

/* A user mapping, stored as written (pt_entry_adjust adds nothing). */
#define USER (PTE_P | PTE_RW | PTE_US | PTE_G)
#define USER_RO (PTE_P | PTE_US | PTE_G)

#define CODE_OFF 0x3100 /* the instruction, in the host guest memory */
#define CODE_VA (HOST_GUEST_BASE + CODE_OFF)

static struct vcpu *vcpu;

static void ptwr_world_start(void)
{
	world_start();
	dom->vm_assist |= 1ul << PV_VMASST_TYPE_writable_pagetables;
	vcpu = vcpu_create(dom, 0);
	CHECK(vcpu != NULL);

	CHECK_EQ(page_pin(STALE_L1, dom, PV_TYPE_L1), 0);
	CHECK_EQ(page_unpin(STALE_L1, dom), 0);

	ents(L4)[1] = pte(L3, PTE_P | PTE_RW);
	ents(L3)[2] = pte(L2, PTE_P | PTE_RW);
	ents(L2)[3] = pte(MAP_L1, PTE_P | PTE_RW);
	ents(L2)[4] = pte(PT, PTE_P | PTE_RW);
	ents(MAP_L1)[4] = pte(PT, USER_RO);
	ents(MAP_L1)[5] = pte(DATA_C, USER);
	ents(MAP_L1)[6] = pte(PLAIN, USER_RO);
	ents(MAP_L1)[7] = pte(L2, USER_RO);
	ents(MAP_L1)[9] = pte(STALE_L1, USER_RO);
	ents(PT)[0] = pte(DATA_A, USER);
	ents(PT)[1] = pte(DATA_B, USER_RO);
	ents(L4)[0] = pte(CODE_L3, PTE_P | PTE_RW);
	ents(CODE_L3)[0] = pte(CODE_L2, PTE_P | PTE_RW);
	ents(CODE_L2)[pt_index(HOST_GUEST_BASE, 2)] = pte(CODE_L1, PTE_P | PTE_RW);
	for (unsigned int i = 0; i < HOST_GUEST_SIZE / 4096; i++)
		ents(CODE_L1)[pt_index(HOST_GUEST_BASE, 1) + i] = pte(CODE_FRAME + i, PTE_P);
	CHECK_EQ(page_pin(L4, dom, PV_TYPE_L4), 0);

	/* vCPU 0 runs in kernel mode on it, holding a root reference. */
	CHECK_EQ(page_get_ref_and_type(L4, dom, PV_TYPE_L4), 0);
	vcpu->arch.kernel_cr3 = (uint64_t)L4 << 12;
	vcpu->arch.kernel_mode = true;
	vcpu->arch.fs_base = 0x5550000000ull;
	vcpu->arch.gs_base_kernel = 0x6660000000ull;
	vcpu->arch.gs_base_user = 0x7770000000ull;

	/* The world is what the comment at the top says. */
	uint64_t l1;

	CHECK_EQ(guest_walk_to_l1(vcpu, WINDOW_VA, &l1), 0);
	CHECK_EQ(l1, MAP_L1);
	CHECK_EQ(guest_walk_to_l1(vcpu, CODE_VA, &l1), 0);
	CHECK_EQ(l1, CODE_L1);
	CHECK_EQ(pte_frame(ents(CODE_L1)[pt_index(CODE_VA, 1)]), CODE_FRAME + CODE_OFF / 4096);
	CHECK_EQ(fr(PT)->type, PV_TYPE_L1);
	CHECK_EQ(fr(DATA_A)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(DATA_A)->type_count, 1);
	CHECK_EQ(fr(STALE_L1)->type, PV_TYPE_L1);
	CHECK_EQ(fr(STALE_L1)->type_count, 0);
	CHECK(check_state("ptwr world", 0));
}

static void ptwr_world_end(void)
{
	check_state("ptwr world end", 0);
	release_and_check_zero();
	world_end();
	vcpu = NULL;
}

/* Registers for an emulated write: all different, RIP at the instruction. */
static struct cpu_regs guest_regs(void)
{
	struct cpu_regs r = decode_regs();

	r.rip = CODE_VA;
	r.rdi = WINDOW_VA;
	r.vector = VECTOR_PAGE_FAULT;
	r.error_code = 3; /* present, write */
	return r;
}

/* Puts @insn at CODE_VA (0xcc after it) and emulates the fault at @cr2. */
static bool fault(const uint8_t *insn, size_t len, struct cpu_regs *regs, uint64_t cr2)
{
	memset(host_guest_memory + CODE_OFF, 0xcc, 64);
	memcpy(host_guest_memory + CODE_OFF, insn, len);
	return ptwr_handle_fault(vcpu, regs, cr2);
}

static const char *const reg_names[] = {
	"r15", "r14", "r13", "r12", "r11", "r10", "r9", "r8", "rbp", "rdi", "rsi", "rdx",
	"rcx", "rbx", "rax", "vector", "error_code", "rip", "cs", "rflags", "rsp", "ss",
};

_Static_assert(sizeof(struct cpu_regs) == sizeof(reg_names) / sizeof(reg_names[0]) * 8,
	       "cpu_regs is all 64-bit fields, named above");

/* Every register as @want has it; reports the caller's @line. */
static void check_regs(const struct cpu_regs *got, const struct cpu_regs *want, int line)
{
	uint64_t g[ARRAY_SIZE(reg_names)], w[ARRAY_SIZE(reg_names)];

	memcpy(g, got, sizeof(g));
	memcpy(w, want, sizeof(w));
	for (unsigned int i = 0; i < ARRAY_SIZE(reg_names); i++) {
		if (g[i] != w[i]) {
			printf("  line %d: %s %#llx, want %#llx\n", line, reg_names[i],
			       (unsigned long long)g[i], (unsigned long long)w[i]);
			CHECK(false);
		}
	}
}

/*
 * The fault at @cr2 is emulated: true, and the registers are @want with
 * RIP past the instruction.
 */
static void emulated(const uint8_t *insn, size_t len, struct cpu_regs *regs, uint64_t cr2,
		     struct cpu_regs want, int line)
{
	want.rip = regs->rip + len;
	if (!fault(insn, len, regs, cr2)) {
		printf("  line %d: not emulated\n", line);
		CHECK(false);
		return;
	}
	check_regs(regs, &want, line);
}

/* The fault at @cr2 is not emulated: false, no register and no entry of PT changed. */
static void refused(const uint8_t *insn, size_t len, struct cpu_regs *regs, uint64_t cr2,
		    int line)
{
	static uint64_t entries[PT_ENTRIES];
	struct cpu_regs before = *regs;

	memcpy(entries, ents(PT), sizeof(entries));
	if (fault(insn, len, regs, cr2)) {
		printf("  line %d: emulated\n", line);
		CHECK(false);
	}
	check_regs(regs, &before, line);
	if (memcmp(entries, ents(PT), sizeof(entries))) {
		printf("  line %d: the table changed\n", line);
		CHECK(false);
	}
}

#define EMULATED(insn, regs, cr2, want) emulated(insn, regs, cr2, want, __LINE__)
#define REFUSED(insn, regs, cr2) refused(insn, regs, cr2, __LINE__)

/* ---- Emulation ---- */

TEST(ptwr_emulate_mov)
{
	struct cpu_regs r, want;

	ptwr_world_start();
	/* mov %rcx,0x10(%rdi): a new entry in slot 2, the checked way. */
	r = guest_regs();
	r.rcx = pte(NEW, USER);
	want = r;
	EMULATED(INSN(0x48, 0x89, 0x4f, 0x10), &r, WINDOW_VA + 0x10, want);
	CHECK_EQ(ents(PT)[2], pte(NEW, USER));
	CHECK_EQ(fr(NEW)->refcount, 1);
	CHECK_EQ(fr(NEW)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(NEW)->type_count, 1);
	CHECK(check_state("mov", 1));

	/* mov %rcx,(%rdi) over slot 0: DATA_A's references go, NEW2's come. */
	r = guest_regs();
	r.rcx = pte(NEW2, USER_RO);
	want = r;
	EMULATED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW2, USER_RO));
	CHECK_EQ(fr(DATA_A)->refcount, 0);
	CHECK_EQ(fr(DATA_A)->type_count, 0);
	CHECK_EQ(fr(NEW2)->refcount, 1);
	CHECK_EQ(fr(NEW2)->type_count, 0);
	CHECK(check_state("mov", 2));

	/* A kernel mapping is adjusted as mmu_update adjusts it. */
	r = guest_regs();
	r.rcx = pte(DATA_A, PTE_P | PTE_RW);
	want = r;
	EMULATED(INSN(0x48, 0x89, 0x4f, 0x18), &r, WINDOW_VA + 0x18, want);
	CHECK_EQ(ents(PT)[3], pte(DATA_A, PTE_P | PTE_RW | PTE_US | PTE_GUEST_KERNEL));

	/* movq $0x0,0x10(%rdi): an immediate; clearing releases NEW. */
	r = guest_regs();
	want = r;
	EMULATED(INSN(0x48, 0xc7, 0x47, 0x10, 0x00, 0x00, 0x00, 0x00), &r, WINDOW_VA + 0x10, want);
	CHECK_EQ(ents(PT)[2], 0);
	CHECK_EQ(fr(NEW)->refcount, 0);
	CHECK_EQ(fr(NEW)->type_count, 0);

	/* mov %rcx,%fs:(%rdi) and %gs: the vCPU's FS base and kernel GS base count. */
	r = guest_regs();
	r.rdi = WINDOW_VA + 0x20 - vcpu->arch.fs_base;
	r.rcx = pte(NEW, USER);
	want = r;
	EMULATED(INSN(0x64, 0x48, 0x89, 0x0f), &r, WINDOW_VA + 0x20, want);
	CHECK_EQ(ents(PT)[4], pte(NEW, USER));
	r = guest_regs();
	r.rdi = WINDOW_VA + 0x28 - vcpu->arch.gs_base_kernel;
	r.rcx = pte(NEW, USER_RO);
	want = r;
	EMULATED(INSN(0x65, 0x48, 0x89, 0x0f), &r, WINDOW_VA + 0x28, want);
	CHECK_EQ(ents(PT)[5], pte(NEW, USER_RO));
	CHECK_EQ(fr(NEW)->refcount, 2);
	r = guest_regs();
	r.rdi = WINDOW_VA + 0x30 - vcpu->arch.gs_base_user;
	REFUSED(INSN(0x65, 0x48, 0x89, 0x0f), &r, WINDOW_VA + 0x30);

	/* Flags are untouched by MOV, whatever they were. */
	r = guest_regs();
	r.rflags = RF_BASE | RF_ARITH;
	r.rcx = 0;
	want = r;
	EMULATED(INSN(0x48, 0x89, 0x4f, 0x20), &r, WINDOW_VA + 0x20, want);
	CHECK_EQ(ents(PT)[4], 0);
	ptwr_world_end();
}

TEST(ptwr_emulate_invalid_entry)
{
	const uint64_t bad[] = {
		pte(OTHER_FRAME, USER),		/* another domain's frame */
		pte(UNOWNED_FRAME, USER_RO),	/* nobody's */
		pte(BEYOND_FRAME, USER_RO),	/* no RAM */
		pte(NEW, USER | PTE_PCD),	/* caching bits */
		pte(L2, USER),			/* a page table, writable */
		pte(PT, USER),			/* the table itself, writable */
	};
	struct cpu_regs r;

	ptwr_world_start();
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		/* mov %rcx,(%rdi) over a live entry, and into an empty slot. */
		r = guest_regs();
		r.rcx = bad[i];
		REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA);
		r.rdi = WINDOW_VA + 0x10;
		REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA + 0x10);
		/* xchg %rcx,(%rdi): RCX keeps its value. */
		r = guest_regs();
		r.rcx = bad[i];
		REFUSED(INSN(0x48, 0x87, 0x0f), &r, WINDOW_VA);
		/* lock cmpxchg %rcx,(%rdi) that would succeed: RAX and flags kept. */
		r = guest_regs();
		r.rcx = bad[i];
		r.rax = ents(PT)[0];
		REFUSED(INSN(0xf0, 0x48, 0x0f, 0xb1, 0x0f), &r, WINDOW_VA);
	}
	/* lock orb $0x10,(%rdi) would set PCD in a live entry. */
	r = guest_regs();
	REFUSED(INSN(0xf0, 0x80, 0x0f, 0x10), &r, WINDOW_VA);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER));
	CHECK_EQ(fr(DATA_A)->refcount, 1);
	CHECK_EQ(fr(DATA_A)->type_count, 1);
	CHECK(check_state("invalid entries", 0));
	ptwr_world_end();
}

TEST(ptwr_emulate_cmpxchg)
{
	struct cpu_regs r, want;
	uint64_t old;

	ptwr_world_start();
	/* lock cmpxchg %rcx,(%rdi), RAX equal: written; ZF and PF (CMP of equal values). */
	r = guest_regs();
	r.rflags = RF_BASE | RF_CF | RF_SF | RF_OF | RF_AF;
	r.rax = old = ents(PT)[0];
	r.rcx = pte(NEW, USER);
	want = r;
	want.rflags = RF_BASE | RF_ZF | RF_PF;
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xb1, 0x0f), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER));
	CHECK_EQ(fr(DATA_A)->refcount, 0);
	CHECK_EQ(fr(NEW)->type_count, 1);
	CHECK_EQ(old, pte(DATA_A, USER));

	/* RAX different: nothing written, RAX = the entry, flags of CMP RAX, entry. */
	r = guest_regs();
	r.rflags = RF_BASE | RF_ZF;
	r.rax = 0x1234;
	r.rcx = pte(NEW2, USER);
	want = r;
	want.rax = pte(NEW, USER);
	want.rflags = RF_BASE | RF_CF | RF_PF | RF_AF | RF_SF; /* as the CPU answers */
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xb1, 0x0f), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER));
	CHECK_EQ(fr(NEW2)->refcount, 0);
	/* ... and one that overflows. */
	r = guest_regs();
	r.rax = 0x8000000000000000ull;
	r.rcx = pte(NEW2, USER);
	want = r;
	want.rax = pte(NEW, USER);
	want.rflags = RF_BASE | RF_OF | RF_AF | RF_PF;
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xb1, 0x0f), &r, WINDOW_VA, want);

	/* cmpxchg %ecx,(%rdi) failing: EAX loaded, RAX zero-extended. */
	r = guest_regs();
	r.rax = 0xdeadbeef00000001ull;
	want = r;
	want.rax = (uint32_t)pte(NEW, USER);
	want.rflags = RF_BASE | RF_CF | RF_PF | RF_AF | RF_SF;
	EMULATED(INSN(0x0f, 0xb1, 0x0f), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER));

	/* cmpxchg %ecx,0x4(%rdi) succeeding on the high half: RAX untouched (upper half too). */
	r = guest_regs();
	r.rax = 0xabcdef0000000000ull;
	r.rcx = 0x80000000;
	want = r;
	want.rflags = RF_BASE | RF_ZF | RF_PF;
	EMULATED(INSN(0x0f, 0xb1, 0x4f, 0x04), &r, WINDOW_VA + 4, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER) | PTE_NX);

	/* lock cmpxchg %r8b,(%rdi) failing: AL loaded, the rest of RAX kept. */
	r = guest_regs();
	r.rax = 0xaaaaaaaaaaaaaa80ull;
	want = r;
	want.rax = 0xaaaaaaaaaaaaaa07ull;
	want.rflags = RF_BASE | RF_OF | RF_AF;
	EMULATED(INSN(0xf0, 0x44, 0x0f, 0xb0, 0x07), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER) | PTE_NX);
	CHECK(check_state("cmpxchg", 0));
	ptwr_world_end();
}

TEST(ptwr_emulate_xchg)
{
	struct cpu_regs r, want;

	ptwr_world_start();
	/* xchg %rdx,(%rdi): the old entry in RDX. */
	r = guest_regs();
	r.rflags = RF_BASE | RF_ZF | RF_CF;
	r.rdx = pte(NEW, USER);
	want = r;
	want.rdx = pte(DATA_A, USER);
	EMULATED(INSN(0x48, 0x87, 0x17), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER));
	CHECK_EQ(fr(DATA_A)->refcount, 0);
	CHECK_EQ(fr(NEW)->type_count, 1);

	/* xchg %edx,0x4(%rdi): the high half, zero-extended into RDX. */
	r = guest_regs();
	r.rdx = 0xffffffff80000000ull;
	want = r;
	want.rdx = 0;
	EMULATED(INSN(0x87, 0x57, 0x04), &r, WINDOW_VA + 4, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER) | PTE_NX);

	/* lock xchg %bl,(%rdi): the low byte; the rest of RBX kept. */
	r = guest_regs();
	r.rbx = 0xaaaaaaaaaaaaaa67ull;
	want = r;
	want.rbx = 0xaaaaaaaaaaaaaa07ull;
	EMULATED(INSN(0xf0, 0x86, 0x1f), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER | PTE_A | PTE_D) | PTE_NX);

	/* lock xchg %cx,0x6(%rdi): a 16-bit register merges. */
	r = guest_regs();
	r.rcx = 0x1111111111110000ull;
	want = r;
	want.rcx = 0x1111111111118000ull;
	EMULATED(INSN(0x66, 0xf0, 0x87, 0x4f, 0x06), &r, WINDOW_VA + 6, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER | PTE_A | PTE_D));
	CHECK(check_state("xchg", 0));
	ptwr_world_end();
}

TEST(ptwr_emulate_bit_ops)
{
	struct cpu_regs r, want;

	ptwr_world_start();
	/* lock btrq $0x1,(%rdi): CF = RW, now clear; ZF unaffected. */
	r = guest_regs();
	r.rflags = RF_BASE | RF_ZF;
	want = r;
	want.rflags = RF_BASE | RF_ZF | RF_CF;
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xba, 0x37, 0x01), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER_RO));
	CHECK_EQ(fr(DATA_A)->refcount, 1);
	CHECK_EQ(fr(DATA_A)->type_count, 0);

	/* lock btsq $0x1,(%rdi): CF clear, RW set again. */
	r = guest_regs();
	r.rflags = RF_BASE | RF_CF | RF_SF;
	want = r;
	want.rflags = RF_BASE | RF_SF;
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xba, 0x2f, 0x01), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER));
	CHECK_EQ(fr(DATA_A)->type_count, 1);

	/* lock bts %rax,(%rdi) with RAX 63: NX. */
	r = guest_regs();
	r.rax = 63;
	want = r;
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xab, 0x07), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER) | PTE_NX);

	/* lock btsq $0x41,(%rdi): the offset is taken mod 64, bit 1 already set. */
	r = guest_regs();
	want = r;
	want.rflags = RF_BASE | RF_CF;
	EMULATED(INSN(0xf0, 0x48, 0x0f, 0xba, 0x2f, 0x41), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER) | PTE_NX);

	/* btrl $0x1f,0x4(%rdi): NX through the high half. */
	r = guest_regs();
	want = r;
	want.rflags = RF_BASE | RF_CF;
	EMULATED(INSN(0x0f, 0xba, 0x77, 0x04, 0x1f), &r, WINDOW_VA + 4, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER));

	/* lock btr %rax,(%rdi): a register offset outside the operand is another entry. */
	r = guest_regs();
	r.rax = 64;
	REFUSED(INSN(0xf0, 0x48, 0x0f, 0xb3, 0x07), &r, WINDOW_VA);
	r.rax = (uint64_t)-1;
	REFUSED(INSN(0xf0, 0x48, 0x0f, 0xb3, 0x07), &r, WINDOW_VA);
	/* btr %eax,(%rdi): a 32-bit offset is EAX's; 0x100000001 is bit 1. */
	r = guest_regs();
	r.rax = 0x100000001ull;
	want = r;
	want.rflags = RF_BASE | RF_CF;
	EMULATED(INSN(0x0f, 0xb3, 0x07), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER_RO));
	CHECK(check_state("bit ops", 0));
	ptwr_world_end();
}

TEST(ptwr_emulate_and_or)
{
	struct cpu_regs r, want;

	ptwr_world_start();
	ents(PT)[0] |= PTE_A; /* low byte 0x27; A is the CPU's to set */

	/* lock andb $0xdf,(%rdi): 0x07, three bits: PF clear; CF and OF cleared. */
	r = guest_regs();
	r.rflags = RF_BASE | RF_ARITH;
	want = r;
	want.rflags = RF_BASE;
	EMULATED(INSN(0xf0, 0x80, 0x27, 0xdf), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER));

	/* lock orb $0x20,(%rdi): 0x27, four bits: PF. */
	r = guest_regs();
	want = r;
	want.rflags = RF_BASE | RF_PF;
	EMULATED(INSN(0xf0, 0x80, 0x0f, 0x20), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER | PTE_A));

	/* or %rax,(%rdi) with NX: SF from bit 63, PF from the low byte only. */
	r = guest_regs();
	r.rax = PTE_NX;
	want = r;
	want.rflags = RF_BASE | RF_SF | RF_PF;
	EMULATED(INSN(0x48, 0x09, 0x07), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER | PTE_A) | PTE_NX);

	/* orb $0x80,0x7(%rdi): a byte anywhere in the entry; SF of the byte. */
	ents(PT)[0] &= ~PTE_NX;
	r = guest_regs();
	want = r;
	want.rflags = RF_BASE | RF_SF;
	EMULATED(INSN(0x80, 0x4f, 0x07, 0x80), &r, WINDOW_VA + 7, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER | PTE_A) | PTE_NX);

	/* and %edx,0x4(%rdi) with EDX 0: ZF, PF; the low half kept. */
	r = guest_regs();
	r.rdx = 0xffffffff00000000ull;
	want = r;
	want.rflags = RF_BASE | RF_ZF | RF_PF;
	EMULATED(INSN(0x21, 0x57, 0x04), &r, WINDOW_VA + 4, want);
	CHECK_EQ(ents(PT)[0], pte(DATA_A, USER | PTE_A));

	/* andq $0x0,(%rdi): the entry goes, and its references. */
	r = guest_regs();
	want = r;
	want.rflags = RF_BASE | RF_ZF | RF_PF;
	EMULATED(INSN(0x48, 0x83, 0x27, 0x00), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], 0);
	CHECK_EQ(fr(DATA_A)->refcount, 0);
	CHECK_EQ(fr(DATA_A)->type_count, 0);
	CHECK(check_state("and/or", 0));
	ptwr_world_end();
}

TEST(ptwr_emulate_narrow_stores_widened)
{
	struct cpu_regs r, want;

	ptwr_world_start();
	ents(PT)[0] |= PTE_NX;
	/* mov %ecx,(%rdi): the low half replaced, the high half (NX) kept. */
	r = guest_regs();
	r.rcx = 0xdeadbeef00000000ull | pte(NEW, USER);
	want = r;
	EMULATED(INSN(0x89, 0x0f), &r, WINDOW_VA, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER) | PTE_NX);
	CHECK_EQ(fr(DATA_A)->refcount, 0);
	CHECK_EQ(fr(NEW)->refcount, 1);
	CHECK_EQ(fr(NEW)->type_count, 1);

	/* mov %ecx,0x4(%rdi): the high half replaced, the low half kept. */
	r = guest_regs();
	r.rcx = 0;
	want = r;
	EMULATED(INSN(0x89, 0x4f, 0x04), &r, WINDOW_VA + 4, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER));

	/* mov %cx,0x6(%rdi): bits 48-63. */
	r = guest_regs();
	r.rcx = 0x8000;
	want = r;
	EMULATED(INSN(0x66, 0x89, 0x4f, 0x06), &r, WINDOW_VA + 6, want);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER) | PTE_NX);

	/* movb $0x7,0x8(%rdi): the low byte of slot 1 (DATA_B) becomes P|RW|US. */
	r = guest_regs();
	want = r;
	EMULATED(INSN(0xc6, 0x47, 0x08, 0x07), &r, WINDOW_VA + 8, want);
	CHECK_EQ(ents(PT)[1], pte(DATA_B, USER));
	CHECK_EQ(fr(DATA_B)->type_count, 1);
	CHECK(check_state("narrow stores", 0));
	ptwr_world_end();
}

TEST(ptwr_emulate_misaligned_or_outside)
{
	struct cpu_regs r;

	ptwr_world_start();
	/*
	 * Misaligned stores of the bytes already there (slot 0 holds
	 * 07 41 01 00 00 00 00 00): harmless if applied, but refused.
	 * mov %rcx,(%rdi) at +4; mov %ecx,0x2(%rdi); mov %cx,0x1(%rdi).
	 */
	r = guest_regs();
	r.rdi = WINDOW_VA + 4;
	r.rcx = 0;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA + 4);
	r.rdi = WINDOW_VA;
	r.rcx = 0x1;
	REFUSED(INSN(0x89, 0x4f, 0x02), &r, WINDOW_VA + 2);
	r.rcx = 0x141;
	REFUSED(INSN(0x66, 0x89, 0x4f, 0x01), &r, WINDOW_VA + 1);
	/* mov %rcx,(%rdi) on the page after or before the faulting one. */
	r.rcx = pte(NEW, USER);
	r.rdi = WINDOW_VA + 0x1000;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA + 8);
	r.rdi = WINDOW_VA - 8;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA);
	/* ... or far away, the same offset in a page of its own. */
	r.rdi = RW_VA + 0x10;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA + 0x10);
	CHECK_EQ(fr(NEW)->refcount, 0);
	CHECK(check_state("misaligned", 0));
	ptwr_world_end();
}

TEST(ptwr_not_applicable)
{
	struct cpu_regs r;

	ptwr_world_start();
	r = guest_regs();
	r.rcx = pte(NEW, PTE_P | PTE_RW | PTE_US); /* an entry valid at any level */

	/* Without the assist. */
	dom->vm_assist = 0;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA);
	dom->vm_assist = 1ul << PV_VMASST_TYPE_writable_pagetables;

	/* In user mode, even on the same tables. */
	CHECK_EQ(page_get_ref_and_type(L4, dom, PV_TYPE_L4), 0);
	vcpu->arch.user_cr3 = (uint64_t)L4 << 12;
	vcpu->arch.kernel_mode = false;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA);
	vcpu->arch.kernel_mode = true;

	/* A writable mapping: not a ptwr fault. */
	r.rdi = RW_VA;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, RW_VA);
	/*
	 * Not even of an L1 table, or a not-present one (entries poked in
	 * behind the reference counts' back, and taken out again: validation
	 * would not allow the first).
	 */
	ents(MAP_L1)[10] = pte(PT, USER);
	ents(MAP_L1)[11] = pte(PT, USER_RO) & ~PTE_P;
	r.rdi = VA(1, 2, 3, 10);
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, VA(1, 2, 3, 10));
	r.rdi = VA(1, 2, 3, 11);
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, VA(1, 2, 3, 11));
	ents(MAP_L1)[10] = ents(MAP_L1)[11] = 0;
	/* Read-only mappings of an ordinary page, an L2, an L1 no longer in use. */
	r.rdi = PLAIN_VA;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, PLAIN_VA);
	r.rdi = L2_VA;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, L2_VA);
	r.rdi = STALE_VA;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, STALE_VA);
	/* Nothing mapped; no L1 on the way; not a guest address. */
	r.rdi = UNMAPPED_VA;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, UNMAPPED_VA);
	r.rdi = VA(1, 2, 5, 0);
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, VA(1, 2, 5, 0));
	r.rdi = 0xffff800000001000ull;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, 0xffff800000001000ull);
	r.rdi = 0x0000800000000000ull;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, 0x0000800000000000ull);
	CHECK_EQ(ents(PLAIN)[0], 0);
	CHECK_EQ(ents(DATA_C)[0], 0);

	/* The right page, but an instruction not emulated: add %rcx,(%rdi). */
	r.rdi = WINDOW_VA;
	REFUSED(INSN(0x48, 0x01, 0x0f), &r, WINDOW_VA);
	/* An instruction that cannot be fetched, or only in part. */
	r.rip = HOST_GUEST_BASE + HOST_GUEST_SIZE;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA);
	memcpy(host_guest_memory + HOST_GUEST_SIZE - 2, (const uint8_t[]){ 0x48, 0x89 }, 2);
	r.rip = HOST_GUEST_BASE + HOST_GUEST_SIZE - 2;
	REFUSED(INSN(0x48, 0x89, 0x0f), &r, WINDOW_VA);
	/* ... while at the very end of guest memory, whole, it is emulated. */
	memcpy(host_guest_memory + HOST_GUEST_SIZE - 3, (const uint8_t[]){ 0x48, 0x89, 0x0f }, 3);
	r.rip = HOST_GUEST_BASE + HOST_GUEST_SIZE - 3;
	CHECK(ptwr_handle_fault(vcpu, &r, WINDOW_VA));
	CHECK_EQ(r.rip, HOST_GUEST_BASE + HOST_GUEST_SIZE);
	CHECK_EQ(ents(PT)[0], pte(NEW, USER));
	CHECK(check_state("not applicable", 0));
	ptwr_world_end();
}
