/* Building a PV domain from a kernel image (arch/x86_64/pv/builder.c). */
#ifndef ARCH_PV_BUILD_H
#define ARCH_PV_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"

struct pv_build_request {
	const void *kernel;
	uint64_t kernel_size;
	const void *initrd; /* NULL for none */
	uint64_t initrd_size;
	const char *cmdline;
	uint64_t nr_pages;
	unsigned int nr_vcpus; /* 1 to DOMAIN_MAX_VCPUS */
};

/*
 * Lays out and loads a PV guest into the new domain @d (memory, page
 * tables, start_info, shared_info, hypercall page, its vCPUs) and makes
 * vCPU 0 runnable; the other vCPUs stay down until the guest initialises
 * them and brings them up (VCPUOP_initialise, VCPUOP_up).  Returns 0, or -1 after logging why the
 * kernel was refused; @d then holds whatever was allocated and must be
 * shut down.
 */
int pv_build_domain(struct domain *d, const struct pv_build_request *req);

#endif
