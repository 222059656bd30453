/*
 * Tests for PHYSDEVOP_pirq_eoi_gmfn's core (pirq_eoi_map_register in
 * common/irq/pirq.c) in the page-table test world (pt_world.h): Xen
 * 4.17's refusals and their order, the writable type reference the page
 * keeps until the table is freed, and the bits binding sets (a
 * level-triggered pirq needs an EOI) or clears (an edge-triggered one).
 */
#include <stdint.h>

#include "evtchn.h"
#include "harness.h"
#include "host_shim.h"
#include "hypercall-abi/errno.h"
#include "pirq.h"
#include "pt_world.h"

#define MAP_FRAME 251
#define SPARE_FRAME 252
#define LEVEL_GSI 17
#define EDGE_GSI 18

static long bind(uint32_t pirq)
{
	struct pv_evtchn_bind_pirq b = { .pirq = pirq };
	long rc = evtchn_bind_pirq(dom, &b);

	return rc ? rc : (long)b.port;
}

TEST(pirq_eoi_map_register_bits_release)
{
	int level = LEVEL_GSI, edge = EDGE_GSI;
	long level_port, edge_port;

	world_start();
	dom->privileged = true;
	CHECK_EQ(pirq_eoi_map_register(dom, OTHER_FRAME, false), -PV_EINVAL);
	CHECK_EQ(pirq_eoi_map_register(dom, BEYOND_FRAME, false), -PV_EINVAL);
	CHECK_EQ(hold_type(MAP_FRAME, PV_TYPE_L1), 0);
	CHECK_EQ(pirq_eoi_map_register(dom, MAP_FRAME, false), -PV_EINVAL);
	drop_type(MAP_FRAME);
	CHECK_EQ(fr(MAP_FRAME)->refcount, 0);
	CHECK_EQ(pirq_eoi_map_register(dom, MAP_FRAME, false), 0);
	CHECK_EQ(fr(MAP_FRAME)->refcount, 1);
	CHECK_EQ(fr(MAP_FRAME)->type, PV_TYPE_WRITABLE);
	CHECK_EQ(fr(MAP_FRAME)->type_count, 1);
	/* Once only; the other frame is not kept. */
	CHECK_EQ(pirq_eoi_map_register(dom, SPARE_FRAME, true), -PV_EBUSY);
	CHECK_EQ(fr(SPARE_FRAME)->refcount, 0);
	CHECK_EQ(fr(SPARE_FRAME)->type_count, 0);

	host_gsi_mode[LEVEL_GSI] = HOST_GSI_SET | HOST_GSI_LEVEL;
	ents(MAP_FRAME)[0] = 1ull << EDGE_GSI; /* a stale bit binding clears */
	CHECK_EQ(pirq_map_gsi(dom, dom, LEVEL_GSI, &level), 0);
	CHECK_EQ(pirq_map_gsi(dom, dom, EDGE_GSI, &edge), 0);
	level_port = bind(LEVEL_GSI);
	edge_port = bind(EDGE_GSI);
	CHECK(level_port > 0 && edge_port > 0);
	CHECK_EQ(ents(MAP_FRAME)[0], 1ull << LEVEL_GSI);

	CHECK_EQ(evtchn_close(dom, (uint32_t)level_port), 0);
	CHECK_EQ(evtchn_close(dom, (uint32_t)edge_port), 0);
	pirq_domain_free(dom);
	CHECK_EQ(fr(MAP_FRAME)->refcount, 0);
	CHECK_EQ(fr(MAP_FRAME)->type_count, 0);
	world_end();
}
