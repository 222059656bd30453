/*
 * Port I/O, the virtual IOPL and the instructions it governs, from inside
 * a guest; run as dom0 and as a domU.
 *
 * Both: physdev_op's set_iopl/set_iobitmap errors (and physdev_op_compat);
 * with IOPL 0, IN/OUT/INS/OUTS, CLI and STI are #GP(0) at the instruction
 * (a REP INS with RCX 0 does nothing), as are HLT and INVD.
 *
 * Dom0 with IOPL 1: CLI/STI pass and leave evtchn_upcall_mask alone (as
 * Xen 4.17); the CMOS ports (virtualised: 0x70 latches the index) give the
 * RTC time, which matches the wall clock; PCI configuration through
 * 0xcf8/0xcfc reads the host bridge; PIT channel 2 through 0x42, 0x43
 * and 0x61 (as Xen's hardware domain); ports the hypervisor keeps (PIT
 * channels 0 and 1, PIC, the ACPI PM timer, its console UART) read all ones and ignore writes; REP INS/OUTS in
 * both directions, with an FS override, and a #PF part way (registers
 * show the repetitions done) or #GP for a non-canonical address; a DMA
 * page register is reached directly; WBINVD passes; VMASST
 * architectural_iopl makes the kernel ring 0 and keeps the IOPL through
 * a bounce frame and iret.  Then user mode with an I/O bitmap granting 0x70-0x71: those
 * work, other ports and CLI are #GP.
 *
 * DomU with IOPL 3: no port is its own, so reads give all ones (the CMOS
 * index latch and 0xcf8 excepted) and writes vanish, without #GP; WBINVD,
 * CLI and STI pass.
 */
#include "guest.h"
#include "guest_events.h"
#include "guest_trap.h"
#include "guest_user.h"
#include "hypercall-abi/arch-x86_64.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/physdev.h"

#define UNMAPPED 0x100000000000ul
#define NONCANONICAL 0x0000800000000000ul
#define HYPERVISOR_VA 0xffff800000001000ul
#define PCI_HOST_BRIDGE 0x80000000u
#define UART_SCRATCH 0x3ff

static uint8_t in8(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static uint16_t in16(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %w1, %w0" : "=a"(v) : "Nd"(port));
	return v;
}

static uint32_t in32(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void out8(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
}

static void out32(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %w1" : : "a"(v), "Nd"(port));
}

static long set_iopl(unsigned int iopl)
{
	struct pv_physdev_set_iopl op = { .iopl = iopl };

	return HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iopl, &op);
}

static uint8_t upcall_mask(void)
{
	return guest_shared->vcpu_info[0].evtchn_upcall_mask;
}

static void check_physdev_errors(void)
{
	struct pv_physdev_set_iopl iopl = { .iopl = 4 };
	struct pv_physdev_set_iobitmap bm = { .bitmap = HYPERVISOR_VA, .nr_ports = 8 };
	struct pv_physdev_op op = { .cmd = PV_PHYSDEVOP_set_iopl, .u.set_iopl.iopl = 5 };

	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iopl, &iopl), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iopl, UNMAPPED), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iopl, HYPERVISOR_VA), -PV_EFAULT);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iobitmap, &bm), -PV_EINVAL);
	bm.bitmap = NONCANONICAL;
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iobitmap, &bm), -PV_EINVAL);
	bm.bitmap = UNMAPPED; /* only the address is checked, not the memory */
	bm.nr_ports = 65537;
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iobitmap, &bm), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iobitmap, UNMAPPED), -PV_EFAULT);
	/* eoi of pirq 5, which this domain never had. */
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_eoi, &iopl), -PV_EINVAL);
	CHECK_EQ(HYPERCALL2(physdev_op, 999, &iopl), -PV_ENOSYS);
	CHECK_EQ(HYPERCALL1(physdev_op_compat, &op), -PV_EINVAL);
	CHECK_EQ(HYPERCALL1(physdev_op_compat, UNMAPPED), -PV_EFAULT);
	printf("ioport: physdev_op errors as Xen\n");
}

/* IOPL 0: everything here is #GP(0), with the frame at the instruction. */
static void check_refused(void)
{
	static uint8_t buf[4];
	uint8_t mask = upcall_mask();
	uint64_t rcx = 0, rdi = (uint64_t)buf;

	EXPECT_GP("inb $0x71, %%al", 0, 0, 0);
	EXPECT_GP("inb %%dx, %%al", 0, 0, 0x80);
	EXPECT_GP("outl %%eax, %%dx", 0, 0, 0xcf8);
	EXPECT_GP("outw %%ax, $0x80", 0, 0, 0);
	EXPECT_TRAP(13, 0, "rep insb", 2, 0, 0x70, buf);
	EXPECT_TRAP(13, 0, "outsb", 0, 0, 0x70, buf);
	EXPECT_GP("cli", 0, 0, 0);
	EXPECT_GP("sti", 0, 0, 0);
	EXPECT_GP("hlt", 0, 0, 0);
	EXPECT_GP("invd", 0, 0, 0);
	CHECK_EQ(upcall_mask(), mask);
	/* No repetitions: skipped before the port is looked at. */
	__asm__ volatile("rep insb" : "+c"(rcx), "+D"(rdi) : "d"(0x70) : "memory");
	CHECK_EQ(rdi, (uint64_t)buf);
	printf("ioport: IOPL 0: in, out, ins, outs, cli, sti #GP(0)\n");
}

static unsigned int bcd(uint8_t v, bool binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 15);
}

/* The RTC through the virtual CMOS index and the real data port. */
static void check_rtc(void)
{
	uint8_t status_b, sec, min;
	uint64_t now, rtc, diff;
	bool binary;

	out8(0x70, 0x8b); /* NMI-mask bit: latched as written, not passed on */
	CHECK_EQ(in8(0x70), 0x8b);
	status_b = in8(0x71);
	out8(0x70, 0x0b);
	CHECK_EQ(in8(0x71), status_b);
	binary = status_b & 4;
	out8(0x70, 0x00);
	sec = in8(0x71);
	out8(0x70, 0x02);
	min = in8(0x71);
	now = guest_shared->wc_sec + system_time() / 1000000000ull;
	rtc = bcd(min, binary) * 60 + bcd(sec, binary);
	diff = (rtc + 3600 - now % 3600) % 3600;
	CHECK(diff <= 2 || diff >= 3598);
	printf("ioport: rtc %02u:%02u matches the wall clock\n", bcd(min, binary),
	       bcd(sec, binary));
}

static void check_pci_and_denied(void)
{
	uint32_t id;

	out32(0xcf8, PCI_HOST_BRIDGE);
	CHECK_EQ(in32(0xcf8), PCI_HOST_BRIDGE);
	id = in32(0xcfc);
	CHECK_EQ(id & 0xffff, 0x8086); /* QEMU's host bridge */
	CHECK_EQ(in16(0xcfc), 0x8086);
	CHECK_EQ(in16(0xcfe), id >> 16);
	CHECK_EQ(in8(0xcfd), 0x80);
	printf("ioport: pci config through 0xcf8/0xcfc: host bridge %04x:%04x\n", id & 0xffff,
	       id >> 16);

	out8(0x81, 0x5a); /* a DMA page register: dom0's, reached directly */
	CHECK_EQ(in8(0x81), 0x5a);
	out8(0x81, 0xa5);
	CHECK_EQ(in8(0x81), 0xa5);
	CHECK_EQ(in8(0x40), 0xff); /* PIT */
	CHECK_EQ(in16(0x40), 0xffff);
	CHECK_EQ(in8(0x21), 0xff); /* PIC */
	CHECK_EQ(in32(0x608), 0xffffffffu); /* QEMU's ACPI PM timer (FADT) */
	out8(UART_SCRATCH, 0x5a);  /* the hypervisor's console UART */
	CHECK_EQ(in8(UART_SCRATCH), 0xff);
	CHECK_EQ(in32(0x3fc), 0xffffffffu);
	printf("ioport: dma page register direct; pit, pic, pm timer, console uart: all ones\n");
}

/* Channel 2's count, latched through a counter-2 command to 0x43. */
static uint16_t pit_ch2_count(void)
{
	uint8_t lo;

	out8(0x43, 0x80);
	lo = in8(0x42);
	return (uint16_t)(in8(0x42) << 8 | lo);
}

/*
 * Dom0 drives PIT channel 2 as Linux's TSC calibration does: gate on
 * through 0x61, mode 0 with a full count, and the count goes down; 0x43
 * reads 0; commands for channels 0 and 1 do not reach it.
 */
static void check_pit_channel2(void)
{
	uint16_t first, second;

	out8(0x61, (in8(0x61) & ~0x02) | 0x01);
	CHECK_EQ(in8(0x61) & 0x03, 0x01);
	out8(0x43, 0xb0); /* channel 2, low then high byte, mode 0 */
	out8(0x42, 0xff);
	out8(0x42, 0xff);
	first = pit_ch2_count();
	for (volatile int i = 0; i < 200000; i++)
		;
	second = pit_ch2_count();
	CHECK(first != 0xffff || second != 0xffff);
	CHECK(second < first);
	CHECK_EQ(in8(0x43), 0);
	CHECK_EQ(in8(0x40), 0xff);
	out8(0x43, 0x34); /* channel 0: dropped */
	CHECK(pit_ch2_count() <= second);
	out8(0x61, in8(0x61) & ~0x03);
	CHECK_EQ(in8(0x61) & 0x03, 0);
	printf("ioport: pit channel 2 through 0x42/0x43/0x61 counts down\n");
}

static uint8_t fault_pages[2 * 4096] __attribute__((aligned(4096)));

static void check_string_io(void)
{
	static const uint8_t indexes[3] = { 0x0a, 0x00, 0x0b };
	uint8_t buf[8] = { 0 }, status_b;
	uint16_t words[2];
	uint32_t dwords[2];
	uint64_t rcx, rsi, rdi;

	rcx = 3, rsi = (uint64_t)indexes;
	__asm__ volatile("rep outsb" : "+c"(rcx), "+S"(rsi) : "d"(0x70) : "memory");
	CHECK_EQ(rcx, 0);
	CHECK_EQ(rsi, (uint64_t)indexes + 3);
	CHECK_EQ(in8(0x70), 0x0b);
	status_b = in8(0x71);
	rcx = 4, rdi = (uint64_t)buf;
	__asm__ volatile("rep insb" : "+c"(rcx), "+D"(rdi) : "d"(0x71) : "memory");
	CHECK_EQ(rcx, 0);
	CHECK_EQ(rdi, (uint64_t)buf + 4);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(buf[i], status_b);
	CHECK_EQ(buf[4], 0);
	/* Backwards (DF set). */
	rcx = 2, rdi = (uint64_t)&buf[7];
	__asm__ volatile("std; rep insb; cld" : "+c"(rcx), "+D"(rdi) : "d"(0x70) : "memory");
	CHECK_EQ(rdi, (uint64_t)&buf[5]);
	CHECK_EQ(buf[7], 0x0b);
	CHECK_EQ(buf[6], 0x0b);
	CHECK_EQ(buf[5], 0);
	/* Word and dword strings from PCI configuration space. */
	out32(0xcf8, PCI_HOST_BRIDGE);
	rcx = 2, rdi = (uint64_t)words;
	__asm__ volatile("rep insw" : "+c"(rcx), "+D"(rdi) : "d"(0xcfc) : "memory");
	CHECK_EQ(words[0], 0x8086);
	CHECK_EQ(words[1], 0x8086);
	rcx = 2, rdi = (uint64_t)dwords;
	__asm__ volatile("rep insl" : "+c"(rcx), "+D"(rdi) : "d"(0xcfc) : "memory");
	CHECK_EQ(dwords[0], in32(0xcfc));
	CHECK_EQ(dwords[1], dwords[0]);
	/* OUTS with an FS override: the source is FS-based. */
	CHECK_EQ(HYPERCALL2(set_segment_base, PV_SEGBASE_FS, (uint64_t)&indexes[1]), 0);
	rsi = 0;
	__asm__ volatile("outsb %%fs:(%%rsi), %%dx" : "+S"(rsi) : "d"(0x70) : "memory");
	CHECK_EQ(rsi, 1);
	CHECK_EQ(in8(0x70), 0x00);

	/* A fault part way: three bytes done, then #PF at the unmapped page. */
	CHECK_EQ(HYPERCALL3(update_va_mapping, (uint64_t)&fault_pages[4096], 0, PV_UVMF_INVLPG), 0);
	EXPECT_TRAP(14, 2, "rep insb", 8, 0, 0x70, &fault_pages[4093]);
	CHECK_EQ(guest_shared->vcpu_info[0].arch.cr2, (uint64_t)&fault_pages[4096]);
	CHECK_EQ(fault_pages[4093], 0x00);
	out8(0x70, 0x0b);
	rcx = 8, rdi = (uint64_t)&fault_pages[4093];
	trap_resume = 0;
	__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"
			 "movq %%rax, trap_resume(%%rip)\n\t"
			 "rep insb\n"
			 "1:"
			 : "+c"(rcx), "+D"(rdi) : "d"(0x71) : "rax", "memory");
	CHECK_EQ(rcx, 5);
	CHECK_EQ(rdi, (uint64_t)&fault_pages[4096]);
	CHECK_EQ(fault_pages[4095], status_b);
	EXPECT_TRAP(14, 0, "outsb", 0, 0, 0x70, &fault_pages[4096]);
	EXPECT_TRAP(13, 0, "rep insb", 2, 0, 0x70, NONCANONICAL);
	EXPECT_TRAP(13, 0, "outsb", 0, 0, 0x70, HYPERVISOR_VA);
	printf("ioport: rep ins/outs through buffers, #PF part way, #GP for bad addresses\n");
}

/* ---- User mode, with an I/O bitmap ---- */

static uint8_t iobitmap[PAGE_SIZE * 2];
static uint8_t kernel_stack[8192] __attribute__((aligned(16)));
static uint8_t user_stack[4096] __attribute__((aligned(16)));
volatile uint64_t user_seconds, user_gp_rips[3], user_gp_count;
void user_code(void);
void syscall_entry(void);
void user_finished(void);
extern char user_in72[], user_in3f8[], user_cli[], user_resume1[], user_resume2[],
	user_resume3[];

__asm__(".text\nuser_code:\n\t"
	"movb $0, %al\n\t"
	"outb %al, $0x70\n\t"
	"inb $0x71, %al\n\t"
	"movzbq %al, %rax\n\t"
	"movq %rax, user_seconds(%rip)\n\t"
	"leaq user_resume1(%rip), %rax\n\t"
	"movq %rax, trap_resume(%rip)\n"
	"user_in72:\n\t"
	"inb $0x72, %al\n"
	"user_resume1:\n\t"
	"leaq user_resume2(%rip), %rax\n\t"
	"movq %rax, trap_resume(%rip)\n\t"
	"movw $0x3f8, %dx\n"
	"user_in3f8:\n\t"
	"inb %dx, %al\n"
	"user_resume2:\n\t"
	"leaq user_resume3(%rip), %rax\n\t"
	"movq %rax, trap_resume(%rip)\n"
	"user_cli:\n\t"
	"cli\n"
	"user_resume3:\n\t"
	"syscall\n\t"
	"1: jmp 1b\n");

__asm__(".text\nsyscall_entry:\n\t"
	"jmp user_finished\n");

void user_finished(void)
{
	CHECK(user_seconds <= 0x59);
	CHECK_EQ(trap_count, user_gp_count + 3);
	CHECK_EQ(trap_vector, 13);
	CHECK_EQ(trap_error, 0);
	CHECK_EQ(trap_rip, (uint64_t)user_cli);
	CHECK_EQ(trap_cs & 3, 3);
	printf("ioport: user mode: bitmap ports work, others and cli #GP\n");
	test_finish();
}

static void check_user_mode(void)
{
	struct pv_physdev_set_iobitmap bm = { .bitmap = (uint64_t)iobitmap, .nr_ports = 0x100 };

	for (unsigned int i = 0; i < sizeof(iobitmap); i++)
		iobitmap[i] = 0xff;
	iobitmap[0x70 / 8] &= (uint8_t)~(3u << (0x70 % 8));
	CHECK_EQ(HYPERCALL2(physdev_op, PV_PHYSDEVOP_set_iobitmap, &bm), 0);
	user_mode_setup(syscall_entry, kernel_stack + sizeof(kernel_stack));
	user_gp_count = trap_count;
	enter_user_mode((uint64_t)user_code, (uint64_t)user_stack + sizeof(user_stack), 0x200);
}

/*
 * VMASST architectural_iopl: the kernel counts as ring 0, and the IOPL
 * survives an exception's bounce frame and iret (else the iret would
 * bring IOPL 0 back).
 */
static void check_architectural_iopl(void)
{
	CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_enable, PV_VMASST_TYPE_architectural_iopl), 0);
	CHECK_EQ(set_iopl(0), 0);
	out8(0x70, 0x00);
	CHECK_EQ(in8(0x70), 0x00);
	CHECK_EQ(set_iopl(2), 0);
	EXPECT_GP("hlt", 0, 0, 0);
	CHECK_EQ(HYPERCALL2(vm_assist, PV_VMASST_CMD_disable, PV_VMASST_TYPE_architectural_iopl), 0);
	CHECK_EQ(in8(0x70), 0x00);
	CHECK_EQ(set_iopl(0), 0);
	EXPECT_GP("inb $0x70, %%al", 0, 0, 0);
	CHECK_EQ(set_iopl(1), 0);
	printf("ioport: architectural_iopl: kernel is ring 0, iopl kept through iret\n");
}

static void dom0_tests(void)
{
	struct pv_physdev_op op = { .cmd = PV_PHYSDEVOP_set_iopl, .u.set_iopl.iopl = 1 };
	uint8_t mask;

	CHECK_EQ(HYPERCALL1(physdev_op_compat, &op), 0); /* the old form works too */
	mask = upcall_mask();
	__asm__ volatile("cli");
	CHECK_EQ(upcall_mask(), mask);
	guest_shared->vcpu_info[0].evtchn_upcall_mask = 1;
	__asm__ volatile("sti");
	CHECK_EQ(upcall_mask(), 1);
	guest_shared->vcpu_info[0].evtchn_upcall_mask = mask;
	printf("ioport: IOPL 1: cli/sti pass, upcall mask unchanged\n");
	check_rtc();
	check_pci_and_denied();
	check_pit_channel2();
	check_string_io();
	__asm__ volatile("wbinvd");
	check_architectural_iopl();
	check_user_mode();
}

static void domu_tests(void)
{
	uint8_t buf[4] = { 0 };
	uint64_t rcx = 4, rdi = (uint64_t)buf;

	CHECK_EQ(set_iopl(3), 0);
	CHECK_EQ(in8(0x80), 0xff);
	out8(0x80, 1);
	CHECK_EQ(in8(0x40), 0xff);
	out8(0x61, 0x01);
	CHECK_EQ(in8(0x61), 0xff); /* no PIT channel 2 for a domU */
	CHECK_EQ(in8(0x42), 0xff);
	CHECK_EQ(in8(0x43), 0xff);
	CHECK_EQ(in32(0x3f8), 0xffffffffu);
	out8(0x70, 0x8a);
	CHECK_EQ(in8(0x70), 0x8a); /* every PV domain has the index latch */
	CHECK_EQ(in8(0x71), 0xff);
	out32(0xcf8, PCI_HOST_BRIDGE);
	CHECK_EQ(in32(0xcf8), PCI_HOST_BRIDGE);
	CHECK_EQ(in32(0xcfc), 0xffffffffu);
	__asm__ volatile("rep insb" : "+c"(rcx), "+D"(rdi) : "d"(0x80) : "memory");
	CHECK_EQ(rcx, 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(buf[i], 0xff);
	__asm__ volatile("cli; sti; wbinvd");
	CHECK_EQ(set_iopl(0), 0);
	EXPECT_GP("inb $0x80, %%al", 0, 0, 0);
	printf("ioport: domU with IOPL 3: no port of its own, all ones, no #GP\n");
}

void test_main(const struct pv_start_info *si)
{
	map_shared_info(si);
	install_recording_traps();
	check_physdev_errors();
	check_refused();
	if (si->flags & PV_SIF_PRIVILEGED)
		dom0_tests();
	else
		domu_tests();
}
