/*
 * TEMPORARY: replaced by the segments branch at merge.
 * Until then a vCPU context may name no GDT frames.
 */
#include "arch/pv_vcpu.h"
#include "hypercall-abi/errno.h"

long pv_set_gdt(struct vcpu *v, const uint64_t *frames, unsigned int entries)
{
	(void)v;
	(void)frames;
	return entries ? -PV_ENOSYS : 0;
}
