/*
 * Domain life cycle (see domain.h): creation, memory, shutdown and crash,
 * and reaping.  A domain's frames go back to the allocator only once no
 * CPU can be running on its page tables: the exit path switches away from
 * a dead domain before it reaps.
 */
#include <stddef.h>

#include "domain.h"
#include "evtchn.h"
#include "hypercall-abi/errno.h"
#include "hypercall-abi/sched.h"
#include "frame.h"
#include "grant_table.h"
#include "heap.h"
#include "m2p.h"
#include "pirq.h"
#include "lib/string.h"
#include "printk.h"
#include "runstate.h"
#include "sched.h"
#include "time.h"
#include "vcpu_info.h"
#include "vcpu_timer.h"

static struct domain *domains;
static unsigned int failures;

static const char *const shutdown_names[] = {
	"poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
};

struct domain *domain_create(uint16_t domid, const char *name, bool privileged)
{
	struct domain *d = xzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->domid = domid;
	strlcpy(d->name, name, sizeof(d->name));
	d->privileged = privileged;
	d->state = DOMAIN_BUILDING;
	sched_domain_init(d);
	d->next = domains;
	domains = d;
	return d;
}

struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
	struct vcpu *v;

	if (id >= DOMAIN_MAX_VCPUS || d->vcpus[id])
		return NULL;
	v = xzalloc(sizeof(*v));
	if (!v)
		return NULL;
	v->domain = d;
	v->id = id;
	v->state = VCPU_DOWN;
	runstate_init(v, now());
	vcpu_timers_init(v);
	sched_vcpu_init(v);
	d->vcpus[id] = v;
	if (id >= d->vcpu_count)
		d->vcpu_count = id + 1;
	return v;
}

struct vcpu *domain_vcpu(const struct domain *d, unsigned int id)
{
	return id < DOMAIN_MAX_VCPUS ? d->vcpus[id] : NULL;
}

/*
 * The p2m grows to cover a pfn only up to this many entries beyond
 * max_pages (or the machine's frames, for dom0 with no limit), so that a guest cannot make the hypervisor allocate a table
 * out of proportion to its memory (room for pfns above holes, as a kernel
 * that moves its memory out of e820 holes uses).  Frames placed beyond it
 * are held without an entry.
 */
#define P2M_SLACK (1ull << 20)

uint64_t domain_alloc_owned_frame(struct domain *d)
{
	uint64_t mfn = frames_alloc(0);

	if (mfn != FRAME_NONE) {
		arch_clear_frame(mfn);
		frame_set_owner(mfn, d->domid);
		frame_get(mfn)->p2m_pfn = P2M_INVALID;
	}
	return mfn;
}

/* Makes the p2m cover @pfn; false if it may not or cannot. */
static bool p2m_cover(struct domain *d, uint64_t pfn)
{
	uint64_t limit = MIN(d->max_pages, frames_table_size()) + P2M_SLACK, size;
	uint64_t *p2m;

	if (pfn < d->p2m_size)
		return true;
	if (pfn >= limit)
		return false;
	size = d->p2m_size * 2 > pfn ? d->p2m_size * 2 : pfn + 1;
	if (size > limit)
		size = limit;
	p2m = xmalloc(size * sizeof(*p2m));
	if (!p2m)
		return false;
	for (uint64_t i = 0; i < size; i++)
		p2m[i] = i < d->p2m_size ? d->p2m[i] : P2M_INVALID;
	xfree(d->p2m);
	d->p2m = p2m;
	d->p2m_size = size;
	return true;
}

void domain_place_frame(struct domain *d, uint64_t mfn, uint64_t pfn)
{
	struct frame *f = frame_get(mfn);

	m2p_set(mfn, pfn);
	if (f->p2m_pfn != P2M_INVALID)
		d->p2m[f->p2m_pfn] = P2M_INVALID;
	f->p2m_pfn = P2M_INVALID;
	if (!p2m_cover(d, pfn))
		return;
	if (d->p2m[pfn] != P2M_INVALID)
		frame_get(d->p2m[pfn])->p2m_pfn = P2M_INVALID;
	d->p2m[pfn] = mfn;
	f->p2m_pfn = pfn;
}

uint64_t domain_alloc_memory(struct domain *d, unsigned int order, uint64_t limit)
{
	uint64_t count = 1ull << order, first;

	if (d->nr_pages > d->max_pages || count > d->max_pages - d->nr_pages)
		return FRAME_NONE;
	first = frames_alloc_below(order, limit);
	if (first == FRAME_NONE)
		return FRAME_NONE;
	frames_split(first, order);
	for (uint64_t mfn = first; mfn < first + count; mfn++) {
		arch_clear_frame(mfn);
		frame_set_owner(mfn, d->domid);
		frame_get(mfn)->p2m_pfn = P2M_INVALID;
		m2p_set(mfn, M2P_INVALID);
	}
	d->nr_pages += count;
	return first;
}

int domain_populate(struct domain *d, uint64_t count)
{
	d->p2m = xmalloc(count * sizeof(*d->p2m));
	if (!d->p2m)
		return -1;
	d->p2m_size = count;
	for (uint64_t pfn = 0; pfn < count; pfn++)
		d->p2m[pfn] = P2M_INVALID;
	d->max_pages = count;
	for (uint64_t pfn = 0; pfn < count; pfn++) {
		uint64_t mfn = domain_alloc_memory(d, 0, 0);

		if (mfn == FRAME_NONE)
			return -1;
		domain_place_frame(d, mfn, pfn);
	}
	return 0;
}

static bool is_extra_frame(const struct domain *d, uint64_t mfn)
{
	for (unsigned int i = 0; i < d->extra_frame_count; i++) {
		if (d->extra_frames[i] == mfn)
			return true;
	}
	return grant_table_owns_frame(d, mfn);
}

/* Whether @mfn may be set aside from @d's memory: domain_steal_frame()'s check. */
static bool frame_stealable(const struct domain *d, uint64_t mfn)
{
	const struct frame *f = frame_info(mfn);

	return f && f->owner == d->domid && f->state == FRAME_ALLOCATED && !f->order &&
	       !is_extra_frame(d, mfn) && !f->refcount && !f->type_count;
}

/* A block of frames back to the allocator, its M2P entry invalid. */
static void return_frames(uint64_t mfn, unsigned int order)
{
	m2p_set(mfn, M2P_INVALID);
	frames_free(mfn, order);
}

static void free_memory_frame(struct domain *d, uint64_t mfn)
{
	return_frames(mfn, 0);
	d->nr_pages--;
}

int domain_release_frame(struct domain *d, uint64_t mfn)
{
	struct frame *f = frame_get(mfn);

	if (!f)
		return -PV_EINVAL;
	if (f->owner != d->domid || f->state != FRAME_ALLOCATED || f->order)
		return -PV_ENXIO;
	/* The hypervisor keeps these until the domain goes, as Xen keeps its own heap's. */
	if (is_extra_frame(d, mfn))
		return 0;
	if (f->p2m_pfn != P2M_INVALID)
		d->p2m[f->p2m_pfn] = P2M_INVALID;
	f->p2m_pfn = P2M_INVALID;
	if (f->refcount || f->type_count)
		f->type_flags |= FRAME_GIVEN_BACK;
	else
		free_memory_frame(d, mfn);
	return 0;
}

void domain_frame_unreferenced(uint64_t mfn)
{
	uint16_t owner = frame_owner(mfn);

	if (!(frame_info(mfn)->type_flags & FRAME_GIVEN_BACK))
		return;
	for (struct domain *d = domains; d; d = d->next) {
		if (d->domid == owner) {
			/* Its last mapping may have just gone: no translation may outlive it. */
			arch_domain_flush_tlbs(d);
			free_memory_frame(d, mfn);
			return;
		}
	}
	/* Its domain is being freed (off the list): it has no count left to keep. */
	return_frames(mfn, 0);
}

int domain_steal_frame(struct domain *d, uint64_t mfn)
{
	if (!frame_stealable(d, mfn))
		return -PV_EINVAL;
	frame_set_owner(mfn, FRAME_OWNER_NONE);
	d->nr_pages--;
	return 0;
}

void domain_unsteal_frame(struct domain *d, uint64_t mfn)
{
	frame_set_owner(mfn, d->domid);
	d->nr_pages++;
}

uint64_t domain_alloc_extra_frame(struct domain *d)
{
	uint64_t mfn;

	if (d->extra_frame_count == sizeof(d->extra_frames) / sizeof(d->extra_frames[0]))
		return FRAME_NONE;
	mfn = domain_alloc_owned_frame(d);
	if (mfn != FRAME_NONE)
		d->extra_frames[d->extra_frame_count++] = mfn;
	return mfn;
}

struct domain *domain_find(uint16_t domid)
{
	for (struct domain *d = domains; d; d = d->next) {
		if (d->domid == domid && d->state != DOMAIN_DEAD)
			return d;
	}
	return NULL;
}

struct domain *domain_by_any_id(struct domain *curr, uint16_t domid)
{
	return domid == PV_DOMID_SELF ? curr : domain_find(domid);
}

struct domain *domain_first(void)
{
	return domains;
}

static void domain_kill(struct domain *d)
{
	if (d->console_len)
		domain_console_write(d, "\n", 1);
	d->state = DOMAIN_DEAD;
	for (unsigned int i = 0; i < d->vcpu_count; i++) {
		if (d->vcpus[i]) {
			d->vcpus[i]->state = VCPU_DOWN;
			sched_remove(d->vcpus[i]);
			vcpu_timers_stop(d->vcpus[i]);
			sched_vcpu_stop(d->vcpus[i]);
		}
	}
	/*
	 * Its ports close now (peers see theirs go back to unbound), and the
	 * domain handling VIRQ_DOM_EXC hears of it, as on Xen.
	 */
	evtchn_domain_destroy(d);
	evtchn_send_global_virq_to_handler(PV_VIRQ_DOM_EXC);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
	if (d->state == DOMAIN_DEAD)
		return;
	d->shutdown_reason = reason;
	if (reason == PV_SHUTDOWN_crash)
		failures++;
	printk("Domain %u (%s) shut down: %s", d->domid, d->name,
	       reason < ARRAY_SIZE(shutdown_names) ? shutdown_names[reason] : "unknown");
	if (d->shutdown_code_set)
		printk(", code %u", d->shutdown_code);
	printk("\n");
	domain_kill(d);
}

void domain_destroy(struct domain *d)
{
	domain_kill(d);
}

void domain_crash(struct domain *d)
{
	if (d->state == DOMAIN_DEAD)
		return;
	d->crashed = true;
	failures++;
	printk(LOG_ERR "Domain %u (%s) crashed\n", d->domid, d->name);
	domain_kill(d);
}

static void domain_free(struct domain *d)
{
	uint64_t count = frames_table_size();

	for (unsigned int i = 0; i < d->vcpu_count; i++) {
		if (d->vcpus[i])
			vcpu_info_release(d->vcpus[i]);
	}
	pirq_domain_free(d);
	arch_domain_release(d);
	/* Its memory, with a p2m entry or not, and its extra frames. */
	for (uint64_t mfn = 0; mfn < count; mfn++) {
		const struct frame *f = frame_info(mfn);

		if (f->owner == d->domid && f->state == FRAME_ALLOCATED)
			return_frames(mfn, f->order);
	}
	evtchn_domain_free(d);
	grant_table_free(d);
	for (unsigned int i = 0; i < d->vcpu_count; i++) {
		if (d->vcpus[i]) {
			vcpu_timers_stop(d->vcpus[i]);
			sched_vcpu_stop(d->vcpus[i]);
		}
		xfree(d->vcpus[i]);
	}
	xfree(d->p2m);
	ioports_free(&d->io);
	xfree(d);
}

unsigned int domain_reap(void)
{
	struct domain **link = &domains;
	unsigned int reaped = 0;

	while (*link) {
		struct domain *d = *link;

		if (d->state == DOMAIN_DEAD) {
			*link = d->next;
			domain_free(d);
			reaped++;
		} else {
			link = &d->next;
		}
	}
	return reaped;
}

unsigned int domain_count(void)
{
	unsigned int n = 0;

	for (struct domain *d = domains; d; d = d->next)
		n++;
	return n;
}

unsigned int domain_failures(void)
{
	return failures;
}

/*
 * As on Xen: the privileged domain's output goes to the console as it is
 * (it may be an interactive shell); other domains' output is collected
 * into lines, stripped of non-printable characters and prefixed "(dN) ".
 */
void domain_console_write(struct domain *d, const char *s, unsigned long len)
{
	if (d->privileged) {
		console_write_raw(s, len);
		return;
	}
	for (unsigned long i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n' || d->console_len == DOMAIN_CONSOLE_LINE - 1) {
			d->console_line[d->console_len] = '\0';
			printk("(d%u) %s\n", d->domid, d->console_line);
			d->console_len = 0;
		}
		if ((c >= ' ' && c < 0x7f) || c == '\t')
			d->console_line[d->console_len++] = c;
	}
}
