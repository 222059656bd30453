/* Checked copies to and from the current guest (see guest_access.h). */
#include "arch/guest_access.h"
#include "arch/layout.h"
#include "arch/pagetable.h"
#include "hypercall-abi/errno.h"

bool guest_range_ok(uint64_t va, size_t len)
{
	uint64_t end = va + len;

	if (end < va || !va_is_canonical(va) || (len && !va_is_canonical(end - 1)))
		return false;
	/* Refuse anything touching the hypervisor's L4 slots. */
	return end <= HYPERVISOR_VIRT_START || va >= HYPERVISOR_VIRT_END;
}

int copy_from_guest(void *dst, uint64_t guest_va, size_t len)
{
	if (!guest_range_ok(guest_va, len) ||
	    copy_user_bytes(dst, (const void *)guest_va, len))
		return -PV_EFAULT;
	return 0;
}

int copy_to_guest(uint64_t guest_va, const void *src, size_t len)
{
	if (!guest_range_ok(guest_va, len) ||
	    copy_user_bytes((void *)guest_va, src, len))
		return -PV_EFAULT;
	return 0;
}
