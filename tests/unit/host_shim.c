/*
 * The arch hooks the portable hypervisor code needs, for the host unit
 * tests: the console appends to a capture buffer that tests can inspect,
 * heap pages come from aligned_alloc, and arch_halt() (reached through
 * panic) aborts, since a panic in a unit test is always a failure.
 */
#include <stdlib.h>

#include "host_shim.h"

static char captured[65536];
static size_t captured_len;

void arch_console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
	for (size_t i = 0; i < len && captured_len + 1 < sizeof(captured); i++)
		captured[captured_len++] = s[i];
	captured[captured_len] = '\0';
}

const char *console_captured(void)
{
	return captured;
}

void console_capture_reset(void)
{
	captured_len = 0;
	captured[0] = '\0';
}

void arch_halt(void)
{
	abort();
}

void *heap_pages_alloc(unsigned order)
{
	return aligned_alloc(4096, (size_t)4096 << order);
}

void heap_pages_free(void *p, unsigned order)
{
	(void)order;
	free(p);
}
