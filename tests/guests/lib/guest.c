/* The test-kernel library (see guest.h). */
#include <stdarg.h>

#include "guest.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

static unsigned int failures;

void console_write(const char *s, size_t len)
{
	HYPERCALL3(console_io, PV_CONSOLEIO_write, len, s);
}

static void vprint(const char *fmt, va_list ap)
{
	char buf[512];
	int len = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (len > (int)sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	if (len > 0)
		console_write(buf, (size_t)len);
}

void printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failures++;
	printf("FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	printf("\n");
}

void test_finish(void)
{
	struct pv_sched_shutdown s = { .reason = PV_SHUTDOWN_poweroff };

	if (failures)
		printf("Test result: FAILURE (%u checks failed)\n", failures);
	else
		printf("Test result: SUCCESS\n");
	HYPERCALL2(sched_op, PV_SCHEDOP_shutdown, &s);
	for (;;)
		;
}

const char *cmdline_value(const char *key, char *buf, size_t size)
{
	const char *s = (const char *)boot_start_info->cmd_line;
	size_t klen = strlen(key);

	for (; *s; s++) {
		size_t n = 0;

		if ((s != (const char *)boot_start_info->cmd_line && s[-1] != ' ') ||
		    strncmp(s, key, klen) || s[klen] != '=')
			continue;
		s += klen + 1;
		while (s[n] && s[n] != ' ' && n + 1 < size) {
			buf[n] = s[n];
			n++;
		}
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

void guest_main(const struct pv_start_info *si);

void guest_main(const struct pv_start_info *si)
{
	test_main(si);
	test_finish();
}
