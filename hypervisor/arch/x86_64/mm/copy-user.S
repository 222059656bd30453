/*
 * copy_user_bytes(dst, src, len): a byte copy that may fault.  A fault in
 * the string move resumes at the fixup with RCX holding the bytes left,
 * which is the return value (0 when everything was copied).
 */
#include "arch/extable.h"

	.text
	.globl copy_user_bytes
copy_user_bytes:
	movq	%rdx, %rcx
1:	rep movsb
2:	movq	%rcx, %rax
	ret
	EXTABLE_ENTRY(1b, 2b)
