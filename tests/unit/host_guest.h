/*
 * Host stand-ins for what hypercall handlers need from the arch: a
 * current domain, and guest memory.  Guest memory is one buffer at guest
 * address HOST_GUEST_BASE; copies outside it fail as a bad guest pointer
 * does in the hypervisor.
 */
#ifndef HOST_GUEST_H
#define HOST_GUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

#define HOST_GUEST_BASE 0x10000000ull
#define HOST_GUEST_SIZE 0x10000ull

/* The guest memory buffer (HOST_GUEST_SIZE bytes) and its guest address. */
extern uint8_t host_guest_memory[];

static inline uint64_t host_guest_addr(const void *p)
{
	return HOST_GUEST_BASE + (uint64_t)((const uint8_t *)p - host_guest_memory);
}

/* The domain hypercalls act for; tests set it. */
extern struct domain *host_current_domain;

/* The continuation recorded. */
extern bool host_preempt;
extern unsigned int host_continued_nr, host_continued_nargs;
extern uint64_t host_continued_args[5];
extern unsigned int host_reschedules;

/* arch_vcpu_kick() calls, and the vCPU of the last one. */
extern unsigned int host_vcpu_kicks;
extern struct vcpu *host_last_kicked;

/* pv_vcpu_initialise() calls; what it answers (0: the vCPU is initialised). */
extern unsigned int host_initialises;
extern long host_initialise_rc;

#endif
