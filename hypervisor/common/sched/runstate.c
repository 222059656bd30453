/* vCPU runstate accounting and its copy in guest memory (see runstate.h). */
#include <stddef.h>

#include "arch/guest_access.h"
#include "hypercall-abi/mmu.h"
#include "runstate.h"

void runstate_init(struct vcpu *v, uint64_t t)
{
	v->runstate = (struct pv_vcpu_runstate_info){
		.state = PV_RUNSTATE_offline,
		.state_entry_time = t,
	};
}

static int32_t state_of(const struct vcpu *v, bool running)
{
	switch (v->state) {
	case VCPU_RUNNABLE:
		return running ? PV_RUNSTATE_running : PV_RUNSTATE_runnable;
	case VCPU_BLOCKED:
		return PV_RUNSTATE_blocked;
	default:
		return PV_RUNSTATE_offline;
	}
}

/* The time since the current state began, if the clock moved forward. */
static uint64_t time_in_state(const struct pv_vcpu_runstate_info *r, uint64_t t)
{
	return t > r->state_entry_time ? t - r->state_entry_time : 0;
}

void runstate_sync(struct vcpu *v, bool running, uint64_t t)
{
	struct pv_vcpu_runstate_info *r = &v->runstate;
	int32_t state = state_of(v, running);

	if (state == r->state)
		return;
	r->time[r->state] += time_in_state(r, t);
	r->state = state;
	r->state_entry_time = t;
}

void runstate_get(const struct vcpu *v, uint64_t t, struct pv_vcpu_runstate_info *out)
{
	*out = v->runstate;
	out->time[out->state] += time_in_state(out, t);
}

/* Writes the last byte of the guest's state_entry_time (holding bit 63). */
static bool publish_update_flag(uint64_t area, uint64_t entry_time)
{
	size_t last = offsetof(struct pv_vcpu_runstate_info, state_entry_time) + 7;
	uint8_t byte = (uint8_t)(entry_time >> 56);

	return !copy_to_guest(area + last, &byte, 1);
}

bool runstate_publish(struct vcpu *v)
{
	struct pv_vcpu_runstate_info copy = v->runstate;
	bool flag = v->domain->vm_assist & (1ul << PV_VMASST_TYPE_runstate_update_flag);
	bool ok = true;

	if (!v->runstate_guest)
		return true;
	if (flag) {
		copy.state_entry_time |= PV_RUNSTATE_UPDATE;
		ok = publish_update_flag(v->runstate_guest, copy.state_entry_time);
		__atomic_thread_fence(__ATOMIC_RELEASE);
	}
	ok = ok && !copy_to_guest(v->runstate_guest, &copy, sizeof(copy));
	if (ok && flag) {
		__atomic_thread_fence(__ATOMIC_RELEASE);
		ok = publish_update_flag(v->runstate_guest, v->runstate.state_entry_time);
	}
	return ok;
}
