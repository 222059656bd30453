/* Access to x86-64 CPU state: control registers, MSRs, CPUID, TSC. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

#define CR0_MP (1ul << 1)
#define CR0_EM (1ul << 2)
#define CR0_TS (1ul << 3)
#define CR0_NE (1ul << 5)
#define CR4_DE (1ul << 3)
#define CR4_PGE (1ul << 7)
#define CR4_OSFXSR (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_OSXSAVE (1ul << 18)

#define MSR_APIC_BASE 0x1b
#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102 /* the inactive GS base SWAPGS exchanges */

#define RFLAGS_CF (1ul << 0)
#define RFLAGS_PF (1ul << 2)
#define RFLAGS_AF (1ul << 4)
#define RFLAGS_ZF (1ul << 6)
#define RFLAGS_SF (1ul << 7)
#define RFLAGS_TF (1ul << 8)
#define RFLAGS_IF (1ul << 9)
#define RFLAGS_DF (1ul << 10)
#define RFLAGS_OF (1ul << 11)
#define RFLAGS_IOPL (3ul << 12)
#define RFLAGS_IOPL_SHIFT 12
#define RFLAGS_NT (1ul << 14)
#define RFLAGS_RF (1ul << 16)
#define RFLAGS_VM (1ul << 17)
#define RFLAGS_AC (1ul << 18)

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#define DEFINE_CR_ACCESS(n)                                                  \
	static inline uint64_t read_cr##n(void)                              \
	{                                                                    \
		uint64_t v;                                                  \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));            \
		return v;                                                    \
	}                                                                    \
	static inline void write_cr##n(uint64_t v)                           \
	{                                                                    \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");   \
	}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(2)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)
#undef DEFINE_CR_ACCESS

/* CR0.TS: the next x87/SSE/AVX instruction raises #NM (clts clears it). */
static inline void clts(void)
{
	__asm__ volatile("clts" : : : "memory");
}

static inline void stts(void)
{
	write_cr0(read_cr0() | CR0_TS);
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/* Enables interrupts and halts until one arrives, with no window between. */
static inline void safe_halt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

#endif
