/*
 * Tests for the PV kernel image parser (hypervisor/common/domain/
 * pv_image.c).
 *
 * Images are built in memory by a small builder: a file header, program
 * headers, a note area (reached through a PT_NOTE segment, an SHT_NOTE
 * section or both), two loadable segments and optional section headers.
 * The parser always gets an exact-size heap copy, so AddressSanitizer
 * flags any read past the end of the image.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "harness.h"
#include "pv_image.h"

/* File layout of a built image. */
#define PHDRS_OFF 0x40
#define NOTES_OFF 0x200
#define NOTES_MAX 0xe00
#define TEXT_OFF 0x1000
#define TEXT_SIZE 0x1000
#define DATA_OFF 0x2000
#define DATA_FILE 0x800
#define DATA_MEM 0x3000
#define SHDRS_OFF 0x2800
#define IMAGE_MAX 0x3000

#define VIRT_BASE 0xffffffff80000000ull
#define TEXT_PA 0x1000000ull
#define DATA_PA (TEXT_PA + TEXT_SIZE)
#define TEXT_VA (VIRT_BASE + TEXT_PA)
#define DATA_VA (VIRT_BASE + DATA_PA)
#define ENTRY_VA (TEXT_VA + 0x100)

/* Xen note types (XEN_ELFNOTE_*). */
enum {
	N_ENTRY = 1, N_HYPERCALL_PAGE = 2, N_VIRT_BASE = 3,
	N_PADDR_OFFSET = 4, N_XEN_VERSION = 5, N_GUEST_OS = 6,
	N_GUEST_VERSION = 7, N_LOADER = 8, N_PAE_MODE = 9, N_FEATURES = 10,
	N_BSD_SYMTAB = 11, N_HV_START_LOW = 12, N_L1_MFN_VALID = 13,
	N_SUSPEND_CANCEL = 14, N_INIT_P2M = 15, N_MOD_START_PFN = 16,
	N_SUPPORTED_FEATURES = 17, N_PHYS32_ENTRY = 18,
};

struct img {
	uint8_t buf[IMAGE_MAX];
	size_t len;
	struct elf64_ehdr eh;
	struct elf64_phdr ph[8];
	unsigned int phnum;
	size_t notes_len;
	bool note_segment, note_section;
};

static struct pv_image_info info;

static void put(struct img *im, size_t off, const void *src, size_t len)
{
	memcpy(im->buf + off, src, len);
}

static void add_load(struct img *im, uint64_t pa, uint64_t off,
		     uint64_t filesz, uint64_t memsz, uint32_t flags)
{
	struct elf64_phdr *ph = &im->ph[im->phnum++];

	memset(ph, 0, sizeof(*ph));
	ph->p_type = ELF_PT_LOAD;
	ph->p_flags = flags;
	ph->p_offset = off;
	ph->p_paddr = pa;
	ph->p_vaddr = pa + VIRT_BASE;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = 0x1000;
}

/* An image with a text and a data segment, no notes yet. */
static void img_init(struct img *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, ELF_MAGIC, ELF_MAGIC_LEN);
	im->eh.e_ident[ELF_IDENT_CLASS] = ELF_CLASS64;
	im->eh.e_ident[ELF_IDENT_DATA] = ELF_DATA_LSB;
	im->eh.e_ident[ELF_IDENT_VERSION] = ELF_VERSION_CURRENT;
	im->eh.e_type = ELF_TYPE_EXEC;
	im->eh.e_machine = ELF_MACHINE_X86_64;
	im->eh.e_version = 1;
	im->eh.e_entry = TEXT_PA;
	im->eh.e_ehsize = sizeof(struct elf64_ehdr);
	im->eh.e_phentsize = sizeof(struct elf64_phdr);
	im->eh.e_phoff = PHDRS_OFF;
	for (size_t i = TEXT_OFF; i < DATA_OFF + DATA_FILE; i++)
		im->buf[i] = (uint8_t)(i * 13 + 5);
	add_load(im, TEXT_PA, TEXT_OFF, TEXT_SIZE, TEXT_SIZE,
		 ELF_PF_R | ELF_PF_X);
	add_load(im, DATA_PA, DATA_OFF, DATA_FILE, DATA_MEM,
		 ELF_PF_R | ELF_PF_W);
	im->note_segment = true;
}

/* Appends a note with any owner name; pads name and desc to 4 bytes. */
static void add_note_raw(struct img *im, const char *name, uint32_t namesz,
			 uint32_t type, const void *desc, uint32_t descsz)
{
	struct elf64_nhdr nh = { namesz, descsz, type };
	size_t off = NOTES_OFF + im->notes_len;

	put(im, off, &nh, sizeof(nh));
	off += sizeof(nh);
	/* A bogus huge namesz copies only the real name. */
	put(im, off, name, namesz < 16 ? namesz : strlen(name) + 1);
	off += namesz < 16 ? (namesz + 3) & ~3u : 4;
	put(im, off, desc, descsz);
	off += (descsz + 3) & ~3u;
	im->notes_len = off - NOTES_OFF;
}

static void note_str(struct img *im, uint32_t type, const char *s)
{
	add_note_raw(im, "Xen", 4, type, s, (uint32_t)strlen(s) + 1);
}

static void note_u32(struct img *im, uint32_t type, uint32_t v)
{
	add_note_raw(im, "Xen", 4, type, &v, sizeof(v));
}

static void note_u64(struct img *im, uint32_t type, uint64_t v)
{
	add_note_raw(im, "Xen", 4, type, &v, sizeof(v));
}

/* The notes of a Debian 6.1 kernel, plus a few the parser ignores. */
static void std_notes(struct img *im)
{
	static const uint8_t build_id[20] = { 1, 2, 3 };
	static const uint64_t l1_mfn_valid[2] = { 1, 1 };

	add_note_raw(im, "GNU", 4, 3, build_id, sizeof(build_id));
	note_str(im, N_GUEST_OS, "linux");
	note_str(im, N_GUEST_VERSION, "2.6");
	note_str(im, N_XEN_VERSION, "xen-3.0");
	note_u64(im, N_VIRT_BASE, VIRT_BASE);
	note_u64(im, N_PADDR_OFFSET, 0);
	note_u64(im, N_ENTRY, ENTRY_VA);
	note_u64(im, N_HYPERCALL_PAGE, TEXT_VA);
	note_str(im, N_FEATURES, "!writable_page_tables|pae_pgdir_above_4gb");
	note_u32(im, N_SUPPORTED_FEATURES, 0x8801);
	note_str(im, N_PAE_MODE, "yes");
	note_str(im, N_LOADER, "generic");
	note_u64(im, N_HV_START_LOW, 0xffff800000000000ull);
	add_note_raw(im, "Xen", 4, N_L1_MFN_VALID, l1_mfn_valid,
		     sizeof(l1_mfn_valid));
	note_u32(im, N_SUSPEND_CANCEL, 1);
	note_u64(im, N_INIT_P2M, 0x8000000000ull);
	note_u32(im, N_MOD_START_PFN, 1);
	note_u32(im, N_PHYS32_ENTRY, 0x1000850);
	note_str(im, N_BSD_SYMTAB, "yes");
	add_note_raw(im, "Linux", 6, 0x100, "6.1", 4);
}

static void write_headers(struct img *im)
{
	put(im, 0, &im->eh, sizeof(im->eh));
	put(im, PHDRS_OFF, im->ph, im->phnum * sizeof(im->ph[0]));
}

static void add_sections(struct img *im)
{
	struct elf64_shdr sh[3];

	memset(sh, 0, sizeof(sh));
	sh[1].sh_type = 1;	/* SHT_PROGBITS */
	sh[1].sh_offset = TEXT_OFF;
	sh[1].sh_size = TEXT_SIZE;
	sh[2].sh_type = ELF_SHT_NOTE;
	sh[2].sh_offset = NOTES_OFF;
	sh[2].sh_size = im->notes_len;
	sh[2].sh_addralign = 4;
	put(im, SHDRS_OFF, sh, sizeof(sh));
	im->eh.e_shoff = SHDRS_OFF;
	im->eh.e_shnum = 3;
	im->eh.e_shentsize = sizeof(struct elf64_shdr);
	im->len = SHDRS_OFF + sizeof(sh);
}

/* Adds the note segment and section headers, writes the headers. */
static void img_finish(struct img *im)
{
	im->len = DATA_OFF + DATA_FILE;
	if (im->note_segment) {
		struct elf64_phdr *ph = &im->ph[im->phnum++];

		memset(ph, 0, sizeof(*ph));
		ph->p_type = ELF_PT_NOTE;
		ph->p_offset = NOTES_OFF;
		ph->p_filesz = im->notes_len;
		ph->p_align = 4;
	}
	if (im->note_section)
		add_sections(im);
	im->eh.e_phnum = (uint16_t)im->phnum;
	write_headers(im);
}

static void img_good(struct img *im)
{
	img_init(im);
	std_notes(im);
	img_finish(im);
}

/* Parses an exact-size heap copy of the first @len bytes of @buf. */
static int parse_len(const uint8_t *buf, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);
	int rc;

	memcpy(copy, buf, len);
	rc = pv_image_parse(copy, len, &info);
	free(copy);
	return rc;
}

static int parse(const struct img *im)
{
	return parse_len(im->buf, im->len);
}

/* Parsing fails and the reason contains @why. */
static bool refused(const struct img *im, const char *why)
{
	if (parse(im) == 0)
		return false;
	if (strstr(info.error, why))
		return true;
	printf("  unexpected error \"%s\" (want \"%s\")\n", info.error, why);
	return false;
}

static void check_std_info(void)
{
	CHECK_EQ(info.entry, ENTRY_VA);
	CHECK(info.has_entry);
	CHECK_EQ(info.segment_count, 2);
	CHECK_EQ(info.segments[0].vaddr, TEXT_VA);
	CHECK_EQ(info.segments[0].paddr, TEXT_PA);
	CHECK_EQ(info.segments[0].file_offset, TEXT_OFF);
	CHECK_EQ(info.segments[0].flags, ELF_PF_R | ELF_PF_X);
	CHECK_EQ(info.segments[1].vaddr, DATA_VA);
	CHECK_EQ(info.segments[1].file_size, DATA_FILE);
	CHECK_EQ(info.segments[1].mem_size, DATA_MEM);
	CHECK_EQ(info.virt_kstart, TEXT_VA);
	CHECK_EQ(info.virt_kend, DATA_VA + DATA_MEM);
	CHECK(strcmp(info.guest_os, "linux") == 0);
	CHECK(strcmp(info.guest_version, "2.6") == 0);
	CHECK(strcmp(info.xen_version, "xen-3.0") == 0);
	CHECK(strcmp(info.loader, "generic") == 0);
	CHECK(strcmp(info.pae, "yes") == 0);
	CHECK(info.pae_yes_or_bimodal);
	CHECK(info.has_virt_base && info.virt_base == VIRT_BASE);
	CHECK(info.has_paddr_offset && info.paddr_offset == 0);
	CHECK(info.has_hypercall_page && info.hypercall_page == TEXT_VA);
	CHECK(info.has_init_p2m && info.init_p2m == 0x8000000000ull);
	CHECK(info.has_hv_start_low);
	CHECK(info.suspend_cancel);
	CHECK(info.mod_start_pfn);
	CHECK_EQ(info.features_supported[0], 0x8801 | 1u << 4);
	CHECK_EQ(info.features_required[0], 1u << 0);
}

TEST(pv_image_notes_in_segment)
{
	static struct img im;

	img_good(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK(!info.notes_from_sections);
	CHECK_EQ(info.xen_note_count, 18);
	check_std_info();
}

TEST(pv_image_notes_in_section_only)
{
	static struct img im;

	img_init(&im);
	im.note_segment = false;
	im.note_section = true;
	std_notes(&im);
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK(info.notes_from_sections);
	check_std_info();
}

/* Notes in the segment win; the section is not read. */
TEST(pv_image_notes_in_both)
{
	static struct img im;

	img_init(&im);
	im.note_section = true;
	std_notes(&im);
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK(!info.notes_from_sections);
	check_std_info();
}

/* 4- and 8-byte numbers; defaults when notes are absent. */
TEST(pv_image_numeric_sizes)
{
	static struct img im;

	img_init(&im);
	note_u32(&im, N_ENTRY, (uint32_t)(TEXT_PA + 0x20));
	note_u64(&im, N_SUSPEND_CANCEL, 0);
	note_u64(&im, N_SUPPORTED_FEATURES, 1u << 11);
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(info.entry, TEXT_PA + 0x20);
	CHECK(!info.has_virt_base && info.virt_base == 0);
	CHECK(!info.has_paddr_offset && info.paddr_offset == 0);
	CHECK_EQ(info.virt_kstart, TEXT_PA);
	CHECK(!info.suspend_cancel && !info.mod_start_pfn);
	CHECK_EQ(info.features_supported[0], 1u << 11);
	CHECK_EQ(info.guest_os[0], '\0');

	img_init(&im);
	add_note_raw(&im, "Xen", 4, N_ENTRY, "\0\0\0\x01\0\0", 6);
	img_finish(&im);
	CHECK(refused(&im, "ENTRY note has 6 bytes"));
}

/* Without an ENTRY note e_entry is used; PADDR_OFFSET shifts addresses. */
TEST(pv_image_entry_and_offsets)
{
	static struct img im;

	img_init(&im);
	note_u64(&im, N_VIRT_BASE, VIRT_BASE);
	note_u64(&im, N_PADDR_OFFSET, 0x800000);
	im.eh.e_entry = VIRT_BASE + TEXT_PA - 0x800000 + 0x40;
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK(!info.has_entry);
	CHECK_EQ(info.entry, im.eh.e_entry);
	CHECK_EQ(info.segments[0].vaddr, VIRT_BASE + TEXT_PA - 0x800000);

	img_init(&im);
	note_u64(&im, N_PADDR_OFFSET, TEXT_PA + 1);
	img_finish(&im);
	CHECK(refused(&im, "below PADDR_OFFSET"));

	img_init(&im);
	note_u64(&im, N_VIRT_BASE, VIRT_BASE + 0x800);
	img_finish(&im);
	CHECK(refused(&im, "VIRT_BASE is not page-aligned"));
}

TEST(pv_image_features)
{
	static struct img im;

	img_init(&im);
	note_str(&im, N_FEATURES,
		 "writable_descriptor_tables|!auto_translated_physmap||"
		 "!supervisor_mode_kernel|hvm_callback_vector|!dom0|"
		 "no_such_feature|");
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(info.features_supported[0],
		 1u << 1 | 1u << 2 | 1u << 3 | 1u << 8 | 1u << 11);
	CHECK_EQ(info.features_required[0], 1u << 2 | 1u << 3 | 1u << 11);
	CHECK(strcmp(pv_image_unsupported_feature(&info, 0),
		     "auto_translated_physmap") == 0);
	CHECK(strcmp(pv_image_unsupported_feature(&info, 1u << 2),
		     "supervisor_mode_kernel") == 0);
	CHECK(strcmp(pv_image_unsupported_feature(&info, 1u << 2 | 1u << 3),
		     "dom0") == 0);
	CHECK(!pv_image_unsupported_feature(&info, ~0u));

	img_init(&im);
	note_str(&im, N_FEATURES, "dom0|!frobnicate");
	img_finish(&im);
	CHECK(refused(&im, "unknown required feature \"frobnicate\""));

	/* A name is matched whole, not as a prefix. */
	img_init(&im);
	note_str(&im, N_FEATURES, "!dom|!dom0x");
	img_finish(&im);
	CHECK(refused(&im, "unknown required feature \"dom\""));
}

TEST(pv_image_string_notes)
{
	static struct img im;

	img_init(&im);
	note_str(&im, N_GUEST_OS, "0123456789012345678901234567890");
	note_str(&im, N_LOADER, "generic");
	note_str(&im, N_PAE_MODE, "bimodal");
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(strlen(info.guest_os), 31);
	CHECK(info.pae_yes_or_bimodal);

	img_init(&im);
	note_str(&im, N_GUEST_OS, "01234567890123456789012345678901");
	img_finish(&im);
	CHECK(refused(&im, "GUEST_OS note is too long"));


	img_init(&im);
	note_str(&im, N_LOADER, "elf");
	img_finish(&im);
	CHECK(refused(&im, "LOADER note is not \"generic\""));

	img_init(&im);
	note_str(&im, N_XEN_VERSION, "xen-2.0");
	img_finish(&im);
	CHECK(refused(&im, "XEN_VERSION"));
}

/* Strings end at their NUL, wherever their declared size ends (Xen's way). */
TEST(pv_image_strings_past_descsz)
{
	static struct img im;
	const size_t desc_off = NOTES_OFF + 12 + 4;

	/* Linux 6.1 writes FEATURES with .ascii: only the padding ends it. */
	img_init(&im);
	add_note_raw(&im, "Xen", 4, N_FEATURES, "!writable_page_tables", 21);
	add_note_raw(&im, "Xen", 4, N_GUEST_VERSION, "2.6", 3);
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(info.features_required[0], 1u << PV_FEAT_WRITABLE_PAGE_TABLES);
	CHECK(strcmp(info.guest_version, "2.6") == 0);

	/* An empty descriptor reads the bytes after it: here padding. */
	img_init(&im);
	add_note_raw(&im, "Xen", 4, N_FEATURES, "", 0);
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(info.features_supported[0], 0);

	/* Up to 4096 characters before the NUL are read; one more is not. */
	img_init(&im);
	add_note_raw(&im, "Xen", 4, N_FEATURES, "dom0", 4);
	img_finish(&im);
	memset(im.buf + desc_off, 'a', 4096);
	im.buf[desc_off + 4096] = 0;
	CHECK_EQ(parse(&im), 0);
	im.buf[desc_off + 4096] = 'a';
	im.buf[desc_off + 4097] = 0;
	CHECK(refused(&im, "FEATURES note is not NUL-terminated"));

	/* A string running to the end of the image. */
	img_init(&im);
	add_note_raw(&im, "Xen", 4, N_GUEST_VERSION, "2.60", 4);
	img_finish(&im);
	CHECK(parse_len(im.buf, desc_off + 4) != 0);
	CHECK(strstr(info.error, "GUEST_VERSION note is not NUL-terminated"));
}

TEST(pv_image_header_errors)
{
	static struct img im;

	img_good(&im);
	im.buf[ELF_IDENT_CLASS] = ELF_CLASS32;
	CHECK(refused(&im, "32-bit kernels are not supported"));

	img_good(&im);
	im.buf[1] = 'e';
	CHECK(refused(&im, "not an ELF image"));

	img_good(&im);
	im.buf[ELF_IDENT_DATA] = 2;
	CHECK(refused(&im, "little-endian"));

	img_good(&im);
	im.eh.e_machine = 3;	/* EM_386 */
	write_headers(&im);
	CHECK(refused(&im, "not an x86-64 ELF image"));

	img_good(&im);
	im.eh.e_type = 1;	/* ET_REL */
	write_headers(&im);
	CHECK(refused(&im, "not an executable ELF image"));

	img_good(&im);
	im.eh.e_type = ELF_TYPE_DYN;
	write_headers(&im);
	CHECK_EQ(parse(&im), 0);
}

TEST(pv_image_table_errors)
{
	static struct img im;

	img_good(&im);
	im.eh.e_phoff = im.len;
	write_headers(&im);
	CHECK(refused(&im, "program headers outside the image"));

	img_good(&im);
	im.eh.e_phoff = UINT64_MAX - 8;
	im.eh.e_phnum = 0xffff;
	write_headers(&im);
	CHECK(refused(&im, "program headers outside the image"));

	img_good(&im);
	im.eh.e_phoff = im.len - 2 * sizeof(struct elf64_phdr) + 1;
	write_headers(&im);
	CHECK(refused(&im, "program headers outside the image"));

	img_good(&im);
	im.eh.e_phentsize = 0xffff;
	write_headers(&im);
	CHECK(refused(&im, "bad program header size"));

	img_good(&im);
	im.eh.e_phentsize = 32;
	write_headers(&im);
	CHECK(refused(&im, "bad program header size"));

	img_good(&im);
	im.eh.e_phnum = 0;
	write_headers(&im);
	CHECK(refused(&im, "no program headers"));
}

TEST(pv_image_section_table_errors)
{
	static struct img im;

	img_init(&im);
	im.note_section = true;
	std_notes(&im);
	img_finish(&im);
	im.eh.e_shoff = UINT64_MAX - 0x40;
	write_headers(&im);
	CHECK(refused(&im, "section headers outside the image"));
	im.eh.e_shoff = SHDRS_OFF;
	im.eh.e_shentsize = 40;
	write_headers(&im);
	CHECK(refused(&im, "bad section header size"));
}

/* Rewrites the @i-th program header of a finished image. */
static void set_ph(struct img *im, unsigned int i, const struct elf64_phdr *ph)
{
	im->ph[i] = *ph;
	write_headers(im);
}

TEST(pv_image_note_errors)
{
	static struct img im;
	struct elf64_phdr ph;

	img_good(&im);
	ph = im.ph[2];
	ph.p_filesz -= 2;	/* cuts into the last note's descriptor */
	set_ph(&im, 2, &ph);
	CHECK(refused(&im, "note descriptor runs past its area"));

	img_good(&im);
	ph = im.ph[2];
	ph.p_offset = im.len - 8;
	set_ph(&im, 2, &ph);
	CHECK(refused(&im, "note segment outside the image"));

	img_init(&im);
	note_str(&im, N_GUEST_OS, "linux");
	add_note_raw(&im, "Xen", 0xfffffffc, N_GUEST_OS, "x", 0);
	img_finish(&im);
	CHECK(refused(&im, "note name runs past its area"));

	img_init(&im);
	add_note_raw(&im, "Xen", 4, N_GUEST_OS, "linux", 6);
	img_finish(&im);
	put(&im, NOTES_OFF + 4, &(uint32_t){ 0xfffffff0 }, 4);
	CHECK(refused(&im, "note descriptor runs past its area"));

	/* Note section out of the image, with no note segment. */
	img_init(&im);
	im.note_segment = false;
	im.note_section = true;
	note_str(&im, N_GUEST_OS, "linux");
	img_finish(&im);
	put(&im, SHDRS_OFF + 2 * 64 + 24, &(uint64_t){ IMAGE_MAX }, 8);
	CHECK(refused(&im, "note section outside the image"));
}

TEST(pv_image_no_notes)
{
	static struct img im;

	img_init(&im);
	add_note_raw(&im, "GNU", 4, 3, "abcd", 4);
	add_note_raw(&im, "Xe", 3, N_GUEST_OS, "linux", 6);
	add_note_raw(&im, "XenX", 5, N_GUEST_OS, "linux", 6);
	img_finish(&im);
	CHECK(refused(&im, "no Xen ELF notes: not a PV kernel"));

	img_init(&im);
	im.note_segment = false;
	img_finish(&im);
	CHECK(refused(&im, "no Xen ELF notes: not a PV kernel"));
}

TEST(pv_image_segment_file_errors)
{
	static struct img im;
	struct elf64_phdr ph;

	img_good(&im);
	ph = im.ph[1];
	ph.p_offset = im.len - 0x10;
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "file range outside the image"));

	img_good(&im);
	ph = im.ph[1];
	ph.p_offset = UINT64_MAX - 0x10;
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "file range outside the image"));

	img_good(&im);
	ph = im.ph[1];
	ph.p_filesz = ph.p_memsz + 1;
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "file size above memory size"));

	img_good(&im);
	ph = im.ph[1];
	ph.p_memsz = (1ull << 40) + 1;
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "segment too large"));
}

TEST(pv_image_segment_overlap_and_overflow)
{
	static struct img im;
	struct elf64_phdr ph;

	img_good(&im);
	ph = im.ph[1];
	ph.p_paddr = TEXT_PA + TEXT_SIZE - 1;	/* last byte of text */
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "segments overlap"));

	img_good(&im);
	ph = im.ph[0];
	ph.p_paddr = DATA_PA + DATA_MEM - 0x1000;	/* inside data */
	ph.p_memsz = 0x100000;
	ph.p_filesz = 0x1000;
	set_ph(&im, 0, &ph);
	CHECK(refused(&im, "segments overlap"));

	img_good(&im);
	ph = im.ph[1];
	ph.p_paddr = (1ull << 63);	/* VIRT_BASE + that wraps */
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "address overflow"));

	img_good(&im);
	ph = im.ph[1];
	ph.p_paddr = UINT64_MAX - VIRT_BASE - 0x100;	/* end wraps */
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "address overflow"));

	/* Both segments fine, but 1 TiB apart.  No VIRT_BASE: VA = paddr. */
	img_init(&im);
	note_str(&im, N_GUEST_OS, "linux");
	img_finish(&im);
	ph = im.ph[1];
	ph.p_paddr = TEXT_PA + (1ull << 40);
	set_ph(&im, 1, &ph);
	CHECK(refused(&im, "image too large"));
}

/* Empty and zero-size PT_LOADs do not count; too many do. */
TEST(pv_image_segment_count)
{
	static struct img im;

	img_init(&im);
	note_u64(&im, N_VIRT_BASE, VIRT_BASE);
	add_load(&im, 0, 0, 0, 0, ELF_PF_R);
	im.eh.e_entry = TEXT_VA;
	img_finish(&im);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(info.segment_count, 2);

	img_init(&im);
	im.phnum = 0;
	note_u64(&im, N_VIRT_BASE, VIRT_BASE);
	img_finish(&im);
	CHECK(refused(&im, "no loadable segments"));
}

TEST(pv_image_segment_count_max)
{
	static struct img im;
	struct elf64_phdr ph[20];

	img_good(&im);
	for (unsigned int i = 0; i < 20; i++) {
		ph[i] = im.ph[0];
		ph[i].p_paddr = TEXT_PA + 0x100000 * (i + 1);
		ph[i].p_filesz = ph[i].p_memsz = 0x10;
	}
	ph[0] = im.ph[0];
	ph[1] = im.ph[1];
	ph[2] = im.ph[2];
	/* Headers past the first 8 go after the note area. */
	memcpy(im.buf + NOTES_OFF + im.notes_len, ph, 16 * sizeof(ph[0]));
	im.eh.e_phoff = NOTES_OFF + im.notes_len;
	im.eh.e_phnum = 16;
	write_headers(&im);
	CHECK(NOTES_OFF + im.notes_len + 20 * sizeof(ph[0]) <= TEXT_OFF);
	CHECK_EQ(parse(&im), 0);
	CHECK_EQ(info.segment_count, 15);
	memcpy(im.buf + NOTES_OFF + im.notes_len, ph, 20 * sizeof(ph[0]));
	im.eh.e_phnum = 18;
	write_headers(&im);
	CHECK(refused(&im, "more than 16 loadable segments"));
}

/* The standard image with one more numeric note, which overrides. */
static void std_plus(struct img *im, uint32_t type, uint64_t value)
{
	img_init(im);
	std_notes(im);
	note_u64(im, type, value);
	img_finish(im);
}

TEST(pv_image_address_checks)
{
	static struct img im;

	std_plus(&im, N_ENTRY, DATA_VA + DATA_MEM);
	CHECK(refused(&im, "entry point outside the image"));
	std_plus(&im, N_ENTRY, TEXT_VA - 1);
	CHECK(refused(&im, "entry point outside the image"));
	std_plus(&im, N_HYPERCALL_PAGE, DATA_VA + DATA_MEM - 0x800);
	CHECK(refused(&im, "hypercall page outside the image"));
	std_plus(&im, N_HYPERCALL_PAGE, 0x1000);
	CHECK(refused(&im, "hypercall page outside the image"));
	std_plus(&im, N_HYPERCALL_PAGE, TEXT_VA + 0x10);
	CHECK(refused(&im, "hypercall page not page-aligned"));
	std_plus(&im, N_HYPERCALL_PAGE, DATA_VA + DATA_MEM - 0x1000);
	CHECK_EQ(parse(&im), 0);
	std_plus(&im, N_INIT_P2M, DATA_VA);
	CHECK(refused(&im, "INIT_P2M address inside the image"));
}

static void check_prefixes(const struct img *im)
{
	for (size_t len = 0; len < im->len; len++) {
		if (parse_len(im->buf, len) == 0) {
			printf("  prefix of %zu bytes accepted\n", len);
			CHECK(0);
		}
	}
	CHECK_EQ(parse_len(im->buf, im->len), 0);
}

/* Every strict prefix is refused, without reading past it. */
TEST(pv_image_truncated)
{
	static struct img im;

	img_good(&im);
	check_prefixes(&im);
	img_init(&im);
	im.note_segment = false;
	im.note_section = true;
	std_notes(&im);
	img_finish(&im);
	check_prefixes(&im);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	return xorshift64(&rng_state);
}

/* Whatever the parser accepts must be self-consistent. */
static void check_accepted(size_t len)
{
	CHECK(info.segment_count > 0 &&
	      info.segment_count <= PV_IMAGE_MAX_SEGMENTS);
	CHECK(info.entry >= info.virt_kstart && info.entry < info.virt_kend);
	for (unsigned int i = 0; i < info.segment_count; i++) {
		const struct pv_segment *s = &info.segments[i];

		CHECK(s->file_size <= s->mem_size);
		CHECK(s->file_offset <= len &&
		      s->file_size <= len - s->file_offset);
	}
	CHECK(memchr(info.guest_os, 0, sizeof(info.guest_os)));
	CHECK(memchr(info.loader, 0, sizeof(info.loader)));
}

/* Flips random bytes, mostly in the headers and notes. */
static void mutate(uint8_t *buf, size_t len)
{
	unsigned int flips = 1 + rng() % 4;

	for (unsigned int i = 0; i < flips; i++) {
		size_t span = rng() % 4 ? TEXT_OFF : len;
		size_t off = rng() % span;

		if (rng() % 2)
			buf[off] ^= (uint8_t)(1u << (rng() % 8));
		else
			buf[off] = (uint8_t)rng();
	}
}

TEST(pv_image_fuzz)
{
	static struct img good[2], im;
	unsigned int accepted = 0;

	img_good(&good[0]);
	img_init(&good[1]);
	good[1].note_section = true;
	std_notes(&good[1]);
	img_finish(&good[1]);
	for (unsigned int iter = 0; iter < 6000; iter++) {
		im = good[iter % 2];
		mutate(im.buf, im.len);
		if (parse(&im) == 0) {
			accepted++;
			check_accepted(im.len);
		} else {
			CHECK(info.error[0] != '\0');
		}
	}
	CHECK(accepted > 0);
}
