/*
 * 32-bit entry from a multiboot loader, switch to long mode, jump to the
 * upper half.
 *
 * On entry (both multiboot protocols): protected mode, paging off, EAX =
 * loader magic, EBX = physical address of the boot information.  Nothing
 * else about the machine state can be trusted, not even a stack.  The boot
 * page tables (boot-pagetables.S) map the first GiB identically and at
 * IMAGE_VIRT_OFFSET, and the low 4 GiB in the direct map; C code replaces
 * them with the final tables once it knows the memory map.
 */
#include "arch/layout.h"

#define PHYS(sym) ((sym) - IMAGE_VIRT_OFFSET)

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define COM1 0x3f8

	.section .text.boot, "ax"
	.code32
	.globl start32
start32:
	cli
	cld
	mov	%eax, %edi			/* loader magic */
	mov	%ebx, %esi			/* boot information */

	/* Zero .bss (the boot stack lives there) before anything uses it. */
	push	%edi
	mov	$PHYS(__bss_start), %edi
	mov	$PHYS(__bss_end), %ecx
	sub	%edi, %ecx
	xor	%eax, %eax
	rep stosb
	pop	%edi
	mov	$PHYS(boot_stack_top), %esp

	/* Long mode and NX are required. */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	test	$(1 << 29), %edx
	jz	no_long_mode
	test	$(1 << 20), %edx
	jz	no_long_mode

	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$PHYS(boot_pml4), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PE | CR0_WP | CR0_PG), %eax
	mov	%eax, %cr0

	lgdt	PHYS(boot_gdtr)
	ljmp	$0x08, $PHYS(start64_low)

/* Print a fixed message on COM1 with the port left as the firmware set it. */
no_long_mode:
	mov	$PHYS(no_long_mode_msg), %ebx
1:	movb	(%ebx), %al
	test	%al, %al
	jz	2f
	mov	$COM1, %dx
	outb	%al, %dx
	inc	%ebx
	jmp	1b
2:	hlt
	jmp	2b

	.code64
start64_low:
	movabs	$start64_high, %rax
	jmp	*%rax

	.text
start64_high:
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	xor	%eax, %eax
	mov	%eax, %fs
	mov	%eax, %gs
	lea	boot_stack_top(%rip), %rsp
	xor	%ebp, %ebp
	/* hypervisor_start(magic = edi, info = esi), both zero-extended. */
	mov	%edi, %edi
	mov	%esi, %esi
	call	hypervisor_start
3:	cli
	hlt
	jmp	3b

	.section .rodata
no_long_mode_msg:
	.asciz	"Ringvisor: this CPU has no 64-bit long mode or no NX; cannot boot.\r\n"

	.balign 8
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* 0x10: data, ring 0 */
boot_gdt_end:

boot_gdtr:
	.short	boot_gdt_end - boot_gdt - 1
	.long	PHYS(boot_gdt)

	.section .bss.page_aligned, "aw", @nobits
	.balign PAGE_SIZE
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
