/* Host helpers for the decompressor tests (see compress_tool.h). */
#include <stdlib.h>
#include <unistd.h>

#include "compress_tool.h"
#include "harness.h"

uint8_t *tool_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)size + 1);
		if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)size;
	}
	fclose(f);
	return buf;
}

/* The file names are unique per process and call, under $TMPDIR or /tmp. */
uint8_t *tool_filter(const char *command, const uint8_t *data, size_t len, size_t *out_len)
{
	static unsigned int calls;
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char in_path[512], out_path[512], shell[1536];
	uint8_t *out = NULL;
	FILE *in;

	snprintf(in_path, sizeof(in_path), "%s/rv-decomp-%d-%u.in", dir, (int)getpid(), calls);
	snprintf(out_path, sizeof(out_path), "%s/rv-decomp-%d-%u.out", dir, (int)getpid(), calls++);
	in = fopen(in_path, "wb");
	if (in && (len == 0 || fwrite(data, 1, len, in) == len) && fclose(in) == 0) {
		in = NULL;
		snprintf(shell, sizeof(shell), "%s < %s > %s", command, in_path, out_path);
		if (system(shell) == 0)
			out = tool_read_file(out_path, out_len);
	}
	if (in)
		fclose(in);
	unlink(in_path);
	unlink(out_path);
	return out;
}

static const char *const words[] = {
	"the", "hypervisor", "page", "table", "of", "a", "guest", "kernel", "event",
	"channel", "grant", "\n", "frame", "domain", "0x1f", "vcpu", "and", "is", ",",
};

uint8_t *make_input(enum input_kind kind, size_t len, uint64_t seed)
{
	uint8_t *buf = calloc(1, len + 1), *code = NULL;
	size_t code_len = 0, pos = 0;

	if (!buf)
		return NULL;
	seed = seed * 0x9e3779b97f4a7c15ull | 1;
	switch (kind) {
	case INPUT_ZEROS:
		break;
	case INPUT_RANDOM:
		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)xorshift64(&seed);
		break;
	case INPUT_TEXT:
		while (pos < len) {
			const char *w = words[xorshift64(&seed) % (sizeof(words) / sizeof(words[0]))];

			for (; *w && pos < len; w++)
				buf[pos++] = (uint8_t)*w;
			if (pos < len)
				buf[pos++] = ' ';
		}
		break;
	case INPUT_CODE:
		code = tool_read_file("/proc/self/exe", &code_len);
		for (size_t i = 0; code && code_len && i < len; i++)
			buf[i] = code[(i + seed % code_len) % code_len];
		free(code);
		break;
	default:
		break;
	}
	return buf;
}
