/*
 * platform_op get_cpuinfo and get_cpu_version: dom0 asks about physical
 * CPUs by number.  As Xen, a number that is not a present CPU is no
 * error: get_cpuinfo flags it invalid (leaving the ids as given) and
 * get_cpu_version answers zeros; both report the highest present number.
 */
#include "arch/guest_access.h"
#include "hypercall-abi/errno.h"
#include "lib/string.h"
#include "pcpu.h"
#include "platform_op.h"

#define PAYLOAD_OFFSET PV_OFFSETOF(struct pv_platform_op, u)

static long write_payload(uint64_t arg, const void *payload, size_t size)
{
	return copy_to_guest(arg + PAYLOAD_OFFSET, payload, size) ? -PV_EFAULT : 0;
}

long platform_get_cpuinfo(const struct pv_platform_op *op, uint64_t arg)
{
	struct pv_platform_pcpuinfo info;

	memcpy(&info, op->u.pad, sizeof(info));
	if (info.xen_cpuid >= PCPU_COUNT) {
		info.flags = PV_XEN_PCPU_FLAGS_INVALID;
	} else {
		struct pcpu_identity id;

		pcpu_identify(&id);
		info.apic_id = id.apic_id;
		info.acpi_id = id.acpi_id;
		info.flags = PV_XEN_PCPU_FLAGS_ONLINE;
	}
	info.max_present = PCPU_COUNT - 1;
	return write_payload(arg, &info, sizeof(info));
}

long platform_get_cpu_version(const struct pv_platform_op *op, uint64_t arg)
{
	struct pv_platform_pcpu_version ver;

	memcpy(&ver, op->u.pad, sizeof(ver));
	if (ver.xen_cpuid >= PCPU_COUNT) {
		memset(ver.vendor_id, 0, sizeof(ver.vendor_id));
		ver.family = ver.model = ver.stepping = 0;
	} else {
		struct pcpu_identity id;

		pcpu_identify(&id);
		memcpy(ver.vendor_id, id.vendor_id, sizeof(ver.vendor_id));
		ver.family = id.family;
		ver.model = id.model;
		ver.stepping = id.stepping;
	}
	ver.max_present = PCPU_COUNT - 1;
	return write_payload(arg, &ver, sizeof(ver));
}
