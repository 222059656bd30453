/*
 * The benchmark kernels' common part: the TSC, numbers from the command
 * line, and the measuring loop.  Each operation's sample runs it a given
 * number of times (after one untimed warm-up run), timed with RDTSC; the
 * samples of all operations are interleaved (round r measures every
 * operation once) and each prints "bench <op> <ticks per operation, 2
 * decimals>", the line scripts/bench-lib.sh reads.  Under QEMU TCG the
 * TSC is the host's; with -icount shift=0 one TSC tick is one guest
 * instruction.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

struct bench {
	const char *name;
	/* Does the operation @count times (or a multiple); returns how many. */
	uint64_t (*run)(unsigned int count);
	unsigned int count;            /* per sample, before scale= */
	void (*check)(const char *name); /* after each run, if set */
};

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/* The number given as "@key=N" on the command line, or @dflt (also for 0). */
unsigned int cmdline_uint(const char *key, unsigned int dflt);

/* Warms up, then measures every one of @benches[@n] in each of @rounds rounds. */
void run_benches(const struct bench *benches, unsigned int n, unsigned int rounds,
		 unsigned int scale);

#endif
