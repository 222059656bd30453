/*
 * Tests for the portable hypercall handlers (hypervisor/common/hypercall/):
 * console_io, xen_version, sched_op, vm_assist, memory_op and physdev_op.
 *
 * Each test creates its own domains (with domids no other test uses),
 * points host_current_domain at the caller, puts arguments in the host
 * guest-memory buffer and checks the exact return value, Xen's error code
 * included, and what the handler wrote or logged.  Bad guest pointers are
 * addresses outside the buffer, or ones that run past its end by a byte.
 * Every test ends with finish(), which kills and reaps every domain and
 * puts the shared host state back, so the tests do not depend on order.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "console_input.h"
#include "domain.h"
#include "frame.h"
#include "harness.h"
#include "host_guest.h"
#include "host_shim.h"
#include "hypercall-abi/console_io.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/memory.h"
#include "hypercall-abi/mmu.h"
#include "hypercall-abi/physdev.h"
#include "hypercall-abi/sched.h"
#include "hypercall-abi/version.h"
#include "hypercall.h"
#include "printk.h"

/* A guest address that is not guest memory at all. */
#define BAD_VA 0x1000ull

/* A guest address whose @len bytes run one byte past the end of guest memory. */
static uint64_t past_end(uint64_t len)
{
	return HOST_GUEST_BASE + HOST_GUEST_SIZE - len + 1;
}

/* Guest memory at offset @off, and its guest address. */
static uint8_t *gmem(uint64_t off)
{
	return host_guest_memory + off;
}

static uint64_t gva(uint64_t off)
{
	return HOST_GUEST_BASE + off;
}

/* Console input arriving: queued in the console input ring. */
static void console_input(const char *s)
{
	while (*s)
		console_input_receive(*s++);
}

static void start(void)
{
	printk_set_level(LOG_LEVEL_INFO);
	console_capture_reset();
	/* Input a test left unread goes (into guest memory, cleared next). */
	while (console_input_read(CONSOLE_INPUT_SIZE, gva(0)) > 0)
		;
	memset(host_guest_memory, 0, HOST_GUEST_SIZE);
	host_current_domain = NULL;
	host_preempt = false;
	host_continued_nr = 0;
	host_continued_nargs = 0;
	memset(host_continued_args, 0, sizeof(host_continued_args));
}

static struct domain *make(uint16_t domid, const char *name, bool privileged,
			   bool console)
{
	struct domain *d = domain_create(domid, name, privileged);

	CHECK(d != NULL);
	if (!d)
		abort();
	d->console_access = console;
	d->state = DOMAIN_RUNNING;
	return d;
}

/* Kills and reaps every domain; checks that @expected of them were reaped. */
static void finish(unsigned int expected)
{
	for (struct domain *d = domain_first(); d; d = d->next) {
		/* Tests that set nr_pages by hand own no frames. */
		if (!d->p2m)
			d->nr_pages = 0;
		domain_shutdown(d, PV_SHUTDOWN_poweroff);
	}
	CHECK_EQ(domain_reap(), expected);
	CHECK_EQ(domain_count(), 0);
	host_current_domain = NULL;
	host_preempt = false;
	console_capture_reset();
}

static bool captured_is(const char *want)
{
	if (strcmp(console_captured(), want)) {
		printf("  captured \"%s\"\n  want     \"%s\"\n", console_captured(), want);
		return false;
	}
	return true;
}

static bool all_bytes(const uint8_t *p, uint8_t value, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] != value)
			return false;
	}
	return true;
}

/* Writes @s (its bytes, no NUL) at guest offset @off and calls console_io write. */
static long console_write_str(uint64_t off, const char *s)
{
	size_t len = strlen(s);

	memcpy(gmem(off), s, len);
	return do_console_io(PV_CONSOLEIO_write, (unsigned int)len, gva(off));
}

/* ---- console_io ---- */

TEST(hc_console_write_lines)
{
	struct domain *d;

	start();
	d = make(41, "con", false, true);
	host_current_domain = d;

	CHECK_EQ(console_write_str(0, "hello\nworld\n"), 0);
	CHECK(captured_is("(d41) hello\n(d41) world\n"));
	CHECK_EQ(d->console_len, 0);

	/* A partial line is held until its newline. */
	console_capture_reset();
	CHECK_EQ(console_write_str(0x100, "abc"), 0);
	CHECK(captured_is(""));
	CHECK_EQ(d->console_len, 3);
	CHECK_EQ(console_write_str(0x200, "def\nghi"), 0);
	CHECK(captured_is("(d41) abcdef\n"));
	CHECK_EQ(d->console_len, 3);
	CHECK_EQ(console_write_str(0x300, "\n\n"), 0);
	CHECK(captured_is("(d41) abcdef\n(d41) ghi\n(d41) \n"));
	finish(1);
}

TEST(hc_console_write_control_chars)
{
	static const char in[] = "a\x01" "b\x7f" "c\td\xff" "e\r\x1b" "f\x80\n";

	start();
	host_current_domain = make(42, "ctl", false, true);
	memcpy(gmem(0), in, sizeof(in) - 1);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, sizeof(in) - 1, gva(0)), 0);
	CHECK(captured_is("(d42) abc\tdef\n"));

	/* A NUL byte is a control character too; it does not end the write. */
	console_capture_reset();
	memcpy(gmem(0x40), "x\0y\n", 4);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 4, gva(0x40)), 0);
	CHECK(captured_is("(d42) xy\n"));
	finish(1);
}

TEST(hc_console_write_dom0_raw)
{
	static const char in[] = "$ ls\r\n\x1b[1mbold\x1b[0m no newline";

	/* The privileged domain's bytes reach the console unchanged, at once. */
	start();
	host_current_domain = make(63, "raw", true, true);
	memcpy(gmem(0), in, sizeof(in) - 1);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, sizeof(in) - 1, gva(0)), 0);
	CHECK(captured_is(in));
	CHECK_EQ(host_current_domain->console_len, 0);
	finish(1);
}

TEST(hc_console_write_long_line)
{
	char want[1024];
	struct domain *d;

	start();
	d = make(43, "long", false, true);
	host_current_domain = d;

	/* 300 characters: a full line of 255, then the other 45. */
	memset(gmem(0), 'x', 300);
	gmem(0)[300] = '\n';
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 301, gva(0)), 0);
	strcpy(want, "(d43) ");
	memset(want + 6, 'x', 255);
	strcpy(want + 6 + 255, "\n(d43) ");
	memset(want + 6 + 255 + 7, 'x', 45);
	strcpy(want + 6 + 255 + 7 + 45, "\n");
	CHECK(captured_is(want));

	/* Exactly 255 characters and a newline make one line. */
	console_capture_reset();
	memset(gmem(0x400), 'y', 255);
	gmem(0x400)[255] = '\n';
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 256, gva(0x400)), 0);
	strcpy(want, "(d43) ");
	memset(want + 6, 'y', 255);
	strcpy(want + 6 + 255, "\n");
	CHECK(captured_is(want));

	/* 256 characters without a newline: the 256th starts the next line. */
	console_capture_reset();
	memset(gmem(0x800), 'z', 256);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 256, gva(0x800)), 0);
	strcpy(want, "(d43) ");
	memset(want + 6, 'z', 255);
	strcpy(want + 6 + 255, "\n");
	CHECK(captured_is(want));
	CHECK_EQ(d->console_len, 1);
	CHECK_EQ(d->console_line[0], 'z');
	finish(1);
}

TEST(hc_console_write_count0_and_faults)
{
	struct domain *d;

	start();
	d = make(44, "flt", false, true);
	host_current_domain = d;

	/* Nothing to copy: even a bad buffer is fine. */
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 0, gva(0)), 0);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 0, BAD_VA), 0);
	CHECK(captured_is(""));

	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 5, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 5, 0), -PV_EFAULT);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 8, past_end(8)), -PV_EFAULT);
	CHECK_EQ(d->console_len, 0);
	/* The last 8 bytes of guest memory are fine. */
	memcpy(gmem(HOST_GUEST_SIZE - 8), "lastbyt\n", 8);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 8, past_end(8) - 1), 0);
	CHECK(captured_is("(d44) lastbyt\n"));

	/* The first chunk is readable, the second is not. */
	console_capture_reset();
	memset(gmem(HOST_GUEST_SIZE - 150), 'q', 150);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 200, gva(HOST_GUEST_SIZE - 150)),
		 -PV_EFAULT);
	CHECK_EQ(d->console_len, 128);
	finish(1);
}

TEST(hc_console_no_access)
{
	start();
	host_current_domain = make(45, "noc", true, false);
	memcpy(gmem(0), "hi\n", 3);
	console_input("abc");
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 3, gva(0)), -PV_EPERM);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 3, gva(0x10)), -PV_EPERM);
	CHECK_EQ(do_console_io(2, 3, gva(0)), -PV_EPERM);
	CHECK_EQ(do_console_io(99, 0, 0), -PV_EPERM);
	CHECK(captured_is(""));
	CHECK(all_bytes(gmem(0x10), 0, 3));
	finish(1);
}

TEST(hc_console_unknown_cmd)
{
	start();
	host_current_domain = make(46, "unk", false, true);
	CHECK_EQ(do_console_io(2, 0, gva(0)), -PV_ENOSYS);
	CHECK_EQ(do_console_io(99, 4, gva(0)), -PV_ENOSYS);
	CHECK_EQ(do_console_io(0xffffffffu, 4, BAD_VA), -PV_ENOSYS);
	host_current_domain = make(47, "unk0", true, true);
	CHECK_EQ(do_console_io(2, 0, gva(0)), -PV_ENOSYS);
	CHECK(captured_is(""));
	finish(2);
}

TEST(hc_console_read)
{
	start();
	host_current_domain = make(48, "dom0", true, true);

	/* Nothing queued. */
	memset(gmem(0), 0xaa, 16);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 10, gva(0)), 0);
	CHECK(all_bytes(gmem(0), 0xaa, 16));

	console_input("xyz");
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 0, gva(0)), 0);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 2, gva(0)), 2);
	CHECK(!memcmp(gmem(0), "xy", 2));
	CHECK(all_bytes(gmem(2), 0xaa, 14));
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 10, gva(4)), 1);
	CHECK_EQ(gmem(4)[0], 'z');
	CHECK(all_bytes(gmem(5), 0xaa, 11));

	console_input("hello\r");
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 100, gva(0x20)), 6);
	CHECK(!memcmp(gmem(0x20), "hello\r", 6));
	CHECK_EQ(gmem(0x26)[0], 0);

	/* A faulting copy consumes nothing: the bytes wait for a good buffer. */
	console_input("q");
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 1, BAD_VA), -PV_EFAULT);
	console_input("r");
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 2, past_end(2)), -PV_EFAULT);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 0, BAD_VA), 0);
	/* Counts that would not fit in the result: -E2BIG, checked first. */
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 0x80000000u, BAD_VA), -PV_E2BIG);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 0xffffffffu, gva(0)), -PV_E2BIG);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 0x7fffffff, gva(0x40)), 2);
	CHECK(!memcmp(gmem(0x40), "qr", 2));
	CHECK(captured_is(""));
	finish(1);
}

/* Fills the ring with bytes 'A', 'B', ... (wrapping after 'Z') from @first on. */
static void console_input_run(unsigned int first, unsigned int n)
{
	for (unsigned int i = first; i < first + n; i++)
		console_input_receive((char)('A' + i % 26));
}

static bool input_run_is(const uint8_t *p, unsigned int first, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (p[i] != 'A' + (first + i) % 26)
			return false;
	}
	return true;
}

TEST(hc_console_read_ring_full_and_wrap)
{
	start();
	host_current_domain = make(127, "dom0", true, true);

	/* A full ring keeps its first 128 bytes; later ones are dropped. */
	console_input_run(0, CONSOLE_INPUT_SIZE + 10);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 1000, gva(0)), CONSOLE_INPUT_SIZE);
	CHECK(input_run_is(gmem(0), 0, CONSOLE_INPUT_SIZE));
	CHECK_EQ(gmem(CONSOLE_INPUT_SIZE)[0], 0);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 1000, gva(0)), 0);

	/* Waiting bytes that run past the ring's end come out in order. */
	console_input_run(0, 100);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 90, gva(0)), 90);
	console_input_run(100, 100); /* 10 + 100 waiting, wrapped */
	console_input_run(200, 30);  /* 18 fit, 12 dropped */
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 50, gva(0x100)), 50);
	CHECK(input_run_is(gmem(0x100), 90, 50));
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 1000, gva(0x200)), CONSOLE_INPUT_SIZE - 50);
	CHECK(input_run_is(gmem(0x200), 140, CONSOLE_INPUT_SIZE - 50));
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 1, gva(0)), 0);
	finish(1);
}

/*
 * Moves the (empty) ring's next byte to index @pos.  Where it starts
 * depends on the tests before, and is found as a read of a full ring
 * into a buffer one byte short shows it: the part up to the ring's end
 * is consumed if it fits, and the read that follows gets the rest.
 */
static void console_input_move_to(unsigned int pos)
{
	unsigned int at;

	console_input_run(0, CONSOLE_INPUT_SIZE);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, CONSOLE_INPUT_SIZE,
			       past_end(CONSOLE_INPUT_SIZE)), -PV_EFAULT);
	at = (unsigned int)do_console_io(PV_CONSOLEIO_read, CONSOLE_INPUT_SIZE, gva(0)) %
	     CONSOLE_INPUT_SIZE;
	console_input_run(0, (pos - at) % CONSOLE_INPUT_SIZE);
	do_console_io(PV_CONSOLEIO_read, CONSOLE_INPUT_SIZE, gva(0));
}

/*
 * As on Xen, waiting bytes are copied in at most two parts (up to the
 * ring's end, then the rest): when the second part faults, the first is
 * consumed although the caller only sees -EFAULT.
 */
TEST(hc_console_read_wrapped_fault)
{
	start();
	host_current_domain = make(128, "dom0", true, true);
	console_input_move_to(CONSOLE_INPUT_SIZE - 4);
	console_input_run(0, 10); /* 4 before the ring's end, 6 after */

	/* The buffer's last 6 bytes run past guest memory: only the first part copies. */
	memset(gmem(HOST_GUEST_SIZE - 6), 0, 6);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 10, past_end(7)), -PV_EFAULT);
	CHECK(input_run_is(gmem(HOST_GUEST_SIZE - 6), 0, 4));
	memset(gmem(0), 0, 16);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 1000, gva(0)), 6);
	CHECK(input_run_is(gmem(0), 4, 6));

	/* A fault in the first part consumes nothing. */
	console_input_run(0, 3);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 3, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 3, gva(0)), 3);
	CHECK(input_run_is(gmem(0), 0, 3));
	finish(1);
}

TEST(hc_console_read_unprivileged)
{
	start();
	host_current_domain = make(49, "domu", false, true);
	console_input("abc");
	memset(gmem(0), 0xaa, 4);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 3, gva(0)), -PV_EPERM);
	CHECK(all_bytes(gmem(0), 0xaa, 4));
	/* The input is still there for dom0. */
	host_current_domain = make(50, "dom0", true, true);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_read, 3, gva(0)), 3);
	CHECK(!memcmp(gmem(0), "abc", 3));
	finish(2);
}

TEST(hc_console_write_continuation)
{
	char want[512];
	struct domain *d;

	start();
	d = make(51, "pre", false, true);
	host_current_domain = d;
	host_preempt = true;

	/* 300 bytes: 127 'a' and a newline, then 172 'b'. */
	memset(gmem(0x100), 'a', 127);
	gmem(0x100)[127] = '\n';
	memset(gmem(0x100 + 128), 'b', 172);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 300, gva(0x100)), 0x7fff);
	CHECK_EQ(host_continued_nr, 18);
	CHECK_EQ(host_continued_nargs, 3);
	CHECK_EQ(host_continued_args[0], PV_CONSOLEIO_write);
	CHECK_EQ(host_continued_args[1], 172);
	CHECK_EQ(host_continued_args[2], gva(0x100 + 128));
	strcpy(want, "(d51) ");
	memset(want + 6, 'a', 127);
	strcpy(want + 6 + 127, "\n");
	CHECK(captured_is(want));
	CHECK_EQ(d->console_len, 0);

	/* Re-issued, it goes on one chunk at a time. */
	console_capture_reset();
	CHECK_EQ(do_console_io((unsigned int)host_continued_args[0],
			       (unsigned int)host_continued_args[1],
			       host_continued_args[2]), 0x7fff);
	CHECK_EQ(host_continued_args[1], 44);
	CHECK_EQ(host_continued_args[2], gva(0x100 + 256));
	CHECK_EQ(d->console_len, 128);
	host_preempt = false;
	host_continued_nr = 0;
	CHECK_EQ(do_console_io((unsigned int)host_continued_args[0],
			       (unsigned int)host_continued_args[1],
			       host_continued_args[2]), 0);
	CHECK_EQ(host_continued_nr, 0);
	CHECK_EQ(d->console_len, 172);
	CHECK(captured_is(""));
	finish(1);
}

TEST(hc_console_write_no_continuation_when_done)
{
	struct domain *d;

	start();
	d = make(52, "pre2", false, true);
	host_current_domain = d;
	host_preempt = true;

	/* Exactly one chunk: nothing is left to continue. */
	memset(gmem(0), 'c', 128);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 128, gva(0)), 0);
	CHECK_EQ(host_continued_nr, 0);
	CHECK_EQ(d->console_len, 128);

	/* One byte more continues with one byte. */
	memset(gmem(0x200), 'd', 129);
	CHECK_EQ(do_console_io(PV_CONSOLEIO_write, 129, gva(0x200)), 0x7fff);
	CHECK_EQ(host_continued_nr, 18);
	CHECK_EQ(host_continued_nargs, 3);
	CHECK_EQ(host_continued_args[0], 0);
	CHECK_EQ(host_continued_args[1], 1);
	CHECK_EQ(host_continued_args[2], gva(0x200 + 128));
	/* 128 'c' and 127 'd' fill a line; the 128th 'd' starts the next. */
	CHECK_EQ(d->console_len, 1);
	CHECK(strstr(console_captured(), "cd") != NULL);
	finish(1);
}

/* ---- xen_version ---- */

TEST(hc_xen_version_version)
{
	start();
	host_current_domain = make(53, "ver", false, false);
	CHECK_EQ(do_xen_version(PV_XENVER_version, 0), 0x40011);
	host_current_domain = make(54, "ver0", true, true);
	CHECK_EQ(do_xen_version(PV_XENVER_version, 0), 0x40011);
	finish(2);
}

/* Checks a NUL-padded string result of @size bytes at offset 0x100. */
static void check_string(int cmd, const char *want, size_t size)
{
	size_t len = strlen(want);

	memset(gmem(0x100), 0xaa, size + 16);
	CHECK_EQ(do_xen_version(cmd, gva(0x100)), 0);
	CHECK(!memcmp(gmem(0x100), want, len));
	CHECK(all_bytes(gmem(0x100 + len), 0, size - len));
	CHECK(all_bytes(gmem(0x100 + size), 0xaa, 16));
	CHECK_EQ(do_xen_version(cmd, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(cmd, 0), -PV_EFAULT);
	CHECK_EQ(do_xen_version(cmd, past_end(size)), -PV_EFAULT);
	CHECK_EQ(do_xen_version(cmd, past_end(size) - 1), 0);
}

TEST(hc_xen_version_strings)
{
	start();
	host_current_domain = make(55, "str", false, false);
	check_string(PV_XENVER_extraversion, "-ringvisor", 16);
	check_string(PV_XENVER_capabilities, "xen-3.0-x86_64", 1024);
	check_string(PV_XENVER_changeset, "ringvisor", 64);
	finish(1);
}

TEST(hc_xen_version_compile_info)
{
	const char *info = (const char *)gmem(0x100);

	start();
	host_current_domain = make(56, "cmp", false, false);
	memset(gmem(0x100), 0xaa, 160);
	CHECK_EQ(do_xen_version(PV_XENVER_compile_info, gva(0x100)), 0);
	CHECK(!strncmp(info, "gcc ", 4));
	CHECK(strnlen(info, 64) < 64);
	CHECK(!strcmp(info + 64, "ringvisor"));
	CHECK(all_bytes(gmem(0x100 + 64 + 10), 0, 16 - 10));
	CHECK(!strcmp(info + 80, "ringvisor"));
	CHECK(all_bytes(gmem(0x100 + 80 + 10), 0, 32 - 10));
	CHECK(strnlen(info + 112, 32) > 0 && strnlen(info + 112, 32) < 32);
	CHECK(all_bytes(gmem(0x100 + 144), 0xaa, 16));
	CHECK_EQ(do_xen_version(PV_XENVER_compile_info, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(PV_XENVER_compile_info, past_end(144)), -PV_EFAULT);
	finish(1);
}

TEST(hc_xen_version_platform_parameters)
{
	uint64_t v;

	start();
	host_current_domain = make(57, "plat", false, false);
	memset(gmem(0x100), 0xaa, 16);
	CHECK_EQ(do_xen_version(PV_XENVER_platform_parameters, gva(0x100)), 0);
	memcpy(&v, gmem(0x100), 8);
	CHECK_EQ(v, 0xffff800000000000ull);
	CHECK(all_bytes(gmem(0x108), 0xaa, 8));
	CHECK_EQ(do_xen_version(PV_XENVER_platform_parameters, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(PV_XENVER_platform_parameters, past_end(8)), -PV_EFAULT);
	finish(1);
}

/* Runs get_features for submap @idx at offset 0x100; returns the result. */
static long features(uint32_t idx, uint32_t *submap)
{
	struct pv_feature_info fi = { .submap_idx = idx, .submap = 0xdeadbeef };
	long rc;

	memcpy(gmem(0x100), &fi, sizeof(fi));
	rc = do_xen_version(PV_XENVER_get_features, gva(0x100));
	memcpy(&fi, gmem(0x100), sizeof(fi));
	CHECK_EQ(fi.submap_idx, idx);
	*submap = fi.submap;
	return rc;
}

TEST(hc_xen_version_get_features)
{
	uint32_t f;

	start();
	host_current_domain = make(58, "featu", false, false);
	CHECK_EQ(features(0, &f), 0);
	CHECK_EQ(f, 1u << 5 | 1u << 6 | 1u << 7 | 1u << 13 | 1u << 17);
	CHECK(!(f & (1u << PV_XENFEAT_dom0)));
	CHECK(!(f & (1u << PV_XENFEAT_writable_page_tables)));
	CHECK(!(f & (1u << PV_XENFEAT_auto_translated_physmap)));
	CHECK(!(f & (1u << PV_XENFEAT_supervisor_mode_kernel)));
	CHECK(!(f & (1u << 12)));

	host_current_domain = make(59, "feat0", true, true);
	CHECK_EQ(features(0, &f), 0);
	CHECK_EQ(f, 1u << 5 | 1u << 6 | 1u << 7 | 1u << 11 | 1u << 13 | 1u << 17);

	/* Only submap 0 exists; the structure is left alone. */
	CHECK_EQ(features(1, &f), -PV_EINVAL);
	CHECK_EQ(f, 0xdeadbeef);
	CHECK_EQ(features(0xffffffffu, &f), -PV_EINVAL);
	CHECK_EQ(f, 0xdeadbeef);

	CHECK_EQ(do_xen_version(PV_XENVER_get_features, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(PV_XENVER_get_features, past_end(8)), -PV_EFAULT);
	finish(2);
}

TEST(hc_xen_version_pagesize_handle)
{
	start();
	host_current_domain = make(60, "pg", false, false);
	CHECK_EQ(do_xen_version(PV_XENVER_pagesize, 0), 4096);
	CHECK_EQ(do_xen_version(PV_XENVER_pagesize, 1), -PV_EINVAL);
	CHECK_EQ(do_xen_version(PV_XENVER_pagesize, gva(0)), -PV_EINVAL);

	memset(gmem(0x100), 0xaa, 32);
	CHECK_EQ(do_xen_version(PV_XENVER_guest_handle, gva(0x100)), 0);
	CHECK(all_bytes(gmem(0x100), 0, 16));
	CHECK(all_bytes(gmem(0x110), 0xaa, 16));
	CHECK_EQ(do_xen_version(PV_XENVER_guest_handle, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(PV_XENVER_guest_handle, past_end(16)), -PV_EFAULT);
	finish(1);
}

TEST(hc_xen_version_commandline_build_id)
{
	static const char cmdline[] = "loglvl=all dom0_mem=64M";

	start();
	host_current_domain = make(61, "dom0", true, true);
	memset(gmem(0x100), 0xaa, 1040);
	CHECK_EQ(do_xen_version(PV_XENVER_commandline, gva(0x100)), 0);
	CHECK(!memcmp(gmem(0x100), cmdline, sizeof(cmdline) - 1));
	CHECK(all_bytes(gmem(0x100 + sizeof(cmdline) - 1), 0, 1024 - (sizeof(cmdline) - 1)));
	CHECK(all_bytes(gmem(0x100 + 1024), 0xaa, 16));
	CHECK_EQ(do_xen_version(PV_XENVER_commandline, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(PV_XENVER_commandline, past_end(1024)), -PV_EFAULT);
	/* No build id: asking for the size or with room gives -ENODATA. */
	memset(gmem(0x800), 0, 4);
	CHECK_EQ(do_xen_version(PV_XENVER_build_id, gva(0x800)), -PV_EINVAL);
	gmem(0x800)[0] = 64;
	CHECK_EQ(do_xen_version(PV_XENVER_build_id, gva(0x800)), -PV_ENODATA);
	CHECK_EQ(do_xen_version(PV_XENVER_build_id, 0), -PV_ENODATA);
	CHECK_EQ(do_xen_version(PV_XENVER_build_id, BAD_VA), -PV_EFAULT);

	/* Others read "<denied>" (9 bytes) and cannot have the build id. */
	host_current_domain = make(62, "domu", false, true);
	memset(gmem(0x100), 0xaa, 1040);
	CHECK_EQ(do_xen_version(PV_XENVER_commandline, gva(0x100)), 0);
	CHECK(!memcmp(gmem(0x100), "<denied>", 9));
	CHECK(all_bytes(gmem(0x109), 0xaa, 1040 - 9));
	CHECK_EQ(do_xen_version(PV_XENVER_commandline, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_xen_version(PV_XENVER_build_id, gva(0x800)), -PV_EPERM);
	finish(2);
}

TEST(hc_xen_version_unknown)
{
	start();
	host_current_domain = make(63, "unk", false, false);
	CHECK_EQ(do_xen_version(11, 0), -PV_ENOSYS);
	CHECK_EQ(do_xen_version(100, gva(0)), -PV_ENOSYS);
	CHECK_EQ(do_xen_version(-1, 0), -PV_ENOSYS);
	host_current_domain = make(64, "unk0", true, true);
	CHECK_EQ(do_xen_version(11, 0), -PV_ENOSYS);
	CHECK_EQ(do_xen_version(-1, BAD_VA), -PV_ENOSYS);
	finish(2);
}

/* ---- sched_op ---- */

TEST(hc_sched_yield)
{
	unsigned int before;
	struct vcpu *v;

	start();
	host_current_domain = make(65, "yld", false, false);
	v = vcpu_create(host_current_domain, 0);
	CHECK(v != NULL);
	if (!v)
		return;
	before = host_reschedules;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_yield, 0), 0);
	CHECK_EQ(host_reschedules, before + 1);
	CHECK(v->sched.yielding); /* it goes behind the next waiting vCPU (test_sched.c) */
	CHECK_EQ(do_sched_op(PV_SCHEDOP_yield, BAD_VA), 0);
	CHECK_EQ(host_reschedules, before + 2);
	CHECK_EQ(host_current_domain->state, DOMAIN_RUNNING);
	finish(1);
}

/* Puts a pv_sched_shutdown with @reason at offset @off. */
static uint64_t shutdown_arg(uint64_t off, uint32_t reason)
{
	struct pv_sched_shutdown s = { .reason = reason };

	memcpy(gmem(off), &s, sizeof(s));
	return gva(off);
}

TEST(hc_sched_shutdown_reasons)
{
	static const char *const names[] = {
		"poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
	};
	char name[16], want[128];

	start();
	for (unsigned int r = 0; r < 6; r++) {
		struct domain *d;

		snprintf(name, sizeof(name), "sd%u", r);
		d = make((uint16_t)(100 + r), name, false, false);
		host_current_domain = d;
		console_capture_reset();
		CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0x40, r)), 0);
		CHECK_EQ(d->state, DOMAIN_DEAD);
		CHECK_EQ(d->shutdown_reason, r);
		CHECK(!d->crashed);
		snprintf(want, sizeof(want), "Domain %u (sd%u) shut down: %s\n", 100 + r, r,
			 names[r]);
		CHECK(captured_is(want));
		CHECK(domain_find((uint16_t)(100 + r)) == NULL);
	}

	/* The reason is taken as a byte, as Xen does; others log "unknown". */
	host_current_domain = make(106, "sd6", false, false);
	console_capture_reset();
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0x40, 0x101)), 0);
	CHECK_EQ(host_current_domain->shutdown_reason, 1);
	CHECK(captured_is("Domain 106 (sd6) shut down: reboot\n"));
	host_current_domain = make(107, "sd7", false, false);
	console_capture_reset();
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0x40, 7)), 0);
	CHECK_EQ(host_current_domain->state, DOMAIN_DEAD);
	CHECK_EQ(host_current_domain->shutdown_reason, 7);
	CHECK(captured_is("Domain 107 (sd7) shut down: unknown\n"));
	finish(8);
}

TEST(hc_sched_shutdown_pending_console_line)
{
	struct domain *d;

	start();
	d = make(108, "pend", false, true);
	host_current_domain = d;
	CHECK_EQ(console_write_str(0, "no newline"), 0);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0x40, PV_SHUTDOWN_poweroff)), 0);
	CHECK(captured_is("Domain 108 (pend) shut down: poweroff\n(d108) no newline\n"));
	finish(1);
}

TEST(hc_sched_shutdown_crash_counts)
{
	unsigned int before;

	start();
	before = domain_failures();
	host_current_domain = make(110, "ok", false, false);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0, PV_SHUTDOWN_poweroff)), 0);
	CHECK_EQ(domain_failures(), before);
	host_current_domain = make(111, "bad", false, false);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0, PV_SHUTDOWN_crash)), 0);
	CHECK_EQ(domain_failures(), before + 1);
	CHECK_EQ(host_current_domain->shutdown_reason, PV_SHUTDOWN_crash);
	/* A dead domain does not shut down, or count, twice. */
	domain_shutdown(host_current_domain, PV_SHUTDOWN_crash);
	CHECK_EQ(domain_failures(), before + 1);
	finish(2);
	CHECK_EQ(domain_failures(), before + 1);
}

TEST(hc_sched_shutdown_code)
{
	struct domain *d;

	start();
	d = make(112, "sc", false, false);
	host_current_domain = d;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown_code, shutdown_arg(0x40, 42)), 0);
	CHECK(d->shutdown_code_set);
	CHECK_EQ(d->shutdown_code, 42);
	CHECK_EQ(d->state, DOMAIN_RUNNING);
	CHECK(captured_is(""));
	/* As on Xen, the first code given is the one kept. */
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown_code, shutdown_arg(0x40, 7)), 0);
	CHECK_EQ(d->shutdown_code, 42);
	CHECK_EQ(d->state, DOMAIN_RUNNING);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0x40, PV_SHUTDOWN_reboot)), 0);
	CHECK_EQ(d->state, DOMAIN_DEAD);
	CHECK_EQ(d->shutdown_reason, PV_SHUTDOWN_reboot);
	CHECK(captured_is("Domain 112 (sc) shut down: reboot, code 42\n"));

	/* The code is taken as a byte, as Xen does. */
	d = make(109, "sc2", false, false);
	host_current_domain = d;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown_code, shutdown_arg(0x40, 0x1ff)), 0);
	CHECK_EQ(d->shutdown_code, 0xff);
	console_capture_reset();
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, shutdown_arg(0x40, PV_SHUTDOWN_crash)), 0);
	CHECK(captured_is("Domain 109 (sc2) shut down: crash, code 255\n"));
	finish(2);
}

TEST(hc_sched_shutdown_faults)
{
	struct domain *d;

	start();
	d = make(113, "flt", true, false);
	host_current_domain = d;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown, past_end(4)), -PV_EFAULT);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown_code, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_shutdown_code, 0), -PV_EFAULT);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, past_end(8)), -PV_EFAULT);
	CHECK_EQ(d->state, DOMAIN_RUNNING);
	CHECK(!d->shutdown_code_set);
	CHECK(captured_is(""));
	finish(1);
}

/* Puts a pv_sched_remote_shutdown at offset 0x80. */
static uint64_t remote_arg(uint16_t domid, uint32_t reason)
{
	struct pv_sched_remote_shutdown s = { .domain_id = domid, .reason = reason };

	memcpy(gmem(0x80), &s, sizeof(s));
	return gva(0x80);
}

TEST(hc_sched_remote_shutdown)
{
	struct domain *dom0, *domu, *target;

	start();
	dom0 = make(114, "dom0", true, true);
	domu = make(115, "domu", false, false);
	target = make(116, "tgt", false, false);

	host_current_domain = domu;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, remote_arg(999, 0)), -PV_ESRCH);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, remote_arg(116, 0)), -PV_EPERM);
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, remote_arg(114, 0)), -PV_EPERM);
	CHECK_EQ(target->state, DOMAIN_RUNNING);
	CHECK_EQ(dom0->state, DOMAIN_RUNNING);

	host_current_domain = dom0;
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, remote_arg(999, 0)), -PV_ESRCH);
	CHECK(captured_is(""));
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown,
			     remote_arg(116, PV_SHUTDOWN_suspend)), 0);
	CHECK_EQ(target->state, DOMAIN_DEAD);
	CHECK_EQ(target->shutdown_reason, PV_SHUTDOWN_suspend);
	CHECK_EQ(dom0->state, DOMAIN_RUNNING);
	CHECK_EQ(domu->state, DOMAIN_RUNNING);
	CHECK(captured_is("Domain 116 (tgt) shut down: suspend\n"));
	/* A dead domain is no longer found. */
	CHECK_EQ(do_sched_op(PV_SCHEDOP_remote_shutdown, remote_arg(116, 0)), -PV_ESRCH);
	finish(3);
}

TEST(hc_sched_unknown)
{
	static const int cmds[] = { 6, 7, 8, 99, -1 };
	struct domain *d;

	start();
	d = make(117, "unk", true, true);
	host_current_domain = d;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		CHECK_EQ(do_sched_op(cmds[i], shutdown_arg(0, 0)), -PV_ENOSYS);
	CHECK_EQ(d->state, DOMAIN_RUNNING);
	finish(1);
}

/* ---- vm_assist ---- */

static const unsigned int valid_types[] = { 0, 1, 2, 3, 4, 5, 32 };

TEST(hc_vm_assist_valid)
{
	unsigned long all = 0;
	struct domain *d;

	start();
	d = make(118, "vma", false, false);
	host_current_domain = d;
	CHECK_EQ(d->vm_assist, 0);
	for (size_t i = 0; i < sizeof(valid_types) / sizeof(valid_types[0]); i++) {
		unsigned int t = valid_types[i];

		CHECK_EQ(do_vm_assist(PV_VMASST_CMD_enable, t), 0);
		all |= 1ul << t;
		CHECK_EQ(d->vm_assist, all);
		/* Enabling again changes nothing. */
		CHECK_EQ(do_vm_assist(PV_VMASST_CMD_enable, t), 0);
		CHECK_EQ(d->vm_assist, all);
	}
	CHECK_EQ(d->vm_assist, 0x10000003ful);
	for (size_t i = 0; i < sizeof(valid_types) / sizeof(valid_types[0]); i++) {
		unsigned int t = valid_types[i];

		CHECK_EQ(do_vm_assist(PV_VMASST_CMD_disable, t), 0);
		all &= ~(1ul << t);
		CHECK_EQ(d->vm_assist, all);
		CHECK_EQ(do_vm_assist(PV_VMASST_CMD_disable, t), 0);
		CHECK_EQ(d->vm_assist, all);
	}
	CHECK_EQ(d->vm_assist, 0);

	/* One at a time, from empty. */
	CHECK_EQ(do_vm_assist(PV_VMASST_CMD_enable, PV_VMASST_TYPE_m2p_strict), 0);
	CHECK_EQ(d->vm_assist, 1ul << 32);
	CHECK_EQ(do_vm_assist(PV_VMASST_CMD_enable, PV_VMASST_TYPE_writable_pagetables), 0);
	CHECK_EQ(d->vm_assist, 1ul << 32 | 1ul << 2);
	CHECK_EQ(do_vm_assist(PV_VMASST_CMD_disable, PV_VMASST_TYPE_m2p_strict), 0);
	CHECK_EQ(d->vm_assist, 1ul << 2);
	finish(1);
}

TEST(hc_vm_assist_invalid)
{
	static const unsigned int bad[] = { 6, 7, 31, 33, 63, 64, 65, 1000, 0xffffffffu };
	struct domain *d;

	start();
	d = make(119, "vmb", false, false);
	host_current_domain = d;
	d->vm_assist = 1ul << 2;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(do_vm_assist(PV_VMASST_CMD_enable, bad[i]), -PV_EINVAL);
		CHECK_EQ(do_vm_assist(PV_VMASST_CMD_disable, bad[i]), -PV_EINVAL);
		/* The type is checked before the command. */
		CHECK_EQ(do_vm_assist(2, bad[i]), -PV_EINVAL);
		CHECK_EQ(do_vm_assist(99, bad[i]), -PV_EINVAL);
	}
	for (size_t i = 0; i < sizeof(valid_types) / sizeof(valid_types[0]); i++) {
		CHECK_EQ(do_vm_assist(2, valid_types[i]), -PV_ENOSYS);
		CHECK_EQ(do_vm_assist(99, valid_types[i]), -PV_ENOSYS);
		CHECK_EQ(do_vm_assist(0xffffffffu, valid_types[i]), -PV_ENOSYS);
	}
	CHECK_EQ(d->vm_assist, 1ul << 2);
	finish(1);
}

/* ---- memory_op ---- */

static struct frame *memop_table;

TEST(hc_memory_op_maximum_ram_page)
{
	start();
	host_current_domain = make(120, "ram", false, false);
	free(memop_table);
	memop_table = calloc(12345, sizeof(*memop_table));
	frames_init(memop_table, 12345);
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_ram_page, 0), 12345);
	/* A start extent is dispatched by the low 6 bits, then refused, as on Xen. */
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_ram_page | (7 << 6), 0), -PV_EINVAL);
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_ram_page | (1ull << 40), 0), -PV_EINVAL);
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_ram_page | 0x3f, 0), -PV_ENOSYS);
	finish(1);
}

/* Puts @domid at offset 0x20 and asks for a reservation with @cmd. */
static long reservation(uint64_t cmd, uint16_t domid)
{
	memcpy(gmem(0x20), &domid, sizeof(domid));
	return do_memory_op(cmd, gva(0x20));
}

TEST(hc_memory_op_reservation)
{
	struct domain *domu, *other, *dom0;

	start();
	domu = make(121, "domu", false, false);
	domu->nr_pages = 100;
	domu->max_pages = 200;
	other = make(122, "other", false, false);
	other->nr_pages = 300;
	other->max_pages = 400;
	dom0 = make(123, "dom0", true, true);
	dom0->nr_pages = 500;
	dom0->max_pages = 600;

	host_current_domain = domu;
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, DOMID_SELF), 100);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, DOMID_SELF), 200);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, 121), 100);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, 121), 200);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, 122), -PV_EPERM);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, 123), -PV_EPERM);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, 999), -PV_ESRCH);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, 999), -PV_ESRCH);
	CHECK_EQ(do_memory_op(PV_XENMEM_current_reservation, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_reservation, past_end(2)), -PV_EFAULT);

	host_current_domain = dom0;
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, DOMID_SELF), 500);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, 123), 600);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, 121), 100);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, 122), 400);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, 999), -PV_ESRCH);
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_reservation, BAD_VA), -PV_EFAULT);

	/* A dead domain is gone. */
	other->nr_pages = 0;
	domain_shutdown(other, PV_SHUTDOWN_poweroff);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, 122), -PV_ESRCH);

	/*
	 * The bits above the low 6 are a start extent: the op is still the
	 * reservation query, which refuses one with -EINVAL, as Xen does.
	 */
	CHECK_EQ(reservation(PV_XENMEM_current_reservation | (5 << 6), 121), -PV_EINVAL);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation | (5 << 6), DOMID_SELF),
		 -PV_EINVAL);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation | (1 << 6), 999), -PV_EINVAL);
	finish(3);
}

TEST(hc_memory_op_populated_domain)
{
	struct domain *d;

	start();
	free(memop_table);
	memop_table = calloc(1024, sizeof(*memop_table));
	frames_init(memop_table, 1024);
	frames_add_free(0, 1024);
	d = make(124, "pop", false, false);
	host_current_domain = d;
	CHECK_EQ(domain_populate(d, 64), 0);
	CHECK_EQ(frames_free_count(), 1024 - 64);
	CHECK_EQ(reservation(PV_XENMEM_current_reservation, DOMID_SELF), 64);
	CHECK_EQ(reservation(PV_XENMEM_maximum_reservation, 124), 64);
	CHECK_EQ(do_memory_op(PV_XENMEM_maximum_ram_page, 0), 1024);
	finish(1);
	CHECK_EQ(frames_free_count(), 1024);
}

/* Puts a pv_memory_map {@nr, @buffer} at offset 0x100. */
static uint64_t map_arg(uint32_t nr, uint64_t buffer)
{
	struct pv_memory_map m = { .nr_entries = nr, .buffer = buffer };

	memcpy(gmem(0x100), &m, sizeof(m));
	return gva(0x100);
}

static uint32_t map_nr(void)
{
	struct pv_memory_map m;

	memcpy(&m, gmem(0x100), sizeof(m));
	CHECK_EQ(m.buffer, gva(0x200));
	return m.nr_entries;
}

/* Checks the one RAM entry at offset 0x200 and that nothing follows it. */
static void check_ram_entry(uint64_t size)
{
	uint64_t addr, len;
	uint32_t type;

	memcpy(&addr, gmem(0x200), 8);
	memcpy(&len, gmem(0x208), 8);
	memcpy(&type, gmem(0x210), 4);
	CHECK_EQ(addr, 0);
	CHECK_EQ(len, size);
	CHECK_EQ(type, 1);
	CHECK(all_bytes(gmem(0x214), 0xaa, 20 * 127));
}

TEST(hc_memory_op_memory_map)
{
	struct domain *d;

	start();
	d = make(125, "map", false, false);
	d->nr_pages = 0x1000;
	d->max_pages = 0x12345;
	d->memory_map_pages = 0x12345;
	host_current_domain = d;

	memset(gmem(0x200), 0xaa, 20 * 128);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(0, gva(0x200))), 0);
	CHECK_EQ(map_nr(), 0);
	CHECK(all_bytes(gmem(0x200), 0xaa, 20 * 128));

	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(1, gva(0x200))), 0);
	CHECK_EQ(map_nr(), 1);
	check_ram_entry(0x12345000ull);

	memset(gmem(0x200), 0xaa, 20 * 128);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(128, gva(0x200))), 0);
	CHECK_EQ(map_nr(), 1);
	check_ram_entry(0x12345000ull);

	/*
	 * memory_map is an x86 sub-op, which Xen chooses by the whole cmd:
	 * with a start extent it is unknown.
	 */
	memset(gmem(0x200), 0xaa, 20 * 128);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map | (5 << 6), map_arg(2, gva(0x200))),
		 -PV_ENOSYS);
	CHECK_EQ(map_nr(), 2);
	CHECK(all_bytes(gmem(0x200), 0xaa, 20 * 128));

	/* Bad structure, bad buffer; no entries asked for, no buffer touched. */
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, past_end(16)), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(1, BAD_VA)), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(128, past_end(20))), -PV_EFAULT);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(0, BAD_VA)), 0);

	/*
	 * The map is the memory the domain was configured with, not what it
	 * holds now: it does not shrink as pages are given back.
	 */
	d->nr_pages = 1;
	memset(gmem(0x200), 0xaa, 20 * 128);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(3, gva(0x200))), 0);
	CHECK_EQ(map_nr(), 1);
	check_ram_entry(0x12345000ull);
	d->memory_map_pages = 1;
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(3, gva(0x200))), 0);
	check_ram_entry(0x1000);

	/*
	 * No map set (dom0, as on Xen): -ENOSYS once the argument is read,
	 * nothing written.
	 */
	d->memory_map_pages = 0;
	memset(gmem(0x200), 0xaa, 20 * 128);
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, map_arg(3, gva(0x200))), -PV_ENOSYS);
	CHECK_EQ(map_nr(), 3);
	CHECK(all_bytes(gmem(0x200), 0xaa, 20 * 128));
	CHECK_EQ(do_memory_op(PV_XENMEM_memory_map, BAD_VA), -PV_EFAULT);
	finish(1);
}

TEST(hc_memory_op_unknown)
{
	/*
	 * Not implemented (8 is unassigned); and the x86 sub-ops, which Xen
	 * chooses by the whole cmd, with a start extent.
	 */
	static const uint64_t ops[] = { 8, 13, 14, 15, 16, 17, 23, 24, 26, 27, 28, 63,
					 5 | (1 << 6), 9 | (1 << 6), 10 | (1 << 6), 12 | (1 << 6),
					 12 | (1ull << 40) };

	start();
	host_current_domain = make(126, "unk", true, true);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		CHECK_EQ(do_memory_op(ops[i], map_arg(1, gva(0x200))), -PV_ENOSYS);
	finish(1);
}

/* ---- physdev_op ---- */

static struct vcpu *make_caller(uint16_t domid)
{
	struct domain *d = make(domid, "io", false, false);
	struct vcpu *v = vcpu_create(d, 0);

	CHECK(v != NULL);
	if (!v)
		abort();
	host_current_domain = d;
	return v;
}

TEST(hc_physdev_set_iopl)
{
	struct pv_physdev_set_iopl *op = (void *)gmem(0);
	struct vcpu *v;

	start();
	v = make_caller(60);
	op->iopl = 3;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iopl, gva(0)), 0);
	CHECK_EQ(v->ioperm.iopl, 3);
	op->iopl = 4;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iopl, gva(0)), -PV_EINVAL);
	op->iopl = 0x80000001u;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iopl, gva(0)), -PV_EINVAL);
	CHECK_EQ(v->ioperm.iopl, 3);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iopl, BAD_VA), -PV_EFAULT);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iopl, past_end(sizeof(*op))), -PV_EFAULT);
	op->iopl = 0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iopl, gva(0)), 0);
	CHECK_EQ(v->ioperm.iopl, 0);
	finish(1);
}

TEST(hc_physdev_set_iobitmap)
{
	struct pv_physdev_set_iobitmap *op = (void *)gmem(0);
	struct vcpu *v;

	start();
	v = make_caller(61);
	*op = (struct pv_physdev_set_iobitmap){ .bitmap = gva(0x100), .nr_ports = 65536 };
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iobitmap, gva(0)), 0);
	CHECK_EQ(v->ioperm.bitmap, gva(0x100));
	CHECK_EQ(v->ioperm.bitmap_ports, 65536);
	op->nr_ports = 65537;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iobitmap, gva(0)), -PV_EINVAL);
	op->nr_ports = 8;
	op->bitmap = BAD_VA;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iobitmap, gva(0)), -PV_EINVAL);
	CHECK_EQ(v->ioperm.bitmap_ports, 65536);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iobitmap, past_end(sizeof(*op))), -PV_EFAULT);
	/* Only the start is checked, as Xen's guest_handle_okay does. */
	op->bitmap = past_end(1) - 1;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iobitmap, gva(0)), 0);
	CHECK_EQ(v->ioperm.bitmap_ports, 8);
	op->nr_ports = 0;
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_set_iobitmap, gva(0)), 0);
	CHECK_EQ(v->ioperm.bitmap_ports, 0);
	finish(1);
}

TEST(hc_physdev_other_ops_and_compat)
{
	struct pv_physdev_op *op = (void *)gmem(0);
	struct vcpu *v;

	start();
	v = make_caller(62);
	CHECK_EQ(do_physdev_op(PV_PHYSDEVOP_prepare_msix, gva(0)), -PV_ENOSYS);
	CHECK_EQ(do_physdev_op(1000, gva(0)), -PV_ENOSYS);
	op->cmd = PV_PHYSDEVOP_set_iopl;
	op->u.set_iopl.iopl = 2;
	CHECK_EQ(do_physdev_op_compat(gva(0)), 0);
	CHECK_EQ(v->ioperm.iopl, 2);
	op->u.set_iopl.iopl = 7;
	CHECK_EQ(do_physdev_op_compat(gva(0)), -PV_EINVAL);
	/* The whole structure must be readable, even for a 4-byte argument. */
	memcpy(gmem(HOST_GUEST_SIZE - sizeof(*op) + 1), op, 12);
	CHECK_EQ(do_physdev_op_compat(past_end(sizeof(*op))), -PV_EFAULT);
	CHECK_EQ(do_physdev_op_compat(BAD_VA), -PV_EFAULT);
	/* The union is the argument: irq 7's status lands in its flags. */
	op->cmd = PV_PHYSDEVOP_irq_status_query;
	op->u.irq_status_query.flags = 0;
	CHECK_EQ(do_physdev_op_compat(gva(0)), 0);
	CHECK_EQ(op->u.irq_status_query.irq, 7);
	CHECK_EQ(op->u.irq_status_query.flags, PV_XENIRQSTAT_needs_eoi);
	CHECK_EQ(v->ioperm.iopl, 2);
	finish(1);
}
