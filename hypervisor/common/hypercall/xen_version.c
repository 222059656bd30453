/*
 * xen_version: who the hypervisor says it is.  Ringvisor presents itself
 * as Xen 4.17 (the ABI it implements) with "-ringvisor" as the extra
 * version.  As on Xen, every domain may ask everything except the
 * hypervisor's command line (others read "<denied>") and build id
 * (others get -PV_EPERM), which are for privileged domains.
 */
#include "arch/guest_access.h"
#include "arch/layout.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/version.h"
#include "hypercall.h"
#include "lib/string.h"

#define VERSION_MAJOR 4
#define VERSION_MINOR 17
#define EXTRA_VERSION "-ringvisor"
#define CAPABILITIES "xen-3.0-x86_64"
#define PAGE_BYTES 4096

#define DENIED "<denied>"

/* The feature bits Xen 4.17 gives a PV domain; dom0 also gets PV_XENFEAT_dom0. */
static uint32_t pv_features(const struct domain *d)
{
	uint32_t f = 1u << PV_XENFEAT_memory_op_vnode_supported |
		     1u << PV_XENFEAT_mmu_pt_update_preserve_ad |
		     1u << PV_XENFEAT_highmem_assist |
		     1u << PV_XENFEAT_gnttab_map_avail_bits |
		     1u << PV_XENFEAT_direct_mapped;

	return d->privileged ? f | 1u << PV_XENFEAT_dom0 : f;
}

/* Copies a NUL-padded string field of @size bytes to the guest. */
static long copy_string(uint64_t arg, const char *s, size_t size)
{
	char buf[PV_COMMANDLINE_LEN];

	memset(buf, 0, size);
	strlcpy(buf, s, size);
	return copy_to_guest(arg, buf, size) ? -PV_EFAULT : 0;
}

static long compile_info(uint64_t arg)
{
	struct pv_compile_info info;

	memset(&info, 0, sizeof(info));
	strlcpy(info.compiler, "gcc " __VERSION__, sizeof(info.compiler));
	strlcpy(info.compile_by, "ringvisor", sizeof(info.compile_by));
	strlcpy(info.compile_domain, "ringvisor", sizeof(info.compile_domain));
	strlcpy(info.compile_date, __DATE__ " " __TIME__, sizeof(info.compile_date));
	return copy_to_guest(arg, &info, sizeof(info)) ? -PV_EFAULT : 0;
}

static long get_features(const struct domain *d, uint64_t arg)
{
	struct pv_feature_info fi;

	if (copy_from_guest(&fi, arg, sizeof(fi)))
		return -PV_EFAULT;
	if (fi.submap_idx != 0)
		return -PV_EINVAL;
	fi.submap = pv_features(d);
	return copy_to_guest(arg, &fi, sizeof(fi)) ? -PV_EFAULT : 0;
}

static long platform_parameters(uint64_t arg)
{
	struct pv_platform_parameters p = { .virt_start = HYPERVISOR_VIRT_START };

	return copy_to_guest(arg, &p, sizeof(p)) ? -PV_EFAULT : 0;
}

/* The image is linked without a build id: Xen's answer for that is -ENODATA. */
static long build_id(const struct domain *d, uint64_t arg)
{
	struct pv_build_id id;

	if (!d->privileged)
		return -PV_EPERM;
	if (arg) {
		if (copy_from_guest(&id, arg, sizeof(id)))
			return -PV_EFAULT;
		if (id.len == 0)
			return -PV_EINVAL;
	}
	return -PV_ENODATA;
}

long do_xen_version(int cmd, uint64_t arg)
{
	struct domain *d = current_domain();
	static const uint8_t handle[16];

	switch (cmd) {
	case PV_XENVER_version:
		return VERSION_MAJOR << 16 | VERSION_MINOR;
	case PV_XENVER_extraversion:
		return copy_string(arg, EXTRA_VERSION, PV_EXTRAVERSION_LEN);
	case PV_XENVER_compile_info:
		return compile_info(arg);
	case PV_XENVER_capabilities:
		return copy_string(arg, CAPABILITIES, PV_CAPABILITIES_INFO_LEN);
	case PV_XENVER_changeset:
		return copy_string(arg, "ringvisor", PV_CHANGESET_INFO_LEN);
	case PV_XENVER_platform_parameters:
		return platform_parameters(arg);
	case PV_XENVER_get_features:
		return get_features(d, arg);
	case PV_XENVER_pagesize:
		return arg ? -PV_EINVAL : PAGE_BYTES;
	case PV_XENVER_guest_handle:
		return copy_to_guest(arg, handle, sizeof(handle)) ? -PV_EFAULT : 0;
	case PV_XENVER_commandline:
		if (!d->privileged)
			return copy_to_guest(arg, DENIED, sizeof(DENIED)) ? -PV_EFAULT : 0;
		return copy_string(arg, hypervisor_cmdline(), PV_COMMANDLINE_LEN);
	case PV_XENVER_build_id:
		return build_id(d, arg);
	default:
		return -PV_ENOSYS;
	}
}
