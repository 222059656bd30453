/*
 * Tests for the portable halves of instruction emulation for PV guests:
 * the CPUID policy (hypervisor/common/emul/cpuid_policy.c), the
 * privileged-instruction decoder (priv_decode.c) and the XCR0 rules
 * (xcr0_policy.c).  Decoder cases are
 * hand-assembled bytes, checked against GNU as
 * (`printf 'mov %%cr3, %%r9\n' | as -o x.o - && objdump -d x.o`).
 */
#include <stdint.h>

#include "cpuid_policy.h"
#include "harness.h"
#include "priv_decode.h"
#include "xcr0_policy.h"

static const struct cpuid_guest guest = {
	.vcpu_id = 3, .xen_version = 4 << 16 | 17, .tsc_khz = 2500000,
	.tsc_invariant = true, .rdtscp = true, .maddr_bits = 40,
};

static struct cpuid_result apply(uint32_t leaf, uint32_t subleaf, struct cpuid_result host)
{
	cpuid_policy_apply(leaf, subleaf, &guest, &host);
	return host;
}

static const struct cpuid_result all_ones = { ~0u, ~0u, ~0u, ~0u };

TEST(cpuid_hypervisor_leaves)
{
	struct cpuid_result r = apply(0x40000000, 0, all_ones);

	CHECK(cpuid_policy_synthetic(0x40000000));
	CHECK_EQ(r.a, 0x40000005);
	CHECK_EQ(r.b, 0x566e6558);
	CHECK_EQ(r.c, 0x65584d4d);
	CHECK_EQ(r.d, 0x4d4d566e);
	r = apply(0x40000001, 0, all_ones);
	CHECK_EQ(r.a, 0x40011);
	CHECK_EQ(r.b | r.c | r.d, 0);
	r = apply(0x40000002, 0, all_ones);
	CHECK_EQ(r.a, 1);
	CHECK_EQ(r.b, 0x40000000);
	CHECK_EQ(r.c, 1);
	CHECK_EQ(r.d, 0);
	r = apply(0x40000003, 0, all_ones);
	CHECK_EQ(r.a, 6); /* TSC safe, RDTSCP */
	CHECK_EQ(r.b, 0);
	CHECK_EQ(r.c, 2500000);
	CHECK_EQ(r.d, 0);
	r = apply(0x40000003, 2, all_ones);
	CHECK_EQ(r.a, 2500000);
	r = apply(0x40000004, 0, all_ones);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = apply(0x40000005, 0, all_ones);
	CHECK_EQ(r.b, 40);
	CHECK_EQ(r.a | r.c | r.d, 0);
	r = apply(0x40000006, 0, all_ones);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = apply(0x40000100, 0, all_ones);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
}

TEST(cpuid_features_filtered)
{
	struct cpuid_result r = apply(1, 0, all_ones);

	CHECK_EQ(r.a, ~0u);
	CHECK_EQ(r.b, 0x06ffffffu); /* APIC ID 2 * vCPU */
	CHECK_EQ(r.c, 0xc2d82203u);
	CHECK_EQ(r.d, 0x1fc9cbf5u); /* with DE MCE APIC MCA ACPI, as Xen */
	r = apply(1, 0, (struct cpuid_result){ 0, 0, 0, 0 });
	CHECK_EQ(r.c, 0x80000000u); /* hypervisor bit always */
	r = all_ones;
	cpuid_policy_apply(1, 0, &(struct cpuid_guest){ .mtrr = true }, &r);
	CHECK_EQ(r.d, 0x1fc9dbf5u); /* and MTRR, as Xen for dom0's kernel */
	r = (struct cpuid_result){ 0, 0, 0, 0 };
	cpuid_policy_apply(1, 0, &(struct cpuid_guest){ .mtrr = true }, &r);
	CHECK_EQ(r.d, 0); /* only if the host has it */
	r = apply(7, 0, all_ones);
	CHECK_EQ(r.a, 0);
	CHECK_EQ(r.b & 1, 0);		  /* FSGSBASE */
	CHECK_EQ(r.b & (1u << 7), 0);	  /* SMEP */
	CHECK_EQ(r.b & (1u << 10), 0);	  /* INVPCID */
	CHECK_EQ(r.b & (1u << 20), 0);	  /* SMAP */
	CHECK_EQ(r.c & (1u << 16), 0);	  /* LA57 */
	CHECK_EQ(r.c & (1u << 3), 0);	  /* PKU */
	CHECK_EQ(r.b & (1u << 9), 1u << 9); /* ERMS kept */
	r = apply(7, 1, all_ones);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = apply(0x80000001, 0, all_ones);
	CHECK_EQ(r.c & (1u << 2), 0);	      /* SVM */
	CHECK_EQ(r.d & (1u << 26), 0);	      /* 1 GiB pages */
	CHECK_EQ(r.d & (1u << 29), 1u << 29); /* LM */
	CHECK_EQ(r.d & (1u << 20), 1u << 20); /* NX */
	CHECK_EQ(r.d & (1u << 7), 1u << 7);   /* MCE, AMD's copy */
	CHECK_EQ(r.c & (1u << 21), 1u << 21); /* TBM */
	CHECK_EQ(r.c & (1u << 11 | 1u << 16), 0); /* XOP FMA4: no YMM state */
	CHECK_EQ(r.d & (1u << 11), 1u << 11); /* SYSCALL */
	r = apply(0, 0, (struct cpuid_result){ 0x20, 1, 2, 3 });
	CHECK_EQ(r.a, 0xd);
	CHECK_EQ(r.b, 1);
	r = apply(0x80000000, 0, (struct cpuid_result){ 0x80000021, 1, 2, 3 });
	CHECK_EQ(r.a, 0x80000008);
	r = apply(0x80000008, 0, all_ones);
	CHECK_EQ(r.a, 0xffff);
	CHECK_EQ(r.b | r.c | r.d, 0);
	r = apply(0x80000007, 0, all_ones);
	CHECK_EQ(r.d, 1u << 8);
	CHECK(cpuid_policy_synthetic(5));
	CHECK(!cpuid_policy_synthetic(0xd));
	CHECK(!cpuid_policy_synthetic(1));
	r = apply(5, 0, all_ones); /* MONITOR */
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = apply(0xd, 0, all_ones); /* no XSAVE state switched: none shown */
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = apply(1, 0, all_ones);
	CHECK_EQ(r.c & (0xfu << 26), 0); /* XSAVE OSXSAVE AVX F16C */
	CHECK_EQ(r.c & (1u << 12), 0);	 /* FMA */
}

static const struct cpuid_guest avx_guest = {
	.vcpu_id = 0, .xcr0_max = 7, .xsave_size = 576, .xsave_size_max = 832, .osxsave = true,
};

TEST(cpuid_xsave_offered)
{
	struct cpuid_result r = all_ones;

	cpuid_policy_apply(1, 0, &avx_guest, &r);
	CHECK_EQ(r.c & (0xfu << 26), 0xfu << 26); /* XSAVE OSXSAVE AVX F16C */
	CHECK_EQ(r.c & (1u << 12), 1u << 12);	  /* FMA */
	r = all_ones;
	cpuid_policy_apply(7, 0, &avx_guest, &r);
	CHECK_EQ(r.b & (1u << 5), 1u << 5);	  /* AVX2 */
	CHECK_EQ(r.b & (1u << 16), 0);		  /* AVX512F */
	r = all_ones;
	cpuid_policy_apply(0x80000001, 0, &avx_guest, &r);
	CHECK_EQ(r.c & (1u << 11 | 1u << 16), 1u << 11 | 1u << 16); /* XOP FMA4 */
	r = all_ones;
	cpuid_policy_apply(0xd, 0, &avx_guest, &r);
	CHECK_EQ(r.a, 7);
	CHECK_EQ(r.b, 576); /* for the guest's XCR0 */
	CHECK_EQ(r.c, 832);
	CHECK_EQ(r.d, 0);
	r = all_ones;
	cpuid_policy_apply(0xd, 1, &avx_guest, &r);
	CHECK_EQ(r.a, 7); /* XSAVEOPT XSAVEC XGETBV1, not XSAVES */
	CHECK_EQ(r.b | r.c | r.d, 0);
	r = (struct cpuid_result){ 256, 576, 0, 0 };
	cpuid_policy_apply(0xd, 2, &avx_guest, &r);
	CHECK_EQ(r.a, 256);
	CHECK_EQ(r.b, 576);
	r = all_ones;
	cpuid_policy_apply(0xd, 5, &avx_guest, &r); /* opmask: not offered */
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
	r = all_ones;
	cpuid_policy_apply(0xd, 63, &avx_guest, &r);
	CHECK_EQ(r.a | r.b | r.c | r.d, 0);
}

TEST(xcr0_rules)
{
	CHECK(xcr0_acceptable(1, 7));
	CHECK(xcr0_acceptable(3, 7));
	CHECK(xcr0_acceptable(7, 7));
	CHECK(!xcr0_acceptable(0, 7));	   /* x87 always */
	CHECK(!xcr0_acceptable(2, 7));
	CHECK(!xcr0_acceptable(5, 7));	   /* YMM needs SSE */
	CHECK(!xcr0_acceptable(7, 3));	   /* beyond the maximum */
	CHECK(!xcr0_acceptable(0x27, 0xff)); /* AVX-512 only whole */
	CHECK(xcr0_acceptable(0xe7, 0xff));
	CHECK(!xcr0_acceptable(0xe3, 0xff)); /* AVX-512 needs YMM */
	CHECK(!xcr0_acceptable(0x0b, 0xff)); /* MPX only whole */
	CHECK(xcr0_acceptable(0x1b, 0xff));
}

static int decode(const uint8_t *b, size_t n, struct priv_insn *in)
{
	return priv_decode(b, n, in);
}

TEST(priv_decode_msr_and_clts)
{
	static const uint8_t rd[] = { 0x0f, 0x32 }, wr[] = { 0x0f, 0x30 }, clts[] = { 0x0f, 0x06 };
	static const uint8_t rex_wr[] = { 0x48, 0x0f, 0x30 };
	struct priv_insn in;

	CHECK_EQ(decode(rd, sizeof(rd), &in), 0);
	CHECK_EQ(in.op, PRIV_RDMSR);
	CHECK_EQ(in.len, 2);
	CHECK_EQ(decode(wr, sizeof(wr), &in), 0);
	CHECK_EQ(in.op, PRIV_WRMSR);
	CHECK_EQ(decode(rex_wr, sizeof(rex_wr), &in), 0);
	CHECK_EQ(in.op, PRIV_WRMSR);
	CHECK_EQ(in.len, 3);
	CHECK_EQ(decode(clts, sizeof(clts), &in), 0);
	CHECK_EQ(in.op, PRIV_CLTS);
	CHECK_EQ(decode(rd, 1, &in), -1); /* truncated */
}

TEST(priv_decode_mov_cr)
{
	static const uint8_t from_cr0_rax[] = { 0x0f, 0x20, 0xc0 };	/* mov %cr0, %rax */
	static const uint8_t from_cr3_r9[] = { 0x41, 0x0f, 0x20, 0xd9 }; /* mov %cr3, %r9 */
	static const uint8_t to_cr0_rsi[] = { 0x0f, 0x22, 0xc6 };	/* mov %rsi, %cr0 */
	static const uint8_t to_cr8_rax[] = { 0x44, 0x0f, 0x22, 0xc0 }; /* mov %rax, %cr8 */
	static const uint8_t from_cr4_rsp[] = { 0x0f, 0x20, 0xe4 };	/* mov %cr4, %rsp */
	struct priv_insn in;

	CHECK_EQ(decode(from_cr0_rax, sizeof(from_cr0_rax), &in), 0);
	CHECK_EQ(in.op, PRIV_MOV_FROM_CR);
	CHECK_EQ(in.cr, 0);
	CHECK_EQ(in.gpr, 0);
	CHECK_EQ(in.len, 3);
	CHECK_EQ(decode(from_cr3_r9, sizeof(from_cr3_r9), &in), 0);
	CHECK_EQ(in.cr, 3);
	CHECK_EQ(in.gpr, 9);
	CHECK_EQ(in.len, 4);
	CHECK_EQ(decode(to_cr0_rsi, sizeof(to_cr0_rsi), &in), 0);
	CHECK_EQ(in.op, PRIV_MOV_TO_CR);
	CHECK_EQ(in.cr, 0);
	CHECK_EQ(in.gpr, 6);
	CHECK_EQ(decode(to_cr8_rax, sizeof(to_cr8_rax), &in), 0);
	CHECK_EQ(in.cr, 8);
	CHECK_EQ(in.gpr, 0);
	CHECK_EQ(decode(from_cr4_rsp, sizeof(from_cr4_rsp), &in), 0);
	CHECK_EQ(in.cr, 4);
	CHECK_EQ(in.gpr, 4);
	CHECK_EQ(decode(from_cr0_rax, 2, &in), -1); /* no ModRM */
}

TEST(priv_decode_refuses_others)
{
	static const uint8_t hlt[] = { 0xf4 }, invd[] = { 0x0f, 0x08 };
	static const uint8_t xsetbv_66[] = { 0x66, 0x0f, 0x01, 0xd1 };
	static const uint8_t xgetbv[] = { 0x0f, 0x01, 0xd0 };
	static const uint8_t lock_rdmsr[] = { 0xf0, 0x0f, 0x32 };
	static const uint8_t rex_then_prefix[] = { 0x48, 0x66, 0x0f, 0x32 };
	static const uint8_t cpuid[] = { 0x0f, 0xa2 };
	struct priv_insn in;

	CHECK_EQ(decode(hlt, sizeof(hlt), &in), -1);
	CHECK_EQ(decode(invd, sizeof(invd), &in), -1);
	CHECK_EQ(decode(xsetbv_66, sizeof(xsetbv_66), &in), -1); /* #UD on hardware */
	CHECK_EQ(decode(xgetbv, sizeof(xgetbv), &in), -1);
	CHECK_EQ(decode(lock_rdmsr, sizeof(lock_rdmsr), &in), -1);
	CHECK_EQ(decode(rex_then_prefix, sizeof(rex_then_prefix), &in), -1);
	CHECK_EQ(decode(cpuid, sizeof(cpuid), &in), -1);
	CHECK_EQ(decode(hlt, 0, &in), -1);
}

TEST(priv_decode_wbinvd_cli_sti)
{
	static const uint8_t wbinvd[] = { 0x0f, 0x09 }, wbnoinvd[] = { 0xf3, 0x0f, 0x09 };
	static const uint8_t cli[] = { 0xfa }, sti[] = { 0xfb };
	struct priv_insn in;

	CHECK_EQ(decode(wbinvd, sizeof(wbinvd), &in), 0);
	CHECK_EQ(in.op, PRIV_WBINVD);
	CHECK_EQ(in.len, 2);
	CHECK_EQ(decode(wbnoinvd, sizeof(wbnoinvd), &in), 0);
	CHECK_EQ(in.op, PRIV_WBINVD);
	CHECK_EQ(in.len, 3);
	CHECK_EQ(decode(cli, sizeof(cli), &in), 0);
	CHECK_EQ(in.op, PRIV_CLI);
	CHECK_EQ(in.len, 1);
	CHECK_EQ(decode(sti, sizeof(sti), &in), 0);
	CHECK_EQ(in.op, PRIV_STI);
}

static void check_io(const uint8_t *b, size_t n, enum priv_op op, unsigned int size, bool dx,
		     unsigned int len)
{
	struct priv_insn in;

	CHECK_EQ(decode(b, n, &in), 0);
	CHECK_EQ(in.op, op);
	CHECK_EQ(in.size, size);
	CHECK_EQ(in.port_in_dx, dx);
	CHECK_EQ(in.len, len);
}

TEST(priv_decode_in_out_sizes)
{
	static const uint8_t inb_imm[] = { 0xe4, 0x71 }, inl_imm[] = { 0xe5, 0x70 };
	static const uint8_t inw_imm[] = { 0x66, 0xe5, 0x70 }, outb_imm[] = { 0xe6, 0x80 };
	static const uint8_t outw_imm[] = { 0x66, 0xe7, 0x80 }, inb_dx[] = { 0xec };
	static const uint8_t inw_dx[] = { 0x66, 0xed }, outl_dx[] = { 0xef };
	static const uint8_t rexw_inl[] = { 0x66, 0x48, 0xed }; /* REX.W: still 4 bytes */
	static const uint8_t rep_out[] = { 0xf3, 0xee };	 /* REP means nothing here */
	struct priv_insn in;

	check_io(inb_imm, sizeof(inb_imm), PRIV_IN, 1, false, 2);
	CHECK_EQ(decode(inb_imm, sizeof(inb_imm), &in), 0);
	CHECK_EQ(in.port_imm, 0x71);
	check_io(inl_imm, sizeof(inl_imm), PRIV_IN, 4, false, 2);
	check_io(inw_imm, sizeof(inw_imm), PRIV_IN, 2, false, 3);
	check_io(outb_imm, sizeof(outb_imm), PRIV_OUT, 1, false, 2);
	check_io(outw_imm, sizeof(outw_imm), PRIV_OUT, 2, false, 3);
	check_io(inb_dx, sizeof(inb_dx), PRIV_IN, 1, true, 1);
	check_io(inw_dx, sizeof(inw_dx), PRIV_IN, 2, true, 2);
	check_io(outl_dx, sizeof(outl_dx), PRIV_OUT, 4, true, 1);
	check_io(rexw_inl, sizeof(rexw_inl), PRIV_IN, 4, true, 3);
	check_io(rep_out, sizeof(rep_out), PRIV_OUT, 1, true, 2);
	CHECK_EQ(decode(rep_out, sizeof(rep_out), &in), 0);
	CHECK(!in.rep);
	CHECK_EQ(decode(inb_imm, 1, &in), -1); /* no immediate */
}

TEST(priv_decode_string_io_prefixes)
{
	static const uint8_t insb[] = { 0x6c }, rep_insw[] = { 0x66, 0xf3, 0x6d };
	static const uint8_t repne_insl[] = { 0xf2, 0x6d }, gs_outsb[] = { 0x65, 0xf3, 0x6e };
	static const uint8_t fs_a32_outsl[] = { 0x67, 0x64, 0x6f }, ds_outsw[] = { 0x65, 0x3e, 0x66, 0x6f };
	static const uint8_t lock_insb[] = { 0xf0, 0x6c };
	struct priv_insn in;

	check_io(insb, sizeof(insb), PRIV_INS, 1, true, 1);
	CHECK_EQ(decode(insb, sizeof(insb), &in), 0);
	CHECK(!in.rep);
	CHECK(!in.addr32);
	check_io(rep_insw, sizeof(rep_insw), PRIV_INS, 2, true, 3);
	CHECK_EQ(decode(rep_insw, sizeof(rep_insw), &in), 0);
	CHECK(in.rep);
	CHECK_EQ(decode(repne_insl, sizeof(repne_insl), &in), 0);
	CHECK(in.rep);
	CHECK_EQ(in.size, 4);
	check_io(gs_outsb, sizeof(gs_outsb), PRIV_OUTS, 1, true, 3);
	CHECK_EQ(decode(gs_outsb, sizeof(gs_outsb), &in), 0);
	CHECK_EQ(in.seg, PRIV_SEG_GS);
	CHECK(in.rep);
	CHECK_EQ(decode(fs_a32_outsl, sizeof(fs_a32_outsl), &in), 0);
	CHECK_EQ(in.seg, PRIV_SEG_FS);
	CHECK(in.addr32);
	CHECK_EQ(in.size, 4);
	CHECK_EQ(decode(ds_outsw, sizeof(ds_outsw), &in), 0);
	CHECK_EQ(in.seg, PRIV_SEG_FLAT); /* the last segment prefix wins */
	CHECK_EQ(in.size, 2);
	CHECK_EQ(decode(lock_insb, sizeof(lock_insb), &in), -1);
}

TEST(priv_decode_mov_dr_and_xsetbv)
{
	static const uint8_t from_dr7_rax[] = { 0x0f, 0x21, 0xf8 };	/* mov %db7, %rax */
	static const uint8_t to_dr0_r10[] = { 0x41, 0x0f, 0x23, 0xc2 }; /* mov %r10, %db0 */
	static const uint8_t from_dr8_rax[] = { 0x44, 0x0f, 0x21, 0xc0 };
	static const uint8_t xsetbv[] = { 0x0f, 0x01, 0xd1 };
	struct priv_insn in;

	CHECK_EQ(decode(from_dr7_rax, sizeof(from_dr7_rax), &in), 0);
	CHECK_EQ(in.op, PRIV_MOV_FROM_DR);
	CHECK_EQ(in.dr, 7);
	CHECK_EQ(in.gpr, 0);
	CHECK_EQ(in.len, 3);
	CHECK_EQ(decode(to_dr0_r10, sizeof(to_dr0_r10), &in), 0);
	CHECK_EQ(in.op, PRIV_MOV_TO_DR);
	CHECK_EQ(in.dr, 0);
	CHECK_EQ(in.gpr, 10);
	CHECK_EQ(in.len, 4);
	CHECK_EQ(decode(from_dr8_rax, sizeof(from_dr8_rax), &in), 0);
	CHECK_EQ(in.dr, 8); /* no such register: the emulation raises #UD */
	CHECK_EQ(decode(xsetbv, sizeof(xsetbv), &in), 0);
	CHECK_EQ(in.op, PRIV_XSETBV);
	CHECK_EQ(in.len, 3);
	CHECK_EQ(decode(xsetbv, 2, &in), -1);
}
