/*
 * The dom0 workload of the Linux system tests, a static program in the
 * initramfs: 1000 fork+exec of a static program (itself, as "child"),
 * 256 MiB allocated and every page touched and checked, and a pipe
 * ping-pong between two processes.  Prints one line per part with its
 * time and "workload: done" when all parts passed; exits 1 otherwise.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FORK_EXECS 1000
#define TOUCH_BYTES (256ul << 20)
#define PAGE_BYTES 4096ul
#define PING_PONGS 10000

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int fork_exec(void)
{
	for (int i = 0; i < FORK_EXECS; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("workload: fork");
			return -1;
		}
		if (pid == 0) {
			execl("/proc/self/exe", "workload", "child", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 42) {
			fprintf(stderr, "workload: exec %d: child status %#x\n", i, status);
			return -1;
		}
	}
	return 0;
}

/* Writes a pattern to every page, then reads it all back. */
static int touch_memory(void)
{
	uint8_t *mem = mmap(NULL, TOUCH_BYTES, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int bad = 0;

	if (mem == MAP_FAILED) {
		perror("workload: mmap");
		return -1;
	}
	for (size_t off = 0; off < TOUCH_BYTES; off += PAGE_BYTES)
		memset(mem + off, (uint8_t)(off / PAGE_BYTES), PAGE_BYTES);
	for (size_t off = 0; off < TOUCH_BYTES; off += PAGE_BYTES)
		bad += mem[off] != (uint8_t)(off / PAGE_BYTES) ||
		       mem[off + PAGE_BYTES - 1] != (uint8_t)(off / PAGE_BYTES);
	munmap(mem, TOUCH_BYTES);
	if (bad)
		fprintf(stderr, "workload: %d pages lost their contents\n", bad);
	return bad ? -1 : 0;
}

/* The parent sends a counter, the child sends it back plus one. */
static int pipe_ping_pong(void)
{
	int to_child[2], to_parent[2], status;
	pid_t pid;

	if (pipe(to_child) || pipe(to_parent)) {
		perror("workload: pipe");
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		perror("workload: fork");
		return -1;
	}
	if (pid == 0) {
		uint32_t v;

		close(to_child[1]);
		close(to_parent[0]);
		while (read(to_child[0], &v, sizeof(v)) == sizeof(v)) {
			v++;
			if (write(to_parent[1], &v, sizeof(v)) != sizeof(v))
				_exit(1);
		}
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	for (uint32_t i = 0; i < PING_PONGS; i++) {
		uint32_t v = i;

		if (write(to_child[1], &v, sizeof(v)) != sizeof(v) ||
		    read(to_parent[0], &v, sizeof(v)) != sizeof(v) || v != i + 1) {
			fprintf(stderr, "workload: ping-pong broke at %u\n", i);
			return -1;
		}
	}
	close(to_child[1]);
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
			       WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	double t;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return 42;

	t = now_ms();
	if (fork_exec())
		return 1;
	printf("workload: %d fork+exec in %.0f ms\n", FORK_EXECS, now_ms() - t);

	t = now_ms();
	if (touch_memory())
		return 1;
	printf("workload: %lu MiB allocated and touched in %.0f ms\n", TOUCH_BYTES >> 20,
	       now_ms() - t);

	t = now_ms();
	if (pipe_ping_pong())
		return 1;
	printf("workload: %d pipe round trips in %.0f ms\n", PING_PONGS, now_ms() - t);

	printf("workload: done\n");
	return 0;
}
