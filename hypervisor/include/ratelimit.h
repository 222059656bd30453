/*
 * Rate limiting for log messages a guest can provoke: at most
 * RATELIMIT_BURST messages per second from one limiter.
 */
#ifndef RATELIMIT_H
#define RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define RATELIMIT_BURST 10

struct ratelimit {
	uint64_t window_start; /* ns */
	unsigned int in_window;
};

/* Whether one more message may go out now (counts it if so). */
bool ratelimit_allow(struct ratelimit *rl);

#endif
