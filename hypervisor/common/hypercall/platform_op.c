/*
 * platform_op: the privileged domain's machine-wide controls.  Only
 * firmware_info is answered, as Xen does on a machine whose boot firmware
 * it did not query (no EDD disks, MBR signatures or EDID) and that was
 * not booted through EFI; the keyboard shift flags read as 0.  Every other
 * command is -ENOSYS, which Xen gives for commands it lacks and which
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
	case PV_XENPF_firmware_info:
		return firmware_info(&op, arg);
	default:
		return -PV_ENOSYS;
	}
}
