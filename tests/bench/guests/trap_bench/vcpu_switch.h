/*
 * trap_bench's vCPU switch: dom0 and a partner domU (the same kernel)
 * hand the CPU to each other with sched_op yield.  The partner offers an
 * unbound event channel to dom0, waits for a first signal there, then
 * yields until a second.
 */
#ifndef VCPU_SWITCH_H
#define VCPU_SWITCH_H

#include <stdbool.h>
#include <stdint.h>

/* The partner's whole life: waits for dom0's signal, then yields until the next. */
void be_switch_partner(void);

/* Dom0: binds to the partner's channel (waiting for it); false on failure. */
bool connect_switch_partner(void);

/* Dom0: @count yields, each two vCPU switches (to the partner and back). */
uint64_t bench_vcpu_switch(unsigned int count);

/* Dom0: signals the partner (the first time: start yielding; then: finish). */
void signal_switch_partner(void);

#endif
