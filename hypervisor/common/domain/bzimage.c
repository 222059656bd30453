/*
 * bzImage setup header parsing (see bzimage.h).  Offsets are the boot
 * protocol's; every one read from the image is checked against its size.
 * What is accepted is what Xen accepts: the "HdrS" magic and protocol
 * 2.08 or later (the boot flag is not looked at), and the protected-mode
 * code at (setup_sects + 1) sectors even for a setup_sects of 0, which
 * the boot protocol reads as 4 but no kernel with a payload has.
 */
#include "bzimage.h"
#include "lib/bytes.h"
#include "lib/string.h"

#define HDR_SETUP_SECTS 0x1f1
#define HDR_MAGIC 0x202
#define HDR_VERSION 0x206
#define HDR_PAYLOAD_OFFSET 0x248
#define HDR_PAYLOAD_LENGTH 0x24c
#define HDR_END 0x250
#define VERSION_PAYLOAD 0x0208	/* 2.08: payload_offset and payload_length */
#define SECTOR_SIZE 512

bool bzimage_detect(const void *image, uint64_t size)
{
	return size >= HDR_END && !memcmp((const uint8_t *)image + HDR_MAGIC, "HdrS", 4);
}

int bzimage_parse(const void *image, uint64_t size, struct bzimage *bz, const char **why)
{
	const uint8_t *im = image;
	uint64_t setup_sects, start, length;
	uint16_t version;

	if (!bzimage_detect(image, size)) {
		*why = "no boot protocol header";
		return -1;
	}
	version = get_le16(im + HDR_VERSION);
	if (version < VERSION_PAYLOAD) {
		*why = "boot protocol older than 2.08 (no payload fields)";
		return -1;
	}
	setup_sects = im[HDR_SETUP_SECTS];
	start = (setup_sects + 1) * SECTOR_SIZE + get_le32(im + HDR_PAYLOAD_OFFSET);
	length = get_le32(im + HDR_PAYLOAD_LENGTH);
	if (start > size || length > size - start) {
		*why = "payload outside the image";
		return -1;
	}
	if (length < 4) {
		*why = "payload too small";
		return -1;
	}
	bz->payload = im + start;
	bz->payload_size = (uint32_t)length;
	bz->unpacked_size = get_le32(bz->payload + length - 4);
	return 0;
}
