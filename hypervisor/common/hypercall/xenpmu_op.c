/*
 * xenpmu_op (hypercall 40): the virtual PMU.  Ringvisor has none, which is
 * Xen 4.17's default (its vpmu= option is off unless given): every
 * operation is -EOPNOTSUPP, before the argument is looked at.  Linux then
 * runs without perf counters in the guest and says nothing.
 */
#include "hypercall-abi/errno.h"
#include "hypercall.h"

long do_xenpmu_op(unsigned int op, uint64_t arg)
{
	(void)op;
	(void)arg;
	return -PV_EOPNOTSUPP;
}
