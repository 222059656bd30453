/* The benchmark kernels' measuring loop and command-line numbers (bench.h). */
#include "bench.h"
#include "guest.h"

unsigned int cmdline_uint(const char *key, unsigned int dflt)
{
	char buf[16];
	const char *s = cmdline_value(key, buf, sizeof(buf));
	unsigned int n = 0;

	if (!s || !*s)
		return dflt;
	for (; *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (unsigned int)(*s - '0');
	return n ? n : dflt;
}

void run_benches(const struct bench *benches, unsigned int n, unsigned int rounds,
		 unsigned int scale)
{
	for (unsigned int b = 0; b < n; b++) {
		benches[b].run(1);
		if (benches[b].check)
			benches[b].check(benches[b].name);
	}
	for (unsigned int r = 0; r < rounds; r++) {
		for (unsigned int b = 0; b < n; b++) {
			const struct bench *bn = &benches[b];
			uint64_t t0, t1, ops, x100;

			t0 = rdtsc();
			ops = bn->run(bn->count * scale);
			t1 = rdtsc();
			x100 = ((t1 - t0) * 100 + ops / 2) / ops;
			printf("bench %s %lu.%02lu\n", bn->name, x100 / 100, x100 % 100);
			if (bn->check)
				bn->check(bn->name);
		}
	}
}
