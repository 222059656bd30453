/*
 * Scalar types shared by the whole guest ABI, and the reserved domain ids.
 *
 * The ABI is x86-64 only, so every "unsigned long" of the reference headers
 * is a uint64_t here, and so is every guest pointer: a field that carries a
 * guest virtual address (Xen's XEN_GUEST_HANDLE slots) is a plain uint64_t
 * whose comment says "guest pointer" and to what.  The hypervisor never
 * dereferences one directly; it goes through the copy-from/to-guest helpers.
 *
 * Naming, for all of hypercall-abi/: constants are PV_ followed by the
 * reference name with any leading "XEN_" or "__" dropped (SIF_PRIVILEGED is
 * PV_SIF_PRIVILEGED, XEN_EINVAL is PV_EINVAL, __HYPERVISOR_iret is
 * PV_HYPERVISOR_iret); structures are pv_ followed by the reference tag with
 * any leading "xen_" dropped (struct start_info is struct pv_start_info,
 * struct xen_memory_reservation is struct pv_memory_reservation).  Where
 * the reference gives a bit number as _NAME next to the mask NAME, the bit
 * number here is PV_NAME_BIT.  Field names are the ABI's.  The prefix lets
 * tests/unit/test_abi_check.c include these headers next to /usr/include/xen
 * and compare them one by one.
 */
#ifndef PV_ABI_TYPES_H
#define PV_ABI_TYPES_H

/* Domain ids from PV_DOMID_FIRST_RESERVED upwards name no ordinary domain. */
#define PV_DOMID_FIRST_RESERVED 0x7ff0
#define PV_DOMID_SELF 0x7ff0    /* the calling domain */
#define PV_DOMID_IO 0x7ff1      /* owner of I/O memory; foreign-map target */
#define PV_DOMID_XEN 0x7ff2     /* the hypervisor's own frames */
#define PV_DOMID_COW 0x7ff3     /* shared (copy-on-write) frames */
#define PV_DOMID_INVALID 0x7ff4 /* frame owner unknown */
#define PV_DOMID_IDLE 0x7fff    /* the idle domain */
#define PV_DOMID_MASK 0x7fff    /* bits that make up a valid id */

#ifndef __ASSEMBLY__
#if !defined(__x86_64__)
#error "hypercall-abi/ describes the x86-64 ABI; its layouts assume LP64"
#endif

#include <stdint.h>

typedef uint16_t pv_domid_t;
typedef uint32_t pv_evtchn_port_t;
typedef uint32_t pv_grant_ref_t;
typedef uint32_t pv_grant_handle_t;

/* offsetof() without <stddef.h>, for the layout assertions. */
#define PV_OFFSETOF(type, field) __builtin_offsetof(type, field)
#endif

#endif
