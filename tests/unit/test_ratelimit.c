/* Tests for the log rate limiter (hypervisor/common/console/ratelimit.c). */
#include "harness.h"
#include "host_shim.h"
#include "ratelimit.h"
#include "time.h"

TEST(ratelimit_burst_per_second)
{
	struct ratelimit rl = { 0, 0 };
	unsigned int allowed = 0;

	host_now = 5 * NSEC_PER_SEC;
	for (unsigned int i = 0; i < 3 * RATELIMIT_BURST; i++)
		allowed += ratelimit_allow(&rl);
	CHECK_EQ(allowed, RATELIMIT_BURST);
	host_now += NSEC_PER_SEC / 2; /* same window */
	CHECK(!ratelimit_allow(&rl));
	host_now += NSEC_PER_SEC; /* a new one */
	CHECK(ratelimit_allow(&rl));
	host_now = 0;
}
