/*
 * The badinfo preloader: boots the hypervisor (QEMU module 0) with a
 * deliberately malformed multiboot information structure, chosen by the
 * last word of the preloader's command line.  The hypervisor must report
 * the problem and stop; tests/boot/badinfo.sh checks that it does.
 *
 * The hypervisor is loaded from its multiboot1 header (address fields, as
 * QEMU's loader does), and every table handed to it lives in this
 * program's .bss, well away from the hypervisor image.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/io.h"
#include "multiboot1_abi.h"

#define MB1_HEADER_MAGIC 0x1badb002u
#define MB1_HEADER_ADDRS (1u << 16)
#define MB1_LOADER_MAGIC 0x2badb002u
#define MB2_LOADER_MAGIC 0x36d76289u
#define MB1_SEARCH_LEN 8192


/* Memory map types. */
#define RAM 1
#define RESERVED 2
#define ACPI_DATA 3

/* Multiboot2 tag types. */
#define MB2_END 0
#define MB2_CMDLINE 1
#define MB2_LOADER_NAME 2
#define MB2_BASIC_MEMINFO 4
#define MB2_MMAP 6

#define COM1 0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define LOADER_FAILED 0x10 /* QEMU exits with status 33 */

struct mb1_mmap_entry {
	uint32_t size; /* of what follows: 20 */
	uint64_t base, len;
	uint32_t type;
} __attribute__((packed));

/*
 * The command line every case gives the hypervisor; multiboot1 loaders put
 * the image's path first, multiboot2 (GRUB) does not.
 */
static const char hv_cmdline_mb1[] = "/boot/hypervisor.elf debug-exit=0xf4";
static const char hv_cmdline[] = "debug-exit=0xf4";
static const char loader_name[] = "badinfo-loader";
static const char module_string[] = "module";

extern char __loader_start[], __loader_end[];
void enter_hypervisor(uint32_t entry, uint32_t magic, uint32_t info)
	__attribute__((noreturn));
void loader_main(uint32_t magic, const struct mb1_info *qemu);

/* What the cases need from QEMU's information. */
static uint32_t mod0_start, mod0_end, ram_top;

/* The tables handed to the hypervisor. */
static struct mb1_info mbi;
static struct mb1_mmap_entry mmap[8];
static struct mb1_module mods[40];
/* Multiboot2 information must be 8-byte aligned. */
static unsigned char mb2_buf[512] __attribute__((aligned(8)));
static uint32_t mb2_len;

/* ---- Library bits (the compiler may call these) ---- */

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (dp < sp) {
		while (n--)
			*dp++ = *sp++;
	} else {
		while (n--)
			dp[n] = sp[n];
	}
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	return memmove(d, s, n);
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* ---- Serial output ---- */

static void putc_serial(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (uint8_t)c);
}

static void puts_serial(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putc_serial('\r');
		putc_serial(*s);
	}
}

static void puthex(uint32_t v)
{
	puts_serial("0x");
	for (int shift = 28; shift >= 0; shift -= 4)
		putc_serial("0123456789abcdef"[(v >> shift) & 15]);
}

static __attribute__((noreturn)) void die(const char *why)
{
	puts_serial("badinfo-loader: error: ");
	puts_serial(why);
	puts_serial("\n");
	outb(DEBUG_EXIT_PORT, LOADER_FAILED);
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* ---- Multiboot1 table builders ---- */

static void mb1_begin(void)
{
	memset(&mbi, 0, sizeof(mbi));
	mbi.flags = MB1_INFO_CMDLINE | MB1_INFO_LOADER_NAME;
	mbi.cmdline = (uint32_t)hv_cmdline_mb1;
	mbi.boot_loader_name = (uint32_t)loader_name;
}

static void mb1_mmap_add(uint64_t base, uint64_t len, uint32_t type)
{
	unsigned i = mbi.mmap_length / sizeof(mmap[0]);

	mmap[i] = (struct mb1_mmap_entry){ 20, base, len, type };
	mbi.flags |= MB1_INFO_MMAP;
	mbi.mmap_addr = (uint32_t)mmap;
	mbi.mmap_length += sizeof(mmap[0]);
}

/* A plausible PC memory map of the machine's RAM. */
static void mb1_good_mmap(void)
{
	mb1_mmap_add(0, 0x9f000, RAM);
	mb1_mmap_add(0xf0000, 0x10000, RESERVED);
	mb1_mmap_add(0x100000, ram_top - 0x100000, RAM);
}

static void mb1_module_add(uint32_t start, uint32_t end)
{
	mods[mbi.mods_count++] = (struct mb1_module){ start, end, (uint32_t)module_string, 0 };
	mbi.flags |= MB1_INFO_MODS;
	mbi.mods_addr = (uint32_t)mods;
}

/* ---- Multiboot2 table builders ---- */

static void mb2_begin(void)
{
	memset(mb2_buf, 0, sizeof(mb2_buf));
	mb2_len = 8; /* total_size, reserved */
}

static void mb2_put32(uint32_t off, uint32_t v)
{
	memcpy(mb2_buf + off, &v, sizeof(v));
}

/* Appends a tag with a size field of @size (normally 8 + @len). */
static void mb2_tag_sized(uint32_t type, uint32_t size, const void *data, uint32_t len)
{
	if (mb2_len + 8 + len > sizeof(mb2_buf))
		die("multiboot2 buffer too small");
	mb2_put32(mb2_len, type);
	mb2_put32(mb2_len + 4, size);
	memcpy(mb2_buf + mb2_len + 8, data, len);
	mb2_len += (8 + len + 7) & ~7u;
}

static void mb2_tag(uint32_t type, const void *data, uint32_t len)
{
	mb2_tag_sized(type, 8 + len, data, len);
}

/* The command line, loader name and memory map tags of a sane loader. */
static void mb2_good_start(void)
{
	struct {
		uint32_t entry_size, entry_version;
		struct { uint64_t base, len; uint32_t type, reserved; } e[3];
	} mm = { 24, 0, { { 0, 0x9f000, RAM, 0 }, { 0xf0000, 0x10000, RESERVED, 0 },
			  { 0x100000, ram_top - 0x100000, RAM, 0 } } };

	mb2_begin();
	mb2_tag(MB2_CMDLINE, hv_cmdline, sizeof(hv_cmdline));
	mb2_tag(MB2_LOADER_NAME, loader_name, sizeof(loader_name));
	mb2_tag(MB2_MMAP, &mm, sizeof(mm));
}

static uint32_t mb2_finish(void)
{
	mb2_put32(0, mb2_len);
	return (uint32_t)mb2_buf;
}

/* ---- The cases: each builds its tables and returns the magic ---- */

static uint32_t info_addr;

/* An mmap entry whose size field runs past mmap_length. */
static uint32_t case_mb1_mmap_overrun(void)
{
	mb1_begin();
	mb1_mmap_add(0x100000, ram_top - 0x100000, RAM);
	mb1_mmap_add(0, 0x9f000, RAM);
	mmap[1].size = 100;
	info_addr = (uint32_t)&mbi;
	return MB1_LOADER_MAGIC;
}

/* A module list crossing the 4 GiB line, where the boot mapping ends. */
static uint32_t case_mb1_module_unmapped(void)
{
	mb1_begin();
	mb1_good_mmap();
	mbi.flags |= MB1_INFO_MODS;
	mbi.mods_count = 2;
	mbi.mods_addr = 0xfffffff0;
	info_addr = (uint32_t)&mbi;
	return MB1_LOADER_MAGIC;
}

/* 40 modules, more than the 32 supported. */
static uint32_t case_mb1_too_many_modules(void)
{
	mb1_begin();
	mb1_good_mmap();
	for (unsigned i = 0; i < 40; i++)
		mb1_module_add(mod0_start + i * 0x1000, mod0_start + i * 0x1000 + 0x1000);
	info_addr = (uint32_t)&mbi;
	return MB1_LOADER_MAGIC;
}

/* Two modules sharing a page. */
static uint32_t case_mb1_module_overlap(void)
{
	mb1_begin();
	mb1_good_mmap();
	mb1_module_add(mod0_start, mod0_end);
	mb1_module_add(mod0_end - 0x1000, mod0_end + 0x1000);
	info_addr = (uint32_t)&mbi;
	return MB1_LOADER_MAGIC;
}

/* A module in a hole of the memory map. */
static uint32_t case_mb1_module_outside_ram(void)
{
	mb1_begin();
	mb1_good_mmap();
	mb1_module_add(0xf0000000, 0xf0001000);
	info_addr = (uint32_t)&mbi;
	return MB1_LOADER_MAGIC;
}

/* A memory map without a single RAM entry. */
static uint32_t case_mb1_no_ram(void)
{
	mb1_begin();
	mb1_mmap_add(0xf0000, 0x10000, RESERVED);
	mb1_mmap_add(0x100000, ram_top - 0x100000, RESERVED);
	mb1_mmap_add(0xfffc0000, 0x40000, ACPI_DATA);
	info_addr = (uint32_t)&mbi;
	return MB1_LOADER_MAGIC;
}

/* Multiboot2 information that just stops after its last tag. */
static uint32_t case_mb2_no_end_tag(void)
{
	mb2_good_start();
	info_addr = mb2_finish();
	return MB2_LOADER_MAGIC;
}

/* A basic meminfo tag claiming 4 KiB, past total_size. */
static uint32_t case_mb2_bad_tag_size(void)
{
	uint32_t meminfo[2] = { 639, (ram_top - 0x100000) >> 10 };

	mb2_good_start();
	mb2_tag_sized(MB2_BASIC_MEMINFO, 4096, meminfo, sizeof(meminfo));
	mb2_tag(MB2_END, NULL, 0);
	info_addr = mb2_finish();
	return MB2_LOADER_MAGIC;
}

/* Sane multiboot1 information, but a magic no loader uses. */
static uint32_t case_bad_magic(void)
{
	mb1_begin();
	mb1_good_mmap();
	info_addr = (uint32_t)&mbi;
	return 0x12345678;
}

static const struct {
	const char *name;
	uint32_t (*build)(void);
} cases[] = {
	{ "mb1-mmap-overrun", case_mb1_mmap_overrun },
	{ "mb1-module-unmapped", case_mb1_module_unmapped },
	{ "mb1-too-many-modules", case_mb1_too_many_modules },
	{ "mb1-module-overlap", case_mb1_module_overlap },
	{ "mb1-module-outside-ram", case_mb1_module_outside_ram },
	{ "mb1-no-ram", case_mb1_no_ram },
	{ "mb2-no-end-tag", case_mb2_no_end_tag },
	{ "mb2-bad-tag-size", case_mb2_bad_tag_size },
	{ "bad-magic", case_bad_magic },
};

/* ---- Loading the hypervisor ---- */

static int overlaps(uint32_t a, uint32_t a_end, uint32_t b, uint32_t b_end)
{
	return a < b_end && b < a_end;
}

/* Loads the image in [file, file + size) by its multiboot1 header; returns the entry. */
static uint32_t load_hypervisor(const char *file, uint32_t size)
{
	uint32_t off, load_size, file_off;
	const uint32_t *h = NULL;

	for (off = 0; off + 32 <= size && off < MB1_SEARCH_LEN; off += 4) {
		const uint32_t *p = (const uint32_t *)(file + off);

		if (p[0] == MB1_HEADER_MAGIC && p[0] + p[1] + p[2] == 0) {
			h = p;
			break;
		}
	}
	if (!h)
		die("no multiboot1 header in module 0");
	if (!(h[1] & MB1_HEADER_ADDRS))
		die("the multiboot1 header has no address fields");
	/* h[3..7]: header_addr, load_addr, load_end_addr, bss_end_addr, entry_addr */
	if (h[4] > h[3] || h[3] - h[4] > off)
		die("load_addr is inconsistent with header_addr");
	file_off = off - (h[3] - h[4]);
	load_size = h[5] ? h[5] - h[4] : size - file_off;
	if (h[5] && h[5] < h[4])
		die("load_end_addr is below load_addr");
	if (load_size > size - file_off)
		die("the image is shorter than load_end_addr says");
	if (h[6] && h[6] < h[4] + load_size)
		die("bss_end_addr is below load_end_addr");
	if (overlaps(h[4], h[6] ? h[6] : h[4] + load_size, (uint32_t)__loader_start,
		     (uint32_t)__loader_end))
		die("the hypervisor image would overwrite the preloader");
	/* The module may overlap the destination: memmove copes. */
	memmove((void *)h[4], file + file_off, load_size);
	if (h[6])
		memset((void *)(h[4] + load_size), 0, h[6] - h[4] - load_size);
	puts_serial("badinfo-loader: hypervisor loaded at ");
	puthex(h[4]);
	puts_serial(", entry ");
	puthex(h[7]);
	puts_serial("\n");
	return h[7];
}

void loader_main(uint32_t magic, const struct mb1_info *qemu)
{
	const char *cmdline = "", *word;
	const struct mb1_module *m;
	uint32_t entry, hv_magic;
	unsigned i;

	puts_serial("\nbadinfo-loader: started\n");
	if (magic != MB1_LOADER_MAGIC)
		die("not started by a multiboot1 loader");
	if (qemu->flags & MB1_INFO_CMDLINE)
		cmdline = (const char *)qemu->cmdline;
	if (!(qemu->flags & MB1_INFO_MODS) || qemu->mods_count < 1)
		die("no module: give the hypervisor with -initrd");
	m = (const struct mb1_module *)qemu->mods_addr;
	mod0_start = m[0].start;
	mod0_end = m[0].end;
	ram_top = qemu->flags & MB1_INFO_MEM ? 0x100000 + qemu->mem_upper * 1024 : 0x8000000;

	/* QEMU passes "path case": the case is the last word. */
	word = cmdline;
	for (const char *s = cmdline; *s; s++)
		if (*s == ' ' && s[1] && s[1] != ' ')
			word = s + 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (str_eq(word, cases[i].name))
			break;
	if (i == sizeof(cases) / sizeof(cases[0]))
		die("unknown case (give it with -append)");
	puts_serial("badinfo-loader: case ");
	puts_serial(cases[i].name);
	puts_serial(", hypervisor file at ");
	puthex(mod0_start);
	puts_serial("-");
	puthex(mod0_end);
	puts_serial("\n");

	/* Build the tables while QEMU's information is surely intact. */
	hv_magic = cases[i].build();
	if (mod0_end < mod0_start || mod0_end > ram_top)
		die("module 0 is not in RAM");
	entry = load_hypervisor((const char *)mod0_start, mod0_end - mod0_start);
	enter_hypervisor(entry, hv_magic, info_addr);
}
