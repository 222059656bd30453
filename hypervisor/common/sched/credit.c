/*
 * Credit: what a vCPU may still run, Xen credit1's way.  A running vCPU
 * is debited SCHED_CREDITS_PER_MS credits per millisecond it actually ran
 * (measured with the clock, not in ticks).  Every accounting period
 * (one time slice) the CPU's worth of one period, plus any overdraft the
 * earning vCPUs ended the last period with, is shared out among the
 * domains with earning vCPUs in proportion to weight x earning vCPUs,
 * each domain's part split evenly among its earning vCPUs.  A domain gets
 * at most one period per earning vCPU (more only to pay back an
 * overdraft) and at most its cap; what that leaves over goes to the
 * domains after it.  Then a vCPU in credit is UNDER, one in debt OVER (a
 * capped one deeper in debt than its cap allows is parked until its
 * credit is positive again), debt is limited to one period, and a vCPU
 * with more than one period of credit stops earning with half of it kept.
 * Unlike Xen, the domains are visited in domain-list order (Xen moves
 * domains that got less than their peak to the front).
 */
#include "sched-internal.h"

static int64_t last_balance; /* the earning vCPUs' total credit after the last period */

void credit_debit(struct vcpu *v, uint64_t now)
{
	struct sched_vcpu *s = &v->sched;
	uint64_t scaled;

	if (now <= s->debited_until)
		return;
	scaled = (now - s->debited_until) * SCHED_CREDITS_PER_MS + s->debit_remainder;
	s->credit -= (int)(scaled / SCHED_NS_PER_MS);
	s->debit_remainder = scaled % SCHED_NS_PER_MS;
	s->debited_until = now;
}

void credit_start_earning(struct vcpu *v)
{
	v->sched.active = true;
}

void credit_stop_earning(struct vcpu *v)
{
	v->sched.active = false;
}

static unsigned int earning_vcpus(const struct domain *d)
{
	unsigned int n = 0;

	if (d->state == DOMAIN_DEAD)
		return 0;
	for (unsigned int i = 0; i < d->vcpu_count; i++)
		n += d->vcpus[i] && d->vcpus[i]->sched.active;
	return n;
}

static uint64_t div_round_up(uint64_t n, uint64_t d)
{
	return (n + d - 1) / d;
}

/* Credits @v's share @fair and sets its priority and parking; returns its credit. */
static int settle_vcpu(struct vcpu *v, int fair, const struct domain *d, int cap_credit)
{
	struct sched_vcpu *s = &v->sched;
	int period = sched_credits_per_tslice();

	s->credit += fair;
	if (s->credit < 0) {
		s->pri = SCHED_PRI_OVER;
		if (d->sched.cap && s->credit < -cap_credit && !s->parked)
			sched_park(v);
		if (s->credit < -period)
			s->credit = -period;
	} else {
		s->pri = SCHED_PRI_UNDER;
		if (s->parked)
			sched_unpark(v);
		if (s->credit > period) {
			credit_stop_earning(v);
			s->credit /= 2;
		}
	}
	return s->credit;
}

bool credit_account(void)
{
	uint64_t period = (uint64_t)sched_credits_per_tslice();
	uint64_t weight_total = 0, weight_left, credit_total = period;
	uint64_t overdraft = last_balance < 0 ? (uint64_t)-last_balance : 0;
	int64_t balance = 0;

	for (struct domain *d = domain_first(); d; d = d->next)
		weight_total += (uint64_t)d->sched.weight * earning_vcpus(d);
	if (!weight_total) {
		last_balance = 0;
		return false;
	}
	credit_total += overdraft;
	weight_left = weight_total;
	for (struct domain *d = domain_first(); d; d = d->next) {
		uint64_t earning = earning_vcpus(d), weight = d->sched.weight * earning;
		uint64_t peak = earning * period, fair, cap_credit = 0;

		if (!earning)
			continue;
		weight_left -= weight;
		peak += div_round_up(overdraft * weight, weight_total);
		if (d->sched.cap) {
			cap_credit = div_round_up(d->sched.cap * period, 100);
			peak = MIN(peak, cap_credit);
			cap_credit = div_round_up(cap_credit, earning);
		}
		fair = div_round_up(credit_total * weight, weight_total);
		if (fair >= peak) {
			/* The rest of its share goes to the domains still to come. */
			if (weight_left)
				credit_total += div_round_up((fair - peak) * weight_total, weight_left);
			fair = peak;
		}
		fair = div_round_up(fair, earning);
		for (unsigned int i = 0; i < d->vcpu_count; i++) {
			struct vcpu *v = d->vcpus[i];

			if (v && v->sched.active)
				balance += settle_vcpu(v, (int)fair, d, (int)cap_credit);
		}
	}
	last_balance = balance;
	runq_sort();
	return true;
}
