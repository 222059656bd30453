/*
 * Domains and their virtual CPUs.
 *
 * A domain owns machine frames (its pseudo-physical memory, listed in
 * its p2m; each frame's owner is recorded in the frame table) and runs on
 * one or more vCPUs.  Domains live on a list from domain_create() until
 * they have died and their memory has been returned (domain_reap()).
 * Only the hypervisor's own code changes a domain; guests act through
 * hypercalls, which always check what a guest may do to which domain.
 */
#ifndef DOMAIN_H
#define DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/vcpu.h"
#include "hypercall-abi/shared_info.h"
#include "hypercall-abi/vcpu.h"
#include "ioport.h"
#include "sched_state.h"
#include "timer.h"
#include "vmce.h"

#define DOMAIN_MAX_VCPUS 32
#define DOMAIN_NAME_MAX 32
#define DOMAIN_CONSOLE_LINE 256

enum vcpu_state {
	VCPU_DOWN,	/* not started, brought down (VCPUOP_down), or its domain has died */
	VCPU_RUNNABLE,
	VCPU_BLOCKED,
};

struct domain;
struct evtchn_domain;
struct grant_table;

struct vcpu {
	struct domain *domain;
	unsigned int id;
	enum vcpu_state state;
	struct sched_vcpu sched;
	/* Multicall state: a hypercall continued inside a batch leaves its new arguments here. */
	bool in_multicall, mc_continued;
	uint64_t mc_args[5];
	/* Guest timers (vcpu_timer.h): both raise VIRQ_TIMER. */
	struct timer singleshot_timer, periodic_timer;
	uint64_t periodic_period, periodic_last_event;
	/* SCHEDOP_poll: blocked polling (poll_evtchn: the one port, or -1 for any); its timeout. */
	bool polling;
	int poll_evtchn;
	struct timer poll_timer;
	struct vcpu_ioperm ioperm;
	/* Given a context (the builder's for vCPU 0, VCPUOP_initialise for the others). */
	bool initialised;
	/*
	 * VCPUOP_register_vcpu_info: the vcpu_info in the guest's frame
	 * vcpu_info_mfn (holding a writable type reference), used instead of
	 * the one in shared_info; NULL before.
	 */
	struct pv_vcpu_info *vcpu_info;
	uint64_t vcpu_info_mfn;
	/*
	 * Runstate accounting (runstate.h) and the guest's copy of it (0:
	 * none); stale: a copy from user mode failed, retried in kernel mode.
	 */
	struct pv_vcpu_runstate_info runstate;
	uint64_t runstate_guest;
	bool runstate_guest_stale;
	/*
	 * VCPUOP_register_vcpu_time_memory_area: where the guest wants a copy
	 * of the vCPU's time record (0: none); stale: the last copy failed.
	 */
	uint64_t time_area_guest;
	bool time_area_stale;
	/* VCPUOP_send_nmi: an NMI waits for delivery; one is being handled (until iret). */
	bool nmi_pending, nmi_masked;
	/* The machine-check MSRs it sees (vmce.h). */
	struct vmce_vcpu vmce;
	struct arch_vcpu arch;
};

enum domain_state {
	DOMAIN_BUILDING,
	DOMAIN_RUNNING,
	DOMAIN_DEAD, /* shut down or crashed: memory goes back at the next reap */
};

struct domain {
	uint16_t domid;
	char name[DOMAIN_NAME_MAX];
	bool privileged;	/* dom0: may act on other domains */
	bool console_access;	/* may use console_io (dom0 and boot-time domains) */
	enum domain_state state;

	/*
	 * Memory.  The domain holds nr_pages frames as its memory (Xen's
	 * tot_pages), never more than max_pages.  p2m[pfn], pfn < p2m_size,
	 * is the hypervisor's record of where it placed them: pfns
	 * 0..nr_pages-1 at build time, later wherever populate_physmap puts
	 * a frame; P2M_INVALID where there is none (a frame given back).  A
	 * held frame need not have an entry: increase_reservation gives
	 * frames without a pfn, a pfn populated again loses its old frame's
	 * entry, and the table grows only so far.  Each held frame's entry
	 * is in its frame table entry (p2m_pfn), so p2m_size is not nr_pages.
	 * The guest keeps its own p2m (start_info's mfn_list) and M2P entries,
	 * which may say otherwise.  What the domain owns is in the frame table
	 * (owner): teardown frees every frame it owns.
	 */
	uint64_t *p2m;
	uint64_t p2m_size;
	uint64_t nr_pages, max_pages;
	/*
	 * Its memory map (XENMEM_memory_map): one RAM entry of this many
	 * pages, as Xen's toolstack sets for a PV domU; 0 for none (dom0, as
	 * on Xen: -ENOSYS).
	 */
	uint64_t memory_map_pages;
	uint64_t shared_info_mfn;
	/* Frames it owns besides its memory (shared_info): not in nr_pages. */
	uint64_t extra_frames[4];
	unsigned int extra_frame_count;

	struct vcpu *vcpus[DOMAIN_MAX_VCPUS];
	unsigned int vcpu_count;
	struct sched_domain sched; /* weight and cap */

	unsigned long vm_assist;
	unsigned int shutdown_reason; /* valid once state is DOMAIN_DEAD */
	bool shutdown_code_set;
	unsigned int shutdown_code;
	bool crashed;

	/* Event channel ports (common/event/): made at first use, NULL before. */
	struct evtchn_domain *evtchn;

	/* Grant table (common/grant/): made at first use, NULL before. */
	struct grant_table *grant_table;

	/* Physical IRQs (common/irq/pirq.c): made at first use, NULL before. */
	struct pirq_domain *pirqs;

	/* I/O ports it may use, and the ones the hypervisor virtualises. */
	struct domain_ioports io;

	char console_line[DOMAIN_CONSOLE_LINE];
	unsigned int console_len;

	struct domain *next;
};

/* The domain id a guest uses for itself. */
#define DOMID_SELF 0x7ff0

struct domain *domain_create(uint16_t domid, const char *name, bool privileged);
struct vcpu *vcpu_create(struct domain *d, unsigned int id);

/* @d's vCPU @id, or NULL if it has none (any @id). */
struct vcpu *domain_vcpu(const struct domain *d, unsigned int id);

/* A p2m entry with no frame; a frame with no p2m entry. */
#define P2M_INVALID UINT64_MAX

/*
 * Builds @d's memory: @count new frames as pfns 0..count-1, and
 * max_pages = count.  0, or -1 (out of memory).
 */
int domain_populate(struct domain *d, uint64_t count);

/*
 * Gives @d an extent of 2^@order new zeroed frames, from frames below
 * @limit (0: any): the first frame, or FRAME_NONE if nr_pages would pass
 * max_pages or there is no such memory.  Each frame is owned by @d,
 * counted in nr_pages, freeable on its own, with no p2m entry and an
 * invalid M2P entry.
 */
uint64_t domain_alloc_memory(struct domain *d, unsigned int order, uint64_t limit);

/*
 * Places @mfn, a frame of @d's memory, at @pfn: its M2P entry, and its p2m
 * entry (the table grows if it can; a frame that held @pfn loses its entry).
 */
void domain_place_frame(struct domain *d, uint64_t mfn, uint64_t pfn);

/*
 * Frame @mfn of @d's memory goes back (decrease_reservation, as Xen's
 * guest_remove_page for a PV domain): 0; -PV_EINVAL for a frame number
 * beyond RAM; -PV_ENXIO for a frame that is not @d's (someone else's,
 * free).  Its p2m entry goes at once.  A frame nothing references goes
 * back to the allocator now (its M2P entry invalid, out of nr_pages); a
 * referenced one (a mapping, a page-table or descriptor use, a pin) stays
 * @d's, usable and counted, until its last reference goes
 * (domain_frame_unreferenced); asking again for it answers 0 again.  One
 * of @d's extra or grant table frames is accepted and kept.  The caller
 * has had @d's translations flushed (arch_domain_flush_tlbs) since the
 * frame's last mapping went.
 */
int domain_release_frame(struct domain *d, uint64_t mfn);

/*
 * The last general reference to frame @mfn went (page_put_ref): if its
 * domain gave it back, it is freed now, @d's translations flushed first.
 */
void domain_frame_unreferenced(uint64_t mfn);

/*
 * Sets frame @mfn of @d's memory aside (XENMEM_exchange): 0, or -PV_EINVAL
 * for a frame that is not @d's memory, is one of its extra or grant table
 * frames, or is referenced (as Xen's steal_page).  The frame is then no one's and
 * out of nr_pages, its p2m entry kept, until domain_unsteal_frame() gives
 * it back to @d (which may then release it).
 */
int domain_steal_frame(struct domain *d, uint64_t mfn);
void domain_unsteal_frame(struct domain *d, uint64_t mfn);

/* Allocates a frame owned by @d outside its p2m (e.g. shared_info). */
uint64_t domain_alloc_extra_frame(struct domain *d);

/*
 * Allocates a zeroed frame owned by @d, outside its memory and p2m, that
 * the caller keeps track of (grant table frames): FRAME_NONE if none.
 */
uint64_t domain_alloc_owned_frame(struct domain *d);

struct domain *domain_find(uint16_t domid);
/* DOMID_SELF (@curr) or a live domain, as Xen's rcu_lock_domain_by_any_id(). */
struct domain *domain_by_any_id(struct domain *curr, uint16_t domid);
struct domain *domain_first(void);

/* Marks @d dead with @reason (a PV_SHUTDOWN_* value), logging it. */
void domain_shutdown(struct domain *d, unsigned int reason);

/* Removes @d, which never ran (its build failed). */
void domain_destroy(struct domain *d);

/* Kills @d after a fatal guest error; the caller has logged why. */
void domain_crash(struct domain *d);

/* Frees every dead domain that no CPU is running; returns how many. */
unsigned int domain_reap(void);

/* Counts of domains still on the list, and of those that ended badly. */
unsigned int domain_count(void);
unsigned int domain_failures(void);

/*
 * Drops the references a dead domain's page tables and base pointers hold
 * on its frames, before they are freed (arch).
 */
void arch_domain_release(struct domain *d);

/*
 * Drops every translation @d's vCPUs may have cached, on every CPU, before
 * frames @d had mapped go back to the allocator (arch).
 */
void arch_domain_flush_tlbs(const struct domain *d);

/* Appends guest console output, printing whole lines as "(dN) ...". */
void domain_console_write(struct domain *d, const char *s, unsigned long len);

#endif
