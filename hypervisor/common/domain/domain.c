/*
 * Domain life cycle (see domain.h): creation, memory, shutdown and crash,
 * and reaping.  A domain's frames go back to the allocator only once no
 * CPU can be running on its page tables: the exit path switches away from
 * a dead domain before it reaps.
 */
#include <stddef.h>

#include "domain.h"
#include "hypercall-abi/sched.h"
#include "frame.h"
#include "heap.h"
#include "m2p.h"
#include "lib/string.h"
#include "printk.h"
#include "sched.h"

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
	d->vcpus[id] = v;
	if (id >= d->vcpu_count)
		d->vcpu_count = id + 1;
	return v;
}

static uint64_t alloc_owned_frame(struct domain *d)
{
	uint64_t mfn = frames_alloc(0);

	if (mfn != FRAME_NONE) {
		arch_clear_frame(mfn);
		frame_set_owner(mfn, d->domid);
	}
	return mfn;
}

int domain_populate(struct domain *d, uint64_t count)
{
	d->p2m = xmalloc(count * sizeof(*d->p2m));
	if (!d->p2m)
		return -1;
	d->max_pages = count;
	for (d->nr_pages = 0; d->nr_pages < count; d->nr_pages++) {
		uint64_t mfn = alloc_owned_frame(d);

		if (mfn == FRAME_NONE)
			return -1;
		d->p2m[d->nr_pages] = mfn;
		m2p_set(mfn, d->nr_pages);
	}
	return 0;
}

uint64_t domain_alloc_extra_frame(struct domain *d)
{
	uint64_t mfn;

	if (d->extra_frame_count == sizeof(d->extra_frames) / sizeof(d->extra_frames[0]))
		return FRAME_NONE;
	mfn = alloc_owned_frame(d);
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
		}
	}
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
	arch_domain_release(d);
	for (uint64_t i = 0; i < d->nr_pages; i++) {
		m2p_set(d->p2m[i], M2P_INVALID);
		frames_free(d->p2m[i], 0);
	}
	for (unsigned int i = 0; i < d->extra_frame_count; i++) {
		m2p_set(d->extra_frames[i], M2P_INVALID);
		frames_free(d->extra_frames[i], 0);
	}
	for (unsigned int i = 0; i < d->vcpu_count; i++)
		xfree(d->vcpus[i]);
	xfree(d->p2m);
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
