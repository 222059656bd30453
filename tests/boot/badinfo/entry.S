/*
 * Entry of the badinfo preloader, a 32-bit multiboot1 kernel that QEMU's
 * -kernel boots (as an ELF32, so the header needs no load addresses).
 * It sets up its own flat segments and stack, calls loader_main(magic,
 * info), and provides enter_hypervisor() for the final jump.
 */
#define MB1_MAGIC 0x1badb002
#define MB1_FLAGS ((1 << 0) | (1 << 1)) /* page-aligned modules, memory info */

	.section .multiboot, "a"
	.balign 4
	.long	MB1_MAGIC
	.long	MB1_FLAGS
	.long	-(MB1_MAGIC + MB1_FLAGS)

	.text
	.code32
	.globl	_start
_start:
	cli
	cld
	lgdt	gdtr
	ljmp	$0x08, $1f
1:	mov	$0x10, %ecx
	mov	%ecx, %ds
	mov	%ecx, %es
	mov	%ecx, %fs
	mov	%ecx, %gs
	mov	%ecx, %ss
	mov	$stack_top, %esp
	push	%ebx			/* QEMU's multiboot1 information */
	push	%eax			/* loader magic */
	call	loader_main
halt:	cli
	hlt
	jmp	halt

/*
 * enter_hypervisor(entry, magic, info): the multiboot hand-over, protected
 * mode with paging off, EAX = magic, EBX = info.  Never returns.
 */
	.globl	enter_hypervisor
enter_hypervisor:
	mov	4(%esp), %ecx
	mov	8(%esp), %eax
	mov	12(%esp), %ebx
	jmp	*%ecx

	.section .rodata
	.balign 8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x08: flat 32-bit code */
	.quad	0x00cf92000000ffff	/* 0x10: flat data */
gdt_end:
gdtr:
	.short	gdt_end - gdt - 1
	.long	gdt

	.bss
	.balign 16
	.skip	16384
stack_top:

	.section .note.GNU-stack, "", @progbits
