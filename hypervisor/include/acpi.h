/*
 * Just enough ACPI table parsing to power the machine off (S5): find the
 * RSDP, follow the XSDT or RSDT to the FADT, read the PM1 control ports and
 * the ACPI-enable handshake, and pull the S5 sleep type values out of the
 * DSDT's \_S5_ package; and to find the I/O APICs in the MADT.  Memory
 * access goes through a caller-supplied map function, so the parser has
 * no arch dependency and runs in host tests.
 */
#ifndef ACPI_H
#define ACPI_H

#include <stddef.h>
#include <stdint.h>

#include "compiler.h"

/* Root System Description Pointer (ACPI 1.0 part: first 20 bytes). */
struct acpi_rsdp {
	char signature[8]; /* "RSD PTR " */
	uint8_t checksum;  /* covers the first 20 bytes */
	char oem_id[6];
	uint8_t revision;  /* 0: ACPI 1.0; 2: ACPI 2.0+ (fields below valid) */
	uint32_t rsdt_address;
	uint32_t length;   /* whole structure, covered by extended_checksum */
	uint64_t xsdt_address;
	uint8_t extended_checksum;
	uint8_t reserved[3];
} __packed;

#define ACPI_RSDP_V1_LEN 20u

_Static_assert(offsetof(struct acpi_rsdp, length) == ACPI_RSDP_V1_LEN, "RSDP v1");
_Static_assert(offsetof(struct acpi_rsdp, xsdt_address) == 24, "RSDP xsdt");
_Static_assert(sizeof(struct acpi_rsdp) == 36, "RSDP size");

/* Header shared by every System Description Table. */
struct acpi_sdt_header {
	char signature[4];
	uint32_t length;   /* whole table, header included */
	uint8_t revision;
	uint8_t checksum;  /* all bytes of the table sum to 0 */
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __packed;

_Static_assert(sizeof(struct acpi_sdt_header) == 36, "SDT header size");

/* Generic Address Structure. */
struct acpi_gas {
	uint8_t space_id;  /* ACPI_GAS_* */
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} __packed;

#define ACPI_GAS_MEMORY 0
#define ACPI_GAS_IO 1

_Static_assert(sizeof(struct acpi_gas) == 12, "GAS size");

/*
 * Returns a pointer to memory holding [paddr, paddr+len) or NULL when that
 * range is not accessible.  Pointers must stay valid until the parser call
 * that obtained them returns.
 */
typedef const void *(*acpi_map_fn)(uint64_t paddr, uint64_t len);

struct acpi_sleep_info {
	uint32_t pm1a_cnt, pm1b_cnt; /* I/O ports of PM1a/PM1b control blocks (0 = absent) */
	uint16_t slp_typa, slp_typb; /* SLP_TYP values for S5 */
	uint32_t smi_cmd;            /* SMI command port, 0 if none */
	uint8_t acpi_enable;         /* value to write to smi_cmd to enter ACPI mode */
};

/* acpi_find_s5() results: which stage failed. */
enum {
	ACPI_ERR_RSDP = -1, /* RSDP unmapped or invalid */
	ACPI_ERR_ROOT = -2, /* no valid RSDT/XSDT */
	ACPI_ERR_FADT = -3, /* no valid FADT, or it has no PM1a control port */
	ACPI_ERR_DSDT = -4, /* no valid DSDT */
	ACPI_ERR_S5 = -5,   /* \_S5_ missing or malformed */
};

/*
 * Scans a BIOS area (EBDA or 0xE0000-0xFFFFF copy) for an RSDP with a
 * valid checksum on 16-byte boundaries; returns its offset or -1.
 */
long acpi_scan_rsdp(const void *area, uint64_t len);

/*
 * Reads the S5 power-off parameters starting from the RSDP at @rsdp_paddr.
 * Every table on the way is checked (length, checksum) and every read is
 * bounded by the table's length.  Returns 0 and fills *out, or an
 * ACPI_ERR_* code with *why (if @why is not NULL) set to a short static
 * reason such as "RSDP checksum", "no FADT" or "no _S5_ in DSDT".
 */
int acpi_find_s5(uint64_t rsdp_paddr, acpi_map_fn map, struct acpi_sleep_info *out,
		 const char **why);

/* An I/O APIC the MADT lists. */
struct acpi_ioapic {
	uint8_t id;
	uint32_t address;  /* physical address of its registers */
	uint32_t gsi_base; /* the GSI of its first input */
};

/*
 * Reads the I/O APICs from the MADT found from the RSDP at @rsdp_paddr
 * (tables checked as for acpi_find_s5; entries must stay inside the
 * table).  Returns how many there are (at most @max are stored in @out),
 * or -1 with *why set when there is no valid MADT.
 */
int acpi_find_ioapics(uint64_t rsdp_paddr, acpi_map_fn map, struct acpi_ioapic *out,
		      unsigned int max, const char **why);

#endif
