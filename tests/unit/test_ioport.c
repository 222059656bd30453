/*
 * Tests for the I/O-port permission logic (common/io/ioport.c): a
 * domain's port capabilities, the virtual IOPL check and the guest I/O
 * bitmap check, against Xen's rules.
 */
#include "harness.h"
#include "ioport.h"

TEST(ioport_caps_permit_deny)
{
	struct domain_ioports io = { 0 };

	CHECK(!ioports_permitted(&io, 0x80, 0x80)); /* none by default */
	CHECK(!ioports_any(&io));
	ioports_deny(&io, 0, 10); /* nothing to take away */
	CHECK_EQ(ioports_permit(&io, 0, 0xffff), 0);
	CHECK(ioports_any(&io));
	ioports_deny(&io, 0x40, 0x43);
	ioports_deny(&io, 0x61, 0x61);
	CHECK(ioports_permitted(&io, 0, 0x3f));
	CHECK(!ioports_permitted(&io, 0x43, 0x43));
	CHECK(!ioports_permitted(&io, 0x3f, 0x40)); /* one port of two */
	CHECK(ioports_permitted(&io, 0x44, 0x60));
	CHECK(!ioports_permitted(&io, 0x60, 0x63));
	CHECK(ioports_permitted(&io, 0xfffc, 0xffff));
	CHECK(!ioports_permitted(&io, 0xfffe, 0x10001)); /* past the last port */
	CHECK(!ioports_permitted(&io, 5, 4));
	ioports_deny(&io, 0, 0xffff);
	CHECK(!ioports_any(&io));
	CHECK_EQ(ioports_permit(&io, 0x70, 0x71), 0);
	CHECK(ioports_permitted(&io, 0x70, 0x71));
	CHECK(!ioports_permitted(&io, 0x6f, 0x70));
	ioports_free(&io);
	CHECK(io.caps == NULL);
	CHECK(!ioports_permitted(&io, 0x70, 0x70));
}

TEST(ioport_iopl_rule)
{
	/* A kernel is ring 1: IOPL 1 suffices; user code needs 3. */
	CHECK(!iopl_allows(0, true, false));
	CHECK(iopl_allows(1, true, false));
	CHECK(iopl_allows(3, true, false));
	CHECK(!iopl_allows(2, false, false));
	CHECK(iopl_allows(3, false, false));
	/* VMASST architectural_iopl: the kernel is ring 0. */
	CHECK(iopl_allows(0, true, true));
	CHECK(!iopl_allows(2, false, true));
}

TEST(ioport_bitmap_rule)
{
	const uint8_t open[2] = { 0, 0 }, port1_denied[2] = { 0x02, 0 };
	const uint8_t high_denied[2] = { 0, 0x01 }, unreadable[2] = { 0xff, 0xff };

	CHECK(iobitmap_allows(open, 0x88, 0x80, 1));
	CHECK(iobitmap_allows(open, 0x88, 0x84, 4));
	CHECK(!iobitmap_allows(open, 0x84, 0x80, 8 / 2 + 1)); /* past the limit */
	CHECK(iobitmap_allows(open, 0x84, 0x80, 4));	    /* ends at the limit */
	CHECK(!iobitmap_allows(open, 0, 0x80, 1));
	CHECK(!iobitmap_allows(port1_denied, 0x100, 0x81, 1));
	CHECK(iobitmap_allows(port1_denied, 0x100, 0x82, 2));
	CHECK(!iobitmap_allows(port1_denied, 0x100, 0x80, 2));
	/* A 4-byte access at port 7 of a byte reaches into the next byte. */
	CHECK(!iobitmap_allows(high_denied, 0x100, 0x87, 2));
	CHECK(iobitmap_allows(high_denied, 0x100, 0x87, 1));
	CHECK(!iobitmap_allows(unreadable, 0x10000, 0x80, 1));
}
