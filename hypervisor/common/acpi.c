/*
 * What the hypervisor reads from the firmware's ACPI tables: the S5
 * (power-off) parameters, RSDP -> XSDT/RSDT -> FADT -> DSDT -> \_S5_; the
 * I/O APICs from the MADT; the PM timer's port from the FADT.
 *
 * The tables come from firmware and are trusted for nothing: every table
 * is length- and checksum-checked before use, and every field read is
 * bounded by the length of the table holding it.  Fields are read byte by
 * byte (little-endian), so table alignment and the type of the memory
 * behind them do not matter; the packed structs give the layout.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acpi.h"

/* Fixed ACPI Description Table, up to the last field we use. */
struct acpi_fadt {
	struct acpi_sdt_header hdr;
	uint32_t firmware_ctrl;
	uint32_t dsdt;
	uint8_t reserved0;
	uint8_t preferred_pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable;
	uint8_t acpi_disable;
	uint8_t s4bios_req;
	uint8_t pstate_cnt;
	uint32_t pm1a_evt_blk;
	uint32_t pm1b_evt_blk;
	uint32_t pm1a_cnt_blk;
	uint32_t pm1b_cnt_blk;
	uint32_t pm2_cnt_blk;
	uint32_t pm_tmr_blk;
	uint8_t unused0[52]; /* GPE0_BLK ... FADT minor version */
	uint64_t x_firmware_ctrl;
	uint64_t x_dsdt;
	struct acpi_gas x_pm1a_evt_blk;
	struct acpi_gas x_pm1b_evt_blk;
	struct acpi_gas x_pm1a_cnt_blk;
	struct acpi_gas x_pm1b_cnt_blk;
	struct acpi_gas x_pm2_cnt_blk;
	struct acpi_gas x_pm_tmr_blk;
} __packed;

_Static_assert(offsetof(struct acpi_fadt, dsdt) == 40, "FADT DSDT");
_Static_assert(offsetof(struct acpi_fadt, smi_cmd) == 48, "FADT SMI_CMD");
_Static_assert(offsetof(struct acpi_fadt, acpi_enable) == 52, "FADT ACPI_ENABLE");
_Static_assert(offsetof(struct acpi_fadt, pm1a_cnt_blk) == 64, "FADT PM1a_CNT_BLK");
_Static_assert(offsetof(struct acpi_fadt, pm1b_cnt_blk) == 68, "FADT PM1b_CNT_BLK");
_Static_assert(offsetof(struct acpi_fadt, x_dsdt) == 140, "FADT X_DSDT");
_Static_assert(offsetof(struct acpi_fadt, x_pm1a_cnt_blk) == 172, "FADT X_PM1a_CNT_BLK");
_Static_assert(offsetof(struct acpi_fadt, x_pm1b_cnt_blk) == 184, "FADT X_PM1b_CNT_BLK");
_Static_assert(offsetof(struct acpi_fadt, pm_tmr_blk) == 76, "FADT PM_TMR_BLK");
_Static_assert(offsetof(struct acpi_fadt, x_pm_tmr_blk) == 208, "FADT X_PM_TMR_BLK");
_Static_assert(sizeof(struct acpi_fadt) == 220, "FADT size");

/* The FADT revision from which Xen reads X_PM_TMR_BLK (ACPI 2.0's). */
#define FADT_REVISION_X_PM_TMR 3
#define GAS_ACCESS_DWORD 3

#define FADT_OFF(field) offsetof(struct acpi_fadt, field)
#define FADT_HAS(t, field) \
	((t)->len >= FADT_OFF(field) + sizeof(((struct acpi_fadt *)0)->field))

#define SDT_LEN ((uint32_t)sizeof(struct acpi_sdt_header))
#define SDT_LENGTH_OFF offsetof(struct acpi_sdt_header, length)

/* MADT: the header, the local APIC address and flags, then typed entries. */
#define MADT_ENTRIES_OFF (SDT_LEN + 8)
#define MADT_IOAPIC 1
#define MADT_IOAPIC_LEN 12 /* type, length, id, reserved, address, GSI base */
#define RSDP_SIG "RSD PTR "
#define IO_PORT_MAX 0xffffu

#define AML_ZERO_OP 0x00
#define AML_ONE_OP 0x01
#define AML_NAME_OP 0x08
#define AML_BYTE_PREFIX 0x0a
#define AML_WORD_PREFIX 0x0b
#define AML_DWORD_PREFIX 0x0c
#define AML_QWORD_PREFIX 0x0e
#define AML_PACKAGE_OP 0x12
#define AML_ROOT_CHAR '\\'
#define SLP_TYP_MASK 7u

/* A validated table: @len bytes readable at @p. */
struct table {
	const uint8_t *p;
	uint32_t len;
};

enum tbl_kind { TBL_RSDT, TBL_XSDT, TBL_FADT, TBL_DSDT, TBL_MADT, TBL_NR };
enum tbl_err { TE_MAP, TE_SIG, TE_SHORT, TE_BIG, TE_SUM, TE_NR };

#define TBL_WHY(name)                                                      \
	{ name " not mapped", name " signature", name " length too small", \
	  name " larger than mapped", name " checksum" }

static const struct tbl_desc {
	char sig[5];
	uint32_t min_len;
	const char *why[TE_NR];
} tbl_desc[TBL_NR] = {
	[TBL_RSDT] = { "RSDT", SDT_LEN, TBL_WHY("RSDT") },
	[TBL_XSDT] = { "XSDT", SDT_LEN, TBL_WHY("XSDT") },
	/* The legacy fields we read end with PM1b_CNT_BLK. */
	[TBL_FADT] = { "FACP", FADT_OFF(pm1b_cnt_blk) + 4, TBL_WHY("FADT") },
	[TBL_DSDT] = { "DSDT", SDT_LEN, TBL_WHY("DSDT") },
	/* The local APIC address and flags come before the entries. */
	[TBL_MADT] = { "APIC", MADT_ENTRIES_OFF, TBL_WHY("MADT") },
};

static bool bytes_eq(const uint8_t *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)s[i])
			return false;
	return true;
}

static bool checksum_ok(const uint8_t *p, uint64_t n)
{
	uint8_t sum = 0;

	for (uint64_t i = 0; i < n; i++)
		sum += p[i];
	return sum == 0;
}

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static int fail(const char **why, const char *reason, int rc)
{
	if (why)
		*why = reason;
	return rc;
}

long acpi_scan_rsdp(const void *area, uint64_t len)
{
	const uint8_t *p = area;

	if (len < ACPI_RSDP_V1_LEN)
		return -1;
	for (uint64_t off = 0; off <= len - ACPI_RSDP_V1_LEN; off += 16)
		if (bytes_eq(p + off, RSDP_SIG, 8) &&
		    checksum_ok(p + off, ACPI_RSDP_V1_LEN))
			return (long)off;
	return -1;
}

/* Validates the RSDP and returns the root table addresses (xsdt 0 if none). */
static const char *read_rsdp(uint64_t paddr, acpi_map_fn map, uint32_t *rsdt,
			     uint64_t *xsdt)
{
	const uint8_t *p = map(paddr, ACPI_RSDP_V1_LEN);
	uint32_t len;

	if (!p)
		return "RSDP not mapped";
	if (!bytes_eq(p, RSDP_SIG, 8))
		return "RSDP signature";
	if (!checksum_ok(p, ACPI_RSDP_V1_LEN))
		return "RSDP checksum";
	*rsdt = rd32(p + offsetof(struct acpi_rsdp, rsdt_address));
	*xsdt = 0;
	if (p[offsetof(struct acpi_rsdp, revision)] < 2)
		return NULL;

	p = map(paddr, sizeof(struct acpi_rsdp));
	if (!p)
		return "RSDP not mapped";
	len = rd32(p + offsetof(struct acpi_rsdp, length));
	if (len < sizeof(struct acpi_rsdp))
		return "RSDP length";
	p = map(paddr, len);
	if (!p)
		return "RSDP larger than mapped";
	if (!checksum_ok(p, len))
		return "RSDP extended checksum";
	*xsdt = rd64(p + offsetof(struct acpi_rsdp, xsdt_address));
	return NULL;
}

/* Maps and validates the table of @kind at @paddr. */
static const char *load_table(uint64_t paddr, enum tbl_kind kind, acpi_map_fn map,
			      struct table *t)
{
	const struct tbl_desc *d = &tbl_desc[kind];
	const uint8_t *p = map(paddr, SDT_LEN);
	uint32_t len;

	if (!p)
		return d->why[TE_MAP];
	if (!bytes_eq(p, d->sig, 4))
		return d->why[TE_SIG];
	len = rd32(p + SDT_LENGTH_OFF);
	if (len < d->min_len)
		return d->why[TE_SHORT];
	p = map(paddr, len);
	if (!p)
		return d->why[TE_BIG];
	if (!checksum_ok(p, len))
		return d->why[TE_SUM];
	t->p = p;
	t->len = len;
	return NULL;
}

/*
 * Picks the XSDT when there is a valid one (its entries are 8 bytes wide),
 * otherwise the RSDT (4-byte entries).
 */
static const char *load_root(uint32_t rsdt, uint64_t xsdt, acpi_map_fn map,
			     struct table *root, uint32_t *entry_size)
{
	const char *why = "no RSDT";

	if (xsdt) {
		why = load_table(xsdt, TBL_XSDT, map, root);
		*entry_size = 8;
		if (!why)
			return NULL;
	}
	if (!rsdt)
		return why;
	*entry_size = 4;
	return load_table(rsdt, TBL_RSDT, map, root);
}

/* Returns the first valid table of @kind the root table points to. */
static const char *find_table(const struct table *root, uint32_t entry_size,
			      acpi_map_fn map, enum tbl_kind kind, struct table *out)
{
	const char *why = kind == TBL_FADT ? "no FADT" : "no MADT";

	for (uint64_t off = SDT_LEN; off + entry_size <= root->len; off += entry_size) {
		const uint8_t *e = root->p + off;
		uint64_t pa = entry_size == 8 ? rd64(e) : rd32(e);
		const uint8_t *sig = pa ? map(pa, 4) : NULL;

		if (!sig || !bytes_eq(sig, tbl_desc[kind].sig, 4))
			continue;
		why = load_table(pa, kind, map, out);
		if (!why)
			return NULL;
	}
	return why;
}

/*
 * The I/O port of a PM1 control block: the X_ generic address when the
 * FADT is long enough to hold it and it names a non-zero I/O port, else the
 * legacy 32-bit field.  0 when there is no usable port.
 */
static uint32_t pm1_cnt_port(const struct table *f, size_t x_off, size_t legacy_off)
{
	uint32_t port;

	if (f->len >= x_off + sizeof(struct acpi_gas)) {
		const uint8_t *gas = f->p + x_off;
		uint64_t addr = rd64(gas + offsetof(struct acpi_gas, address));

		if (gas[offsetof(struct acpi_gas, space_id)] == ACPI_GAS_IO &&
		    addr && addr <= IO_PORT_MAX)
			return (uint32_t)addr;
	}
	port = rd32(f->p + legacy_off);
	return port <= IO_PORT_MAX ? port : 0;
}

static uint64_t fadt_dsdt(const struct table *f)
{
	uint64_t x_dsdt = 0;

	if (FADT_HAS(f, x_dsdt))
		x_dsdt = rd64(f->p + FADT_OFF(x_dsdt));
	return x_dsdt ? x_dsdt : rd32(f->p + FADT_OFF(dsdt));
}

static const char *read_fadt(const struct table *f, struct acpi_sleep_info *info)
{
	info->pm1a_cnt = pm1_cnt_port(f, FADT_OFF(x_pm1a_cnt_blk),
				      FADT_OFF(pm1a_cnt_blk));
	info->pm1b_cnt = pm1_cnt_port(f, FADT_OFF(x_pm1b_cnt_blk),
				      FADT_OFF(pm1b_cnt_blk));
	info->smi_cmd = rd32(f->p + FADT_OFF(smi_cmd));
	if (info->smi_cmd > IO_PORT_MAX)
		info->smi_cmd = 0;
	info->acpi_enable = f->p[FADT_OFF(acpi_enable)];
	return info->pm1a_cnt ? NULL : "no PM1a control port";
}

/* Reads a PkgLength at *pos; all of its bytes must lie before @end. */
static bool aml_pkg_length(const uint8_t *p, uint32_t end, uint32_t *pos,
			   uint32_t *len)
{
	uint32_t lead, follow;

	if (*pos >= end)
		return false;
	lead = p[*pos];
	follow = lead >> 6;
	if (end - *pos <= follow)
		return false;
	if (!follow) {
		*len = lead & 0x3f;
	} else {
		/* Low nibble from the lead byte, then 8 bits per following byte. */
		*len = lead & 0x0f;
		for (uint32_t i = 0; i < follow; i++)
			*len |= (uint32_t)p[*pos + 1 + i] << (4 + 8 * i);
	}
	*pos += 1 + follow;
	return true;
}

/* Reads an integer package element at *pos, ending before @end. */
static const char *aml_slp_typ(const uint8_t *p, uint32_t end, uint32_t *pos,
			       uint16_t *typ)
{
	uint32_t size;
	uint8_t op;

	if (*pos >= end)
		return "_S5_ truncated";
	op = p[(*pos)++];
	switch (op) {
	case AML_ZERO_OP:
	case AML_ONE_OP:
		*typ = op;
		return NULL;
	case AML_BYTE_PREFIX:
		size = 1;
		break;
	case AML_WORD_PREFIX:
		size = 2;
		break;
	case AML_DWORD_PREFIX:
		size = 4;
		break;
	case AML_QWORD_PREFIX:
		size = 8;
		break;
	default:
		return "_S5_ element not an integer";
	}
	if (end - *pos < size)
		return "_S5_ truncated";
	/* Little-endian: the low 3 bits are in the first byte. */
	*typ = p[*pos] & SLP_TYP_MASK;
	*pos += size;
	return NULL;
}

/* Parses "PackageOp PkgLength NumElements a b ..." at @pos. */
static const char *aml_s5_package(const uint8_t *p, uint32_t len, uint32_t pos,
				  uint16_t typ[2])
{
	uint32_t start, pkg_len, end;
	const char *why;

	if (pos >= len)
		return "_S5_ truncated";
	if (p[pos++] != AML_PACKAGE_OP)
		return "_S5_ not a package";
	start = pos;
	if (!aml_pkg_length(p, len, &pos, &pkg_len))
		return "_S5_ truncated";
	/* PkgLength counts from its own first byte to the package end. */
	if (pkg_len > len - start)
		return "_S5_ truncated";
	end = start + pkg_len;
	if (pos >= end)
		return "_S5_ malformed";
	if (p[pos++] < 2)
		return "_S5_ has fewer than 2 elements";
	for (int i = 0; i < 2; i++) {
		why = aml_slp_typ(p, end, &pos, &typ[i]);
		if (why)
			return why;
	}
	return NULL;
}

/*
 * Looks for "NameOp [\] _S5_" in the DSDT body.  A match that does not
 * parse may be stray bytes inside other AML, so the scan goes on; its
 * reason is reported only if no later match parses.
 */
static const char *find_s5(const struct table *dsdt, struct acpi_sleep_info *info)
{
	const uint8_t *p = dsdt->p;
	const char *why = "no _S5_ in DSDT";
	uint16_t typ[2];

	for (uint32_t i = SDT_LEN; i < dsdt->len; i++) {
		uint32_t pos = i + 1;
		const char *err;

		if (p[i] != AML_NAME_OP)
			continue;
		if (pos < dsdt->len && p[pos] == AML_ROOT_CHAR)
			pos++;
		if (dsdt->len - pos < 4 || !bytes_eq(p + pos, "_S5_", 4))
			continue;
		err = aml_s5_package(p, dsdt->len, pos + 4, typ);
		if (!err) {
			info->slp_typa = typ[0];
			info->slp_typb = typ[1];
			return NULL;
		}
		why = err;
	}
	return why;
}

int acpi_find_s5(uint64_t rsdp_paddr, acpi_map_fn map, struct acpi_sleep_info *out,
		 const char **why)
{
	struct acpi_sleep_info info = { 0 };
	struct table root, fadt, dsdt;
	uint32_t rsdt, entry_size;
	uint64_t xsdt, dsdt_pa;
	const char *err;

	err = read_rsdp(rsdp_paddr, map, &rsdt, &xsdt);
	if (err)
		return fail(why, err, ACPI_ERR_RSDP);
	err = load_root(rsdt, xsdt, map, &root, &entry_size);
	if (err)
		return fail(why, err, ACPI_ERR_ROOT);
	err = find_table(&root, entry_size, map, TBL_FADT, &fadt);
	if (!err)
		err = read_fadt(&fadt, &info);
	if (err)
		return fail(why, err, ACPI_ERR_FADT);
	dsdt_pa = fadt_dsdt(&fadt);
	err = dsdt_pa ? load_table(dsdt_pa, TBL_DSDT, map, &dsdt) : "no DSDT";
	if (err)
		return fail(why, err, ACPI_ERR_DSDT);
	err = find_s5(&dsdt, &info);
	if (err)
		return fail(why, err, ACPI_ERR_S5);
	*out = info;
	return fail(why, NULL, 0);
}

/* The table of @kind the RSDP at @rsdp_paddr leads to; NULL, or why not. */
static const char *find_rsdp_table(uint64_t rsdp_paddr, acpi_map_fn map, enum tbl_kind kind,
				   struct table *out)
{
	struct table root;
	uint32_t rsdt, entry_size;
	uint64_t xsdt;
	const char *err;

	err = read_rsdp(rsdp_paddr, map, &rsdt, &xsdt);
	if (!err)
		err = load_root(rsdt, xsdt, map, &root, &entry_size);
	if (!err)
		err = find_table(&root, entry_size, map, kind, out);
	return err;
}

int acpi_find_ioapics(uint64_t rsdp_paddr, acpi_map_fn map, struct acpi_ioapic *out,
		      unsigned int max, const char **why)
{
	struct table madt;
	const char *err = find_rsdp_table(rsdp_paddr, map, TBL_MADT, &madt);
	uint32_t off;
	unsigned int n = 0;

	if (err)
		return fail(why, err, -1);
	for (off = MADT_ENTRIES_OFF; off + 2 <= madt.len; off += madt.p[off + 1]) {
		const uint8_t *e = madt.p + off;

		if (e[1] < 2 || e[1] > madt.len - off)
			return fail(why, "MADT entry length", -1);
		if (e[0] != MADT_IOAPIC || e[1] < MADT_IOAPIC_LEN)
			continue;
		if (n < max)
			out[n] = (struct acpi_ioapic){
				.id = e[2], .address = rd32(e + 4), .gsi_base = rd32(e + 8),
			};
		n++;
	}
	fail(why, NULL, 0);
	return (int)n;
}

/*
 * The ACPI PM timer's port as Xen finds it: X_PM_TMR_BLK when the FADT is
 * of ACPI 2.0 or later and it names I/O space with a 32-bit or unspecified
 * access and no bit offset, else the legacy PM_TMR_BLK.
 */
static uint32_t fadt_pm_timer(const struct table *f)
{
	uint32_t port;

	if (f->p[offsetof(struct acpi_sdt_header, revision)] >= FADT_REVISION_X_PM_TMR &&
	    FADT_HAS(f, x_pm_tmr_blk)) {
		const uint8_t *gas = f->p + FADT_OFF(x_pm_tmr_blk);
		uint8_t access = gas[offsetof(struct acpi_gas, access_size)];
		uint64_t addr = rd64(gas + offsetof(struct acpi_gas, address));

		if (gas[offsetof(struct acpi_gas, space_id)] == ACPI_GAS_IO &&
		    (access == 0 || access == GAS_ACCESS_DWORD) &&
		    !gas[offsetof(struct acpi_gas, bit_offset)] && addr && addr <= IO_PORT_MAX)
			return (uint32_t)addr;
	}
	if (!FADT_HAS(f, pm_tmr_blk))
		return 0;
	port = rd32(f->p + FADT_OFF(pm_tmr_blk));
	return port <= IO_PORT_MAX ? port : 0;
}

int acpi_find_pm_timer(uint64_t rsdp_paddr, acpi_map_fn map, uint32_t *port, const char **why)
{
	struct table fadt;
	const char *err = find_rsdp_table(rsdp_paddr, map, TBL_FADT, &fadt);

	if (err)
		return fail(why, err, -1);
	*port = fadt_pm_timer(&fadt);
	return fail(why, NULL, 0);
}
