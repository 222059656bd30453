/*
 * The FIFO event ABI (EVTCHNOP_init_control, expand_array, set_priority),
 * with Xen 4.17's rules and error codes.
 *
 * Each port has a 32-bit event word in a page of the guest's "event
 * array" (1024 words a page, added one page at a time by expand_array):
 * PENDING, MASKED, LINKED and BUSY bits and a 17-bit LINK to the next port
 * of its queue.  Each vCPU has a control block in a guest page (given by
 * init_control): a READY bit per priority (0 most urgent .. 15) and the
 * HEAD port of each of its 16 queues.  Raising an unmasked event that is
 * not linked yet appends it to the notified vCPU's queue for the port's
 * priority: the old tail's LINK is pointed at it, or, if the queue was
 * empty (no tail, or the guest has unlinked it meanwhile), HEAD is set
 * and the READY bit raised, which marks the vCPU's upcall pending.  The
 * guest consumes a queue from HEAD along the links, clearing LINKED as it
 * goes.
 *
 * The guest changes the words while the hypervisor links them (on other
 * CPUs, once there are some): it may set or clear MASKED, clear PENDING,
 * and clear LINKED with LINK.  So the tail's link is set with a
 * compare-and-exchange that succeeds only while it is still linked, and
 * BUSY is set on the word meanwhile, which a guest honours by not
 * unmasking it (Linux spins on it).  The hypervisor remembers each queue's
 * tail, and for each port the queue it was last linked on: an event that
 * moved to another vCPU or priority invalidates its old queue's tail if it
 * was that, so that no later event links behind a word now on another
 * queue.
 *
 * The first init_control switches the domain: the ports already bound
 * keep their pending state (raised again once their event word exists)
 * and take the default priority, and from then on the shared_info bitmaps
 * are not used.  A reset that closes every port (evtchn.c) or the
 * domain's death goes back to two-level and gives the pages back.  Every
 * guest page is held with a general and a writable type reference, so it
 * cannot become a page table meanwhile and its frame comes back with the
 * domain.
 */
#include <stddef.h>

#include "evtchn-internal.h"
#include "heap.h"
#include "hypercall-abi/errno.h"
#include "page_type.h"
#include "printk.h"
#include "ratelimit.h"
#include "sched.h"

#define PAGE_BYTES 4096u
#define WORDS_PER_PAGE (PAGE_BYTES / sizeof(uint32_t))
#define MAX_ARRAY_PAGES (PV_EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)

#define PENDING (1u << PV_EVTCHN_FIFO_PENDING)
#define MASKED (1u << PV_EVTCHN_FIFO_MASKED)
#define LINKED (1u << PV_EVTCHN_FIFO_LINKED)
#define BUSY (1u << PV_EVTCHN_FIFO_BUSY)

/* How often linking retries when the guest keeps changing the tail word: Xen's bound. */
#define LINK_TRIES 4

struct fifo_vcpu {
	struct pv_evtchn_fifo_control_block *control; /* NULL until init_control */
	uint64_t control_mfn;
	uint32_t tail[PV_EVTCHN_FIFO_MAX_QUEUES]; /* last port linked on each queue, 0: none */
};

struct evtchn_fifo_domain {
	uint32_t *array[MAX_ARRAY_PAGES];
	uint64_t array_mfn[MAX_ARRAY_PAGES];
	unsigned int nr_words; /* ports that have an event word */
	struct fifo_vcpu vcpus[DOMAIN_MAX_VCPUS];
};

static uint32_t *event_word(const struct evtchn_fifo_domain *f, uint32_t port)
{
	if (port >= f->nr_words)
		return NULL;
	return f->array[port / WORDS_PER_PAGE] + port % WORDS_PER_PAGE;
}

static bool word_test(const uint32_t *word, uint32_t bit)
{
	return __atomic_load_n(word, __ATOMIC_SEQ_CST) & bit;
}

static bool word_test_and_set(uint32_t *word, uint32_t bit)
{
	return __atomic_fetch_or(word, bit, __ATOMIC_SEQ_CST) & bit;
}

static void word_clear(uint32_t *word, uint32_t bit)
{
	__atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
}

/*
 * One attempt to point the word at @word, last seen as *@seen, at @link
 * (clearing BUSY): 1 done, 0 it is not linked any more, -1 the guest
 * changed it (*@seen is what it is now).
 */
static int try_link(uint32_t *word, uint32_t *seen, uint32_t link)
{
	uint32_t next;

	if (!(*seen & LINKED))
		return 0;
	next = (*seen & ~(BUSY | PV_EVTCHN_FIFO_LINK_MASK)) | link;
	return __atomic_compare_exchange_n(word, seen, next, false, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST) ? 1 : -1;
}

/*
 * Links the tail word @word to port @link if the guest has not unlinked
 * it: whether it did link (false: the queue had drained).
 */
static bool link_tail(struct domain *d, uint32_t *word, uint32_t link)
{
	static struct ratelimit limit;
	uint32_t seen = __atomic_load_n(word, __ATOMIC_SEQ_CST);
	int rc = try_link(word, &seen, link);

	if (rc >= 0)
		return rc;
	/* Keep the guest from unmasking it while we retry. */
	word_test_and_set(word, BUSY);
	seen = __atomic_load_n(word, __ATOMIC_SEQ_CST);
	for (unsigned int i = 0; i < LINK_TRIES; i++) {
		rc = try_link(word, &seen, link);
		if (rc == 0)
			word_clear(word, BUSY);
		if (rc >= 0)
			return rc;
	}
	if (ratelimit_allow(&limit))
		printk(LOG_WARNING "d%u: FIFO event %u not linked (its queue's tail keeps changing)\n",
		       d->domid, link);
	word_clear(word, BUSY);
	return true;
}

static void fifo_set_pending(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
	static struct ratelimit limit;
	struct evtchn_fifo_domain *f = d->evtchn->fifo;
	struct fifo_vcpu *fv = &f->vcpus[v->id];
	uint32_t *old_tail = &f->vcpus[chn->last_vcpu].tail[chn->last_priority];
	uint32_t *word = event_word(f, chn->port);
	unsigned int priority = chn->priority;
	bool linked = true, newly_pending;

	if (!word) {
		chn->fifo_pending = true;
		return;
	}
	/* A guest unmasks nothing before it has a control block: the event is dropped. */
	if (!fv->control) {
		if (ratelimit_allow(&limit))
			printk(LOG_WARNING "d%uv%u has no FIFO event channel control block\n",
			       d->domid, v->id);
		return;
	}
	newly_pending = !word_test_and_set(word, PENDING);
	if (!word_test(word, MASKED) && !word_test_and_set(word, LINKED)) {
		/* It was its old queue's tail: that queue is empty now. */
		if (*old_tail == chn->port)
			*old_tail = 0;
		chn->last_vcpu = (uint8_t)v->id;
		chn->last_priority = (uint8_t)priority;
		/* Behind the tail if the tail is still linked; else it starts the queue. */
		linked = false;
		if (fv->tail[priority])
			linked = link_tail(d, event_word(f, fv->tail[priority]), chn->port);
		if (!linked)
			__atomic_store_n(&fv->control->head[priority], chn->port, __ATOMIC_SEQ_CST);
		fv->tail[priority] = chn->port;
	}
	if (!linked && !word_test_and_set(&fv->control->ready, 1u << priority))
		evtchn_mark_upcall_pending(v);
	if (newly_pending)
		sched_check_pollers(d, chn->port);
}

static void fifo_clear_pending(struct domain *d, const struct evtchn *chn)
{
	uint32_t *word = event_word(d->evtchn->fifo, chn->port);

	/* The guest unlinks (and skips) events that are no longer pending. */
	if (word)
		word_clear(word, PENDING);
}

static void fifo_unmask(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
	uint32_t *word = event_word(d->evtchn->fifo, chn->port);

	if (!word)
		return;
	word_clear(word, MASKED);
	if (word_test(word, PENDING))
		fifo_set_pending(d, v, chn);
}

static bool fifo_is_pending(struct domain *d, const struct evtchn *chn)
{
	const uint32_t *word = event_word(d->evtchn->fifo, chn->port);

	return word && word_test(word, PENDING);
}

static bool fifo_is_busy(struct domain *d, const struct evtchn *chn)
{
	const uint32_t *word = event_word(d->evtchn->fifo, chn->port);

	return word && word_test(word, LINKED);
}

static void fifo_init(struct domain *d, struct evtchn *chn)
{
	(void)d;
	chn->priority = PV_EVTCHN_FIFO_PRIORITY_DEFAULT;
}

static int fifo_set_priority(struct domain *d, struct evtchn *chn, uint32_t priority)
{
	(void)d;
	if (priority > PV_EVTCHN_FIFO_PRIORITY_MIN)
		return -PV_EINVAL;
	/* For its next event: one already linked stays on its queue. */
	chn->priority = (uint8_t)priority;
	return 0;
}

static const struct evtchn_port_ops fifo_ops = {
	.set_pending = fifo_set_pending,
	.clear_pending = fifo_clear_pending,
	.unmask = fifo_unmask,
	.is_pending = fifo_is_pending,
	.is_busy = fifo_is_busy,
	.init = fifo_init,
	.set_priority = fifo_set_priority,
};

/* Holds guest frame @gfn (its machine frame, PV) of @d writable: its contents, or NULL. */
static void *hold_guest_page(struct domain *d, uint64_t gfn)
{
	if (page_get_ref_and_type(gfn, d, PV_TYPE_WRITABLE))
		return NULL;
	return pv_frame_table_entries(gfn);
}

static int map_control_block(struct domain *d, unsigned int vcpu, uint64_t gfn,
			     uint32_t offset)
{
	struct fifo_vcpu *fv = &d->evtchn->fifo->vcpus[vcpu];
	uint8_t *page;

	if (fv->control)
		return -PV_EINVAL;
	page = hold_guest_page(d, gfn);
	if (!page)
		return -PV_EINVAL;
	fv->control = (struct pv_evtchn_fifo_control_block *)(page + offset);
	fv->control_mfn = gfn;
	return 0;
}

/*
 * The ports of the two-level ABI (below @nr_ports) carry over: a pending
 * one is raised once its event word exists, and all take the default
 * priority.
 */
static void carry_ports_over(struct domain *d, unsigned int nr_ports)
{
	for (uint32_t port = 1; port < nr_ports; port++) {
		struct evtchn *chn = evtchn_port_chn(d, port);

		if (!chn)
			break;
		if (evtchn_2l_port_pending(d, port))
			chn->fifo_pending = true;
		chn->priority = PV_EVTCHN_FIFO_PRIORITY_DEFAULT;
	}
}

int evtchn_fifo_init_control(struct domain *d, struct pv_evtchn_init_control *c)
{
	struct evtchn_domain *t = d->evtchn;
	unsigned int two_level_ports;
	int rc;

	c->link_bits = PV_EVTCHN_FIFO_LINK_BITS;
	if (!domain_vcpu(d, c->vcpu))
		return -PV_ENOENT;
	/* Inside the page, 8-byte aligned. */
	if (c->offset > PAGE_BYTES - sizeof(struct pv_evtchn_fifo_control_block) ||
	    c->offset % 8)
		return -PV_EINVAL;
	if (t->fifo)
		return map_control_block(d, c->vcpu, c->control_gfn, c->offset);

	two_level_ports = evtchn_abi_ports(t);
	t->fifo = xzalloc(sizeof(*t->fifo));
	if (!t->fifo)
		return -PV_ENOMEM;
	rc = map_control_block(d, c->vcpu, c->control_gfn, c->offset);
	if (rc) {
		evtchn_fifo_destroy(d);
		return rc;
	}
	t->ops = &fifo_ops;
	carry_ports_over(d, two_level_ports);
	return 0;
}

int evtchn_fifo_expand_array(struct domain *d, uint64_t array_gfn)
{
	struct evtchn_domain *t = d->evtchn;
	struct evtchn_fifo_domain *f;
	unsigned int slot;
	uint32_t port;

	if (!t || !t->fifo)
		return -PV_EOPNOTSUPP;
	f = t->fifo;
	slot = f->nr_words / WORDS_PER_PAGE;
	if (slot >= MAX_ARRAY_PAGES)
		return -PV_ENOSPC;
	f->array[slot] = hold_guest_page(d, array_gfn);
	if (!f->array[slot])
		return -PV_EINVAL;
	f->array_mfn[slot] = array_gfn;
	f->nr_words += WORDS_PER_PAGE;

	/* Events raised while their word had no page are raised now. */
	for (port = slot * WORDS_PER_PAGE; port < f->nr_words; port++) {
		struct evtchn *chn = evtchn_port_chn(d, port);

		if (!chn)
			break;
		if (chn->fifo_pending)
			fifo_set_pending(d, domain_vcpu(d, chn->notify_vcpu), chn);
	}
	return 0;
}

void evtchn_fifo_destroy(struct domain *d)
{
	struct evtchn_domain *t = d->evtchn;
	struct evtchn_fifo_domain *f = t ? t->fifo : NULL;

	if (!f)
		return;
	for (unsigned int i = 0; i < DOMAIN_MAX_VCPUS; i++) {
		if (f->vcpus[i].control)
			page_put_ref_and_type(f->vcpus[i].control_mfn);
	}
	for (unsigned int slot = 0; slot < f->nr_words / WORDS_PER_PAGE; slot++)
		page_put_ref_and_type(f->array_mfn[slot]);
	xfree(f);
	t->fifo = NULL;
	t->ops = &evtchn_2l_ops;
}
