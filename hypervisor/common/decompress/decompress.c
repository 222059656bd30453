/*
 * Recognises a compressed stream by its magic number and runs the decoder
 * for it (see decompress.h).
 */
#include "decompress/internal.h"
#include "lib/string.h"

struct format {
	const char *name;
	const uint8_t *magic;
	size_t magic_len;
	int (*decode)(struct decomp_io *io);
	int (*recorded_size)(const uint8_t *in, size_t size, uint64_t *out_size);
};

static const struct format formats[] = {
	[DECOMP_XZ] = { "xz", (const uint8_t *)"\xfd" "7zXZ\0", 6, xz_decode, xz_recorded_size },
	[DECOMP_GZIP] = { "gzip", (const uint8_t *)"\x1f\x8b", 2, gzip_decode, gzip_recorded_size },
	[DECOMP_LZ4_LEGACY] = { "lz4", (const uint8_t *)"\x02\x21\x4c\x18", 4, lz4_legacy_decode,
				NULL },
	[DECOMP_LZ4_FRAME] = { "lz4 frame", (const uint8_t *)"\x04\x22\x4d\x18", 4,
			       lz4_frame_decode, lz4_frame_recorded_size },
};

#define FORMAT_COUNT (sizeof(formats) / sizeof(formats[0]))

enum decomp_format decomp_detect(const void *in, size_t size)
{
	for (unsigned int f = DECOMP_NONE + 1; f < FORMAT_COUNT; f++) {
		if (size >= formats[f].magic_len && !memcmp(in, formats[f].magic, formats[f].magic_len))
			return (enum decomp_format)f;
	}
	return DECOMP_NONE;
}

const char *decomp_format_name(enum decomp_format format)
{
	return format != DECOMP_NONE && format < FORMAT_COUNT ? formats[format].name : "unknown";
}

int decomp_recorded_size(enum decomp_format format, const void *in, size_t size,
			 uint64_t *out_size)
{
	if (format == DECOMP_NONE || format >= FORMAT_COUNT || !formats[format].recorded_size)
		return -1;
	return formats[format].recorded_size(in, size, out_size);
}

int decomp_run(enum decomp_format format, struct decomp_io *io)
{
	io->error = NULL;
	if (format == DECOMP_NONE || format >= FORMAT_COUNT)
		return decomp_fail(io, "not a compressed stream we know");
	if (io->in_pos > io->in_size || io->out_pos > io->out_size)
		return decomp_fail(io, "bad buffer positions");
	return formats[format].decode(io);
}
