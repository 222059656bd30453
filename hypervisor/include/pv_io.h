/*
 * Port I/O on behalf of a PV guest (x86-64): what a read or write of a
 * port does once the guest kernel's grants (IOPL, I/O bitmap) allowed it,
 * and the emulation of the instructions that do port I/O.
 */
#ifndef PV_IO_H
#define PV_IO_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "priv_decode.h"

/*
 * Reads/writes @bytes (1, 2 or 4) at @port for @d, as Xen does: ports
 * the domain may use are accessed directly; the CMOS index/data ports
 * and the PCI configuration ports are virtualised; anything else reads
 * as all ones and ignores writes.
 */
uint32_t guest_io_read(struct domain *d, unsigned int port, unsigned int bytes);
void guest_io_write(struct domain *d, unsigned int port, unsigned int bytes, uint32_t data);

/* What emulating a privileged instruction came to. */
enum pv_emul {
	PV_EMUL_DONE,	 /* emulated: RIP moves past it */
	PV_EMUL_RETRY,	 /* RIP stays: an exception was raised, or REPs remain */
	PV_EMUL_REFUSED, /* the #GP goes to the guest */
};

/* Emulates IN, OUT, INS or OUTS (@in) for @v (emul-io.c). */
enum pv_emul pv_emulate_io(struct vcpu *v, struct cpu_regs *regs, const struct priv_insn *in);

/* Xen's iopl_ok: whether @v's virtual IOPL covers the code it is running. */
bool pv_iopl_ok(const struct vcpu *v);

/*
 * Whether @v's domain asked for VMASST architectural_iopl: its kernel
 * counts as ring 0, and the virtual IOPL travels in RFLAGS through bounce
 * frames and iret.
 */
bool pv_architectural_iopl(const struct vcpu *v);

/* Gives dom0 every port except those the hypervisor keeps; 0 or -1. */
int dom0_ioports_setup(struct domain *d);

#endif
