/*
 * Tests for the ACPI S5 parser (hypervisor/common/acpi.c).
 *
 * Tables are built byte by byte, at offsets taken from the ACPI
 * specification, in a fake physical memory window.  The map function
 * hands out an exact-size heap copy of every range the parser asks for,
 * so AddressSanitizer flags any read past what the parser mapped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "harness.h"

#define PHYS_BASE 0x100000ull
#define PHYS_SIZE 0x10000ull
/* A second window onto the same memory, above 4 GiB, for 64-bit pointers. */
#define HIGH_BASE 0x400000000ull
#define HIGH(pa) ((pa) - PHYS_BASE + HIGH_BASE)

#define RSDP_PA (PHYS_BASE + 0x0)
#define RSDT_PA (PHYS_BASE + 0x100)
#define XSDT_PA (PHYS_BASE + 0x200)
#define APIC_PA (PHYS_BASE + 0x300)
#define FADT_PA (PHYS_BASE + 0x400)
#define FADT2_PA (PHYS_BASE + 0x600)
#define DSDT_PA (PHYS_BASE + 0x1000)
#define DSDT2_PA (PHYS_BASE + 0x8000)
#define UNMAPPED_PA 0x70000000ull

/* FADT offsets (ACPI spec, table "FADT Format"). */
#define FADT_DSDT 40
#define FADT_SMI_CMD 48
#define FADT_ACPI_ENABLE 52
#define FADT_PM1A_CNT 64
#define FADT_PM1B_CNT 68
#define FADT_X_DSDT 140
#define FADT_X_PM1A_CNT 172
#define FADT_X_PM1B_CNT 184
#define FADT_V1_LEN 116
#define FADT_V5_LEN 268

static uint8_t phys[PHYS_SIZE];
static void *maps[4096];
static size_t nmaps;

static const void *test_map(uint64_t pa, uint64_t len)
{
	uint64_t base;
	void *copy;

	if (pa >= HIGH_BASE)
		base = HIGH_BASE;
	else if (pa >= PHYS_BASE)
		base = PHYS_BASE;
	else
		return NULL;
	if (len > PHYS_SIZE || pa - base > PHYS_SIZE - len)
		return NULL;
	if (nmaps == sizeof(maps) / sizeof(maps[0])) {
		CHECK(!"too many maps");
		return NULL;
	}
	copy = malloc(len ? len : 1);
	memcpy(copy, phys + (pa - base), len);
	maps[nmaps++] = copy;
	return copy;
}

static void free_maps(void)
{
	while (nmaps)
		free(maps[--nmaps]);
}

static uint8_t *at(uint64_t pa)
{
	return phys + (pa - PHYS_BASE);
}

static void put32(uint64_t pa, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		at(pa)[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint64_t pa, uint64_t v)
{
	put32(pa, (uint32_t)v);
	put32(pa + 4, (uint32_t)(v >> 32));
}

/* Sets the byte at @csum_off so that @len bytes at @pa sum to zero. */
static void fix_sum(uint64_t pa, uint32_t len, uint32_t csum_off)
{
	uint8_t sum = 0;

	at(pa)[csum_off] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum += at(pa)[i];
	at(pa)[csum_off] = (uint8_t)-sum;
}

static void put_rsdp(uint64_t pa, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	memcpy(at(pa), "RSD PTR ", 8);
	memcpy(at(pa) + 9, "RVTEST", 6);
	at(pa)[15] = rev;
	put32(pa + 16, rsdt);
	fix_sum(pa, 20, 8);
	if (rev >= 2) {
		put32(pa + 20, 36);
		put64(pa + 24, xsdt);
		fix_sum(pa, 36, 32);
	}
}

/* Writes the SDT header of a table whose body is in place, and its checksum. */
static void seal(uint64_t pa, const char *sig, uint32_t len)
{
	memcpy(at(pa), sig, 4);
	put32(pa + 4, len);
	at(pa)[8] = 2;
	memcpy(at(pa) + 10, "RVTEST", 6);
	fix_sum(pa, len, 9);
}

static void put_root(uint64_t pa, const char *sig, const uint64_t *e, int n)
{
	int size = sig[0] == 'X' ? 8 : 4;

	for (int i = 0; i < n; i++) {
		if (size == 8)
			put64(pa + 36 + 8 * i, e[i]);
		else
			put32(pa + 36 + 4 * i, (uint32_t)e[i]);
	}
	seal(pa, sig, 36 + n * size);
}

static void put_gas(uint64_t pa, uint8_t space, uint64_t addr)
{
	at(pa)[0] = space;
	at(pa)[1] = 16;
	at(pa)[2] = 0;
	at(pa)[3] = 2;
	put64(pa + 4, addr);
}

/* The legacy FADT fields; callers add X_ fields and re-seal. */
static void put_fadt(uint64_t pa, uint32_t len, uint32_t dsdt, uint32_t pm1a,
		     uint32_t pm1b)
{
	put32(pa + FADT_DSDT, dsdt);
	put32(pa + FADT_SMI_CMD, 0xb2);
	at(pa)[FADT_ACPI_ENABLE] = 0xf1;
	put32(pa + FADT_PM1A_CNT, pm1a);
	put32(pa + FADT_PM1B_CNT, pm1b);
	seal(pa, "FACP", len);
}

static void put_dsdt(uint64_t pa, const uint8_t *aml, size_t n)
{
	if (n)
		memcpy(at(pa) + 36, aml, n);
	seal(pa, "DSDT", (uint32_t)(36 + n));
}

/* Name(_S0_, Package(2){One, One}) Name(\_S5_, Package(4){5, 7, 0, 0}) */
static const uint8_t aml_s5_57[] = {
	0x08, '_', 'S', '0', '_', 0x12, 0x04, 0x02, 0x01, 0x01,
	0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x07,
	0x00, 0x00,
};

/* Name(_S5_, Package(2){3, 4}) */
static const uint8_t aml_s5_34[] = {
	0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x03, 0x0a, 0x04,
};

/* RSDP v1 -> RSDT {APIC, FACP} -> FADT (ACPI 1.0 size) -> DSDT(@aml). */
static void build_v1(const uint8_t *aml, size_t n)
{
	uint64_t entries[] = { APIC_PA, FADT_PA };

	free_maps();
	memset(phys, 0, sizeof(phys));
	put_dsdt(DSDT_PA, aml, n);
	put_fadt(FADT_PA, FADT_V1_LEN, (uint32_t)DSDT_PA, 0x604, 0);
	seal(APIC_PA, "APIC", 44);
	put_root(RSDT_PA, "RSDT", entries, 2);
	put_rsdp(RSDP_PA, 0, (uint32_t)RSDT_PA, 0);
}

/*
 * build_v1() plus an XSDT (pointing above 4 GiB) to a second FADT whose X_
 * fields name other PM1 ports and a second DSDT with S5 = 3/4.
 */
static void build_v2(uint64_t xsdt)
{
	uint64_t entries[] = { HIGH(APIC_PA), HIGH(FADT2_PA) };

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_dsdt(DSDT2_PA, aml_s5_34, sizeof(aml_s5_34));
	put64(FADT2_PA + FADT_X_DSDT, HIGH(DSDT2_PA));
	put_gas(FADT2_PA + FADT_X_PM1A_CNT, ACPI_GAS_IO, 0x1004);
	put_gas(FADT2_PA + FADT_X_PM1B_CNT, ACPI_GAS_IO, 0x1008);
	put_fadt(FADT2_PA, FADT_V5_LEN, (uint32_t)DSDT_PA, 0xb004, 0);
	put_root(XSDT_PA, "XSDT", entries, 2);
	put_rsdp(RSDP_PA, 2, (uint32_t)RSDT_PA, xsdt);
}

static int run(struct acpi_sleep_info *info, const char **why)
{
	int rc;

	memset(info, 0xee, sizeof(*info));
	*why = "unset";
	rc = acpi_find_s5(RSDP_PA, test_map, info, why);
	free_maps();
	return rc;
}

static void check_why(const char *got, const char *want, int line)
{
	if (got && !strcmp(got, want))
		return;
	printf("  why = \"%s\", want \"%s\"\n", got ? got : "(null)", want);
	unit_fail(__FILE__, line, "why");
}

#define CHECK_WHY(got, want) check_why(got, want, __LINE__)

/* Runs the parser and checks it fails with @rc and reason @want. */
#define CHECK_FAILS(rc, want)                            \
	do {                                             \
		struct acpi_sleep_info info_;            \
		const char *why_;                        \
		CHECK_EQ(run(&info_, &why_), rc);        \
		CHECK_WHY(why_, want);                   \
	} while (0)

/* Runs the parser on an S5 package alone and checks the two values. */
static void check_s5(const uint8_t *aml, size_t n, int typa, int typb, int line)
{
	struct acpi_sleep_info info;
	const char *why;
	int rc;

	build_v1(aml, n);
	rc = run(&info, &why);
	if (rc != 0 || info.slp_typa != typa || info.slp_typb != typb) {
		printf("  rc %d why \"%s\" typ %u/%u, want %d/%d\n", rc,
		       why ? why : "(null)", info.slp_typa, info.slp_typb, typa, typb);
		unit_fail(__FILE__, line, "S5 values");
	}
}

#define CHECK_S5(aml, typa, typb) check_s5(aml, sizeof(aml), typa, typb, __LINE__)

TEST(acpi_v1_rsdt_fadt_dsdt)
{
	struct acpi_sleep_info info;
	const char *why;

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	CHECK_EQ(run(&info, &why), 0);
	CHECK(why == NULL);
	CHECK_EQ(info.pm1a_cnt, 0x604);
	CHECK_EQ(info.pm1b_cnt, 0);
	CHECK_EQ(info.slp_typa, 5);
	CHECK_EQ(info.slp_typb, 7);
	CHECK_EQ(info.smi_cmd, 0xb2);
	CHECK_EQ(info.acpi_enable, 0xf1);
}

TEST(acpi_s5_aml_encodings)
{
	static const uint8_t zero[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t one[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x01, 0x00,
	};
	/* WordPrefix 0x000d, DWordPrefix 0xfffffffe: low 3 bits 5 and 6. */
	static const uint8_t word_dword[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x0a, 0x02,
		0x0b, 0x0d, 0x00, 0x0c, 0xfe, 0xff, 0xff, 0xff,
	};
	static const uint8_t qword[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x0d, 0x02, 0x0e,
		0x0b, 0, 0, 0, 0, 0, 0, 0x80, 0x0a, 0x02,
	};
	/* A stray "NameOp _S5_" that is no package, then the real one. */
	static const uint8_t stray_first[] = {
		0x08, '_', 'S', '5', '_', 0x0a, 0x01,
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x06, 0x0a, 0x02,
	};
	/* Two-byte PkgLength 0x0b (0x4b 0x00 means 0x0b), padding after. */
	static const uint8_t pkglen2[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x4b, 0x00, 0x04,
		0x0a, 0x02, 0x0a, 0x03, 0x00, 0x00, 0x00, 0x00,
	};

	CHECK_S5(aml_s5_57, 5, 7);
	CHECK_S5(aml_s5_34, 3, 4);
	CHECK_S5(zero, 0, 0);
	CHECK_S5(one, 1, 0);
	CHECK_S5(word_dword, 5, 6);
	CHECK_S5(qword, 3, 2);
	CHECK_S5(stray_first, 6, 2);
	CHECK_S5(pkglen2, 2, 3);
}

/* A package of @pkg_len bytes whose PkgLength takes 1 + @follow bytes. */
static size_t make_long_s5(uint8_t *aml, int follow, uint32_t pkg_len)
{
	size_t n, start;

	memcpy(aml, "\x08_S5_\x12", 6);
	n = start = 6;
	aml[n++] = (uint8_t)(follow << 6 | (pkg_len & 0x0f));
	for (int i = 0; i < follow; i++)
		aml[n++] = (uint8_t)(pkg_len >> (4 + 8 * i));
	aml[n++] = 2;
	memcpy(aml + n, "\x0a\x06\x0a\x01", 4);
	n += 4;
	while (n < start + pkg_len)
		aml[n++] = 0x00;
	/* Something after the package: Name(_S6_, Zero). */
	memcpy(aml + n, "\x08_S6_\x00", 6);
	return n + 6;
}

TEST(acpi_s5_multibyte_pkglength)
{
	static uint8_t aml[0x2000];
	static const struct {
		int follow;
		uint32_t len;
	} cases[] = { { 1, 0x50 }, { 1, 0xfff }, { 2, 0x1234 }, { 3, 0x40 }, { 2, 0x0c } };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = make_long_s5(aml, cases[i].follow, cases[i].len);

		check_s5(aml, n, 6, 1, __LINE__);
	}
}

TEST(acpi_v2_prefers_xsdt)
{
	struct acpi_sleep_info info;
	const char *why;

	build_v2(HIGH(XSDT_PA));
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0x1004);
	CHECK_EQ(info.pm1b_cnt, 0x1008);
	CHECK_EQ(info.slp_typa, 3);
	CHECK_EQ(info.slp_typb, 4);
}

TEST(acpi_v2_falls_back_to_rsdt)
{
	struct acpi_sleep_info info;
	const char *why;

	build_v2(UNMAPPED_PA);
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0x604);
	CHECK_EQ(info.slp_typa, 5);

	build_v2(0);
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0x604);

	/* An XSDT with a bad checksum is not trusted either. */
	build_v2(XSDT_PA);
	at(XSDT_PA)[40] ^= 1;
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0x604);

	build_v2(XSDT_PA);
	put_rsdp(RSDP_PA, 2, 0, UNMAPPED_PA);
	CHECK_FAILS(ACPI_ERR_ROOT, "XSDT not mapped");
}

TEST(acpi_bad_rsdp)
{
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	at(RSDP_PA)[16] ^= 0x10;
	CHECK_FAILS(ACPI_ERR_RSDP, "RSDP checksum");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	at(RSDP_PA)[0] = 'X';
	fix_sum(RSDP_PA, 20, 8);
	CHECK_FAILS(ACPI_ERR_RSDP, "RSDP signature");

	build_v2(XSDT_PA);
	at(RSDP_PA)[33] = 1; /* reserved: covered by the extended checksum only */
	CHECK_FAILS(ACPI_ERR_RSDP, "RSDP extended checksum");

	build_v2(XSDT_PA);
	put32(RSDP_PA + 20, 20);
	fix_sum(RSDP_PA, 36, 32);
	CHECK_FAILS(ACPI_ERR_RSDP, "RSDP length");

	CHECK_EQ(acpi_find_s5(0x1000, test_map, &(struct acpi_sleep_info){ 0 }, NULL),
		 ACPI_ERR_RSDP);
}

TEST(acpi_bad_root_length)
{
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put32(RSDT_PA + 4, 20);
	fix_sum(RSDT_PA, 20, 9);
	CHECK_FAILS(ACPI_ERR_ROOT, "RSDT length too small");

	/* Runs 0x100 bytes past the end of the mapped window. */
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put32(RSDT_PA + 4, (uint32_t)PHYS_SIZE);
	CHECK_FAILS(ACPI_ERR_ROOT, "RSDT larger than mapped");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put32(RSDT_PA + 4, 0xffffffff);
	CHECK_FAILS(ACPI_ERR_ROOT, "RSDT larger than mapped");

	build_v2(HIGH(XSDT_PA));
	put32(XSDT_PA + 4, 8);
	put_rsdp(RSDP_PA, 2, 0, HIGH(XSDT_PA));
	CHECK_FAILS(ACPI_ERR_ROOT, "XSDT length too small");
}

TEST(acpi_bad_table_checksums)
{
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	at(RSDT_PA)[36] ^= 0x01;
	CHECK_FAILS(ACPI_ERR_ROOT, "RSDT checksum");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	at(FADT_PA)[FADT_PM1A_CNT] ^= 0x01;
	CHECK_FAILS(ACPI_ERR_FADT, "FADT checksum");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	at(DSDT_PA)[40] ^= 0x01;
	CHECK_FAILS(ACPI_ERR_DSDT, "DSDT checksum");
}

TEST(acpi_no_fadt)
{
	uint64_t only_apic[] = { APIC_PA };
	uint64_t odd[] = { 0, UNMAPPED_PA, APIC_PA, FADT_PA };
	struct acpi_sleep_info info;
	const char *why;

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_root(RSDT_PA, "RSDT", only_apic, 1);
	CHECK_FAILS(ACPI_ERR_FADT, "no FADT");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_root(RSDT_PA, "RSDT", NULL, 0);
	CHECK_FAILS(ACPI_ERR_FADT, "no FADT");

	/* A partial entry at the end of the table is not read. */
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_root(RSDT_PA, "RSDT", only_apic, 1);
	seal(RSDT_PA, "RSDT", 36 + 4 + 3);
	CHECK_FAILS(ACPI_ERR_FADT, "no FADT");

	build_v2(XSDT_PA);
	put_root(XSDT_PA, "XSDT", only_apic, 1);
	seal(XSDT_PA, "XSDT", 36 + 8 + 7);
	put_rsdp(RSDP_PA, 2, 0, XSDT_PA);
	CHECK_FAILS(ACPI_ERR_FADT, "no FADT");

	/* Null and unmapped entries are skipped. */
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_root(RSDT_PA, "RSDT", odd, 4);
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0x604);
}

TEST(acpi_bad_fadt)
{
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_fadt(FADT_PA, 60, (uint32_t)DSDT_PA, 0x604, 0);
	CHECK_FAILS(ACPI_ERR_FADT, "FADT length too small");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_fadt(FADT_PA, FADT_V1_LEN, (uint32_t)DSDT_PA, 0, 0x608);
	CHECK_FAILS(ACPI_ERR_FADT, "no PM1a control port");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_fadt(FADT_PA, FADT_V1_LEN, 0, 0x604, 0);
	CHECK_FAILS(ACPI_ERR_DSDT, "no DSDT");

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_fadt(FADT_PA, FADT_V1_LEN, (uint32_t)APIC_PA, 0x604, 0);
	CHECK_FAILS(ACPI_ERR_DSDT, "DSDT signature");
}

TEST(acpi_short_fadt_uses_legacy_fields)
{
	struct acpi_sleep_info info;
	const char *why;

	/* X_ fields present in memory but beyond the FADT's length. */
	build_v2(HIGH(XSDT_PA));
	put_fadt(FADT2_PA, FADT_V1_LEN, (uint32_t)DSDT_PA, 0xb004, 0x608);
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0xb004);
	CHECK_EQ(info.pm1b_cnt, 0x608);
	CHECK_EQ(info.slp_typa, 5);

	/* Long enough for X_DSDT and X_PM1a_CNT_BLK but not X_PM1b_CNT_BLK. */
	put_fadt(FADT2_PA, FADT_X_PM1B_CNT + 11, (uint32_t)DSDT_PA, 0xb004, 0x608);
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0x1004);
	CHECK_EQ(info.pm1b_cnt, 0x608);
	CHECK_EQ(info.slp_typa, 3);

	/* X_PM1a_CNT_BLK in memory space or zero: the 32-bit field is used. */
	put_gas(FADT2_PA + FADT_X_PM1A_CNT, ACPI_GAS_MEMORY, 0xfed00000);
	put_gas(FADT2_PA + FADT_X_PM1B_CNT, ACPI_GAS_IO, 0);
	put_fadt(FADT2_PA, FADT_V5_LEN, (uint32_t)DSDT_PA, 0xb004, 0x608);
	CHECK_EQ(run(&info, &why), 0);
	CHECK_EQ(info.pm1a_cnt, 0xb004);
	CHECK_EQ(info.pm1b_cnt, 0x608);
}

TEST(acpi_dsdt_without_s5)
{
	static const uint8_t s0_only[] = {
		0x08, '_', 'S', '0', '_', 0x12, 0x04, 0x02, 0x01, 0x01,
	};
	static const uint8_t not_pkg[] = { 0x08, '_', 'S', '5', '_', 0x0a, 0x05 };
	static const uint8_t one_elem[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0a, 0x05,
	};
	/* PkgLength 1 leaves no room for NumElements. */
	static const uint8_t empty_pkg[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x01, 0x02, 0x0a, 0x05, 0x0a, 0x07,
	};
	static const uint8_t string_elem[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0d, 'a', 0x00, 0x00,
	};

	build_v1(s0_only, sizeof(s0_only));
	CHECK_FAILS(ACPI_ERR_S5, "no _S5_ in DSDT");
	build_v1(NULL, 0);
	CHECK_FAILS(ACPI_ERR_S5, "no _S5_ in DSDT");
	build_v1(not_pkg, sizeof(not_pkg));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ not a package");
	build_v1(one_elem, sizeof(one_elem));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ has fewer than 2 elements");
	build_v1(empty_pkg, sizeof(empty_pkg));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ malformed");
	build_v1(string_elem, sizeof(string_elem));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ element not an integer");
}

TEST(acpi_s5_truncated)
{
	static const uint8_t s5[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x07,
		0x00, 0x00,
	};
	/* PkgLength 4 ends the package before the second element. */
	static const uint8_t short_pkg[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x04, 0x0a, 0x05, 0x0a, 0x07,
	};
	/* The second element's BytePrefix is the last byte of the DSDT. */
	static const uint8_t cut_element[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0a, 0x05, 0x0a,
	};
	/* Four-byte PkgLength cut after its second byte. */
	static const uint8_t cut_pkglen[] = { 0x08, '_', 'S', '5', '_', 0x12, 0xc0, 0x01 };

	/* Every prefix of a good package, ending at the end of the DSDT. */
	for (size_t n = 1; n < sizeof(s5); n++) {
		build_v1(s5, n);
		CHECK_FAILS(ACPI_ERR_S5, n < 5 ? "no _S5_ in DSDT" : "_S5_ truncated");
	}
	build_v1(short_pkg, sizeof(short_pkg));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ truncated");
	build_v1(cut_pkglen, sizeof(cut_pkglen));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ truncated");
	build_v1(cut_element, sizeof(cut_element));
	CHECK_FAILS(ACPI_ERR_S5, "_S5_ truncated");
}

/*
 * Overwrites every byte of the RSDT, FADT and DSDT in turn with a few
 * values (checksums kept valid so the parser digs deeper): whatever the
 * result, ASan must see no out-of-bounds read.
 */
TEST(acpi_mutated_tables_stay_in_bounds)
{
	static const uint64_t tables[] = { RSDT_PA, FADT_PA, DSDT_PA };
	static const uint8_t values[] = { 0x00, 0x01, 0x12, 0x41, 0x80, 0xc3, 0xff };

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		uint32_t len;

		build_v1(aml_s5_57, sizeof(aml_s5_57));
		len = at(tables[t])[4] | at(tables[t])[5] << 8;
		for (uint32_t off = 0; off < len; off++) {
			for (size_t v = 0; v < sizeof(values); v++) {
				struct acpi_sleep_info info;
				const char *why;
				int rc;

				build_v1(aml_s5_57, sizeof(aml_s5_57));
				at(tables[t])[off] = values[v];
				if (off != 9)
					fix_sum(tables[t], len, 9);
				rc = run(&info, &why);
				CHECK(rc <= 0 && rc >= ACPI_ERR_S5);
				CHECK(rc == 0 || why != NULL);
			}
		}
	}
}

TEST(acpi_scan_rsdp_finds_aligned)
{
	enum { AREA = 0x400 };
	uint8_t *area = malloc(AREA);
	uint64_t pa = PHYS_BASE + 0x2000;

	free_maps();
	memset(phys, 0, sizeof(phys));
	put_rsdp(pa + 0x18, 0, 0x1000, 0); /* valid, but not 16-byte aligned */
	put_rsdp(pa + 0x40, 0, 0x2000, 0);
	at(pa + 0x40)[8] ^= 0xff;          /* aligned, bad checksum */
	put_rsdp(pa + 0x80, 0, 0x3000, 0);
	memcpy(area, at(pa), AREA);
	CHECK_EQ(acpi_scan_rsdp(area, AREA), 0x80);
	CHECK_EQ(acpi_scan_rsdp(area, 0x80), -1);
	CHECK_EQ(acpi_scan_rsdp(area, 0x94), 0x80);
	CHECK_EQ(acpi_scan_rsdp(area, 0x93), -1);
	CHECK_EQ(acpi_scan_rsdp(area, 0), -1);
	free(area);
}

TEST(acpi_scan_rsdp_area_end)
{
	enum { AREA = 0x400 };
	uint8_t *area = calloc(1, AREA);
	uint64_t pa = PHYS_BASE + 0x3000;

	/* The last slot has 16 bytes left: too few for an RSDP, never read past. */
	memset(phys, 0, sizeof(phys));
	memcpy(at(pa + AREA - 16), "RSD PTR ", 8);
	memcpy(area, at(pa), AREA);
	CHECK_EQ(acpi_scan_rsdp(area, AREA), -1);

	put_rsdp(pa + AREA - 32, 2, 0x1000, 0x2000);
	memcpy(area, at(pa), AREA);
	CHECK_EQ(acpi_scan_rsdp(area, AREA), AREA - 32);
	free(area);
}

/* build_v1()'s MADT with a local APIC, two I/O APICs and an override. */
static uint32_t put_madt(void)
{
	static const uint8_t entries[] = {
		0, 8, 0, 0, 1, 0, 0, 0,                                 /* local APIC */
		1, 12, 2, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0,        /* IO-APIC 2 */
		2, 10, 0, 0, 2, 0, 0, 0, 0, 0,                          /* override */
		1, 12, 3, 0, 0x00, 0x10, 0xc0, 0xfe, 24, 0, 0, 0,       /* IO-APIC 3 */
	};
	uint32_t len = 44 + sizeof(entries);

	memcpy(at(APIC_PA) + 44, entries, sizeof(entries));
	seal(APIC_PA, "APIC", len);
	return len;
}

static int find_ioapics(struct acpi_ioapic *out, unsigned int max, const char **why)
{
	int n;

	*why = "unset";
	n = acpi_find_ioapics(RSDP_PA, test_map, out, max, why);
	free_maps();
	return n;
}

TEST(acpi_madt_ioapics)
{
	struct acpi_ioapic io[4];
	const char *why;
	uint32_t len;

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_madt();
	memset(io, 0, sizeof(io));
	CHECK_EQ(find_ioapics(io, 4, &why), 2);
	CHECK(why == NULL);
	CHECK_EQ(io[0].id, 2);
	CHECK_EQ(io[0].address, 0xfec00000u);
	CHECK_EQ(io[0].gsi_base, 0);
	CHECK_EQ(io[1].id, 3);
	CHECK_EQ(io[1].address, 0xfec01000u);
	CHECK_EQ(io[1].gsi_base, 24);
	/* All are counted, only @max stored. */
	memset(io, 0, sizeof(io));
	CHECK_EQ(find_ioapics(io, 1, &why), 2);
	CHECK_EQ(io[0].id, 2);
	CHECK_EQ(io[1].id, 0);

	/* build_v1()'s MADT has no entries. */
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	CHECK_EQ(find_ioapics(io, 4, &why), 0);

	/* An entry of length 0 or 1, or running past the table, stops the parse. */
	build_v1(aml_s5_57, sizeof(aml_s5_57));
	len = put_madt();
	at(APIC_PA)[44 + 8 + 1] = 0;
	seal(APIC_PA, "APIC", len);
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	check_why(why, "MADT entry length", __LINE__);
	at(APIC_PA)[44 + 8 + 1] = 1;
	seal(APIC_PA, "APIC", len);
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	at(APIC_PA)[44 + 8 + 1] = 12;
	seal(APIC_PA, "APIC", len - 1);
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	check_why(why, "MADT entry length", __LINE__);
	/* An I/O APIC entry too short to hold one is skipped. */
	at(APIC_PA)[44 + 8 + 1] = 10;
	at(APIC_PA)[44 + 8 + 10] = 0;
	at(APIC_PA)[44 + 8 + 11] = 2;
	seal(APIC_PA, "APIC", len);
	CHECK_EQ(find_ioapics(io, 4, &why), 1);
	CHECK_EQ(io[0].id, 3);

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_madt();
	at(APIC_PA)[9]++;
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	check_why(why, "MADT checksum", __LINE__);

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_madt();
	seal(APIC_PA, "APIC", 43);
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	check_why(why, "MADT length too small", __LINE__);

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_root(RSDT_PA, "RSDT", (const uint64_t[]){ FADT_PA }, 1);
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	check_why(why, "no MADT", __LINE__);

	build_v1(aml_s5_57, sizeof(aml_s5_57));
	put_rsdp(RSDP_PA, 0, 0, 0);
	CHECK_EQ(find_ioapics(io, 4, &why), -1);
	check_why(why, "no RSDT", __LINE__);
}
