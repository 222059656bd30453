/*
 * VCPUOP_register_vcpu_info (common/domain/vcpu_info.c): a vCPU's
 * vcpu_info moves from shared_info into a page of the guest's, once.
 */
#ifndef VCPU_INFO_H
#define VCPU_INFO_H

#include <stdint.h>

#include "domain.h"

/*
 * Moves @v's vcpu_info to @offset in frame @mfn, with Xen 4.17's checks:
 * an offset not 8-byte aligned or whose vcpu_info would cross the page:
 * -PV_ENXIO; already moved, or @v neither the caller nor down: -PV_EINVAL;
 * a frame that is not @v's domain's or cannot take a writable type:
 * -PV_EINVAL.  The old contents are carried over and every event marked
 * pending (the guest rescans); the frame keeps a writable type reference
 * until vcpu_info_release().
 */
long vcpu_info_register(struct vcpu *v, uint64_t mfn, uint32_t offset);

/* Drops the reference a registered vcpu_info holds (domain death). */
void vcpu_info_release(struct vcpu *v);

#endif
