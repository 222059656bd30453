/*
 * From boot module to kernel ELF (kernel_image.c, bzimage.c): plain ELF
 * passed through; xz, gzip and lz4 modules and bzImages around them
 * decompressed, with the recorded size enforced; malformed bzImages and
 * streams refused with a message and nothing left allocated.  Last, the
 * real thing: Debian's current kernel, whose ELF must come out identical
 * to what the real xz extracts from it (skipped, saying so, offline).
 */
#include <stdlib.h>

#include "bzimage.h"
#include "compress_tool.h"
#include "harness.h"
#include "kernel_image.h"
#include "pv_image.h"

#define SETUP_SECTS 2
#define PAYLOAD_START ((SETUP_SECTS + 1) * 512)

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/*
 * A bzImage of boot protocol @version around @stream (plus the 4-byte
 * size @recorded unless @stream is gzip, whose trailer is that size).
 */
static uint8_t *make_bzimage(const uint8_t *stream, size_t len, uint16_t version,
			     uint32_t recorded, bool gzip, size_t *size)
{
	size_t payload = len + (gzip ? 0 : 4);
	uint8_t *im = calloc(1, PAYLOAD_START + payload);

	im[0x1f1] = SETUP_SECTS;
	im[0x1fe] = 0x55;
	im[0x1ff] = 0xaa;
	memcpy(im + 0x202, "HdrS", 4);
	im[0x206] = (uint8_t)version;
	im[0x207] = (uint8_t)(version >> 8);
	put32(im + 0x248, 0);
	put32(im + 0x24c, (uint32_t)payload);
	memcpy(im + PAYLOAD_START, stream, len);
	if (!gzip)
		put32(im + PAYLOAD_START + len, recorded);
	*size = PAYLOAD_START + payload;
	return im;
}

static const char *const compressors[] = { "xz -c --x86 -6", "gzip -c -9", "lz4 -q -c -l -9",
					   "lz4 -q -c -1" };

static bool unpacks_to(const uint8_t *module, size_t size, const uint8_t *want, size_t want_len,
		       const char *kind)
{
	struct kernel_image k;
	bool ok = kernel_image_unpack(module, size, &k) == 0 && k.size == want_len &&
		  memcmp(k.elf, want, want_len) == 0 && strcmp(k.kind, kind) == 0;

	if (!ok)
		printf("  unpack as %s failed: '%s' (kind '%s')\n", kind, k.error, k.kind);
	kernel_image_release(&k);
	return ok;
}

TEST(kernel_image_plain_elf_passes_through)
{
	static const uint8_t elf[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	struct kernel_image k;

	CHECK_EQ(kernel_image_unpack(elf, sizeof(elf), &k), 0);
	CHECK(k.elf == elf && k.size == sizeof(elf) && k.buffer == NULL);
	CHECK(strcmp(k.kind, "ELF") == 0);
	kernel_image_release(&k);
}

TEST(kernel_image_compressed_modules_and_bzimages)
{
	static const char *const kinds[] = { "xz", "gzip", "lz4", "lz4 frame" };
	static const char *const bz_kinds[] = { "bzImage (xz)", "bzImage (gzip)", "bzImage (lz4)",
						"bzImage (lz4 frame)" };
	size_t size = 200000;
	uint8_t *data = make_input(INPUT_CODE, size, 3);

	for (unsigned int c = 0; c < 4; c++) {
		size_t packed_len, bz_len;
		uint8_t *packed = tool_filter(compressors[c], data, size, &packed_len), *bz;

		CHECK(packed != NULL);
		if (!packed)
			continue;
		CHECK(unpacks_to(packed, packed_len, data, size, kinds[c]));
		bz = make_bzimage(packed, packed_len, 0x020f, (uint32_t)size, c == 1, &bz_len);
		CHECK(unpacks_to(bz, bz_len, data, size, bz_kinds[c]));
		free(bz);
		free(packed);
	}
	free(data);
}

static void check_refused(const uint8_t *module, size_t size, const char *error)
{
	struct kernel_image k;

	CHECK_EQ(kernel_image_unpack(module, size, &k), -1);
	CHECK(k.buffer == NULL && k.elf == NULL);
	if (strcmp(k.error, error) != 0) {
		printf("  error '%s', expected '%s'\n", k.error, error);
		CHECK(0);
	}
}

/* As on Xen, an uncompressed ELF payload is used in place. */
TEST(kernel_image_bzimage_with_elf_payload)
{
	static const uint8_t elf[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	size_t bz_len;
	uint8_t *bz = make_bzimage(elf, sizeof(elf), 0x0208, 0, true, &bz_len);
	struct kernel_image k;

	CHECK_EQ(kernel_image_unpack(bz, bz_len, &k), 0);
	CHECK(k.elf == bz + PAYLOAD_START && k.size == sizeof(elf) && k.buffer == NULL);
	CHECK(strcmp(k.kind, "bzImage (ELF)") == 0);
	kernel_image_release(&k);
	free(bz);
}

TEST(kernel_image_bad_images_refused)
{
	size_t size = 5000, packed_len, bz_len;
	uint8_t *data = make_input(INPUT_TEXT, size, 1);
	uint8_t *packed = tool_filter("xz -c -1", data, size, &packed_len), *bz;

	bz = make_bzimage(packed, packed_len, 0x0207, (uint32_t)size, false, &bz_len);
	check_refused(bz, bz_len, "bzImage: boot protocol older than 2.08 (no payload fields)");
	free(bz);

	bz = make_bzimage(packed, packed_len, 0x020f, (uint32_t)size, false, &bz_len);
	put32(bz + 0x24c, (uint32_t)bz_len);
	check_refused(bz, bz_len, "bzImage: payload outside the image");
	put32(bz + 0x248, 0x7fffffff);
	put32(bz + 0x24c, 8);
	check_refused(bz, bz_len, "bzImage: payload outside the image");
	put32(bz + 0x248, 0);
	put32(bz + 0x24c, 3);
	check_refused(bz, bz_len, "bzImage: payload too small");
	free(bz);

	/* A recorded size too small or too large for the stream. */
	bz = make_bzimage(packed, packed_len, 0x020f, (uint32_t)size - 1, false, &bz_len);
	check_refused(bz, bz_len, "xz: output larger than its buffer");
	free(bz);
	bz = make_bzimage(packed, packed_len, 0x020f, (uint32_t)size + 1, false, &bz_len);
	check_refused(bz, bz_len, "xz: decompressed to 5000 bytes, 5001 recorded");
	free(bz);
	bz = make_bzimage(packed, packed_len, 0x020f, 0, false, &bz_len);
	check_refused(bz, bz_len, "xz: decompressed size 0 is 0 or above 512 MiB");
	free(bz);

	/* A payload in a format we do not decode (bzip2's magic). */
	bz = make_bzimage((const uint8_t *)"BZh91AY&SY", 10, 0x020f, 100, false, &bz_len);
	check_refused(bz, bz_len, "bzImage: payload is not xz, gzip, lz4 or ELF");
	free(bz);

	/* Cut short: the footer is gone, so the size cannot be read. */
	check_refused(packed, packed_len - 4, "xz: cannot read the decompressed size");
	packed[packed_len / 2] ^= 0x55;
	{
		struct kernel_image k;

		CHECK_EQ(kernel_image_unpack(packed, packed_len, &k), -1);
		CHECK(strncmp(k.error, "xz: ", 4) == 0 && k.buffer == NULL);
	}
	free(packed);
	free(data);
}

/* The reference: the first xz stream in the file that the real xz turns into an ELF. */
static uint8_t *extract_with_xz(const uint8_t *vmlinuz, size_t size, size_t *elf_len)
{
	static const uint8_t magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0 };

	for (size_t at = 0; at + sizeof(magic) <= size; at++) {
		uint8_t *elf;

		if (memcmp(vmlinuz + at, magic, sizeof(magic)) != 0)
			continue;
		elf = tool_filter("xz -dcq --single-stream 2>/dev/null", vmlinuz + at, size - at,
				  elf_len);
		if (elf && *elf_len >= 4 && memcmp(elf, "\x7f" "ELF", 4) == 0)
			return elf;
		free(elf);
	}
	return NULL;
}

TEST(kernel_image_debian_kernel)
{
	size_t size = 0, ref_len = 0, path_len = 0;
	char *path = (char *)tool_filter("dir=$(scripts/debian-kernel.sh) && echo \"$dir/vmlinuz\"",
					 NULL, 0, &path_len);
	uint8_t *vmlinuz, *ref;
	struct kernel_image k;
	static struct pv_image_info info;

	if (!path || !path_len) {
		printf("  SKIP: Debian's kernel package cannot be had here (see the message above)\n");
		free(path);
		return;
	}
	path[strcspn(path, "\n")] = '\0';
	vmlinuz = tool_read_file(path, &size);
	CHECK(vmlinuz != NULL && bzimage_detect(vmlinuz, size));
	if (!vmlinuz) {
		free(path);
		return;
	}
	ref = extract_with_xz(vmlinuz, size, &ref_len);
	CHECK(ref != NULL);
	CHECK_EQ(kernel_image_unpack(vmlinuz, size, &k), 0);
	CHECK(strcmp(k.kind, "bzImage (xz)") == 0);
	CHECK_EQ(k.size, ref_len);
	CHECK(ref && k.size == ref_len && memcmp(k.elf, ref, ref_len) == 0);
	printf("  %s: %zu bytes, ELF of %zu bytes identical to xz's\n", path, size, ref_len);
	/* Its Xen notes parse: FEATURES is written without a NUL. */
	CHECK_EQ(pv_image_parse(k.elf, k.size, &info), 0);
	CHECK(info.features_supported[0] & (1u << PV_FEAT_DOM0));
	CHECK(info.features_required[0] & (1u << PV_FEAT_WRITABLE_PAGE_TABLES));
	kernel_image_release(&k);
	free(ref);
	free(vmlinuz);
	free(path);
}
