/*
 * platform_op(op): machine-wide control for dom0 (clock, firmware, CPU and
 * memory hotplug, power management).  The command numbers, the envelope,
 * and the payloads of the commands handled.
 *
 * Every call carries PV_XENPF_INTERFACE_VERSION, and a call with another
 * version is refused: a dom0 built for another layout fails safely.
 */
#ifndef PV_ABI_PLATFORM_H
#define PV_ABI_PLATFORM_H

#define PV_XENPF_INTERFACE_VERSION 0x03000001

#define PV_XENPF_settime32 17
#define PV_XENPF_add_memtype 31
#define PV_XENPF_del_memtype 32
#define PV_XENPF_read_memtype 33
#define PV_XENPF_microcode_update 35
#define PV_XENPF_platform_quirk 39
#define PV_XENPF_get_cpu_version 48
#define PV_XENPF_efi_runtime_call 49
#define PV_XENPF_firmware_info 50
#define PV_XENPF_enter_acpi_sleep 51
#define PV_XENPF_change_freq 52
#define PV_XENPF_getidletime 53
#define PV_XENPF_set_processor_pminfo 54
/* Power-management states the hypervisor controls (start_info flags >> 8). */
#define PV_XEN_PROCESSOR_PM_CX 1
#define PV_XEN_PROCESSOR_PM_PX 2
#define PV_XEN_PROCESSOR_PM_TX 4
#define PV_XENPF_get_cpuinfo 55
#define PV_XENPF_cpu_online 56
#define PV_XENPF_cpu_offline 57
#define PV_XENPF_cpu_hotadd 58
#define PV_XENPF_mem_hotadd 59
#define PV_XENPF_core_parking 60
#define PV_XENPF_resource_op 61
#define PV_XENPF_settime64 62
#define PV_XENPF_get_symbol 63

/* PV_XENPF_firmware_info types */
#define PV_XEN_FW_DISK_INFO 1          /* EDD data of BIOS disk @index */
#define PV_XEN_FW_DISK_MBR_SIGNATURE 2 /* MBR signature of BIOS disk @index */
#define PV_XEN_FW_VBEDDC_INFO 3        /* the display's EDID */
#define PV_XEN_FW_EFI_INFO 4           /* EFI tables, vendor, memory map */
#define PV_XEN_FW_KBD_SHIFT_FLAGS 5    /* the BIOS keyboard shift flags */

/* PV_XENPF_get_cpuinfo flags */
#define PV_XEN_PCPU_FLAGS_ONLINE 1  /* the CPU runs */
#define PV_XEN_PCPU_FLAGS_INVALID 2 /* no such CPU */

#ifndef __ASSEMBLY__
#include <stdint.h>

#include "types.h"

struct pv_platform_op {
	uint32_t cmd;               /* PV_XENPF_* */
	uint32_t interface_version; /* PV_XENPF_INTERFACE_VERSION */
	union {
		uint8_t pad[128];
		uint64_t pad64[16];
	} u; /* the command's payload */
};
_Static_assert(sizeof(struct pv_platform_op) == 136, "xen_platform_op: xen/platform.h");
_Static_assert(PV_OFFSETOF(struct pv_platform_op, u) == 8, "xen_platform_op.u: xen/platform.h");

/* PV_XENPF_settime32 and PV_XENPF_settime64: the time of day at @system_time. */
struct pv_platform_settime32 {
	uint32_t secs, nsecs;
	uint64_t system_time; /* ns since boot, as in vcpu_time_info */
};
_Static_assert(sizeof(struct pv_platform_settime32) == 16, "xenpf_settime32: xen/platform.h");

struct pv_platform_settime64 {
	uint64_t secs;
	uint32_t nsecs;
	uint32_t mbz;	      /* must be zero */
	uint64_t system_time;
};
_Static_assert(sizeof(struct pv_platform_settime64) == 24, "xenpf_settime64: xen/platform.h");

/* The head of PV_XENPF_firmware_info's payload (the rest per type). */
struct pv_platform_firmware_info {
	uint32_t type;  /* PV_XEN_FW_* */
	uint32_t index; /* which disk, or EFI item; 0 for the others */
	union {
		uint8_t kbd_shift_flags; /* PV_XEN_FW_KBD_SHIFT_FLAGS */
	} u;
};
_Static_assert(PV_OFFSETOF(struct pv_platform_firmware_info, u) == 8,
	       "xenpf_firmware_info.u: xen/platform.h");

/* PV_XENPF_get_cpuinfo: physical CPU @xen_cpuid's ids and state. */
struct pv_platform_pcpuinfo {
	uint32_t xen_cpuid;   /* in */
	uint32_t max_present; /* out: the highest present CPU number */
	uint32_t flags;       /* out: PV_XEN_PCPU_FLAGS_* */
	uint32_t apic_id;
	uint32_t acpi_id;
};
_Static_assert(sizeof(struct pv_platform_pcpuinfo) == 20, "xenpf_pcpuinfo: xen/platform.h");

/* PV_XENPF_get_cpu_version: physical CPU @xen_cpuid's vendor and signature. */
struct pv_platform_pcpu_version {
	uint32_t xen_cpuid;   /* in */
	uint32_t max_present; /* out: the highest present CPU number */
	char vendor_id[12];   /* CPUID leaf 0's EBX, EDX, ECX */
	uint32_t family, model, stepping;
};
_Static_assert(sizeof(struct pv_platform_pcpu_version) == 32,
	       "xenpf_pcpu_version: xen/platform.h");
#endif

#endif
