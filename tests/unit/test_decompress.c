/*
 * The decompressors (hypervisor/common/decompress/) against Debian's real
 * xz, gzip and lz4 (legacy and current frames): generated inputs of several kinds and sizes, compressed
 * at test time with several option sets, must come back byte-identical;
 * truncated and corrupted streams must be refused (or, where the format
 * has no checksum, at least never overrun, crash or hang); the output
 * buffer bound is exact.  Output buffers are malloc'd to the byte so that
 * AddressSanitizer catches any write past them.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "compress_tool.h"
#include "decompress.h"
#include "decompress/internal.h"
#include "harness.h"

static const size_t sizes[] = { 0, 1, 37, 4096, 65537, 300000 };
#define SIZE_COUNT (sizeof(sizes) / sizeof(sizes[0]))

struct tool_case {
	enum decomp_format format;
	const char *command;
};

static const struct tool_case tool_cases[] = {
	{ DECOMP_XZ, "xz -c -0" },
	{ DECOMP_XZ, "xz -c -6" },
	{ DECOMP_XZ, "xz -c --x86 --lzma2=preset=6" },
	{ DECOMP_XZ, "xz -c --check=crc32 --lzma2=preset=1,dict=64KiB,lc=0,lp=2,pb=0" },
	{ DECOMP_XZ, "xz -c --check=none --lzma2=preset=2,lc=4,lp=0,pb=4" },
	{ DECOMP_XZ, "xz -c --check=crc64 -e -2" },
	{ DECOMP_XZ, "xz -c --x86=start=4096 --lzma2=preset=1,lc=1,lp=3,pb=1" },
	{ DECOMP_XZ, "xz -c -1 --block-size=20000" },
	{ DECOMP_GZIP, "gzip -c -n -1" },
	{ DECOMP_GZIP, "gzip -c -6" },
	{ DECOMP_GZIP, "gzip -c -n -9" },
	{ DECOMP_LZ4_LEGACY, "lz4 -q -c -l -1" },
	{ DECOMP_LZ4_LEGACY, "lz4 -q -c -l -9" },
	{ DECOMP_LZ4_FRAME, "lz4 -q -c -1" },
	{ DECOMP_LZ4_FRAME, "lz4 -q -c -9 -BD -B4 --content-size" },
	{ DECOMP_LZ4_FRAME, "lz4 -q -c -3 -BX -B5 --no-frame-crc" },
};
#define TOOL_CASES (sizeof(tool_cases) / sizeof(tool_cases[0]))

/* Decodes @in into a buffer of exactly @cap bytes; returns the io result. */
static int decode(enum decomp_format format, const uint8_t *in, size_t len, size_t cap,
		  uint8_t **out, struct decomp_io *io)
{
	*out = malloc(cap ? cap : 1);
	*io = (struct decomp_io){ .in = in, .in_size = len, .out = *out, .out_size = cap };
	return decomp_run(format, io);
}

/* Decodes and compares with @want; true if identical. */
static bool roundtrip_ok(enum decomp_format format, const uint8_t *packed, size_t packed_len,
			 const uint8_t *want, size_t want_len)
{
	struct decomp_io io;
	uint8_t *out;
	bool ok = decode(format, packed, packed_len, want_len, &out, &io) == 0 &&
		  io.out_pos == want_len && io.in_pos == packed_len &&
		  (want_len == 0 || memcmp(out, want, want_len) == 0);

	if (!ok)
		printf("  decode failed: %s\n", io.error ? io.error : "output differs");
	free(out);
	return ok;
}

static void check_tool_case(const struct tool_case *tc, enum input_kind kind, size_t size)
{
	uint8_t *data = make_input(kind, size, size + kind), *packed;
	size_t packed_len;
	uint64_t recorded;

	packed = tool_filter(tc->command, data, size, &packed_len);
	CHECK(packed != NULL);
	if (packed) {
		CHECK_EQ(decomp_detect(packed, packed_len), tc->format);
		if (!roundtrip_ok(tc->format, packed, packed_len, data, size)) {
			printf("  case '%s', input kind %d, %zu bytes\n", tc->command, kind, size);
			CHECK(0);
		}
		if (decomp_recorded_size(tc->format, packed, packed_len, &recorded) == 0)
			CHECK_EQ(recorded, size);
		else
			CHECK(tc->format == DECOMP_LZ4_LEGACY || tc->format == DECOMP_LZ4_FRAME);
	}
	free(packed);
	free(data);
}

TEST(decompress_matches_real_tools)
{
	for (unsigned int t = 0; t < TOOL_CASES; t++) {
		for (unsigned int kind = 0; kind < INPUT_KINDS; kind++) {
			/* Large zeros and random bytes teach nothing more than at 64 KiB. */
			unsigned int count = kind == INPUT_ZEROS || kind == INPUT_RANDOM ?
					     SIZE_COUNT - 1 : SIZE_COUNT;

			for (unsigned int s = 0; s < count; s++)
				check_tool_case(&tool_cases[t], kind, sizes[s]);
		}
	}
}

/* A few MiB: several LZMA2 chunks, many deflate blocks, lz4 legacy's 8 MiB blocks. */
TEST(decompress_large_inputs)
{
	static const struct tool_case large[] = {
		{ DECOMP_XZ, "xz -c -1 --x86 --lzma2=preset=1" },
		{ DECOMP_GZIP, "gzip -c -1" },
		{ DECOMP_LZ4_LEGACY, "lz4 -q -c -l -1" },
		{ DECOMP_LZ4_FRAME, "lz4 -q -c -1 -BD -BX" },
	};

	for (unsigned int t = 0; t < sizeof(large) / sizeof(large[0]); t++) {
		check_tool_case(&large[t], INPUT_CODE, 3u << 20);
		check_tool_case(&large[t], INPUT_ZEROS, 17u << 20);
	}
}

static uint8_t *packed_sample(const char *command, size_t size, uint8_t **data, size_t *packed_len)
{
	uint8_t *packed;

	*data = make_input(INPUT_CODE, size, 7);
	packed = tool_filter(command, *data, size, packed_len);
	CHECK(packed != NULL);
	return packed;
}

/*
 * Every cut short of the whole stream is refused for xz and gzip; lz4's
 * legacy frame can only be refused when the cut is inside a block, and
 * must never give the whole output.
 */
static void check_truncations(enum decomp_format format, const char *command)
{
	size_t size = 100000, packed_len, refused = 0, tried = 0;
	uint8_t *data, *packed = packed_sample(command, size, &data, &packed_len);

	for (size_t cut = 0; packed && cut < packed_len; cut += cut < 64 || cut > packed_len - 64 ? 1 : 97) {
		struct decomp_io io;
		uint8_t *out;
		int rc = decode(format, packed, cut, size, &out, &io);

		tried++;
		if (rc)
			refused++;
		CHECK(rc != 0 || io.out_pos < size);
		if (format != DECOMP_LZ4_LEGACY && rc == 0)
			printf("  %s: accepted a stream cut at %zu of %zu\n", command, cut, packed_len);
		CHECK(rc != 0 ? io.error != NULL : format == DECOMP_LZ4_LEGACY);
		free(out);
	}
	CHECK(tried > 100 && refused > tried / 2);
	free(packed);
	free(data);
}

TEST(decompress_refuses_truncated_streams)
{
	check_truncations(DECOMP_XZ, "xz -c -6 --x86 --lzma2=preset=6");
	check_truncations(DECOMP_XZ, "xz -c --check=crc64 -1 --block-size=30000");
	check_truncations(DECOMP_GZIP, "gzip -c -6");
	check_truncations(DECOMP_LZ4_LEGACY, "lz4 -q -c -l -9");
	check_truncations(DECOMP_LZ4_FRAME, "lz4 -q -c -9 -B4 -BD");
}

/*
 * Random byte changes: the checked formats either refuse the stream or, if
 * the byte did not matter (gzip's timestamp, say), give the same output.
 * lz4 legacy has no checksum; it only must not overrun, crash or hang.
 */
static void check_corruptions(enum decomp_format format, const char *command, unsigned int trials)
{
	size_t size = 60000, packed_len;
	uint8_t *data, *packed = packed_sample(command, size, &data, &packed_len);
	uint64_t seed = 0x1234567 + format;
	unsigned int refused = 0;

	for (unsigned int i = 0; packed && i < trials; i++) {
		size_t at = xorshift64(&seed) % packed_len;
		uint8_t old = packed[at], flip = (uint8_t)(xorshift64(&seed) % 255 + 1);
		struct decomp_io io;
		uint8_t *out;
		int rc;

		packed[at] ^= flip;
		rc = decode(format, packed, packed_len, size, &out, &io);
		if (rc)
			refused++;
		if (format != DECOMP_LZ4_LEGACY && rc == 0 &&
		    (io.out_pos != size || memcmp(out, data, size) != 0)) {
			printf("  %s: byte %zu ^ %#x accepted with wrong output\n", command, at, flip);
			CHECK(0);
		}
		CHECK(rc == 0 || io.error != NULL);
		packed[at] = old;
		free(out);
	}
	if (format != DECOMP_LZ4_LEGACY)
		CHECK(refused > trials / 2);
	free(packed);
	free(data);
}

TEST(decompress_refuses_corrupted_streams)
{
	check_corruptions(DECOMP_XZ, "xz -c -6 --x86 --lzma2=preset=6", 400);
	check_corruptions(DECOMP_XZ, "xz -c --check=none -1", 400);
	check_corruptions(DECOMP_GZIP, "gzip -c -9", 400);
	check_corruptions(DECOMP_LZ4_LEGACY, "lz4 -q -c -l -1", 400);
	check_corruptions(DECOMP_LZ4_FRAME, "lz4 -q -c -1 -B4 -BX", 400);
}

/* Garbage after a valid magic: refused with a message, never an overrun. */
TEST(decompress_refuses_random_streams)
{
	static const uint8_t magic[4][6] = {
		{ 0xfd, '7', 'z', 'X', 'Z', 0 }, { 0x1f, 0x8b, 8, 0 }, { 0x02, 0x21, 0x4c, 0x18 },
		{ 0x04, 0x22, 0x4d, 0x18, 0x40, 0x40 } };
	static const enum decomp_format formats[4] = { DECOMP_XZ, DECOMP_GZIP, DECOMP_LZ4_LEGACY,
						       DECOMP_LZ4_FRAME };
	uint64_t seed = 99;

	for (unsigned int i = 0; i < 4000; i++) {
		size_t len = 6 + xorshift64(&seed) % 600;
		uint8_t *in = make_input(INPUT_RANDOM, len, i), *out;
		struct decomp_io io;

		memcpy(in, magic[i % 4], i % 4 == 2 ? 4 : 6);
		decode(formats[i % 4], in, len, 4096, &out, &io);
		CHECK(io.out_pos <= 4096);
		free(out);
		free(in);
	}
}

/* The output buffer bound is exact: one byte short is refused. */
TEST(decompress_output_bound_is_exact)
{
	const char *commands[] = { "xz -c -6", "gzip -c -6", "lz4 -q -c -l -1", "lz4 -q -c -1" };
	const enum decomp_format formats[] = { DECOMP_XZ, DECOMP_GZIP, DECOMP_LZ4_LEGACY,
					       DECOMP_LZ4_FRAME };

	for (unsigned int t = 0; t < 4; t++) {
		size_t size = 50000, packed_len;
		uint8_t *data, *packed = packed_sample(commands[t], size, &data, &packed_len), *out;
		struct decomp_io io;

		CHECK_EQ(decode(formats[t], packed, packed_len, size, &out, &io), 0);
		free(out);
		CHECK_EQ(decode(formats[t], packed, packed_len, size - 1, &out, &io), -1);
		CHECK(io.out_pos <= size - 1 && io.error != NULL);
		free(out);
		CHECK_EQ(decode(formats[t], packed, packed_len, 0, &out, &io), -1);
		free(out);
		free(packed);
		free(data);
	}
}

TEST(decompress_unsupported_xz_features_refused)
{
	const char *commands[] = { "xz -c --check=sha256 -1", "xz -c --delta --lzma2",
				   "xz -c --arm --lzma2", "xz -c --format=lzma" };

	for (unsigned int t = 0; t < 4; t++) {
		size_t size = 1000, packed_len;
		uint8_t *data, *packed = packed_sample(commands[t], size, &data, &packed_len), *out;
		struct decomp_io io;

		CHECK_EQ(decode(DECOMP_XZ, packed, packed_len, size, &out, &io), -1);
		CHECK(io.error != NULL);
		free(out);
		free(packed);
		free(data);
	}
}

TEST(decompress_detects_formats)
{
	CHECK_EQ(decomp_detect("\xfd" "7zXZ\0rest", 9), DECOMP_XZ);
	CHECK_EQ(decomp_detect("\xfd" "7zXZ", 5), DECOMP_NONE);
	CHECK_EQ(decomp_detect("\x1f\x8b", 2), DECOMP_GZIP);
	CHECK_EQ(decomp_detect("\x02\x21\x4c\x18", 4), DECOMP_LZ4_LEGACY);
	CHECK_EQ(decomp_detect("\x04\x22\x4d\x18", 4), DECOMP_LZ4_FRAME);
	CHECK_EQ(decomp_detect("\x7f" "ELF", 4), DECOMP_NONE);
	CHECK_EQ(decomp_detect("", 0), DECOMP_NONE);
	CHECK(strcmp(decomp_format_name(DECOMP_XZ), "xz") == 0);
	CHECK(strcmp(decomp_format_name(DECOMP_NONE), "unknown") == 0);
}

/*
 * gzip's optional header fields, which the gzip tool never writes: extra
 * field, name, comment and header CRC around a real deflate stream.
 */
TEST(decompress_gzip_optional_header_fields)
{
	static const uint8_t fields[] = { 3, 0, 'a', 'b', 'c', 'k', 0, 'c', 0 };
	size_t size = 3000, packed_len, len = 10 + sizeof(fields);
	uint8_t *data = make_input(INPUT_TEXT, size, 5), *out;
	uint8_t *packed = tool_filter("gzip -c -n", data, size, &packed_len), *gz;
	struct decomp_io io;
	uint32_t crc;

	CHECK(packed != NULL && packed_len > 10);
	if (!packed)
		return;
	gz = malloc(packed_len + sizeof(fields) + 2);
	memcpy(gz, packed, 10);
	gz[3] = 0x1e;	/* FHCRC | FEXTRA | FNAME | FCOMMENT */
	memcpy(gz + 10, fields, sizeof(fields));
	crc = crc32_update(0, gz, len);
	gz[len] = (uint8_t)crc;
	gz[len + 1] = (uint8_t)(crc >> 8);
	memcpy(gz + len + 2, packed + 10, packed_len - 10);
	len += 2 + packed_len - 10;
	CHECK(roundtrip_ok(DECOMP_GZIP, gz, len, data, size));

	gz[10 + sizeof(fields)] ^= 1;
	CHECK_EQ(decode(DECOMP_GZIP, gz, len, size, &out, &io), -1);
	CHECK(strcmp(io.error, "gzip: header CRC mismatch") == 0);
	free(out);
	gz[3] = 0x20;
	CHECK_EQ(decode(DECOMP_GZIP, gz, len, size, &out, &io), -1);
	CHECK(strcmp(io.error, "gzip: reserved header flags set") == 0);
	free(out);
	free(gz);
	free(packed);
	free(data);
}
