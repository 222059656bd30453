/*
 * From a boot module to the kernel's ELF image: a plain ELF is used as it
 * is; a bzImage's payload, or a module that is itself an xz, gzip or lz4
 * stream, is decompressed into pages allocated for it, which the caller
 * gives back with kernel_image_release() once the domain is built.
 */
#ifndef KERNEL_IMAGE_H
#define KERNEL_IMAGE_H

#include <stdint.h>

#define KERNEL_IMAGE_ERROR_MAX 96

struct kernel_image {
	const void *elf;	/* the ELF image (for pv_image_parse()) */
	uint64_t size;
	void *buffer;		/* pages holding the decompressed image, or NULL */
	unsigned int buffer_order;
	char kind[24];		/* "ELF", "xz", "bzImage (xz)", ... for messages */
	char error[KERNEL_IMAGE_ERROR_MAX];	/* why kernel_image_unpack() failed */
};

/*
 * Unpacks the untrusted @module (@size bytes) into @k.  Returns 0, or -1
 * with the reason in k->error (nothing is then held).  A module that is
 * neither a bzImage nor compressed is passed through for the ELF parser
 * to judge.
 */
int kernel_image_unpack(const void *module, uint64_t size, struct kernel_image *k);

/* Frees what kernel_image_unpack() allocated. */
void kernel_image_release(struct kernel_image *k);

#endif
