/*
 * pvbench: lmbench-style microbenchmarks of the kernel paths that a
 * paravirtualised kernel pays for (system call entry, process creation,
 * page faults, address-space changes, context switches through a pipe).
 * A static program of ours, run inside Linux on bare QEMU, as dom0 of
 * Ringvisor and as dom0 of Xen by make bench (scripts/linux-bench.sh).
 *
 * Usage: pvbench [ROUNDS [SCALE]]  (defaults 5 and 1)
 * Prints one line per round and operation, "pvbench OP ROUND NS", the
 * nanoseconds one operation took in that round (CLOCK_MONOTONIC), then
 * "pvbench done".  SCALE multiplies the operations per round.
 * "pvbench --exit" exits at once: the program fork_exec runs.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

static unsigned long scale = 1;
static const char *self = "/proc/self/exe";

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* A system call that does nothing but enter and leave the kernel. */
static double null_syscall(unsigned long n)
{
	double t = now_ns();

	for (unsigned long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (now_ns() - t) / n;
}

static void wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		die("child");
}

static double fork_exit(unsigned long n)
{
	double t = now_ns();

	for (unsigned long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (!pid)
			_exit(0);
		wait_child(pid);
	}
	return (now_ns() - t) / n;
}

static double fork_exec(unsigned long n)
{
	char *argv[] = { "pvbench", "--exit", NULL };
	double t = now_ns();

	for (unsigned long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (!pid) {
			execv(self, argv);
			_exit(127);
		}
		wait_child(pid);
	}
	return (now_ns() - t) / n;
}

/* First touch of fresh anonymous memory: one fault per page. */
static double page_fault(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	double t;

	if (p == MAP_FAILED)
		die("mmap");
	t = now_ns();
	for (unsigned long i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	t = (now_ns() - t) / pages;
	munmap(p, pages * PAGE);
	return t;
}

/* Map 1 MiB, touch one page of it, unmap it. */
static double mmap_munmap(unsigned long n)
{
	double t = now_ns();

	for (unsigned long i = 0; i < n; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			die("mmap");
		p[0] = 1;
		munmap(p, 1 << 20);
	}
	return (now_ns() - t) / n;
}

/* One byte there and back between two processes: two context switches. */
static double pipe_pingpong(unsigned long n)
{
	int there[2], back[2];
	char c = 0;
	pid_t pid;
	double t;

	if (pipe(there) || pipe(back))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		for (unsigned long i = 0; i < n; i++)
			if (read(there[0], &c, 1) != 1 || write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	t = now_ns();
	for (unsigned long i = 0; i < n; i++)
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1)
			die("pipe round trip");
	t = (now_ns() - t) / n;
	wait_child(pid);
	close(there[0]);
	close(there[1]);
	close(back[0]);
	close(back[1]);
	return t;
}

static const struct op {
	const char *name;
	double (*run)(unsigned long n);
	unsigned long n; /* operations per round at scale 1 */
} ops[] = {
	{ "null_syscall", null_syscall, 20000 },
	{ "fork_exit", fork_exit, 100 },
	{ "fork_exec", fork_exec, 50 },
	{ "page_fault", page_fault, 4096 },
	{ "mmap_munmap", mmap_munmap, 1000 },
	{ "pipe_pingpong", pipe_pingpong, 2000 },
};

int main(int argc, char **argv)
{
	unsigned long rounds = 5;

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	if (argc > 1)
		rounds = strtoul(argv[1], NULL, 10);
	if (argc > 2)
		scale = strtoul(argv[2], NULL, 10);
	if (!rounds || !scale) {
		fprintf(stderr, "usage: pvbench [ROUNDS [SCALE]]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (unsigned long r = 1; r <= rounds; r++)
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			printf("pvbench %s %lu %.1f\n", ops[i].name, r, ops[i].run(ops[i].n * scale));
	printf("pvbench done\n");
	return 0;
}
