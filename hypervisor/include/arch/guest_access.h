/*
 * Access to the current guest's memory, by guest virtual address, through
 * the page tables it is running on.  These helpers are the only way
 * hypervisor code touches guest memory: they refuse addresses in the
 * hypervisor's own range and non-canonical ones, and a fault while copying
 * (unmapped, read-only, bad address) is caught through the exception
 * table and reported, never taken as a hypervisor fault.
 */
#ifndef ARCH_GUEST_ACCESS_H
#define ARCH_GUEST_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether [va, va + len) lies wholly in guest-owned address space. */
bool guest_range_ok(uint64_t va, size_t len);

/* Return 0, or -XEN_EFAULT if any byte could not be copied. */
int copy_from_guest(void *dst, uint64_t guest_va, size_t len);
int copy_to_guest(uint64_t guest_va, const void *src, size_t len);

/* Low level: returns the number of bytes NOT copied (0 on success). */
size_t copy_user_bytes(void *dst, const void *src, size_t len);

#endif
