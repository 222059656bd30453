/*
 * Decompressors for kernel images (hypervisor/common/decompress/): xz
 * (LZMA2, optionally behind the x86 BCJ filter), gzip (deflate) and lz4
 * (the legacy frame Linux uses, and the current frame format).  Each decodes one
 * whole stream from memory into a caller-provided buffer and never writes
 * past its end; untrusted input is refused with a message, never trusted.
 */
#ifndef DECOMPRESS_H
#define DECOMPRESS_H

#include <stddef.h>
#include <stdint.h>

enum decomp_format {
	DECOMP_NONE,		/* not a stream we recognise */
	DECOMP_XZ,
	DECOMP_GZIP,
	DECOMP_LZ4_LEGACY,
	DECOMP_LZ4_FRAME,
};

/*
 * One decoding job.  The decoder reads in[in_pos..in_size) and appends to
 * out[out_pos..out_size).  On return in_pos is just past the stream's end
 * (trailing bytes are the caller's business) and out_pos the end of the
 * data written; on failure error says why.
 */
struct decomp_io {
	const uint8_t *in;
	size_t in_size, in_pos;
	uint8_t *out;
	size_t out_size, out_pos;
	const char *error;
};

/* The format of the stream that starts @in (by its magic number). */
enum decomp_format decomp_detect(const void *in, size_t size);

/* "xz", "gzip", ... for messages. */
const char *decomp_format_name(enum decomp_format format);

/*
 * The decompressed size the stream itself records, read without decoding
 * (xz: its index; gzip: the ISIZE trailer, modulo 2^32; an lz4 frame: its
 * content size field, if it has one), stored in *@size.  -1 when the
 * stream does not record one (lz4 legacy) or the record is unreadable; the decoder checks the stream in full either way.
 */
int decomp_recorded_size(enum decomp_format format, const void *in, size_t size,
			 uint64_t *out_size);

/* Decodes one stream of @format; 0, or -1 with io->error set. */
int decomp_run(enum decomp_format format, struct decomp_io *io);

#endif
