/*
 * Linux's bzImage (the x86 boot protocol's setup header): finding the
 * compressed kernel ("payload") inside it.  Protocol 2.08 and later record
 * where the payload is; it is the ELF vmlinux, usually compressed, followed
 * by its decompressed size as 32 bits little-endian (the kernel's build
 * appends it; for gzip it is the stream's own ISIZE trailer).
 */
#ifndef BZIMAGE_H
#define BZIMAGE_H

#include <stdbool.h>
#include <stdint.h>

struct bzimage {
	const uint8_t *payload;
	uint32_t payload_size;	/* including the 4-byte size at its end */
	uint32_t unpacked_size;	/* that size */
};

/* Whether @image has a setup header ("HdrS" at offset 0x202). */
bool bzimage_detect(const void *image, uint64_t size);

/* Parses @image (untrusted); 0, or -1 with *@why set. */
int bzimage_parse(const void *image, uint64_t size, struct bzimage *bz, const char **why);

#endif
