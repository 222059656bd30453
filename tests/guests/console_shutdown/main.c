/*
 * console_io writes and the shutdown path: prints lines of various
 * lengths (one longer than the hypervisor's line buffer and a write that
 * spans many chunks), records a shutdown code, then shuts down with the
 * reason named by "reason=" on the command line (default poweroff).  The
 * runner checks what the hypervisor logged.
 */
#include "guest.h"
#include "lib/string.h"

static const struct {
	const char *name;
	unsigned int reason;
} reasons[] = {
	{ "poweroff", PV_SHUTDOWN_poweroff }, { "reboot", PV_SHUTDOWN_reboot },
	{ "suspend", PV_SHUTDOWN_suspend },   { "crash", PV_SHUTDOWN_crash },
};

static char big[20000];

void test_main(const struct pv_start_info *si)
{
	char buf[16];
	const char *reason = cmdline_value("reason", buf, sizeof(buf));
	struct pv_sched_shutdown code = { .reason = 42 };
	struct pv_sched_shutdown s = { .reason = PV_SHUTDOWN_poweroff };

	(void)si;
	printf("console: hello from a PV test kernel\n");
	CHECK_EQ(HYPERCALL3(console_io, PV_CONSOLEIO_write, 0, 0), 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (i + 1) % 100 == 0 ? '\n' : (char)('a' + i % 26);
	CHECK_EQ(HYPERCALL3(console_io, PV_CONSOLEIO_write, sizeof(big), big), 0);
	printf("console: long write done\n");
	CHECK_EQ(HYPERCALL2(sched_op, PV_SCHEDOP_shutdown_code, &code), 0);
	for (size_t i = 0; reason && i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		if (!strcmp(reason, reasons[i].name))
			s.reason = reasons[i].reason;
	}
	printf("Test result: SUCCESS\n");
	HYPERCALL2(sched_op, PV_SCHEDOP_shutdown, &s);
	test_fail(__FILE__, __LINE__, "shutdown returned");
}
