/*
 * The page-table test world (pt_world.c), for tests of the PV memory code.
 *
 * world_start() makes a fresh one: a frame table of NFRAMES frames, all
 * allocated, over a fake memory of the same size (host_shim.c), with
 *   frames   1-299  owned by `dom` (domain 1, the current domain of
 *                   hypercalls), where the tables live,
 *   frames 300-399  owned by `other` (domain 2),
 *   frames 0, 400-479  allocated but owned by no domain (the hypervisor's),
 *   frames 480-511  free; frame numbers from NFRAMES up are not RAM;
 * the host guest memory zeroed and no preemption.  check_state() recounts
 * every reference and type from the tables, pins, dom's vCPU roots and the
 * references the test holds itself (hold_type()), and reports any
 * difference; release_and_check_zero() releases everything and checks that
 * every count is back to 0.  world_end() destroys both domains.
 */
#ifndef UNIT_PT_WORLD_H
#define UNIT_PT_WORLD_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "frame.h"
#include "page_type.h"

#define NFRAMES 512
#define OTHER_FRAME 300
#define UNOWNED_FRAME 400
#define FREE_FRAME 480
#define BEYOND_FRAME 600

extern struct domain *dom, *other;

/* References the test holds itself (the recount includes them). */
extern uint32_t extra_refs[NFRAMES], extra_types[NFRAMES];

void world_start(void);
void world_end(void);

/*
 * Creates vCPU 0 of dom in kernel mode on the root @l4 -> @l3 -> @l2 -> @l1
 * (slot 0 of each), @l1 mapping @data writable; the root is held (a
 * reference and an L4 type, which validates the chain) as its kernel root,
 * as the domain builder does.
 */
struct vcpu *world_kernel_vcpu(uint64_t l4, uint64_t l3, uint64_t l2, uint64_t l1, uint64_t data);

/* The 512 entries of frame @mfn; its frame table entry. */
uint64_t *ents(uint64_t mfn);
const struct frame *fr(uint64_t mfn);

/* An entry naming @mfn with @flags, and the frame an entry names. */
uint64_t pte(uint64_t mfn, uint64_t flags);
uint64_t pte_frame(uint64_t e);

/* A reference and type held by the test on dom's behalf, and its release. */
int hold_type(uint64_t mfn, enum pv_page_type type);
void drop_type(uint64_t mfn);
void drop_all_extras(void);

/* A batch hypercall's *pdone, at PDONE_OFF in the host guest memory. */
#define PDONE_OFF 0x40
void set_pdone(uint32_t v);
uint32_t pdone(void);

/* Checks every count against a recount; false (and reports) on a difference. */
bool check_state(const char *where, long step);

/* Releases dom's roots, pins and the test's references; every count must be 0. */
void release_and_check_zero(void);

#endif
