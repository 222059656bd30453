/*
 * Exceptions and interrupts taken by the hypervisor.  Entry stubs save the
 * interrupted state as a struct cpu_regs on the stack and call
 * trap_dispatch(); exceptions in the hypervisor itself are reported (see
 * exception-report.c) and stop the machine, interrupts go to the handler
 * registered for their vector.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <stdint.h>

/* Saved by entry.S; the field order is the push order, reversed. */
struct cpu_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss; /* the hardware frame */
};

#define VECTOR_DEBUG 1
#define VECTOR_NMI 2
#define VECTOR_DOUBLE_FAULT 8
#define VECTOR_PAGE_FAULT 14
#define VECTOR_MACHINE_CHECK 18

/* Page-fault error code bits. */
#define PFEC_PRESENT (1u << 0)
#define PFEC_WRITE (1u << 1)
#define PFEC_USER (1u << 2)
#define PFEC_RESERVED (1u << 3)
#define PFEC_FETCH (1u << 4)
#define VECTOR_FIRST_IRQ 32
#define VECTOR_APIC_TIMER 0xf0
#define VECTOR_APIC_SPURIOUS 0xff

#define IST_NMI 1
#define IST_DOUBLE_FAULT 2
#define IST_MACHINE_CHECK 3
#define IST_DEBUG 4
#define IST_COUNT 4

typedef void (*irq_handler_fn)(struct cpu_regs *regs);

/* Loads this CPU's GDT, TSS and IDT. */
void traps_init(void);

/* Routes interrupt @vector (>= VECTOR_FIRST_IRQ) to @fn. */
void irq_set_handler(unsigned vector, irq_handler_fn fn);

void trap_dispatch(struct cpu_regs *regs);

/* Prints everything known about a fatal exception, then stops. */
__attribute__((noreturn)) void exception_report(const struct cpu_regs *regs);

/* Loads the GDT and TSS (gdt.c). */
void gdt_init(void);

/*
 * Moves the GDT to the GDT area (layout.h, GDT_VIRT_START), once memory is
 * set up and before any guest root exists.
 */
void gdt_area_init(void);

/*
 * Shows @frames[0..GDT_GUEST_PAGES) (machine frame numbers, 0 for none;
 * @frames NULL for none at all) as the guest part of the GDT.  The caller
 * flushes the TLB.
 */
void gdt_map_guest_frames(const uint64_t *frames);

/* Maps page @index of the LDT area to @mfn (0: not present); the caller flushes. */
void gdt_map_ldt_page(unsigned int index, uint64_t mfn);

/* Loads an LDT of @entries descriptors from the LDT area (0: none). */
void gdt_load_ldt(unsigned int entries);

/* The stack the CPU switches to on an interrupt from ring 3. */
void tss_set_rsp0(uint64_t rsp0);

/* Prints the registers of a frame, and the control registers. */
void print_cpu_regs(const struct cpu_regs *regs);

/* "#PF page fault" and the like. */
const char *exception_name(uint64_t vector);

#endif
