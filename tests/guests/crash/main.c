/*
 * crash: a kernel that dies of an exception, chosen by "fault=" on its
 * command line:
 *   read   reads an unmapped address (#PF, error code 0x4)
 *   write  writes to its read-only L4 page at pt_base (#PF, error code 0x7)
 *   ud     executes ud2 (#UD)
 *   priv   executes cli (#GP: the kernel runs in ring 3 with IOPL 0)
 *   hlt    executes hlt (#GP)
 *   cr3    writes %cr3 (#GP: reads are emulated, writes are not)
 *   hvread   reads the hypervisor's direct map (#PF, error code 0x5: the
 *            hypervisor's pages are not user pages)
 *   hvwrite  writes to the hypervisor's image (#PF, error code 0x7)
 *   noncanon reads a non-canonical address (#GP)
 *   badstack executes ud2 with RSP unmapped (the report's stack dump must
 *            stop cleanly)
 *   step     sets the trap flag and makes a hypercall: SYSCALL clears TF
 *            for the hypervisor (SFMASK), the return restores it, and the
 *            single-step trap hits the guest after its next instruction
 *            (#DB in the guest, not in the hypervisor)
 * It prints the faulting instruction's address (and the fault address)
 * first, for the runner to find in the hypervisor's crash report.  Only
 * this domain may die; should the instruction not fault, the test fails.
 */
#include "guest.h"
#include "lib/string.h"

#define UNMAPPED_VA 0x100000000000ul
#define HV_DIRECTMAP_VA 0xffff830000000000ul
#define HV_IMAGE_VA 0xffff82d040200000ul
#define NONCANONICAL_VA 0x0000800000000000ul

extern const char fault_read[], fault_write[], fault_ud[], fault_cli[], fault_hlt[],
	fault_cr3[], fault_badstack[], fault_step[];

static const struct {
	const char *name;
	uint64_t va;
	bool write;
} accesses[] = {
	{ "read", UNMAPPED_VA, false },
	{ "hvread", HV_DIRECTMAP_VA, false },
	{ "hvwrite", HV_IMAGE_VA, true },
	{ "noncanon", NONCANONICAL_VA, false },
};

/* Each instruction at a global label, so that its address is known. */
static __attribute__((noinline)) void do_read(uint64_t va)
{
	uint64_t v;

	__asm__ __volatile__("fault_read: movq (%1), %0" : "=r"(v) : "r"(va) : "memory");
}

static __attribute__((noinline)) void do_write(uint64_t va)
{
	__asm__ __volatile__("fault_write: movq $0, (%0)" : : "r"(va) : "memory");
}

static __attribute__((noinline)) void do_ud(void)
{
	__asm__ __volatile__("fault_ud: ud2");
}

static __attribute__((noinline)) void do_cli(void)
{
	__asm__ __volatile__("fault_cli: cli");
}

static __attribute__((noinline)) void do_hlt(void)
{
	__asm__ __volatile__("fault_hlt: hlt");
}

static __attribute__((noinline)) void do_badstack(uint64_t sp)
{
	__asm__ __volatile__("movq %0, %%rsp\nfault_badstack: ud2" : : "r"(sp));
}

static __attribute__((noinline)) void do_step(void)
{
	uint64_t rax = PV_HYPERVISOR_xen_version;

	__asm__ __volatile__("pushfq\n\t"
			     "orq $0x100, (%%rsp)\n\t"
			     "xorl %%edi, %%edi\n\t"
			     "popfq\n\t"
			     "syscall\n"
			     "fault_step: nop\n\t"
			     "nop"
			     : "+a"(rax)
			     :
			     : "rcx", "r11", "rdi", "memory", "cc");
}

static __attribute__((noinline)) void do_cr3(void)
{
	__asm__ __volatile__("fault_cr3: movq %0, %%cr3" : : "r"(0ul));
}

void test_main(const struct pv_start_info *si)
{
	char buf[16];
	const char *fault = cmdline_value("fault", buf, sizeof(buf));

	CHECK(fault != NULL);
	if (!fault)
		return;
	printf("crash: fault=%s\n", fault);
	for (size_t i = 0; i < sizeof(accesses) / sizeof(accesses[0]); i++) {
		if (strcmp(fault, accesses[i].name))
			continue;
		printf("crash: instruction at %016lx, address %016lx\n",
		       (uint64_t)(accesses[i].write ? fault_write : fault_read), accesses[i].va);
		if (accesses[i].write)
			do_write(accesses[i].va);
		else
			do_read(accesses[i].va);
		test_fail(__FILE__, __LINE__, "fault=%s did not kill the domain", fault);
		return;
	}
	if (!strcmp(fault, "write")) {
		printf("crash: instruction at %016lx, address %016lx\n", (uint64_t)fault_write,
		       si->pt_base);
		do_write(si->pt_base);
	} else if (!strcmp(fault, "ud")) {
		printf("crash: instruction at %016lx\n", (uint64_t)fault_ud);
		do_ud();
	} else if (!strcmp(fault, "priv")) {
		printf("crash: instruction at %016lx\n", (uint64_t)fault_cli);
		do_cli();
	} else if (!strcmp(fault, "hlt")) {
		printf("crash: instruction at %016lx\n", (uint64_t)fault_hlt);
		do_hlt();
	} else if (!strcmp(fault, "badstack")) {
		printf("crash: instruction at %016lx\n", (uint64_t)fault_badstack);
		do_badstack(UNMAPPED_VA);
	} else if (!strcmp(fault, "step")) {
		/* The trap comes after the first instruction after the call. */
		printf("crash: instruction at %016lx\n", (uint64_t)fault_step + 1);
		do_step();
	} else if (!strcmp(fault, "cr3")) {
		printf("crash: instruction at %016lx\n", (uint64_t)fault_cr3);
		do_cr3();
	} else {
		test_fail(__FILE__, __LINE__, "unknown fault kind '%s'", fault);
		return;
	}
	test_fail(__FILE__, __LINE__, "fault=%s did not kill the domain", fault);
}
