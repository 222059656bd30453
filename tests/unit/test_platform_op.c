/*
 * Tests for platform_op (hypervisor/common/hypercall/platform_op.c): the
 * envelope's checks in Xen's order, firmware_info's answers and the
 * physical CPU queries.
 */
#include <stdint.h>
#include <string.h>

#include "domain.h"
#include "harness.h"
#include "host_guest.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/platform.h"
#include "hypercall-abi/sched.h"
#include "hypercall.h"
#include "pcpu.h"

#define OP_OFF 0x100

/* The time of day at system time 0 (host_shim.c). */
extern uint64_t host_boot_epoch_ns;

static struct domain *dom;

static void start(bool privileged)
{
	memset(host_guest_memory, 0xaa, HOST_GUEST_SIZE);
	dom = domain_create(privileged ? 0 : 5, "plat", privileged);
	CHECK(dom != NULL);
	host_current_domain = dom;
}

static void finish(void)
{
	domain_shutdown(dom, PV_SHUTDOWN_poweroff);
	CHECK_EQ(domain_reap(), 1);
	host_current_domain = NULL;
}

/* Writes an op (@cmd, @version, firmware_info @type/@index) and calls. */
static long call(uint32_t cmd, uint32_t version, uint32_t type, uint32_t index)
{
	struct pv_platform_op op = { .cmd = cmd, .interface_version = version };
	struct pv_platform_firmware_info fw = { .type = type, .index = index };

	memset(op.u.pad, 0xaa, sizeof(op.u.pad));
	memcpy(op.u.pad, &fw, 8);
	memcpy(host_guest_memory + OP_OFF, &op, sizeof(op));
	return do_platform_op(HOST_GUEST_BASE + OP_OFF);
}

static uint8_t payload_byte(unsigned int off)
{
	return host_guest_memory[OP_OFF + 8 + off];
}

TEST(platform_op_envelope)
{
	start(false);
	/* The version is checked before the privilege. */
	CHECK_EQ(call(PV_XENPF_firmware_info, 0x03000000, PV_XEN_FW_KBD_SHIFT_FLAGS, 0),
		 -PV_EACCES);
	CHECK_EQ(call(PV_XENPF_firmware_info, PV_XENPF_INTERFACE_VERSION,
		      PV_XEN_FW_KBD_SHIFT_FLAGS, 0), -PV_EPERM);
	CHECK_EQ(do_platform_op(0x1000), -PV_EFAULT);
	CHECK_EQ(do_platform_op(HOST_GUEST_BASE + HOST_GUEST_SIZE - 100), -PV_EFAULT);
	finish();

	start(true);
	CHECK_EQ(call(PV_XENPF_cpu_online, PV_XENPF_INTERFACE_VERSION, 0, 0), -PV_ENOSYS);
	CHECK_EQ(call(1000, PV_XENPF_INTERFACE_VERSION, 0, 0), -PV_ENOSYS);
	CHECK_EQ(call(1000, 0, 0, 0), -PV_EACCES);
	finish();
}

TEST(platform_op_firmware_info)
{
	const uint32_t v = PV_XENPF_INTERFACE_VERSION, fi = PV_XENPF_firmware_info;

	start(true);
	/* No EDD disks, MBR signatures or EDID: -ESRCH, nothing written. */
	CHECK_EQ(call(fi, v, PV_XEN_FW_DISK_INFO, 0), -PV_ESRCH);
	CHECK_EQ(call(fi, v, PV_XEN_FW_DISK_MBR_SIGNATURE, 0), -PV_ESRCH);
	CHECK_EQ(call(fi, v, PV_XEN_FW_VBEDDC_INFO, 0), -PV_ESRCH);
	CHECK_EQ(payload_byte(8), 0xaa);
	/* Not an EFI boot. */
	CHECK_EQ(call(fi, v, PV_XEN_FW_EFI_INFO, 0), -PV_ENOSYS);
	/* The keyboard flags: only index 0, one byte written. */
	CHECK_EQ(call(fi, v, PV_XEN_FW_KBD_SHIFT_FLAGS, 1), -PV_ESRCH);
	CHECK_EQ(payload_byte(8), 0xaa);
	CHECK_EQ(call(fi, v, PV_XEN_FW_KBD_SHIFT_FLAGS, 0), 0);
	CHECK_EQ(payload_byte(8), 0);
	CHECK_EQ(payload_byte(9), 0xaa);
	/* Unknown types. */
	CHECK_EQ(call(fi, v, 0, 0), -PV_EINVAL);
	CHECK_EQ(call(fi, v, 6, 0), -PV_EINVAL);
	finish();
}

/* Writes a settime payload of @size bytes and calls @cmd. */
static long settime(uint32_t cmd, const void *payload, size_t size)
{
	struct pv_platform_op op = { .cmd = cmd, .interface_version = PV_XENPF_INTERFACE_VERSION };

	memcpy(op.u.pad, payload, size);
	memcpy(host_guest_memory + OP_OFF, &op, sizeof(op));
	return do_platform_op(HOST_GUEST_BASE + OP_OFF);
}

TEST(platform_op_settime)
{
	struct pv_platform_settime64 t64 = { 1800000000, 250, 0, 5000000000ull };
	struct pv_platform_settime32 t32 = { 1700000000, 7, 1000 };

	start(true);
	host_boot_epoch_ns = 1;
	/* The epoch of system time 0: the time of day less the system time. */
	CHECK_EQ(settime(PV_XENPF_settime64, &t64, sizeof(t64)), 0);
	CHECK_EQ(host_boot_epoch_ns, 1800000000ull * 1000000000ull + 250 - 5000000000ull);
	CHECK_EQ(settime(PV_XENPF_settime32, &t32, sizeof(t32)), 0);
	CHECK_EQ(host_boot_epoch_ns, 1700000000ull * 1000000000ull + 7 - 1000);
	/* settime64's padding must be zero; nothing changes then. */
	t64.mbz = 1;
	CHECK_EQ(settime(PV_XENPF_settime64, &t64, sizeof(t64)), -PV_EINVAL);
	CHECK_EQ(host_boot_epoch_ns, 1700000000ull * 1000000000ull + 7 - 1000);
	finish();

	/* Only the privileged domain sets the clock. */
	start(false);
	t64.mbz = 0;
	CHECK_EQ(settime(PV_XENPF_settime64, &t64, sizeof(t64)), -PV_EPERM);
	CHECK_EQ(host_boot_epoch_ns, 1700000000ull * 1000000000ull + 7 - 1000);
	finish();
	host_boot_epoch_ns = 0;
}

/* Calls @cmd with the payload @payload of @size bytes, 0xaa after it. */
static long call_payload(uint32_t cmd, uint32_t version, const void *payload, size_t size)
{
	struct pv_platform_op op = { .cmd = cmd, .interface_version = version };

	memset(op.u.pad, 0xaa, sizeof(op.u.pad));
	memcpy(op.u.pad, payload, size);
	memcpy(host_guest_memory + OP_OFF, &op, sizeof(op));
	return do_platform_op(HOST_GUEST_BASE + OP_OFF);
}

static struct pv_platform_pcpuinfo get_cpuinfo(uint32_t cpu, long expect_rc)
{
	struct pv_platform_pcpuinfo info = { cpu, 77, 77, 0x1111, 0x2222 };

	CHECK_EQ(call_payload(PV_XENPF_get_cpuinfo, PV_XENPF_INTERFACE_VERSION, &info,
			      sizeof(info)), expect_rc);
	memcpy(&info, host_guest_memory + OP_OFF + 8, sizeof(info));
	CHECK_EQ(payload_byte(sizeof(info)), 0xaa);
	return info;
}

TEST(platform_op_get_cpuinfo)
{
	static const uint32_t absent[] = { 1, 2, 255, 4096, 0x80000000u, UINT32_MAX };
	struct pv_platform_pcpuinfo info;

	start(true);
	/* CPU 0: its ids, online; the highest present CPU is 0. */
	info = get_cpuinfo(0, 0);
	CHECK_EQ(info.xen_cpuid, 0);
	CHECK_EQ(info.max_present, 0);
	CHECK_EQ(info.flags, PV_XEN_PCPU_FLAGS_ONLINE);
	CHECK_EQ(info.apic_id, 3);
	CHECK_EQ(info.acpi_id, 3);
	/* Another number: invalid, the ids as given, still no error. */
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		info = get_cpuinfo(absent[i], 0);
		CHECK_EQ(info.xen_cpuid, absent[i]);
		CHECK_EQ(info.max_present, 0);
		CHECK_EQ(info.flags, PV_XEN_PCPU_FLAGS_INVALID);
		CHECK_EQ(info.apic_id, 0x1111);
		CHECK_EQ(info.acpi_id, 0x2222);
	}
	/* A bad pointer or version; nothing written then. */
	CHECK_EQ(do_platform_op(HOST_GUEST_BASE + HOST_GUEST_SIZE - 135), -PV_EFAULT);
	info = (struct pv_platform_pcpuinfo){ 0, 77, 77, 0x1111, 0x2222 };
	CHECK_EQ(call_payload(PV_XENPF_get_cpuinfo, 0x03000002, &info, sizeof(info)),
		 -PV_EACCES);
	CHECK_EQ(payload_byte(8), 77);
	finish();

	/* Only the privileged domain asks. */
	start(false);
	CHECK_EQ(call_payload(PV_XENPF_get_cpuinfo, PV_XENPF_INTERFACE_VERSION, &info,
			      sizeof(info)), -PV_EPERM);
	CHECK_EQ(payload_byte(8), 77);
	finish();
}

static struct pv_platform_pcpu_version get_cpu_version(uint32_t cpu, long expect_rc)
{
	struct pv_platform_pcpu_version ver = { .xen_cpuid = cpu, .max_present = 77,
						.family = 1, .model = 2, .stepping = 3 };

	memset(ver.vendor_id, 'x', sizeof(ver.vendor_id));
	CHECK_EQ(call_payload(PV_XENPF_get_cpu_version, PV_XENPF_INTERFACE_VERSION, &ver,
			      sizeof(ver)), expect_rc);
	memcpy(&ver, host_guest_memory + OP_OFF + 8, sizeof(ver));
	CHECK_EQ(payload_byte(sizeof(ver)), 0xaa);
	return ver;
}

TEST(platform_op_get_cpu_version)
{
	struct pv_platform_pcpu_version ver;
	static const char no_vendor[12];

	start(true);
	ver = get_cpu_version(0, 0);
	CHECK_EQ(ver.xen_cpuid, 0);
	CHECK_EQ(ver.max_present, 0);
	CHECK(memcmp(ver.vendor_id, "GenuineIntel", 12) == 0);
	CHECK_EQ(ver.family, 6);
	CHECK_EQ(ver.model, 0x55);
	CHECK_EQ(ver.stepping, 7);
	/* Another number: zeros, no error. */
	ver = get_cpu_version(1, 0);
	CHECK_EQ(ver.xen_cpuid, 1);
	CHECK_EQ(ver.max_present, 0);
	CHECK(memcmp(ver.vendor_id, no_vendor, 12) == 0);
	CHECK_EQ(ver.family, 0);
	CHECK_EQ(ver.model, 0);
	CHECK_EQ(ver.stepping, 0);
	ver = get_cpu_version(UINT32_MAX, 0);
	CHECK_EQ(ver.family, 0);
	finish();

	start(false);
	CHECK_EQ(call_payload(PV_XENPF_get_cpu_version, PV_XENPF_INTERFACE_VERSION, &ver,
			      sizeof(ver)), -PV_EPERM);
	finish();
}

TEST(pcpu_decode_signature)
{
	struct pcpu_identity id;

	/* Intel family 6: the extended model counts, the extended family not. */
	pcpu_decode_signature(0x00050657, &id);
	CHECK_EQ(id.family, 6);
	CHECK_EQ(id.model, 0x55);
	CHECK_EQ(id.stepping, 7);
	pcpu_decode_signature(0x0ff50657, &id);
	CHECK_EQ(id.family, 6);
	/* AMD family 0xf + 0x8 (Zen 2, 0x17), extended model 3. */
	pcpu_decode_signature(0x00830f10, &id);
	CHECK_EQ(id.family, 0x17);
	CHECK_EQ(id.model, 0x31);
	CHECK_EQ(id.stepping, 0);
	/* Family 5: no extended model. */
	pcpu_decode_signature(0x00010543, &id);
	CHECK_EQ(id.family, 5);
	CHECK_EQ(id.model, 4);
	CHECK_EQ(id.stepping, 3);
	/* QEMU's qemu64: family 6, model 6, stepping 3. */
	pcpu_decode_signature(0x000663, &id);
	CHECK_EQ(id.family, 6);
	CHECK_EQ(id.model, 6);
	CHECK_EQ(id.stepping, 3);
}

TEST(pcpu_vendor_and_brand)
{
	char brand[64];

	CHECK_EQ(pcpu_vendor_bit("GenuineIntel"), PCPU_VENDOR_INTEL);
	CHECK_EQ(pcpu_vendor_bit("AuthenticAMD"), PCPU_VENDOR_AMD);
	CHECK_EQ(pcpu_vendor_bit("CentaurHauls"), PCPU_VENDOR_CENTAUR);
	CHECK_EQ(pcpu_vendor_bit("  Shanghai  "), PCPU_VENDOR_SHANGHAI);
	CHECK_EQ(pcpu_vendor_bit("HygonGenuine"), PCPU_VENDOR_HYGON);
	CHECK_EQ(pcpu_vendor_bit("GenuineIntex"), 0);
	CHECK_EQ(pcpu_vendor_bit("TCGTCGTCGTCG"), 0);

	/* Right-justified (Intel): the leading spaces go, NULs follow. */
	memset(brand, 'z', sizeof(brand));
	memcpy(brand, "         Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40G", 48);
	pcpu_brand_trim(brand);
	CHECK(strcmp(brand, "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40G") == 0);
	for (size_t i = strlen(brand); i < sizeof(brand); i++)
		CHECK_EQ(brand[i], 0);
	/* Already NUL-terminated, no spaces: as it was. */
	memset(brand, 'z', sizeof(brand));
	memcpy(brand, "QEMU Virtual CPU version 2.5+\0", 30);
	pcpu_brand_trim(brand);
	CHECK(strcmp(brand, "QEMU Virtual CPU version 2.5+") == 0);
	CHECK_EQ(brand[63], 0);
}
