/*
 * set_timer_op (hypercall 15): arms the calling vCPU's single-shot timer
 * at an absolute system time; 0 stops it; a time already past fires at
 * once.  As on Xen, a time that wrapped negative or lies more than 2^50 ns
 * (about 13 days) ahead is taken for a guest's jiffies wrap and fires in
 * 100 ms instead.
 */
#include "hypercall.h"
#include "time.h"
#include "vcpu_timer.h"

#define HUGE_TIMEOUT_FALLBACK_NS (100 * NSEC_PER_MSEC)

long do_set_timer_op(uint64_t timeout)
{
	struct vcpu *v = calling_vcpu();
	uint64_t t = now();
	int64_t offset = (int64_t)(timeout - t);

	if (timeout == 0)
		vcpu_singleshot_stop(v);
	else if ((int64_t)timeout < 0 || (offset > 0 && (uint32_t)(offset >> 50) != 0))
		vcpu_singleshot_set(v, t + HUGE_TIMEOUT_FALLBACK_NS);
	else
		vcpu_singleshot_set(v, timeout);
	return 0;
}
