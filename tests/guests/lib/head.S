/*
 * Entry point, Xen ELF notes and hypercall page of our PV test kernels.
 *
 * The hypervisor starts us at _start in guest kernel mode with RSP at the
 * end of the boot stack page and RSI = start_info; we record both for the
 * tests that check the start-of-day state, then run guest_main().
 */
#include "hypercall-abi/elfnote.h"
#include "hypercall-abi/hypercalls.h"

#define VIRT_BASE 0xffffffff80000000

.macro ELFNOTE type, desc:vararg
	.balign	4
	.long	2f - 1f
	.long	4f - 3f
	.long	\type
1:	.asciz	PV_ELFNOTE_NAME
2:	.balign	4
3:	\desc
4:	.balign	4
.endm

	.section .note.Xen, "a", @note
	ELFNOTE PV_ELFNOTE_GUEST_OS, .asciz "ringvisor-test"
	ELFNOTE PV_ELFNOTE_GUEST_VERSION, .asciz "1"
	ELFNOTE PV_ELFNOTE_XEN_VERSION, .asciz "xen-3.0"
	ELFNOTE PV_ELFNOTE_LOADER, .asciz "generic"
	ELFNOTE PV_ELFNOTE_VIRT_BASE, .quad VIRT_BASE
	ELFNOTE PV_ELFNOTE_PADDR_OFFSET, .quad 0
	ELFNOTE PV_ELFNOTE_ENTRY, .quad _start
	ELFNOTE PV_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page

	.section .text.head, "ax"
	.globl _start
_start:
	movq	%rsp, boot_rsp(%rip)
	movq	%rsi, boot_start_info(%rip)
	movq	%rsi, %rdi
	call	guest_main
1:	jmp	1b

/*
 * long hypercall(nr, a1, a2, a3, a4, a5): through the hypercall page,
 * moving the C arguments into Xen's registers (RDI, RSI, RDX, R10, R8).
 */
	.text
	.globl hypercall
hypercall:
	leaq	hypercall_page(%rip), %rax
	shlq	$5, %rdi
	addq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	call	*%rax
	ret

/* long raw_hypercall(nr, a1, a2, a3, a4, a5): a bare SYSCALL, any number. */
	.globl raw_hypercall
raw_hypercall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	syscall
	ret

	.bss
	.balign 4096
	.globl hypercall_page
hypercall_page:
	.skip	4096

	.balign 8
	.globl boot_rsp, boot_start_info
boot_rsp:
	.quad	0
boot_start_info:
	.quad	0
