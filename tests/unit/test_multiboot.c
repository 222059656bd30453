/*
 * Tests for the boot information parsers (hypervisor/common/boot/).
 *
 * Multiboot 1 and 2 information structures are built byte by byte, at the
 * offsets the two specifications give, in a 1 MiB array that stands for
 * physical memory at PHYS_BASE.  The map function hands the parser an
 * exact-size heap copy of every range it asks for (and NULL for anything
 * outside the array), so AddressSanitizer flags any read past what the
 * parser mapped.  Every malformed case checks the return value and the
 * error text.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bootinfo.h"
#include "harness.h"

#define PHYS_BASE 0x10000ull
#define PHYS_SIZE 0x100000ull
#define PHYS_END (PHYS_BASE + PHYS_SIZE)

/* Multiboot 1 info offsets and flags (specification section 3.3). */
#define MB1_FLAGS 0
#define MB1_MEM_LOWER 4
#define MB1_MEM_UPPER 8
#define MB1_CMDLINE 16
#define MB1_MODS_COUNT 20
#define MB1_MODS_ADDR 24
#define MB1_MMAP_LENGTH 44
#define MB1_MMAP_ADDR 48
#define MB1_LOADER_NAME 64
#define MB1_INFO_SIZE 68 /* what the parser reads and records */
#define MB1_F_MEM (1u << 0)
#define MB1_F_CMDLINE (1u << 2)
#define MB1_F_MODS (1u << 3)
#define MB1_F_MMAP (1u << 6)
#define MB1_F_LOADER (1u << 9)

/* Multiboot 2 tag types (specification section 3.6). */
#define MB2_END 0
#define MB2_CMDLINE 1
#define MB2_LOADER 2
#define MB2_MODULE 3
#define MB2_MEMINFO 4
#define MB2_MMAP 6
#define MB2_ACPI_OLD 14
#define MB2_ACPI_NEW 15
#define MB2_AREA 0x10000

static uint8_t phys[PHYS_SIZE] __attribute__((aligned(8)));
static uint64_t phys_next;
static void *maps[65536];
static size_t nmaps;
static struct boot_info bi;

static const void *test_map(uint64_t pa, uint64_t len)
{
	void *copy;

	if (pa < PHYS_BASE || pa - PHYS_BASE > PHYS_SIZE ||
	    len > PHYS_SIZE - (pa - PHYS_BASE))
		return NULL;
	if (nmaps == sizeof(maps) / sizeof(maps[0])) {
		CHECK(!"too many maps");
		return NULL;
	}
	copy = malloc(len ? len : 1);
	memcpy(copy, phys + (pa - PHYS_BASE), len);
	maps[nmaps++] = copy;
	return copy;
}

static void free_maps(void)
{
	while (nmaps)
		free(maps[--nmaps]);
}

static void reset(void)
{
	free_maps();
	memset(phys, 0, sizeof(phys));
	phys_next = PHYS_BASE;
}

/*
 * Runs the parser on a @bi full of junk (it must initialise everything)
 * and drops the mappings: everything the parser keeps is copied.
 */
static int parse(uint32_t magic, uint64_t info)
{
	int rc;

	memset(&bi, 0xa5, sizeof(bi));
	rc = multiboot_parse(magic, info, test_map, &bi);
	free_maps();
	return rc;
}

/* Checks a failed parse and the text of its error. */
#define CHECK_FAILS(rc, text)                                         \
	do {                                                          \
		CHECK_EQ(rc, -1);                                     \
		CHECK(strstr(bi.error, text) != NULL);                \
		if (!strstr(bi.error, text))                          \
			printf("  error was \"%s\"\n", bi.error);     \
	} while (0)

static uint8_t *at(uint64_t pa)
{
	return phys + (pa - PHYS_BASE);
}

/* Zeroed, 8-byte aligned "physical" memory. */
static uint64_t phys_alloc(uint64_t len)
{
	uint64_t pa = phys_next;

	CHECK(len <= PHYS_END - pa);
	phys_next = (pa + len + 7) & ~7ull;
	return pa;
}

static void put32(uint64_t pa, uint32_t v)
{
	memcpy(at(pa), &v, 4);
}

static uint32_t get32(uint64_t pa)
{
	uint32_t v;

	memcpy(&v, at(pa), 4);
	return v;
}

static void put64(uint64_t pa, uint64_t v)
{
	memcpy(at(pa), &v, 8);
}

static uint64_t put_string(const char *s)
{
	uint64_t pa = phys_alloc(strlen(s) + 1);

	memcpy(at(pa), s, strlen(s) + 1);
	return pa;
}

/* A string of @len copies of @c (plus the NUL) in host memory. */
static char *long_string(size_t len, char c)
{
	char *s = malloc(len + 1);

	memset(s, c, len);
	s[len] = '\0';
	return s;
}

struct mem {
	uint64_t base, len;
	uint32_t type;
};

struct mod {
	uint32_t start, end;
	const char *string; /* NULL: no string (address 0) */
};

/* Unsorted on purpose: the parser must sort it. */
static const struct mem std_map[] = {
	{ 0x100000, 0x7f00000, BOOT_MEM_RAM },
	{ 0xfffc0000, 0x40000, BOOT_MEM_RESERVED },
	{ 0x0, 0x9fc00, BOOT_MEM_RAM },
	{ 0x100000000ull, 0x40000000, BOOT_MEM_RAM },
	{ 0xf0000, 0x10000, BOOT_MEM_RESERVED },
	{ 0x9fc00, 0x400, BOOT_MEM_RESERVED },
	{ 0x8000000, 0x20000, BOOT_MEM_ACPI },
};
#define STD_MAP_COUNT (sizeof(std_map) / sizeof(std_map[0]))

/* std_map sorted by start. */
static const struct boot_range std_sorted[] = {
	{ 0x0, 0x9fc00, BOOT_MEM_RAM },
	{ 0x9fc00, 0xa0000, BOOT_MEM_RESERVED },
	{ 0xf0000, 0x100000, BOOT_MEM_RESERVED },
	{ 0x100000, 0x8000000, BOOT_MEM_RAM },
	{ 0x8000000, 0x8020000, BOOT_MEM_ACPI },
	{ 0xfffc0000, 0x100000000ull, BOOT_MEM_RESERVED },
	{ 0x100000000ull, 0x140000000ull, BOOT_MEM_RAM },
};

static bool memmap_is(const struct boot_range *want, unsigned n)
{
	if (bi.memmap_count != n)
		return false;
	for (unsigned i = 0; i < n; i++) {
		if (bi.memmap[i].start != want[i].start || bi.memmap[i].end != want[i].end ||
		    bi.memmap[i].type != want[i].type)
			return false;
	}
	return true;
}

static bool loader_range_is(unsigned i, uint64_t start, uint64_t len)
{
	return i < bi.loader_range_count && bi.loader_ranges[i].start == start &&
	       bi.loader_ranges[i].end == start + len;
}

static bool in_strings(const char *s)
{
	return s >= bi.strings && s < bi.strings + sizeof(bi.strings);
}

/* ---- Multiboot 1 builders ---- */

static uint64_t mb1_new(uint32_t flags)
{
	uint64_t info = phys_alloc(MB1_INFO_SIZE);

	put32(info + MB1_FLAGS, flags);
	return info;
}

static void mb1_flags(uint64_t info, uint32_t flags)
{
	put32(info + MB1_FLAGS, get32(info + MB1_FLAGS) | flags);
}

static uint64_t mb1_cmdline(uint64_t info, const char *s)
{
	uint64_t pa = put_string(s);

	mb1_flags(info, MB1_F_CMDLINE);
	put32(info + MB1_CMDLINE, (uint32_t)pa);
	return pa;
}

static uint64_t mb1_loader(uint64_t info, const char *s)
{
	uint64_t pa = put_string(s);

	mb1_flags(info, MB1_F_LOADER);
	put32(info + MB1_LOADER_NAME, (uint32_t)pa);
	return pa;
}

/* Points the info at a raw map of @length bytes; returns its address. */
static uint64_t mb1_mmap_raw(uint64_t info, uint32_t length)
{
	uint64_t pa = phys_alloc(length);

	mb1_flags(info, MB1_F_MMAP);
	put32(info + MB1_MMAP_LENGTH, length);
	put32(info + MB1_MMAP_ADDR, (uint32_t)pa);
	return pa;
}

/* Writes an entry whose size field is @size; returns the next entry. */
static uint64_t mb1_entry(uint64_t pa, uint32_t size, const struct mem *m)
{
	put32(pa, size);
	put64(pa + 4, m->base);
	put64(pa + 12, m->len);
	put32(pa + 20, m->type);
	return pa + 4 + size;
}

static uint64_t mb1_mmap(uint64_t info, const struct mem *m, unsigned n)
{
	uint64_t pa = mb1_mmap_raw(info, n * 24), e = pa;

	for (unsigned i = 0; i < n; i++)
		e = mb1_entry(e, 20, &m[i]);
	return pa;
}

/* Module list; string addresses go to @string_pa (if not NULL). */
static uint64_t mb1_mods(uint64_t info, const struct mod *m, unsigned n,
			 uint64_t *string_pa)
{
	uint64_t pa = phys_alloc(n * 16);

	mb1_flags(info, MB1_F_MODS);
	put32(info + MB1_MODS_COUNT, n);
	put32(info + MB1_MODS_ADDR, (uint32_t)pa);
	for (unsigned i = 0; i < n; i++) {
		uint64_t s = m[i].string ? put_string(m[i].string) : 0;

		put32(pa + 16 * i, m[i].start);
		put32(pa + 16 * i + 4, m[i].end);
		put32(pa + 16 * i + 8, (uint32_t)s);
		if (string_pa)
			string_pa[i] = s;
	}
	return pa;
}

/* Info with the standard memory map and nothing else. */
static uint64_t mb1_basic(void)
{
	uint64_t info;

	reset();
	info = mb1_new(0);
	mb1_mmap(info, std_map, STD_MAP_COUNT);
	return info;
}

/* Info whose one module is @m (with the standard memory map). */
static int mb1_parse_module(const struct mod *m)
{
	uint64_t info = mb1_basic();

	mb1_mods(info, m, 1, NULL);
	return parse(MULTIBOOT1_LOADER_MAGIC, info);
}

/* ---- Multiboot 2 builders ---- */

struct mb2 {
	uint64_t start;
	uint32_t off;
};

static void mb2_begin(struct mb2 *b)
{
	b->start = phys_alloc(MB2_AREA);
	b->off = 8;
}

/* A tag with header size field @size; returns its address. */
static uint64_t mb2_tag_sized(struct mb2 *b, uint32_t type, uint32_t size,
			      const void *payload, uint32_t payload_len)
{
	uint64_t pa = b->start + b->off;

	put32(pa, type);
	put32(pa + 4, size);
	if (payload && payload_len) /* NULL payload: zeros */
		memcpy(at(pa + 8), payload, payload_len);
	b->off += (size + 7) & ~7u;
	CHECK(b->off <= MB2_AREA);
	return pa;
}

static uint64_t mb2_tag(struct mb2 *b, uint32_t type, const void *payload,
			uint32_t payload_len)
{
	return mb2_tag_sized(b, type, 8 + payload_len, payload, payload_len);
}

static uint64_t mb2_string(struct mb2 *b, uint32_t type, const char *s)
{
	return mb2_tag(b, type, s, strlen(s) + 1);
}

static uint64_t mb2_module(struct mb2 *b, uint32_t start, uint32_t end, const char *s)
{
	uint8_t payload[8 + 2048];
	size_t len = strlen(s) + 1;

	CHECK(len <= 2048);
	memcpy(payload, &start, 4);
	memcpy(payload + 4, &end, 4);
	memcpy(payload + 8, s, len);
	return mb2_tag(b, MB2_MODULE, payload, 8 + len);
}

/* A memory map tag with entries @entry_size bytes apart. */
static uint64_t mb2_mmap(struct mb2 *b, const struct mem *m, unsigned n,
			 uint32_t entry_size)
{
	static uint8_t payload[8 + 200 * 64];
	uint32_t version = 0;

	CHECK(n <= 200 && entry_size <= 64);
	memset(payload, 0xee, sizeof(payload)); /* junk in extension fields */
	memcpy(payload, &entry_size, 4);
	memcpy(payload + 4, &version, 4);
	for (unsigned i = 0; i < n; i++) {
		uint8_t *e = payload + 8 + i * entry_size;
		uint32_t zero = 0;

		memcpy(e, &m[i].base, 8);
		memcpy(e + 8, &m[i].len, 8);
		memcpy(e + 16, &m[i].type, 4);
		memcpy(e + 20, &zero, 4);
	}
	return mb2_tag(b, MB2_MMAP, payload, 8 + n * entry_size);
}

/* Sets total_size to what was written so far, without an end tag. */
static uint64_t mb2_finish_no_end(struct mb2 *b)
{
	put32(b->start, b->off);
	put32(b->start + 4, 0);
	return b->start;
}

static uint64_t mb2_finish(struct mb2 *b)
{
	mb2_tag(b, MB2_END, NULL, 0);
	return mb2_finish_no_end(b);
}

/* Starts a block holding the standard memory map. */
static void mb2_basic(struct mb2 *b)
{
	reset();
	mb2_begin(b);
	mb2_mmap(b, std_map, STD_MAP_COUNT, 24);
}

/* An RSDP copy of @len bytes (content is not the parser's business). */
static void rsdp_payload(uint8_t *p, uint32_t len, uint8_t rev)
{
	memset(p, 0, len);
	memcpy(p, "RSD PTR ", 8);
	p[15] = rev;
}

/* ==== Good cases ==== */

TEST(multiboot1_full_info)
{
	static const struct mod mods[] = {
		{ 0x1000000, 0x1234567, "dom0 console=hvc0" },
		{ 0x2000000, 0x2001000, NULL },
		{ 0x1400000, 0x1400000, "empty" },
	};
	uint64_t info, cmd, name, mmap, list, strs[3];

	reset();
	info = mb1_new(0);
	cmd = mb1_cmdline(info, "/boot/hv.elf loglvl=debug");
	name = mb1_loader(info, "GRUB 2.06");
	mmap = mb1_mmap(info, std_map, STD_MAP_COUNT);
	list = mb1_mods(info, mods, 3, strs);

	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.error[0], 0);
	CHECK(!strcmp(bi.protocol, "multiboot1"));
	CHECK(!strcmp(bi.cmdline, "/boot/hv.elf loglvl=debug"));
	CHECK(!strcmp(bi.loader, "GRUB 2.06"));
	CHECK(in_strings(bi.cmdline) && in_strings(bi.loader));
	CHECK(!strcmp(boot_cmdline_options(&bi, bi.cmdline), "loglvl=debug"));
	CHECK(memmap_is(std_sorted, STD_MAP_COUNT));

	CHECK_EQ(bi.module_count, 3);
	CHECK_EQ(bi.modules[0].start, 0x1000000);
	CHECK_EQ(bi.modules[0].end, 0x1234567);
	CHECK(!strcmp(bi.modules[0].cmdline, "dom0 console=hvc0"));
	CHECK(in_strings(bi.modules[0].cmdline));
	CHECK_EQ(bi.modules[1].start, 0x2000000);
	CHECK_EQ(bi.modules[1].end, 0x2001000);
	CHECK(bi.modules[1].cmdline && !strcmp(bi.modules[1].cmdline, ""));
	CHECK_EQ(bi.modules[2].start, 0x1400000);
	CHECK_EQ(bi.modules[2].end, 0x1400000);
	CHECK(!strcmp(bi.modules[2].cmdline, "empty"));
	CHECK_EQ(bi.rsdp, 0);

	/* info, command line, loader name, map, module list, two strings */
	CHECK_EQ(bi.loader_range_count, 7);
	CHECK(loader_range_is(0, info, MB1_INFO_SIZE));
	CHECK(loader_range_is(1, cmd, sizeof("/boot/hv.elf loglvl=debug")));
	CHECK(loader_range_is(2, name, sizeof("GRUB 2.06")));
	CHECK(loader_range_is(3, mmap, STD_MAP_COUNT * 24));
	CHECK(loader_range_is(4, list, 3 * 16));
	CHECK(loader_range_is(5, strs[0], sizeof("dom0 console=hvc0")));
	CHECK(loader_range_is(6, strs[2], sizeof("empty")));
}

TEST(multiboot1_flags_off_means_absent)
{
	uint64_t info;

	/* Command line and loader name pointers without their flags. */
	info = mb1_basic();
	put32(info + MB1_CMDLINE, (uint32_t)put_string("ignored"));
	put32(info + MB1_LOADER_NAME, (uint32_t)put_string("ignored"));
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(!strcmp(bi.cmdline, ""));
	CHECK(!strcmp(bi.loader, ""));
	CHECK_EQ(bi.module_count, 0);
	CHECK_EQ(bi.loader_range_count, 2);

	/* A flag with a zero pointer is also "absent". */
	info = mb1_basic();
	mb1_flags(info, MB1_F_CMDLINE | MB1_F_LOADER | MB1_F_MODS);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(!strcmp(bi.cmdline, "") && !strcmp(bi.loader, ""));
	CHECK_EQ(bi.module_count, 0);
	CHECK_EQ(bi.loader_range_count, 2);
}

TEST(multiboot1_memory_sizes_without_map)
{
	static const struct boot_range want[] = {
		{ 0, 639 << 10, BOOT_MEM_RAM },
		{ 0x100000, 0x100000 + (130048ull << 10), BOOT_MEM_RAM },
	};
	uint64_t info;

	reset();
	info = mb1_new(MB1_F_MEM);
	put32(info + MB1_MEM_LOWER, 639);
	put32(info + MB1_MEM_UPPER, 130048);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(!strcmp(bi.protocol, "multiboot1"));
	CHECK(memmap_is(want, 2));
	CHECK(!strcmp(bi.cmdline, "") && !strcmp(bi.loader, ""));
	CHECK_EQ(bi.loader_range_count, 1);
	CHECK(loader_range_is(0, info, MB1_INFO_SIZE));

	/* mem_lower 0: only the upper range. */
	put32(info + MB1_MEM_LOWER, 0);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(&want[1], 1));

	/* The map wins over the sizes when both are given. */
	mb1_mmap(info, std_map, STD_MAP_COUNT);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(std_sorted, STD_MAP_COUNT));
}

TEST(multiboot1_mmap_entry_layouts)
{
	static const struct mem m[] = {
		{ 0x200000, 0x100000, BOOT_MEM_RAM },
		{ 0x0, 0x1000, BOOT_MEM_NVS },
		{ 0x1000, 0, BOOT_MEM_RAM }, /* empty: dropped */
		{ 0x100000, 0x100000, BOOT_MEM_BAD },
	};
	static const struct boot_range want[] = {
		{ 0x0, 0x1000, BOOT_MEM_NVS },
		{ 0x100000, 0x200000, BOOT_MEM_BAD },
		{ 0x200000, 0x300000, BOOT_MEM_RAM },
	};
	uint64_t info, e;

	/* Entries with 8 bytes of extension (size 28): 32 bytes apart. */
	reset();
	info = mb1_new(0);
	e = mb1_mmap_raw(info, 4 * 32);
	for (unsigned i = 0; i < 4; i++) {
		put64(e + 24, 0xeeeeeeeeeeeeeeeeull);
		e = mb1_entry(e, 28, &m[i]);
	}
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(want, 3));

	/* Odd size fields (21, 23): later entries are not 4-byte aligned. */
	reset();
	info = mb1_new(0);
	e = mb1_mmap_raw(info, 25 + 27 + 24);
	e = mb1_entry(e, 21, &m[0]);
	e = mb1_entry(e, 23, &m[1]);
	mb1_entry(e, 20, &m[3]);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(want, 3));

	/* One entry filling the whole map, size field = length - 4. */
	reset();
	info = mb1_new(0);
	mb1_entry(mb1_mmap_raw(info, 48), 44, &m[0]);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(&want[2], 1));
}

TEST(multiboot1_limits_accepted)
{
	static struct mem m[BOOT_MAX_MEMMAP];
	static struct mod mods[BOOT_MAX_MODULES];
	char *s = long_string(BOOT_STRING_MAX - 1, 'm');
	uint64_t info;

	for (unsigned i = 0; i < BOOT_MAX_MEMMAP; i++)
		m[i] = (struct mem){ (uint64_t)(BOOT_MAX_MEMMAP - 1 - i) << 24,
				     1 << 24, BOOT_MEM_RAM };
	for (unsigned i = 0; i < BOOT_MAX_MODULES; i++)
		mods[i] = (struct mod){ 0x100000 * (i + 1), 0x100000 * (i + 1) + 0x1000,
					i == 5 ? s : "mod" };
	reset();
	info = mb1_new(0);
	mb1_cmdline(info, s);
	mb1_mmap(info, m, BOOT_MAX_MEMMAP);
	mb1_mods(info, mods, BOOT_MAX_MODULES, NULL);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.memmap_count, BOOT_MAX_MEMMAP);
	for (unsigned i = 0; i < bi.memmap_count; i++)
		CHECK_EQ(bi.memmap[i].start, (uint64_t)i << 24);
	CHECK_EQ(bi.module_count, BOOT_MAX_MODULES);
	CHECK_EQ(strlen(bi.cmdline), BOOT_STRING_MAX - 1);
	CHECK_EQ(strlen(bi.modules[5].cmdline), BOOT_STRING_MAX - 1);
	CHECK(!strcmp(bi.modules[31].cmdline, "mod"));
	CHECK_EQ(bi.loader_range_count, 4 + BOOT_MAX_MODULES);
	free(s);
}

TEST(multiboot1_module_spanning_adjacent_ram)
{
	static const struct mem m[] = {
		{ 0x200000, 0x200000, BOOT_MEM_RAM },
		{ 0x100000, 0x100000, BOOT_MEM_RAM },
	};
	static const struct mod mod = { 0x1ff000, 0x201000, "x" };
	uint64_t info;

	reset();
	info = mb1_new(0);
	mb1_mmap(info, m, 2);
	mb1_mods(info, &mod, 1, NULL);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.module_count, 1);
}

/* ==== Malformed multiboot 1 ==== */

TEST(multiboot_bad_magic)
{
	uint64_t info = mb1_basic();

	CHECK_FAILS(parse(0x12345678, info), "not started by a multiboot loader");
	CHECK(strstr(bi.error, "0x12345678") != NULL);
	CHECK(!strcmp(bi.protocol, "unknown"));
	CHECK(!strcmp(bi.cmdline, "") && !strcmp(bi.loader, ""));
	CHECK_EQ(bi.memmap_count, 0);
	/* The other protocol's magic does not fit either structure. */
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "tag 0 at offset 8 has bad size 0");
}

TEST(multiboot1_info_unmapped)
{
	reset();
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, 0x1000),
		    "multiboot1 info at 0x1000 is not readable");
	CHECK(!strcmp(bi.protocol, "multiboot1"));
	CHECK_EQ(bi.loader_range_count, 0);
	/* Only partly inside memory. */
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, PHYS_END - 64), "is not readable");
	/* paddr + len wraps around 2^64. */
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, 0xfffffffffffffff0ull),
		    "is not readable");
}

TEST(multiboot1_mmap_unmapped)
{
	uint64_t info;

	reset();
	info = mb1_new(MB1_F_MMAP);
	put32(info + MB1_MMAP_ADDR, 0x500);
	put32(info + MB1_MMAP_LENGTH, 48);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map at 0x500 (48 bytes) is not readable");
	/* Starts inside memory, ends outside. */
	put32(info + MB1_MMAP_ADDR, (uint32_t)(PHYS_END - 24));
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "is not readable");
	/* Empty. */
	put32(info + MB1_MMAP_ADDR, (uint32_t)phys_alloc(24));
	put32(info + MB1_MMAP_LENGTH, 0);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "(0 bytes) is not readable");
}

TEST(multiboot1_mmap_entry_malformed)
{
	static const struct mem ram = { 0x100000, 0x100000, BOOT_MEM_RAM };
	uint64_t info, e;

	/* Size field below the 20 bytes of an entry. */
	reset();
	info = mb1_new(0);
	mb1_entry(mb1_mmap_raw(info, 24), 16, &ram);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map entry at offset 0 is malformed");

	/* Second entry cut short by mmap_length. */
	reset();
	info = mb1_new(0);
	e = mb1_mmap_raw(info, 24 + 20);
	mb1_entry(e, 20, &ram);
	put32(e + 24, 20);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map entry at offset 24 is malformed");

	/* Size field running one byte past mmap_length. */
	reset();
	info = mb1_new(0);
	mb1_entry(mb1_mmap_raw(info, 48), 45, &ram);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map entry at offset 0 is malformed");

	/* A huge size field (no wrap-around of the offset). */
	reset();
	info = mb1_new(0);
	mb1_entry(mb1_mmap_raw(info, 48), 0xfffffffc, &ram);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map entry at offset 0 is malformed");
}

TEST(multiboot1_too_many_modules)
{
	static struct mod mods[BOOT_MAX_MODULES + 1];
	uint64_t info = mb1_basic();

	for (unsigned i = 0; i <= BOOT_MAX_MODULES; i++)
		mods[i] = (struct mod){ 0x1000000 + 0x1000 * i, 0x1000800 + 0x1000 * i,
					NULL };
	mb1_mods(info, mods, BOOT_MAX_MODULES + 1, NULL);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "33 modules, at most 32");
	CHECK_EQ(bi.module_count, 0);

	/* A count no module list could hold (the size must not wrap). */
	put32(info + MB1_MODS_COUNT, 0x80000000);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "at most 32 supported");
}

TEST(multiboot1_module_list_unmapped)
{
	static const struct mod mod = { 0x1000000, 0x1001000, NULL };
	uint64_t info = mb1_basic();

	mb1_mods(info, &mod, 1, NULL);
	put32(info + MB1_MODS_ADDR, 0x800);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "module list at 0x800 is not readable");
	/* The first of two entries is readable, the second is not. */
	put32(info + MB1_MODS_COUNT, 2);
	put32(info + MB1_MODS_ADDR, (uint32_t)(PHYS_END - 16));
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "module list at");
}

TEST(multiboot1_module_string_bad)
{
	static const struct mod mod = { 0x1000000, 0x1001000, "x" };
	char *s1024 = long_string(BOOT_STRING_MAX, 's');
	uint64_t info, list;

	/* Unmapped string pointer. */
	info = mb1_basic();
	list = mb1_mods(info, &mod, 1, NULL);
	put32(list + 8, 0x20);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "module string at 0x20 is not readable");

	/* No NUL within BOOT_STRING_MAX bytes. */
	put32(list + 8, (uint32_t)put_string(s1024));
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "module string is longer than 1023 bytes");
	CHECK_EQ(bi.module_count, 0);

	/* No NUL before the end of memory. */
	memset(at(PHYS_END - 100), 'z', 100);
	put32(list + 8, (uint32_t)(PHYS_END - 100));
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "module string at");
	CHECK(strstr(bi.error, "is not readable") != NULL);

	/* The same checks guard the command line and loader name. */
	info = mb1_basic();
	mb1_flags(info, MB1_F_CMDLINE);
	put32(info + MB1_CMDLINE, 0x40);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "command line at 0x40 is not readable");
	info = mb1_basic();
	mb1_loader(info, s1024);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "loader name is longer than 1023 bytes");
	free(s1024);
}

TEST(multiboot1_module_end_before_start)
{
	static const struct mod mods[] = {
		{ 0x1000000, 0x1001000, NULL },
		{ 0x1002000, 0x1001fff, NULL },
	};
	uint64_t info = mb1_basic();

	mb1_mods(info, mods, 2, NULL);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "module 1 ends (0x1001fff) before it starts (0x1002000)");
	CHECK_EQ(bi.module_count, 1);
}

TEST(multiboot1_modules_overlap)
{
	static const struct mod mods[] = {
		{ 0x1000000, 0x1002000, NULL },
		{ 0x1002000, 0x1003000, NULL }, /* adjacent: fine */
		{ 0x1001fff, 0x1001fff + 1, NULL },
	};
	uint64_t info = mb1_basic();

	mb1_mods(info, mods, 2, NULL);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);

	info = mb1_basic();
	mb1_mods(info, mods, 3, NULL);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "modules 0 and 2 overlap");
}

TEST(multiboot1_module_outside_ram)
{
	static const struct mod in_reserved = { 0xf0000, 0xf1000, NULL };
	static const struct mod past_ram = { 0x7fff000, 0x8001000, NULL };
	static const struct mod over_hole = { 0x9f000, 0x101000, NULL };
	static const struct mod beyond = { 0x90000000, 0x90001000, NULL };

	CHECK_FAILS(mb1_parse_module(&in_reserved), "module 0 [0xf0000, 0xf1000) is not in RAM");
	CHECK_FAILS(mb1_parse_module(&past_ram), "module 0 [0x7fff000, 0x8001000) is not in RAM");
	CHECK_FAILS(mb1_parse_module(&over_hole), "is not in RAM");
	CHECK_FAILS(mb1_parse_module(&beyond), "is not in RAM");
}

TEST(multiboot1_memmap_without_ram)
{
	static const struct mem m[] = {
		{ 0x0, 0x100000, BOOT_MEM_RESERVED },
		{ 0x100000, 0x0, BOOT_MEM_RAM }, /* empty RAM does not count */
		{ 0x200000, 0x100000, BOOT_MEM_ACPI },
	};
	uint64_t info;

	reset();
	info = mb1_new(0);
	mb1_mmap(info, m, 3);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "the memory map has no RAM");

	/* Memory sizes of zero leave no RAM either. */
	reset();
	info = mb1_new(MB1_F_MEM);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info), "the memory map has no RAM");

	/* Neither a map nor sizes. */
	reset();
	info = mb1_new(0);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "the loader gave neither a memory map nor memory sizes");
}

TEST(multiboot1_memmap_wraps)
{
	static const struct mem m[] = {
		{ 0x100000, 0x100000, BOOT_MEM_RAM },
		{ 0xfffffffffffff000ull, 0x2000, BOOT_MEM_RESERVED },
	};
	uint64_t info;

	reset();
	info = mb1_new(0);
	mb1_mmap(info, m, 2);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map entry 0xfffffffffffff000+0x2000 wraps around");
	CHECK_EQ(bi.memmap_count, 1);
}

TEST(multiboot1_memmap_too_many_entries)
{
	static struct mem m[BOOT_MAX_MEMMAP + 1];
	uint64_t info;

	for (unsigned i = 0; i <= BOOT_MAX_MEMMAP; i++)
		m[i] = (struct mem){ (uint64_t)i << 20, 1 << 20, BOOT_MEM_RAM };
	reset();
	info = mb1_new(0);
	mb1_mmap(info, m, BOOT_MAX_MEMMAP + 1);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "memory map has more than 128 entries");
	CHECK_EQ(bi.memmap_count, BOOT_MAX_MEMMAP);
}

/* 16 strings of 1023 bytes fill the pool exactly; one more byte is too much. */
TEST(multiboot1_strings_pool_overflow)
{
	static struct mod mods[17];
	char *s = long_string(BOOT_STRING_MAX - 1, 'p');
	uint64_t info;

	for (unsigned i = 0; i < 17; i++)
		mods[i] = (struct mod){ 0x1000000 + 0x1000 * i, 0x1000800 + 0x1000 * i, s };

	info = mb1_basic();
	mb1_mods(info, mods, 16, NULL);
	CHECK_EQ(parse(MULTIBOOT1_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.strings_used, BOOT_STRINGS_SIZE);
	CHECK_EQ(bi.module_count, 16);

	info = mb1_basic();
	mb1_cmdline(info, "");
	mb1_mods(info, mods, 16, NULL);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "boot strings exceed 16384 bytes in all");
	CHECK_EQ(bi.module_count, 15);

	info = mb1_basic();
	mb1_mods(info, mods, 17, NULL);
	CHECK_FAILS(parse(MULTIBOOT1_LOADER_MAGIC, info),
		    "boot strings exceed 16384 bytes in all");
	CHECK_EQ(bi.module_count, 16);
	CHECK(bi.strings_used <= BOOT_STRINGS_SIZE);
	free(s);
}

/* ==== Multiboot 2 ==== */

TEST(multiboot2_full_info)
{
	static const uint8_t meminfo[8] = { 0x7f, 0x02, 0, 0, 0, 0xfc, 0x01, 0 };
	static const uint8_t odd[5] = { 1, 2, 3, 4, 5 };
	uint8_t old_rsdp[20], new_rsdp[36];
	struct mb2 b;
	uint64_t info, acpi_new;

	rsdp_payload(old_rsdp, sizeof(old_rsdp), 0);
	rsdp_payload(new_rsdp, sizeof(new_rsdp), 2);
	reset();
	mb2_begin(&b);
	mb2_string(&b, MB2_CMDLINE, "/boot/hv.elf console=com1");
	mb2_tag(&b, MB2_MEMINFO, meminfo, sizeof(meminfo));
	mb2_string(&b, MB2_LOADER, "GRUB 2.12");
	mb2_tag(&b, 0x1234, odd, sizeof(odd)); /* unknown, size 13 */
	mb2_mmap(&b, std_map, STD_MAP_COUNT, 24);
	mb2_module(&b, 0x1000000, 0x1100000, "dom0 root=/dev/xvda");
	mb2_tag(&b, MB2_ACPI_OLD, old_rsdp, sizeof(old_rsdp));
	mb2_module(&b, 0x2000000, 0x2000800, "");
	acpi_new = mb2_tag(&b, MB2_ACPI_NEW, new_rsdp, sizeof(new_rsdp));
	mb2_tag(&b, 21, NULL, 4); /* unknown, size 12 */
	info = mb2_finish(&b);

	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.error[0], 0);
	CHECK(!strcmp(bi.protocol, "multiboot2"));
	CHECK(!strcmp(bi.cmdline, "/boot/hv.elf console=com1"));
	CHECK(!strcmp(bi.loader, "GRUB 2.12"));
	CHECK(in_strings(bi.cmdline) && in_strings(bi.loader));
	CHECK(memmap_is(std_sorted, STD_MAP_COUNT));
	CHECK_EQ(bi.module_count, 2);
	CHECK_EQ(bi.modules[0].start, 0x1000000);
	CHECK_EQ(bi.modules[0].end, 0x1100000);
	CHECK(!strcmp(bi.modules[0].cmdline, "dom0 root=/dev/xvda"));
	CHECK_EQ(bi.modules[1].start, 0x2000000);
	CHECK_EQ(bi.modules[1].end, 0x2000800);
	CHECK(!strcmp(bi.modules[1].cmdline, ""));
	CHECK_EQ(bi.rsdp, acpi_new + 8);
	CHECK_EQ(bi.loader_range_count, 1);
	CHECK(loader_range_is(0, info, b.off));
}

TEST(multiboot2_acpi_tag_choice)
{
	uint8_t rsdp[36];
	struct mb2 b;
	uint64_t old_tag, new_tag, info;

	rsdp_payload(rsdp, sizeof(rsdp), 2);

	/* New before old: the new one stays. */
	mb2_basic(&b);
	new_tag = mb2_tag(&b, MB2_ACPI_NEW, rsdp, 36);
	mb2_tag(&b, MB2_ACPI_OLD, rsdp, 20);
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.rsdp, new_tag + 8);

	/* Only the old one. */
	mb2_basic(&b);
	old_tag = mb2_tag(&b, MB2_ACPI_OLD, rsdp, 20);
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.rsdp, old_tag + 8);

	/* Empty ACPI tags hold no RSDP. */
	mb2_basic(&b);
	mb2_tag(&b, MB2_ACPI_NEW, NULL, 0);
	mb2_tag(&b, MB2_ACPI_OLD, NULL, 0);
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.rsdp, 0);

	/* No ACPI tag, no command line or loader name. */
	mb2_basic(&b);
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.rsdp, 0);
	CHECK(!strcmp(bi.cmdline, "") && !strcmp(bi.loader, ""));
	CHECK_EQ(bi.module_count, 0);
}

TEST(multiboot2_mmap_entry_size)
{
	struct mb2 b;
	uint64_t info, tag;

	/* Entries with an extension: 32 bytes apart. */
	reset();
	mb2_begin(&b);
	mb2_mmap(&b, std_map, STD_MAP_COUNT, 32);
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(std_sorted, STD_MAP_COUNT));

	/* A partial trailing entry is ignored. */
	reset();
	mb2_begin(&b);
	tag = mb2_mmap(&b, std_map, 2, 24);
	put32(tag + 4, 16 + 24 + 16);
	b.off = (uint32_t)(tag - b.start) + 56;
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK(memmap_is(&std_sorted[3], 1));
}

TEST(multiboot2_largest_block)
{
	struct mb2 b;
	uint64_t info, filler;

	reset();
	b.start = phys_alloc(PHYS_SIZE);
	b.off = 8;
	mb2_mmap(&b, std_map, 1, 24);
	filler = b.start + b.off;
	put32(filler, 0x77);
	put32(filler + 4, (uint32_t)(PHYS_SIZE - b.off - 8));
	put32(b.start, (uint32_t)PHYS_SIZE);
	put32(b.start + PHYS_SIZE - 8, MB2_END);
	put32(b.start + PHYS_SIZE - 4, 8);
	info = b.start;
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.memmap_count, 1);
	CHECK(loader_range_is(0, info, PHYS_SIZE));

	/* One more 8-byte step is over the 1 MiB limit. */
	put32(b.start, (uint32_t)PHYS_SIZE + 8);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "multiboot2 info size 1048584 is invalid");
}

/* ==== Malformed multiboot 2 ==== */

TEST(multiboot2_info_unmapped_or_unaligned)
{
	struct mb2 b;
	uint64_t info;

	reset();
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, 0x100),
		    "multiboot2 info at 0x100 is not readable or aligned");
	CHECK(!strcmp(bi.protocol, "multiboot2"));
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, 0xfffffffffffffff8ull),
		    "is not readable or aligned");

	/* A good block, at an address that is not 8-byte aligned. */
	mb2_basic(&b);
	info = mb2_finish(&b);
	memmove(at(info + 4), at(info), b.off);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info + 4),
		    "is not readable or aligned");

	/* Header readable, the rest of the block not. */
	reset();
	put32(PHYS_END - 16, 64);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, PHYS_END - 16),
		    "multiboot2 info (64 bytes) is not readable");
	CHECK_EQ(bi.loader_range_count, 0);
}

TEST(multiboot2_total_size_invalid)
{
	static const uint32_t bad[] = { 0, 8, 12, 20, 100, 0x100008, 0xfffffff8 };
	struct mb2 b;
	uint64_t info;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[64];

		mb2_basic(&b);
		info = mb2_finish(&b);
		put32(info, bad[i]);
		snprintf(want, sizeof(want), "multiboot2 info size %u is invalid", bad[i]);
		CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), want);
	}
	/* 16 bytes: just the header and an end tag. */
	reset();
	mb2_begin(&b);
	info = mb2_finish(&b);
	CHECK_EQ(b.off, 16);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "the memory map has no RAM");
}

TEST(multiboot2_tag_size_bad)
{
	struct mb2 b;
	uint64_t info, tag;

	/* Below the 8 bytes of a tag header. */
	for (uint32_t size = 0; size < 8; size++) {
		mb2_basic(&b);
		tag = mb2_tag(&b, MB2_CMDLINE, NULL, 0);
		put32(tag + 4, size);
		info = mb2_finish(&b);
		CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "has bad size");
	}
	mb2_basic(&b);
	tag = mb2_tag(&b, 99, NULL, 0);
	put32(tag + 4, 4);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "tag 99 at offset 192 has bad size 4");

	/* Running one byte past total_size. */
	mb2_basic(&b);
	tag = mb2_tag(&b, 99, NULL, 8);
	info = mb2_finish(&b);
	put32(tag + 4, (uint32_t)(info + b.off - tag + 1));
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "tag 99 at offset 192 has bad size 25");

	/* A huge size must not wrap the offset around. */
	put32(tag + 4, 0xfffffff8);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "has bad size 4294967288");

	/* An end tag that claims more than is left. */
	mb2_basic(&b);
	info = mb2_finish(&b);
	put32(info + b.off - 4, 16);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "tag 0 at offset 192 has bad size 16");
}

TEST(multiboot2_missing_end_tag)
{
	struct mb2 b;
	uint64_t info;

	mb2_basic(&b);
	mb2_string(&b, MB2_CMDLINE, "a=b");
	info = mb2_finish_no_end(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "multiboot2 info has no end tag");

	/* The last tag's padding reaches total_size exactly. */
	mb2_basic(&b);
	mb2_tag(&b, 99, NULL, 1);
	info = mb2_finish_no_end(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "multiboot2 info has no end tag");

	/* A tag ends inside the last 8 bytes: they cannot hold a tag. */
	mb2_basic(&b);
	mb2_tag(&b, 99, NULL, 8);
	info = mb2_finish_no_end(&b);
	put32(info, b.off + 8);
	put32(info + b.off - 12, 20); /* tag 99 now covers 4 of the 8 bytes */
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "no end tag");
}

TEST(multiboot2_mmap_tag_malformed)
{
	struct mb2 b;
	uint64_t info, tag;

	mb2_basic(&b);
	tag = mb2_mmap(&b, std_map, 2, 24);
	put32(tag + 8, 16);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "memory map tag is malformed (entry size 16)");

	put32(tag + 8, 28);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "memory map tag is malformed (entry size 28)");

	put32(tag + 8, 0);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "memory map tag is malformed (entry size 0)");

	/* Too short to hold entry_size and entry_version. */
	reset();
	mb2_begin(&b);
	mb2_tag(&b, MB2_MMAP, "\x18\0\0\0", 4);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "memory map tag is malformed");
}

TEST(multiboot2_string_not_terminated)
{
	char *s1024 = long_string(BOOT_STRING_MAX, 'c');
	struct mb2 b;
	uint64_t info, tag;

	/* Junk in the padding after the tag must not be taken as string. */
	mb2_basic(&b);
	tag = mb2_tag(&b, MB2_CMDLINE, "abc", 3);
	memset(at(tag + 11), 'x', 5);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "command line is not NUL-terminated");

	mb2_basic(&b);
	mb2_tag(&b, MB2_LOADER, "GRUB", 4);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "loader name is not NUL-terminated");

	/* An empty string tag has no room for the NUL either. */
	mb2_basic(&b);
	mb2_tag(&b, MB2_CMDLINE, NULL, 0);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "command line is not NUL-terminated");

	mb2_basic(&b);
	mb2_string(&b, MB2_CMDLINE, s1024);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "command line is longer than 1023 bytes");
	free(s1024);
}

TEST(multiboot2_module_tag_malformed)
{
	static const uint8_t short_mod[4] = { 0, 0, 0, 1 };
	static const uint8_t bad_string[12] = { 0, 0, 0, 1, 0, 0x10, 0, 1, 'a', 'b', 'c', 'd' };
	static const uint8_t no_string[8];
	struct mb2 b;
	uint64_t info, tag;

	mb2_basic(&b);
	mb2_tag(&b, MB2_MODULE, short_mod, sizeof(short_mod));
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "module tag is too short");

	/* start and end but no room for a string. */
	mb2_basic(&b);
	mb2_tag(&b, MB2_MODULE, no_string, sizeof(no_string));
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "module string is not NUL-terminated");

	/* String without a NUL, junk in the padding. */
	mb2_basic(&b);
	tag = mb2_tag(&b, MB2_MODULE, bad_string, sizeof(bad_string));
	memset(at(tag + 20), 'x', 4);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "module string is not NUL-terminated");

	/* End before start. */
	mb2_basic(&b);
	mb2_module(&b, 0x1001000, 0x1000000, "m");
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "module 0 ends (0x1000000) before it starts (0x1001000)");

	/* Overlap and RAM checks apply to multiboot 2 modules too. */
	mb2_basic(&b);
	mb2_module(&b, 0x1000000, 0x1001000, "a");
	mb2_module(&b, 0x1000800, 0x1002000, "b");
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "modules 0 and 1 overlap");

	mb2_basic(&b);
	mb2_module(&b, 0x9fc00, 0xa0000, "a");
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "module 0 [0x9fc00, 0xa0000) is not in RAM");
}

TEST(multiboot2_too_many_modules_and_entries)
{
	static struct mem m[BOOT_MAX_MEMMAP + 1];
	struct mb2 b;
	uint64_t info;

	mb2_basic(&b);
	for (unsigned i = 0; i <= BOOT_MAX_MODULES; i++)
		mb2_module(&b, 0x1000000 + 0x1000 * i, 0x1000000 + 0x1000 * i + 0x10, "");
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "more than 32 modules");
	CHECK_EQ(bi.module_count, BOOT_MAX_MODULES);

	for (unsigned i = 0; i <= BOOT_MAX_MEMMAP; i++)
		m[i] = (struct mem){ (uint64_t)i << 20, 1 << 20, BOOT_MEM_RAM };
	reset();
	mb2_begin(&b);
	mb2_mmap(&b, m, BOOT_MAX_MEMMAP + 1, 24);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "memory map has more than 128 entries");

	/* Two map tags add up. */
	reset();
	mb2_begin(&b);
	mb2_mmap(&b, m, 64, 24);
	mb2_mmap(&b, m + 64, 65, 24);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info), "memory map has more than 128 entries");

	/* A wrapping entry. */
	m[3] = (struct mem){ 0xffffffffffff0000ull, 0x10001, BOOT_MEM_RAM };
	reset();
	mb2_begin(&b);
	mb2_mmap(&b, m, 4, 24);
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "memory map entry 0xffffffffffff0000+0x10001 wraps around");
}

TEST(multiboot2_strings_pool_overflow)
{
	char *s = long_string(BOOT_STRING_MAX - 1, 'q');
	struct mb2 b;
	uint64_t info;

	mb2_basic(&b);
	mb2_string(&b, MB2_CMDLINE, s);
	for (unsigned i = 0; i < 15; i++)
		mb2_module(&b, 0x1000000 + 0x1000 * i, 0x1000800 + 0x1000 * i, s);
	info = mb2_finish(&b);
	CHECK_EQ(parse(MULTIBOOT2_LOADER_MAGIC, info), 0);
	CHECK_EQ(bi.strings_used, BOOT_STRINGS_SIZE);

	mb2_basic(&b);
	mb2_string(&b, MB2_CMDLINE, s);
	for (unsigned i = 0; i < 15; i++)
		mb2_module(&b, 0x1000000 + 0x1000 * i, 0x1000800 + 0x1000 * i, s);
	mb2_string(&b, MB2_LOADER, "");
	info = mb2_finish(&b);
	CHECK_FAILS(parse(MULTIBOOT2_LOADER_MAGIC, info),
		    "boot strings exceed 16384 bytes in all");
	CHECK_EQ(bi.strings_used, BOOT_STRINGS_SIZE);
	free(s);
}

/* ==== Command line ==== */

TEST(boot_cmdline_options_strips_image_path)
{
	struct boot_info mb1 = { .path_first = true }, mb2 = { .path_first = false };

	CHECK(!strcmp(boot_cmdline_options(&mb1, "/boot/x.elf a=b"), "a=b"));
	CHECK(!strcmp(boot_cmdline_options(&mb1, "/boot/x.elf   a=b  c"), "a=b  c"));
	CHECK(!strcmp(boot_cmdline_options(&mb1, "  /boot/x.elf a=b"), "a=b"));
	CHECK(!strcmp(boot_cmdline_options(&mb1, "build/hv.elf"), ""));
	CHECK(!strcmp(boot_cmdline_options(&mb1, "build/hv.elf "), ""));
	CHECK(!strcmp(boot_cmdline_options(&mb1, "kernel noflag"), "noflag"));
	CHECK(!strcmp(boot_cmdline_options(&mb1, ""), ""));
	CHECK(!strcmp(boot_cmdline_options(&mb1, "   "), ""));
	CHECK(!strcmp(boot_cmdline_options(&mb2, "a=b/c d"), "a=b/c d"));
	CHECK(!strcmp(boot_cmdline_options(&mb2, "  noflag /a/b"), "noflag /a/b"));
	CHECK(!strcmp(boot_cmdline_options(&mb2, "/boot/x.elf a=b"), "/boot/x.elf a=b"));
	CHECK(!strcmp(boot_cmdline_options(&mb2, ""), ""));
}
