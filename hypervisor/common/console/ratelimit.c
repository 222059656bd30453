/* One-second windows of at most RATELIMIT_BURST messages (ratelimit.h). */
#include "ratelimit.h"
#include "time.h"

bool ratelimit_allow(struct ratelimit *rl)
{
	uint64_t t = now();

	if (t - rl->window_start > NSEC_PER_SEC) {
		rl->window_start = t;
		rl->in_window = 0;
	}
	return rl->in_window++ < RATELIMIT_BURST;
}
