/*
 * Included first by every hypervisor source file (the build passes
 * -include compiler.h).  The hypervisor is compiled position-independent
 * because its image lives at 0xffff82d040000000, outside the +-2 GiB reach of
 * -mcmodel=kernel; hidden visibility makes every symbol reference a direct
 * RIP-relative one, so the static link needs no GOT.
 */
#ifndef COMPILER_H
#define COMPILER_H

#if !defined(HOST_BUILD)
#pragma GCC visibility push(hidden)
#endif

#define __noreturn __attribute__((noreturn))
#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __unused __attribute__((unused))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
