/*
 * FPU, SSE and AVX registers per vCPU, fpu_taskswitch, XSETBV and the
 * debug registers, from inside a guest.  Run as dom0 and as a domU at the
 * same time: each fills x87, MXCSR, xmm0-15 (and, with AVX, ymm0-15) with
 * its own pattern, yields many times and checks nothing changed.
 *
 * fpu_taskswitch(1) makes the next SSE instruction raise #NM in our
 * handler (virtual TS cleared on delivery, as on Xen); CLTS and MOV CR0
 * clear and set it.  XSETBV: #UD before CR4.OSXSAVE, #GP for bad values.
 * Debug registers: Xen's error codes for bad registers and values, a
 * write breakpoint that fires #DB with DR6.B0, breakpoints that stay with
 * their vCPU (dom0 writes the variable domU watches), single steps with
 * DR6.BS, and a breakpoint hit by the hypervisor that the guest never sees.
 */
#include "guest.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/version.h"

#define CR0_TS (1ul << 3)
#define CR4_OSXSAVE (1ul << 18)
#define CPUID1_ECX_XSAVE (1u << 26)
#define CPUID1_ECX_OSXSAVE (1u << 27)
#define CPUID1_ECX_AVX (1u << 28)
#define RFLAGS_TF 0x100ul
#define ROUNDS 4
#define YIELDS 25

static volatile struct {
	unsigned int vector, count;
	uint64_t rip;
} seen;
static volatile uint64_t skip_bytes;
static bool dom0;

void trap_record(uint64_t *frame, unsigned int vector, unsigned int has_error);

/* Handlers: record the vector and RIP, move RIP by skip_bytes. */
#define HANDLER(name, vector, has_error) TRAP_HANDLER(name, vector, has_error, trap_record)
HANDLER(db_handler, 1, 0);
HANDLER(ud_handler, 6, 0);
HANDLER(nm_handler, 7, 0);
HANDLER(gp_handler, 13, 1);
extern char db_handler[], ud_handler[], nm_handler[], gp_handler[];

void trap_record(uint64_t *frame, unsigned int vector, unsigned int has_error)
{
	seen.vector = vector;
	seen.count++;
	seen.rip = frame[2 + has_error];
	frame[2 + has_error] += skip_bytes;
	if (vector == 1)
		frame[4] &= ~RFLAGS_TF; /* stop single-stepping */
}

static void install_traps(void)
{
	static const struct pv_trap_info table[] = {
		{ 1, 0, 0, (uint64_t)db_handler },
		{ 6, 0, 0, (uint64_t)ud_handler },
		{ 7, 0, 0, (uint64_t)nm_handler },
		{ 13, 0, 0, (uint64_t)gp_handler },
		{ 0, 0, 0, 0 },
	};

	CHECK_EQ(HYPERCALL1(set_trap_table, table), 0);
}

static void yield(void)
{
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_yield, 0), 0);
}

static uint32_t cpuid1_ecx(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("ud2; .ascii \"xen\"; cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return c;
}

static uint64_t read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

/* 16 registers of 32 bytes (xmm uses the low 16), 8 x87 values, MXCSR, FCW. */
struct fpu_image {
	uint8_t vec[16][32] __attribute__((aligned(32)));
	uint64_t x87[8];
	uint32_t mxcsr;
	uint16_t fcw;
};

/* insn on the 16 registers "reg"0-15 and the 32-byte slots at base, in either direction. */
#define VEC_REGS ".irp n,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n\t"
#define VEC_LOAD(insn, reg, base) \
	__asm__ volatile(VEC_REGS insn " \\n*32(%0), %%" reg "\\n\n\t.endr" : : "r"(base) : "memory")
#define VEC_STORE(insn, reg, base) \
	__asm__ volatile(VEC_REGS insn " %%" reg "\\n, \\n*32(%0)\n\t.endr" : : "r"(base) : "memory")

static void make_image(struct fpu_image *img, uint64_t seed)
{
	for (unsigned int r = 0; r < 16; r++)
		for (unsigned int i = 0; i < 32; i++)
			img->vec[r][i] = (uint8_t)(seed * 31 + r * 7 + i * 13);
	for (unsigned int i = 0; i < 8; i++)
		img->x87[i] = seed << 16 | i; /* integers, loaded with fild */
	img->mxcsr = 0x1f80 | (seed & 1 ? 0x6000 : 0x2000); /* rounding mode */
	img->fcw = 0x037f | (seed & 1 ? 0x0c00 : 0x0400); /* rounding mode */
}

static void load_image(const struct fpu_image *img, bool avx)
{
	if (avx)
		VEC_LOAD("vmovdqa", "ymm", img->vec);
	else
		VEC_LOAD("movdqa", "xmm", img->vec);
	__asm__ volatile("fninit\n\tfldcw %0\n\tldmxcsr %1" : : "m"(img->fcw), "m"(img->mxcsr));
	for (unsigned int i = 0; i < 8; i++)
		__asm__ volatile("fildll %0" : : "m"(img->x87[i]));
}

static void store_image(struct fpu_image *img, bool avx)
{
	if (avx)
		VEC_STORE("vmovdqa", "ymm", img->vec);
	else
		VEC_STORE("movdqa", "xmm", img->vec);
	__asm__ volatile("fnstcw %0\n\tstmxcsr %1" : "=m"(img->fcw), "=m"(img->mxcsr));
	for (unsigned int i = 8; i-- > 0;)
		__asm__ volatile("fistpll %0" : "=m"(img->x87[i]));
}

static bool same_image(const struct fpu_image *a, const struct fpu_image *b, bool avx)
{
	for (unsigned int r = 0; r < 16; r++)
		for (unsigned int i = 0; i < (avx ? 32u : 16u); i++)
			if (a->vec[r][i] != b->vec[r][i])
				return false;
	for (unsigned int i = 0; i < 8; i++)
		if (a->x87[i] != b->x87[i])
			return false;
	return a->mxcsr == b->mxcsr && a->fcw == b->fcw;
}

static void check_registers_kept(bool avx)
{
	static struct fpu_image want, got;

	for (unsigned int round = 0; round < ROUNDS; round++) {
		make_image(&want, (dom0 ? 0x100 : 0x200) + round);
		load_image(&want, avx);
		for (unsigned int i = 0; i < YIELDS; i++)
			yield();
		store_image(&got, avx);
		CHECK(same_image(&want, &got, avx));
	}
	printf("fpu: x87, MXCSR, %s kept over %u yields\n", avx ? "ymm0-15" : "xmm0-15",
	       ROUNDS * YIELDS);
}

extern char at_nm[], at_nm2[];

static void check_taskswitch(void)
{
	static uint8_t buf[16] __attribute__((aligned(16)));

	__asm__ volatile("movdqa %0, %%xmm3" : : "m"(buf)); /* the registers are ours */
	seen.count = 0;
	skip_bytes = 0;
	CHECK_EQ(HYPERCALL1(fpu_taskswitch, 1), 0);
	CHECK(read_cr0() & CR0_TS);
	__asm__ volatile("at_nm: movdqa %%xmm3, %0" : "=m"(buf) : : "memory");
	CHECK_EQ(seen.count, 1);
	CHECK_EQ(seen.vector, 7);
	CHECK_EQ(seen.rip, (uint64_t)at_nm);
	CHECK(!(read_cr0() & CR0_TS)); /* cleared on delivery, as on Xen */

	/* CLTS clears the virtual TS: no #NM. */
	CHECK_EQ(HYPERCALL1(fpu_taskswitch, 1), 0);
	__asm__ volatile("clts");
	CHECK(!(read_cr0() & CR0_TS));
	__asm__ volatile("movdqa %%xmm3, %0" : "=m"(buf) : : "memory");
	CHECK_EQ(seen.count, 1);

	/* MOV to CR0 sets and clears it; fpu_taskswitch(0) too. */
	__asm__ volatile("mov %0, %%cr0" : : "r"(read_cr0() | CR0_TS));
	CHECK(read_cr0() & CR0_TS);
	yield(); /* across a switch the virtual TS stays */
	__asm__ volatile("at_nm2: movdqa %%xmm3, %0" : "=m"(buf) : : "memory");
	CHECK_EQ(seen.count, 2);
	CHECK_EQ(seen.rip, (uint64_t)at_nm2);
	CHECK_EQ(HYPERCALL1(fpu_taskswitch, 1), 0);
	CHECK_EQ(HYPERCALL1(fpu_taskswitch, 0), 0);
	__asm__ volatile("movdqa %%xmm3, %0" : "=m"(buf) : : "memory");
	CHECK_EQ(seen.count, 2);
	printf("fpu: fpu_taskswitch, CLTS and MOV CR0 drive #NM\n");
}

static void xsetbv(uint32_t xcr, uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(xcr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static uint64_t xgetbv(uint32_t xcr)
{
	uint32_t lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(xcr));
	return (uint64_t)hi << 32 | lo;
}

/* XSETBV of @v to XCR @xcr: the vector it raised, 0 for none. */
static unsigned int try_xsetbv(uint32_t xcr, uint64_t v)
{
	unsigned int before = seen.count;

	skip_bytes = 3;
	xsetbv(xcr, v);
	skip_bytes = 0;
	return seen.count == before ? 0 : seen.vector;
}

/* Returns whether AVX can be used (XCR0 has YMM). */
static bool check_xsetbv(void)
{
	uint32_t ecx = cpuid1_ecx();
	bool avx = ecx & CPUID1_ECX_AVX;

	if (!(ecx & CPUID1_ECX_XSAVE)) {
		CHECK(!avx);
		__asm__ volatile("mov %0, %%cr4" : : "r"(read_cr4() | CR4_OSXSAVE));
		CHECK(!(read_cr4() & CR4_OSXSAVE));
		CHECK_EQ(try_xsetbv(0, 3), 6);
		printf("fpu: no XSAVE: XSETBV #UD, CR4.OSXSAVE stays clear\n");
		return false;
	}
	CHECK(ecx & CPUID1_ECX_OSXSAVE); /* the kernel's forced CPUID, as on Xen */
	CHECK(!(read_cr4() & CR4_OSXSAVE));
	CHECK_EQ(try_xsetbv(0, 3), 6);
	__asm__ volatile("mov %0, %%cr4" : : "r"(read_cr4() | CR4_OSXSAVE));
	CHECK(read_cr4() & CR4_OSXSAVE);
	CHECK_EQ(xgetbv(0), 3);
	CHECK_EQ(try_xsetbv(0, 2), 13); /* no x87 */
	CHECK_EQ(try_xsetbv(0, 5), 13); /* YMM without SSE */
	CHECK_EQ(try_xsetbv(1, 3), 13); /* not XCR0 */
	CHECK_EQ(try_xsetbv(0, 0xe7), 13); /* AVX-512: not offered */
	CHECK_EQ(try_xsetbv(0, 3), 0);
	CHECK_EQ(xgetbv(0), 3);
	if (avx) {
		CHECK_EQ(try_xsetbv(0, 7), 0);
		CHECK_EQ(xgetbv(0), 7);
	} else {
		CHECK_EQ(try_xsetbv(0, 7), 13);
	}
	printf("fpu: XSETBV emulated, bad values #GP, XCR0 %#lx\n", (unsigned long)xgetbv(0));
	return avx;
}

#define DR6_B0 1ul
#define DR6_BS (1ul << 14)
#define DR7_L0_WRITE_4 (1ul | 1ul << 16 | 3ul << 18)

static volatile uint32_t watched;

static long set_dr(int reg, uint64_t v)
{
	return HYPERCALL2(set_debugreg, reg, v);
}

static long get_dr(int reg)
{
	return HYPERCALL1(get_debugreg, reg);
}

static void check_debugreg_values(void)
{
	uint64_t v;

	CHECK_EQ(get_dr(6), 0xffff0ff0);
	CHECK_EQ(get_dr(7), 0x400);
	CHECK_EQ(set_dr(8, 0), -PV_ENODEV);
	CHECK_EQ(set_dr(-1, 0), -PV_ENODEV);
	CHECK_EQ(get_dr(8), -PV_ENODEV);
	CHECK_EQ(set_dr(0, 0xffff800000001000ul), -PV_EPERM); /* the hypervisor's */
	CHECK_EQ(set_dr(1, 0x0000800000000000ul), -PV_EPERM); /* non-canonical */
	CHECK_EQ(set_dr(2, 0xffff880000000000ul), 0);
	CHECK_EQ(get_dr(2), (long)0xffff880000000000ul);
	CHECK_EQ(set_dr(7, 1ul << 13), -PV_EPERM);		/* GD */
	CHECK_EQ(set_dr(7, 1ul | 2ul << 16), -PV_EPERM);	/* I/O breakpoint */
	CHECK_EQ(set_dr(7, 1ul << 32), -PV_EINVAL);
	CHECK_EQ(set_dr(6, 1ul << 32), -PV_EINVAL);
	CHECK_EQ(set_dr(6, 0), 0);
	CHECK_EQ(get_dr(6), 0xffff0ff0);
	CHECK_EQ(set_dr(4, 0xf), 0); /* DR4 is DR6 without CR4.DE */
	CHECK_EQ(get_dr(6), 0xffff0fff);
	CHECK_EQ(get_dr(5), 0x400);
	CHECK_EQ(set_dr(6, 0), 0);

	/* MOV DRn is emulated the same way. */
	__asm__ volatile("mov %0, %%db3" : : "r"(0x1234000ul));
	CHECK_EQ(get_dr(3), 0x1234000);
	__asm__ volatile("mov %%db7, %0" : "=r"(v));
	CHECK_EQ(v, 0x400);
	seen.count = 0;
	skip_bytes = 3;
	__asm__ volatile("mov %0, %%db7" : : "a"(1ul << 13)); /* GD: #GP */
	CHECK_EQ(seen.count, 1);
	CHECK_EQ(seen.vector, 13);
	skip_bytes = 4;
	__asm__ volatile(".byte 0x44, 0x0f, 0x21, 0xc0" : : : "rax"); /* mov %db8, %rax: #UD */
	CHECK_EQ(seen.count, 2);
	CHECK_EQ(seen.vector, 6);
	skip_bytes = 0;
	printf("fpu: debug registers checked with Xen's errors, MOV DRn emulated\n");
}

extern char at_step[], at_step_cpuid[];

/* Single steps, over a real and over an emulated instruction: #DB with DR6.BS. */
static void check_single_step(void)
{
	uint32_t a = 0, b, c = 0, d;

	seen.count = 0;
	CHECK_EQ(set_dr(6, 0), 0);
	__asm__ volatile("pushfq; orq %0, (%%rsp); popfq\n"
			 "at_step: nop" : : "i"(RFLAGS_TF) : "memory", "cc");
	CHECK_EQ(seen.count, 1);
	CHECK_EQ(seen.vector, 1);
	CHECK_EQ(seen.rip, (uint64_t)at_step + 1);
	CHECK_EQ(get_dr(6) & DR6_BS, DR6_BS);
	CHECK_EQ(set_dr(6, 0), 0);
	__asm__ volatile("pushfq; orq %4, (%%rsp); popfq\n"
			 "at_step_cpuid: ud2; .ascii \"xen\"; cpuid"
			 : "+a"(a), "=b"(b), "+c"(c), "=d"(d) : "i"(RFLAGS_TF) : "memory", "cc");
	CHECK_EQ(seen.count, 2);
	CHECK_EQ(seen.rip, (uint64_t)at_step_cpuid + 7);
	CHECK_EQ(get_dr(6) & DR6_BS, DR6_BS);
	CHECK_EQ(set_dr(6, 0), 0);
}

/*
 * A breakpoint on a buffer the hypervisor writes (xen_version): its #DB
 * in the hypervisor is logged and ignored, as on Xen; the guest sees none.
 */
static void check_breakpoint_hit_by_hypervisor(void)
{
	static char extraversion[PV_EXTRAVERSION_LEN];
	unsigned int before = seen.count;

	CHECK_EQ(set_dr(0, (uint64_t)extraversion), 0);
	CHECK_EQ(set_dr(7, DR7_L0_WRITE_4), 0);
	CHECK_EQ(HYPERCALL2(xen_version, PV_XENVER_extraversion, extraversion), 0);
	CHECK_EQ(set_dr(7, 0), 0);
	CHECK_EQ(seen.count, before);
	CHECK(extraversion[0] != 0);
}

/*
 * dom0 writes `watched' while domU has a write breakpoint on it (the same
 * address in both kernels): only domU's own write may fire.
 */
static void check_breakpoints(void)
{
	uint64_t mine = dom0 ? 0x100000ul : 0x200000ul;

	seen.count = 0;
	CHECK_EQ(set_dr(1, mine), 0);
	if (!dom0) {
		CHECK_EQ(set_dr(0, (uint64_t)&watched), 0);
		CHECK_EQ(set_dr(7, DR7_L0_WRITE_4), 0);
	}
	for (unsigned int i = 0; i < YIELDS; i++) {
		if (dom0)
			watched = i;
		yield();
		CHECK_EQ(get_dr(1), mine);
	}
	CHECK_EQ(seen.count, 0);
	check_single_step();
	seen.count = 0;
	if (!dom0) {
		watched = 1;
		CHECK_EQ(seen.count, 1);
		CHECK_EQ(seen.vector, 1);
		CHECK_EQ(get_dr(6) & 0xf, DR6_B0);
		CHECK_EQ(set_dr(7, 0), 0);
		watched = 2;
		CHECK_EQ(seen.count, 1);
		check_breakpoint_hit_by_hypervisor();
	}
	printf("fpu: breakpoints per vCPU, #DB with DR6 B0, single steps with BS\n");
}

void test_main(const struct pv_start_info *si)
{
	bool avx;

	dom0 = si->flags & PV_SIF_INITDOMAIN;
	install_traps();
	avx = check_xsetbv();
	check_registers_kept(false);
	if (avx)
		check_registers_kept(true);
	check_taskswitch();
	check_debugreg_values();
	check_breakpoints();
}
