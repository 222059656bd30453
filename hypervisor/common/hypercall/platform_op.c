/*
 * platform_op: the privileged domain's machine-wide controls.  settime
 * sets every domain's wall clock, as Xen's; get_cpuinfo and
 * get_cpu_version describe the physical CPU (platform_cpu.c);
 * firmware_info is answered as Xen does on a machine whose boot firmware
 * it did not query (no EDD disks, MBR signatures or EDID) and that was
 * not booted through EFI; the keyboard shift flags read as 0.  Every
 * other command is -ENOSYS, which Xen gives for commands it lacks and which
 * Linux copes with (docs/abi.md lists what it then does).
 *
 * The checks come in Xen's order: the structure is read (-EFAULT), its
 * interface version checked (-EACCES), then the caller's privilege
 * (-EPERM).
 */
#include "arch/guest_access.h"
#include "compiler.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/platform.h"
#include "hypercall.h"
#include "lib/string.h"
#include "platform_op.h"
#include "pvclock.h"
#include "time.h"

/*
 * The time of day was @secs.@nsecs at system time @system_time: the
 * epoch of system time 0 follows (modulo 2^64, as Xen computes it), and
 * every domain's wall clock with it.
 */
static void settime(uint64_t secs, uint32_t nsecs, uint64_t system_time)
{
	time_set_boot_epoch_ns(secs * NSEC_PER_SEC + nsecs - system_time);
	for (struct domain *d = domain_first(); d; d = d->next)
		wallclock_update_domain(d);
}

static long firmware_info(const struct pv_platform_op *op, uint64_t arg)
{
	struct pv_platform_firmware_info fw;
	uint8_t no_flags = 0;

	memcpy(&fw, op->u.pad, sizeof(fw));
	switch (fw.type) {
	case PV_XEN_FW_DISK_INFO:
	case PV_XEN_FW_DISK_MBR_SIGNATURE:
	case PV_XEN_FW_VBEDDC_INFO:
		return -PV_ESRCH; /* no such disk or display data */
	case PV_XEN_FW_EFI_INFO:
		return -PV_ENOSYS; /* not an EFI boot */
	case PV_XEN_FW_KBD_SHIFT_FLAGS:
		if (fw.index != 0)
			return -PV_ESRCH;
		arg += PV_OFFSETOF(struct pv_platform_op, u) +
		       PV_OFFSETOF(struct pv_platform_firmware_info, u.kbd_shift_flags);
		return copy_to_guest(arg, &no_flags, sizeof(no_flags)) ? -PV_EFAULT : 0;
	default:
		return -PV_EINVAL;
	}
}

long do_platform_op(uint64_t arg)
{
	struct pv_platform_op op;

	if (copy_from_guest(&op, arg, sizeof(op)))
		return -PV_EFAULT;
	if (op.interface_version != PV_XENPF_INTERFACE_VERSION)
		return -PV_EACCES;
	if (!current_domain()->privileged)
		return -PV_EPERM;
	switch (op.cmd) {
	case PV_XENPF_settime32: {
		struct pv_platform_settime32 t;

		memcpy(&t, op.u.pad, sizeof(t));
		settime(t.secs, t.nsecs, t.system_time);
		return 0;
	}
	case PV_XENPF_settime64: {
		struct pv_platform_settime64 t;

		memcpy(&t, op.u.pad, sizeof(t));
		if (t.mbz)
			return -PV_EINVAL;
		settime(t.secs, t.nsecs, t.system_time);
		return 0;
	}
	case PV_XENPF_firmware_info:
		return firmware_info(&op, arg);
	case PV_XENPF_get_cpuinfo:
		return platform_get_cpuinfo(&op, arg);
	case PV_XENPF_get_cpu_version:
		return platform_get_cpu_version(&op, arg);
	default:
		return -PV_ENOSYS;
	}
}
