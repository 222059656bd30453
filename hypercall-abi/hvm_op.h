/*
 * hvm_op(op, arg), hypercall 34: the operations a guest (or a device
 * model) makes on HVM domains.  A PV domain can make the call too; these
 * are the operations and argument structures whose answers differ for it,
 * and the limits Xen checks before it looks at the domain.
 */
#ifndef PV_ABI_HVM_OP_H
#define PV_ABI_HVM_OP_H

#include <stdint.h>

#include "hypercall-abi/types.h"

#define PV_HVMOP_set_param 0
#define PV_HVMOP_get_param 1
#define PV_HVMOP_flush_tlbs 5
#define PV_HVMOP_pagetable_dying 9
#define PV_HVMOP_get_time 10
#define PV_HVMOP_xentrace 11
#define PV_HVMOP_get_mem_type 15
#define PV_HVMOP_set_evtchn_upcall_vector 23
#define PV_HVMOP_guest_request_vm_event 24
#define PV_HVMOP_altp2m 25

#define PV_HVM_NR_PARAMS 39	 /* parameter indexes are below this */
#define PV_TRACE_EXTRA_MAX 7	 /* 32-bit words of a trace record's payload */
#define PV_TRC_SUBCLS_SHIFT 12	 /* a guest's trace event has no class bits */

/* set_param, get_param */
struct pv_hvm_param {
	pv_domid_t domid;
	uint16_t pad;
	uint32_t index;
	uint64_t value;
};
_Static_assert(sizeof(struct pv_hvm_param) == 16, "xen_hvm_param: xen/hvm/hvm_op.h");

struct pv_hvm_pagetable_dying {
	pv_domid_t domid;
	uint16_t pad[3];
	uint64_t gpa;
};
_Static_assert(sizeof(struct pv_hvm_pagetable_dying) == 16,
	       "xen_hvm_pagetable_dying: xen/hvm/hvm_op.h");

struct pv_hvm_get_time {
	uint64_t now; /* out: system time, ns */
};

struct pv_hvm_xentrace {
	uint16_t event, extra_bytes;
	uint8_t extra[PV_TRACE_EXTRA_MAX * sizeof(uint32_t)];
};
_Static_assert(sizeof(struct pv_hvm_xentrace) == 32, "xen_hvm_xentrace: xen/hvm/hvm_op.h");

struct pv_hvm_get_mem_type {
	pv_domid_t domid;
	uint16_t mem_type; /* out */
	uint16_t pad[2];
	uint64_t pfn;
};
_Static_assert(sizeof(struct pv_hvm_get_mem_type) == 16,
	       "xen_hvm_get_mem_type: xen/hvm/hvm_op.h");

#endif
