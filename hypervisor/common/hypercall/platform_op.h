/*
 * Shared by the platform_op files of this directory: the physical CPU
 * queries (platform_cpu.c).  Each takes the op as read from the guest at
 * @arg and writes its payload back there.
 */
#ifndef PLATFORM_OP_H
#define PLATFORM_OP_H

#include <stdint.h>

#include "hypercall-abi/platform.h"

long platform_get_cpuinfo(const struct pv_platform_op *op, uint64_t arg);
long platform_get_cpu_version(const struct pv_platform_op *op, uint64_t arg);

#endif
