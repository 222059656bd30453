/*
 * Tests for platform_op (hypervisor/common/hypercall/platform_op.c): the
 * envelope's checks in Xen's order and firmware_info's answers.
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
	CHECK_EQ(call(PV_XENPF_get_cpuinfo, PV_XENPF_INTERFACE_VERSION, 0, 0), -PV_ENOSYS);
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
