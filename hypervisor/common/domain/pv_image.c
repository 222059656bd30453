/*
 * PV guest kernel image parser (see pv_image.h).  The image comes from a
 * boot module or from dom0 and is not trusted: every offset, size and
 * count read from it is checked against the image size before anything is
 * read through it, with arithmetic that cannot wrap.  Structures are
 * copied out with memcpy(), so no alignment is assumed either.
 *
 * Order: ELF file header, header tables, Xen notes (from PT_NOTE segments,
 * else from SHT_NOTE sections), loadable segments (whose load addresses
 * depend on the VIRT_BASE and PADDR_OFFSET notes), then the checks that
 * tie them together.
 */
#include <stdarg.h>
#include <stddef.h>

#include "elf.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"
#include "pv_image.h"

#define PV_PAGE_SIZE 4096ull
#define SEGMENT_MAX_SIZE (1ull << 40)	/* 1 TiB: far above any kernel */
#define IMAGE_MAX_SPAN (1ull << 40)

/* Xen note types (the XEN_ELFNOTE_* values of the Xen public ABI). */
enum {
	NOTE_INFO = 0,
	NOTE_ENTRY = 1,
	NOTE_HYPERCALL_PAGE = 2,
	NOTE_VIRT_BASE = 3,
	NOTE_PADDR_OFFSET = 4,
	NOTE_XEN_VERSION = 5,
	NOTE_GUEST_OS = 6,
	NOTE_GUEST_VERSION = 7,
	NOTE_LOADER = 8,
	NOTE_PAE_MODE = 9,
	NOTE_FEATURES = 10,
	NOTE_BSD_SYMTAB = 11,
	NOTE_HV_START_LOW = 12,
	NOTE_L1_MFN_VALID = 13,
	NOTE_SUSPEND_CANCEL = 14,
	NOTE_INIT_P2M = 15,
	NOTE_MOD_START_PFN = 16,
	NOTE_SUPPORTED_FEATURES = 17,
	NOTE_PHYS32_ENTRY = 18,
	NOTE_TYPES
};

/* How a note's descriptor is stored into struct pv_image_info. */
enum note_kind {
	NK_IGNORE,	/* accepted, not used (INFO, BSD_SYMTAB, ...) */
	NK_NUMBER,	/* uint64_t at @field, bool presence flag at @flag */
	NK_BOOL,	/* number, stored as bool at @field */
	NK_STRING,	/* char[@len] at @field */
	NK_FEATURES,	/* the '|' separated feature string */
	NK_FEATURE_MASK,	/* numeric bitmap of supported features */
};

struct note_format {
	const char *name;
	enum note_kind kind;
	size_t field, flag, len;
};

#define INFO_AT(f) offsetof(struct pv_image_info, f)
#define NUMBER(n, f, has) { n, NK_NUMBER, INFO_AT(f), INFO_AT(has), 0 }
#define BOOL(n, f) { n, NK_BOOL, INFO_AT(f), 0, 0 }
#define STRING(n, f) \
	{ n, NK_STRING, INFO_AT(f), 0, sizeof(((struct pv_image_info *)0)->f) }

static const struct note_format note_formats[NOTE_TYPES] = {
	[NOTE_INFO] = { "INFO", NK_IGNORE, 0, 0, 0 },
	[NOTE_ENTRY] = NUMBER("ENTRY", virt_entry, has_entry),
	[NOTE_HYPERCALL_PAGE] = NUMBER("HYPERCALL_PAGE", hypercall_page,
				       has_hypercall_page),
	[NOTE_VIRT_BASE] = NUMBER("VIRT_BASE", virt_base, has_virt_base),
	[NOTE_PADDR_OFFSET] = NUMBER("PADDR_OFFSET", paddr_offset,
				     has_paddr_offset),
	[NOTE_XEN_VERSION] = STRING("XEN_VERSION", xen_version),
	[NOTE_GUEST_OS] = STRING("GUEST_OS", guest_os),
	[NOTE_GUEST_VERSION] = STRING("GUEST_VERSION", guest_version),
	[NOTE_LOADER] = STRING("LOADER", loader),
	[NOTE_PAE_MODE] = STRING("PAE_MODE", pae),
	[NOTE_FEATURES] = { "FEATURES", NK_FEATURES, 0, 0, 0 },
	[NOTE_BSD_SYMTAB] = { "BSD_SYMTAB", NK_IGNORE, 0, 0, 0 },
	[NOTE_HV_START_LOW] = NUMBER("HV_START_LOW", hv_start_low,
				     has_hv_start_low),
	[NOTE_L1_MFN_VALID] = { "L1_MFN_VALID", NK_IGNORE, 0, 0, 0 },
	[NOTE_SUSPEND_CANCEL] = BOOL("SUSPEND_CANCEL", suspend_cancel),
	[NOTE_INIT_P2M] = NUMBER("INIT_P2M", init_p2m, has_init_p2m),
	[NOTE_MOD_START_PFN] = BOOL("MOD_START_PFN", mod_start_pfn),
	[NOTE_SUPPORTED_FEATURES] = { "SUPPORTED_FEATURES", NK_FEATURE_MASK,
				      0, 0, 0 },
	[NOTE_PHYS32_ENTRY] = { "PHYS32_ENTRY", NK_IGNORE, 0, 0, 0 },
};

/* Feature names the FEATURES note may use, by PV_FEAT_* bit. */
static const char *const feature_names[] = {
	[PV_FEAT_WRITABLE_PAGE_TABLES] = "writable_page_tables",
	[PV_FEAT_WRITABLE_DESCRIPTOR_TABLES] = "writable_descriptor_tables",
	[PV_FEAT_AUTO_TRANSLATED_PHYSMAP] = "auto_translated_physmap",
	[PV_FEAT_SUPERVISOR_MODE_KERNEL] = "supervisor_mode_kernel",
	[PV_FEAT_PAE_PGDIR_ABOVE_4GB] = "pae_pgdir_above_4gb",
	[PV_FEAT_HVM_CALLBACK_VECTOR] = "hvm_callback_vector",
	[PV_FEAT_DOM0] = "dom0",
};

/* The image being parsed. */
struct image {
	const uint8_t *data;
	uint64_t size;
	struct elf64_ehdr eh;
	uint32_t notes_seen;	/* bit n: a Xen note of type n was found */
	struct pv_image_info *info;
};

static int __printf(2, 3) fail(struct pv_image_info *info, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(info->error, sizeof(info->error), fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether [off, off + len) lies inside the image; cannot overflow. */
static bool in_image(const struct image *im, uint64_t off, uint64_t len)
{
	return off <= im->size && len <= im->size - off;
}

static int read_ehdr(struct image *im)
{
	const uint8_t *ident = im->data;
	const struct elf64_ehdr *eh = &im->eh;

	if (!im->data || im->size < ELF_NIDENT)
		return fail(im->info, "image too small for an ELF header");
	if (memcmp(ident, ELF_MAGIC, ELF_MAGIC_LEN) != 0)
		return fail(im->info, "not an ELF image");
	if (ident[ELF_IDENT_CLASS] == ELF_CLASS32)
		return fail(im->info, "32-bit kernels are not supported");
	if (ident[ELF_IDENT_CLASS] != ELF_CLASS64)
		return fail(im->info, "bad ELF class");
	if (ident[ELF_IDENT_DATA] != ELF_DATA_LSB)
		return fail(im->info, "not a little-endian ELF image");
	if (ident[ELF_IDENT_VERSION] != ELF_VERSION_CURRENT)
		return fail(im->info, "bad ELF version");
	if (im->size < sizeof(im->eh))
		return fail(im->info, "image too small for an ELF header");
	memcpy(&im->eh, im->data, sizeof(im->eh));
	if (eh->e_machine != ELF_MACHINE_X86_64)
		return fail(im->info, "not an x86-64 ELF image");
	if (eh->e_type != ELF_TYPE_EXEC && eh->e_type != ELF_TYPE_DYN)
		return fail(im->info, "not an executable ELF image");
	return 0;
}

/* Checks the program and (if any) section header tables' bounds. */
static int check_tables(struct image *im)
{
	const struct elf64_ehdr *eh = &im->eh;

	if (eh->e_phnum == 0)
		return fail(im->info, "no program headers");
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return fail(im->info, "bad program header size %u",
			    eh->e_phentsize);
	if (!in_image(im, eh->e_phoff,
		      (uint64_t)eh->e_phnum * eh->e_phentsize))
		return fail(im->info, "program headers outside the image");
	if (eh->e_shnum == 0)
		return 0;
	if (eh->e_shentsize != sizeof(struct elf64_shdr))
		return fail(im->info, "bad section header size %u",
			    eh->e_shentsize);
	if (!in_image(im, eh->e_shoff,
		      (uint64_t)eh->e_shnum * eh->e_shentsize))
		return fail(im->info, "section headers outside the image");
	return 0;
}

/* Only after check_tables(): @i < e_phnum is inside the image. */
static void read_phdr(const struct image *im, unsigned int i,
		      struct elf64_phdr *ph)
{
	memcpy(ph, im->data + im->eh.e_phoff + (uint64_t)i * sizeof(*ph),
	       sizeof(*ph));
}

static void read_shdr(const struct image *im, unsigned int i,
		      struct elf64_shdr *sh)
{
	memcpy(sh, im->data + im->eh.e_shoff + (uint64_t)i * sizeof(*sh),
	       sizeof(*sh));
}

/* Xen's longest string in an image (libelf gives up beyond it). */
#define IMAGE_STRING_MAX 4096

/*
 * Stores the length of the string note @desc in *len.  Like Xen, the
 * string ends at its NUL, not at @descsz: Linux writes FEATURES with
 * .ascii, so only the note's zero padding terminates it.  The NUL must
 * be inside the image and within IMAGE_STRING_MAX bytes.
 */
static int string_len(struct image *im, const struct note_format *f,
		      const uint8_t *desc, size_t *len)
{
	size_t room = MIN((uint64_t)(im->data + im->size - desc),
			  (uint64_t)IMAGE_STRING_MAX + 1);

	*len = strnlen((const char *)desc, room);
	if (*len == room)
		return fail(im->info, "%s note is not NUL-terminated", f->name);
	return 0;
}

static int read_number(struct image *im, const struct note_format *f,
		       const uint8_t *desc, uint32_t descsz, uint64_t *value)
{
	uint32_t v32;

	if (descsz == sizeof(uint64_t)) {
		memcpy(value, desc, sizeof(uint64_t));
		return 0;
	}
	if (descsz == sizeof(uint32_t)) {
		memcpy(&v32, desc, sizeof(v32));
		*value = v32;
		return 0;
	}
	return fail(im->info, "%s note has %u bytes, not 4 or 8", f->name,
		    descsz);
}

static int feature_bit(const char *name, size_t len)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(feature_names); i++) {
		if (feature_names[i] && strlen(feature_names[i]) == len &&
		    memcmp(feature_names[i], name, len) == 0)
			return (int)i;
	}
	return -1;
}

/* One entry of the FEATURES string: "name" or "!name" (required). */
static int add_feature(struct image *im, const char *name, size_t len)
{
	bool required = len > 0 && name[0] == '!';
	int bit;

	if (required) {
		name++;
		len--;
	}
	if (len == 0)
		return 0;
	bit = feature_bit(name, len);
	if (bit < 0) {
		if (!required)
			return 0;
		return fail(im->info, "unknown required feature \"%.*s\"",
			    (int)MIN(len, 48), name);
	}
	im->info->features_supported[0] |= 1u << bit;
	if (required)
		im->info->features_required[0] |= 1u << bit;
	return 0;
}

static int parse_features(struct image *im, const struct note_format *f,
			  const uint8_t *desc)
{
	const char *s = (const char *)desc;
	size_t len, start = 0;

	if (string_len(im, f, desc, &len) < 0)
		return -1;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '|')
			continue;
		if (add_feature(im, s + start, i - start) < 0)
			return -1;
		start = i + 1;
	}
	return 0;
}

static int read_string(struct image *im, const struct note_format *f,
		       const uint8_t *desc)
{
	char *buf = (char *)im->info + f->field;
	size_t len;

	if (string_len(im, f, desc, &len) < 0)
		return -1;
	if (len >= f->len)
		return fail(im->info, "%s note is too long (%zu bytes)", f->name,
			    len);
	memcpy(buf, desc, len);
	buf[len] = '\0';
	return 0;
}

/* Stores one Xen note; @desc (@descsz bytes) is inside the image. */
static int apply_note(struct image *im, uint32_t type, const uint8_t *desc,
		      uint32_t descsz)
{
	const struct note_format *f;
	uint8_t *info = (uint8_t *)im->info;
	uint64_t value;

	if (type >= NOTE_TYPES)
		return 0;
	f = &note_formats[type];
	im->notes_seen |= 1u << type;
	if (f->kind == NK_IGNORE)
		return 0;
	if (f->kind == NK_STRING)
		return read_string(im, f, desc);
	if (f->kind == NK_FEATURES)
		return parse_features(im, f, desc);
	if (read_number(im, f, desc, descsz, &value) < 0)
		return -1;
	if (f->kind == NK_NUMBER) {
		*(uint64_t *)(info + f->field) = value;
		*(bool *)(info + f->flag) = true;
	} else if (f->kind == NK_BOOL) {
		*(bool *)(info + f->field) = value != 0;
	} else {
		im->info->features_supported[0] |= (uint32_t)value;
	}
	return 0;
}

static bool is_xen_owner(const uint8_t *name, uint32_t namesz)
{
	return namesz == 4 && memcmp(name, "Xen", 4) == 0;
}

/*
 * Applies the Xen notes among those in the image bytes [off, off + len)
 * (already checked to be inside), each name and descriptor padded to
 * @align.  Bytes too few for a note header at the end are padding.
 */
static int walk_notes(struct image *im, uint64_t off, uint64_t len,
		      uint64_t align)
{
	const uint8_t *area = im->data + off;
	uint64_t pos = 0, name_off, desc_off, desc_len;
	struct elf64_nhdr nh;

	while (len - pos >= sizeof(nh)) {
		memcpy(&nh, area + pos, sizeof(nh));
		name_off = pos + sizeof(nh);
		if (ALIGN_UP((uint64_t)nh.n_namesz, align) > len - name_off)
			return fail(im->info, "note name runs past its area");
		desc_off = name_off + ALIGN_UP((uint64_t)nh.n_namesz, align);
		if (nh.n_descsz > len - desc_off)
			return fail(im->info,
				    "note descriptor runs past its area");
		if (is_xen_owner(area + name_off, nh.n_namesz)) {
			im->info->xen_note_count++;
			if (apply_note(im, nh.n_type, area + desc_off,
				       nh.n_descsz) < 0)
				return -1;
		}
		desc_len = ALIGN_UP((uint64_t)nh.n_descsz, align);
		if (desc_len > len - desc_off)
			break;	/* the last note, its padding cut off */
		pos = desc_off + desc_len;
	}
	return 0;
}

static uint64_t note_align(uint64_t align)
{
	return align == 8 ? 8 : 4;
}

static int notes_from_segments(struct image *im)
{
	struct elf64_phdr ph;

	for (unsigned int i = 0; i < im->eh.e_phnum; i++) {
		read_phdr(im, i, &ph);
		if (ph.p_type != ELF_PT_NOTE || ph.p_filesz == 0)
			continue;
		if (!in_image(im, ph.p_offset, ph.p_filesz))
			return fail(im->info,
				    "note segment outside the image");
		if (walk_notes(im, ph.p_offset, ph.p_filesz,
			       note_align(ph.p_align)) < 0)
			return -1;
	}
	return 0;
}

static int notes_from_sections(struct image *im)
{
	struct elf64_shdr sh;

	for (unsigned int i = 0; i < im->eh.e_shnum; i++) {
		read_shdr(im, i, &sh);
		if (sh.sh_type != ELF_SHT_NOTE || sh.sh_size == 0)
			continue;
		if (!in_image(im, sh.sh_offset, sh.sh_size))
			return fail(im->info,
				    "note section outside the image");
		if (walk_notes(im, sh.sh_offset, sh.sh_size,
			       note_align(sh.sh_addralign)) < 0)
			return -1;
	}
	return 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Reads the Xen notes and checks what does not depend on the segments. */
static int read_notes(struct image *im)
{
	struct pv_image_info *info = im->info;

	if (notes_from_segments(im) < 0)
		return -1;
	if (info->xen_note_count == 0) {
		if (notes_from_sections(im) < 0)
			return -1;
		info->notes_from_sections = info->xen_note_count != 0;
	}
	if (info->xen_note_count == 0)
		return fail(info, "no Xen ELF notes: not a PV kernel");
	if ((im->notes_seen & (1u << NOTE_LOADER)) &&
	    strcmp(info->loader, "generic") != 0)
		return fail(info, "LOADER note is not \"generic\"");
	if ((im->notes_seen & (1u << NOTE_XEN_VERSION)) &&
	    !starts_with(info->xen_version, "xen-3.0"))
		return fail(info, "XEN_VERSION note is not \"xen-3.0\"");
	if (info->virt_base & (PV_PAGE_SIZE - 1))
		return fail(info, "VIRT_BASE is not page-aligned");
	info->pae_yes_or_bimodal = starts_with(info->pae, "yes") ||
				   starts_with(info->pae, "bimodal");
	info->entry = info->has_entry ? info->virt_entry : im->eh.e_entry;
	return 0;
}

static int add_segment(struct image *im, unsigned int i,
		       const struct elf64_phdr *ph)
{
	struct pv_image_info *info = im->info;
	struct pv_segment *seg;
	uint64_t rel;

	if (info->segment_count == PV_IMAGE_MAX_SEGMENTS)
		return fail(info, "more than %d loadable segments",
			    PV_IMAGE_MAX_SEGMENTS);
	if (ph->p_memsz > SEGMENT_MAX_SIZE)
		return fail(info, "segment %u: segment too large", i);
	if (ph->p_filesz > ph->p_memsz)
		return fail(info, "segment %u: file size above memory size", i);
	if (!in_image(im, ph->p_offset, ph->p_filesz))
		return fail(info, "segment %u: file range outside the image", i);
	if (ph->p_paddr < info->paddr_offset)
		return fail(info, "segment %u: address below PADDR_OFFSET", i);
	rel = ph->p_paddr - info->paddr_offset;
	if (rel > UINT64_MAX - info->virt_base ||
	    ph->p_memsz > UINT64_MAX - (info->virt_base + rel))
		return fail(info, "segment %u: address overflow", i);
	seg = &info->segments[info->segment_count++];
	seg->vaddr = info->virt_base + rel;
	seg->paddr = ph->p_paddr;
	seg->file_offset = ph->p_offset;
	seg->file_size = ph->p_filesz;
	seg->mem_size = ph->p_memsz;
	seg->flags = ph->p_flags;
	return 0;
}

static bool segments_overlap(const struct pv_segment *a,
			     const struct pv_segment *b)
{
	return a->vaddr < b->vaddr + b->mem_size &&
	       b->vaddr < a->vaddr + a->mem_size;
}

/* Collects the PT_LOAD segments with memory, checks them, sets the range. */
static int load_segments(struct image *im)
{
	struct pv_image_info *info = im->info;
	const struct pv_segment *s = info->segments;
	struct elf64_phdr ph;

	for (unsigned int i = 0; i < im->eh.e_phnum; i++) {
		read_phdr(im, i, &ph);
		if (ph.p_type == ELF_PT_LOAD && ph.p_memsz != 0 &&
		    add_segment(im, i, &ph) < 0)
			return -1;
	}
	if (info->segment_count == 0)
		return fail(info, "no loadable segments");
	info->virt_kstart = UINT64_MAX;
	for (unsigned int i = 0; i < info->segment_count; i++) {
		for (unsigned int j = i + 1; j < info->segment_count; j++) {
			if (segments_overlap(&s[i], &s[j]))
				return fail(info, "segments overlap");
		}
		info->virt_kstart = MIN(info->virt_kstart, s[i].vaddr);
		info->virt_kend = MAX(info->virt_kend,
				      s[i].vaddr + s[i].mem_size);
	}
	return 0;
}

/* Entry point, hypercall page and INIT_P2M against the loaded range. */
static int check_layout(struct pv_image_info *info)
{
	uint64_t start = info->virt_kstart, end = info->virt_kend;
	uint64_t hc = info->hypercall_page;

	if (end - start > IMAGE_MAX_SPAN)
		return fail(info, "image too large");
	if (info->entry < start || info->entry >= end)
		return fail(info, "entry point outside the image");
	if (info->has_hypercall_page) {
		if (hc < start || hc >= end || end - hc < PV_PAGE_SIZE)
			return fail(info, "hypercall page outside the image");
		if (hc & (PV_PAGE_SIZE - 1))
			return fail(info, "hypercall page not page-aligned");
	}
	if (info->has_init_p2m && info->init_p2m >= start &&
	    info->init_p2m < end)
		return fail(info, "INIT_P2M address inside the image");
	return 0;
}

int pv_image_parse(const void *image, uint64_t size, struct pv_image_info *info)
{
	struct image im = { .data = image, .size = size, .info = info };

	memset(info, 0, sizeof(*info));
	if (read_ehdr(&im) < 0 || check_tables(&im) < 0 ||
	    read_notes(&im) < 0 || load_segments(&im) < 0 ||
	    check_layout(info) < 0)
		return -1;
	return 0;
}

const char *pv_image_unsupported_feature(const struct pv_image_info *info,
					 uint32_t supported_mask)
{
	uint32_t missing = info->features_required[0] & ~supported_mask;

	for (unsigned int i = 0; i < ARRAY_SIZE(feature_names); i++) {
		if ((missing & (1u << i)) && feature_names[i])
			return feature_names[i];
	}
	return NULL;
}
