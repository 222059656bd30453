/*
 * Boot module to kernel ELF (see kernel_image.h).  The decompressed size
 * is known before decoding, so the buffer is allocated once: a bzImage
 * records it after its payload, an xz stream in its index, a gzip stream
 * in its trailer (modulo 2^32), an lz4 frame in its content size field if
 * it has one.  A bare lz4 stream without one (the legacy frame never has
 * one) is bounded by LZ4_UNKNOWN_MAX and by lz4's best ratio of 255 to 1.
 * The decoded size must equal a recorded one.
 */
#include <stdarg.h>

#include "bzimage.h"
#include "decompress.h"
#include "elf.h"
#include "heap.h"
#include "kernel_image.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define PAGE_BYTES 4096ull
#define UNPACKED_MAX (512ull << 20)
#define LZ4_UNKNOWN_MAX (128ull << 20)
#define LZ4_MAX_RATIO 255
#define SIZE_TRAILER 4

static int __printf(2, 3) fail(struct kernel_image *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(k->error, sizeof(k->error), fmt, ap);
	va_end(ap);
	kernel_image_release(k);
	return -1;
}

static unsigned int order_for(uint64_t bytes)
{
	unsigned int order = 0;

	while ((PAGE_BYTES << order) < bytes)
		order++;
	return order;
}

/*
 * Decodes the @format stream @in into a new buffer of @out_size bytes;
 * @exact: the output must fill it.
 */
static int decode(struct kernel_image *k, enum decomp_format format, const uint8_t *in,
		  uint64_t in_size, uint64_t out_size, bool exact)
{
	struct decomp_io io = { .in = in, .in_size = in_size, .out_size = out_size };

	if (out_size == 0 || out_size > UNPACKED_MAX)
		return fail(k, "%s: decompressed size %lu is 0 or above %llu MiB",
			    decomp_format_name(format), (unsigned long)out_size, UNPACKED_MAX >> 20);
	k->buffer_order = order_for(out_size);
	k->buffer = heap_pages_alloc(k->buffer_order);
	if (!k->buffer)
		return fail(k, "not enough memory to decompress %lu KiB",
			    (unsigned long)(out_size >> 10));
	io.out = k->buffer;
	if (decomp_run(format, &io))
		return fail(k, "%s", io.error);
	if (exact && io.out_pos != out_size)
		return fail(k, "%s: decompressed to %lu bytes, %lu recorded",
			    decomp_format_name(format), (unsigned long)io.out_pos,
			    (unsigned long)out_size);
	k->elf = k->buffer;
	k->size = io.out_pos;
	return 0;
}

static int unpack_bzimage(const void *module, uint64_t size, struct kernel_image *k)
{
	enum decomp_format format;
	struct bzimage bz;
	const char *why;

	strlcpy(k->kind, "bzImage", sizeof(k->kind));
	if (bzimage_parse(module, size, &bz, &why))
		return fail(k, "bzImage: %s", why);
	format = decomp_detect(bz.payload, bz.payload_size);
	if (format == DECOMP_NONE && bz.payload_size >= ELF_MAGIC_LEN &&
	    !memcmp(bz.payload, ELF_MAGIC, ELF_MAGIC_LEN)) {
		strlcpy(k->kind, "bzImage (ELF)", sizeof(k->kind));
		k->elf = bz.payload;
		k->size = bz.payload_size;
		return 0;
	}
	snprintf(k->kind, sizeof(k->kind), "bzImage (%s)", decomp_format_name(format));
	if (format == DECOMP_NONE)
		return fail(k, "bzImage: payload is not xz, gzip, lz4 or ELF");
	/* gzip's own trailer ends with the size; other streams stop before it. */
	return decode(k, format, bz.payload,
		      bz.payload_size - (format == DECOMP_GZIP ? 0 : SIZE_TRAILER),
		      bz.unpacked_size, true);
}

int kernel_image_unpack(const void *module, uint64_t size, struct kernel_image *k)
{
	enum decomp_format format = module ? decomp_detect(module, size) : DECOMP_NONE;
	uint64_t out_size;

	memset(k, 0, sizeof(*k));
	if (module && bzimage_detect(module, size))
		return unpack_bzimage(module, size, k);
	if (format == DECOMP_NONE) {
		strlcpy(k->kind, "ELF", sizeof(k->kind));
		k->elf = module;
		k->size = size;
		return 0;
	}
	strlcpy(k->kind, decomp_format_name(format), sizeof(k->kind));
	if (decomp_recorded_size(format, module, size, &out_size) == 0)
		return decode(k, format, module, size, out_size, true);
	if (format != DECOMP_LZ4_LEGACY && format != DECOMP_LZ4_FRAME)
		return fail(k, "%s: cannot read the decompressed size", k->kind);
	out_size = size < LZ4_UNKNOWN_MAX / LZ4_MAX_RATIO ? size * LZ4_MAX_RATIO : LZ4_UNKNOWN_MAX;
	return decode(k, format, module, size, out_size, false);
}

void kernel_image_release(struct kernel_image *k)
{
	if (k->buffer)
		heap_pages_free(k->buffer, k->buffer_order);
	k->buffer = NULL;
	k->elf = NULL;
	k->size = 0;
}
