/*
 * The report of a fatal exception in the hypervisor: vector and name,
 * error code, RIP/CS/RFLAGS, CR2 (for a page fault) and the other control
 * registers, all general registers, and a raw dump of the stack the
 * exception interrupted.  Only memory the page tables map is dumped, so
 * the report itself cannot fault; a fault while reporting stops at once.
 */
#include "arch/cpu.h"
#include "arch/mm.h"
#include "arch/traps.h"
#include "panic.h"
#include "printk.h"

#define STACK_DUMP_WORDS 32

static const char *const exception_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved (15)", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization", "#CP control protection",
	"reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)",
	"reserved (27)", "#HV hypervisor injection", "#VC VMM communication",
	"#SX security", "reserved (31)",
};

void print_cpu_regs(const struct cpu_regs *r)
{
	printk(LOG_ERR "RIP:    %04lx:%016lx  RFLAGS: %016lx\n", r->cs, r->rip, r->rflags);
	printk(LOG_ERR "RSP:    %04lx:%016lx\n", r->ss, r->rsp);
	printk(LOG_ERR "rax: %016lx  rbx: %016lx  rcx: %016lx\n", r->rax, r->rbx, r->rcx);
	printk(LOG_ERR "rdx: %016lx  rsi: %016lx  rdi: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(LOG_ERR "rbp: %016lx  r8:  %016lx  r9:  %016lx\n", r->rbp, r->r8, r->r9);
	printk(LOG_ERR "r10: %016lx  r11: %016lx  r12: %016lx\n", r->r10, r->r11, r->r12);
	printk(LOG_ERR "r13: %016lx  r14: %016lx  r15: %016lx\n", r->r13, r->r14, r->r15);
	printk(LOG_ERR "cr0: %016lx  cr2: %016lx  cr3: %016lx  cr4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

const char *exception_name(uint64_t vector)
{
	return vector < 32 ? exception_names[vector] : "interrupt";
}

static void dump_stack(uint64_t rsp)
{
	const uint64_t *sp = (const uint64_t *)(rsp & ~7ul);

	printk(LOG_ERR "Stack at %016lx:", rsp);
	for (unsigned i = 0; i < STACK_DUMP_WORDS; i++) {
		if (!virt_is_mapped((uint64_t)&sp[i])) {
			printk(LOG_ERR "\n  (not mapped beyond %016lx)", (uint64_t)&sp[i]);
			break;
		}
		printk(LOG_ERR "%s%016lx", i % 4 ? " " : "\n  ", sp[i]);
	}
	printk(LOG_ERR "\n");
}

void exception_report(const struct cpu_regs *regs)
{
	static int reporting;

	printk_set_level(LOG_LEVEL_DEBUG);
	if (reporting++) {
		printk(LOG_ERR "\n*** Exception %lu at %016lx while reporting an exception\n",
		       regs->vector, regs->rip);
		arch_halt();
	}
	printk(LOG_ERR "\n*** Hypervisor exception: vector %lu (%s), error code %#lx\n",
	       regs->vector, exception_name(regs->vector), regs->error_code);
	if (regs->vector == VECTOR_PAGE_FAULT)
		printk(LOG_ERR "Page fault address (cr2): %016lx\n", read_cr2());
	print_cpu_regs(regs);
	dump_stack(regs->rsp);
	panic("fatal exception %lu in the hypervisor", regs->vector);
}
