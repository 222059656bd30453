#!/bin/bash
# The Linux system tests of tests/linux/cases.sh against real Xen 4.17
# (BUILD/xen.elf), -kernel and GRUB: shows the harness, the kernel and the
# initramfs work before Linux runs on Ringvisor (make xen-linux-check).
# Usage: tests/linux/xen-check.sh BUILD_DIR
set -u
BUILD=${1:-build}
LOGS=$BUILD/tests
mkdir -p "$LOGS"

. tests/lib.sh
. tests/linux/cases.sh

test_linux_initramfs
test_linux_xen_dom0
[ -z "$TEST_FAILURES" ] || echo "Failed:$TEST_FAILURES"
echo "$TEST_PASSED passed, $TEST_FAILED failed"
[ "$TEST_FAILED" -eq 0 ]
