#!/bin/bash
# make bench: every bench kernel of tests/bench/guests/ (each described by
# its bench.sh) measured under QEMU as dom0 of Ringvisor and of Xen 4.17,
# the reference; the shared boot/statistics/table/JSON/doc code is
# scripts/bench-lib.sh.  Per kernel: a table on stdout, BUILD/bench/<short>.json
# and its generated block of docs/benchmarks.md.
#
# Usage: scripts/bench.sh [BUILD_DIR]
# Environment: BENCH_TCG_BOOTS (5), BENCH_ICOUNT_BOOTS (2), BENCH_ROUNDS (7),
# BENCH_SCALE (1: multiplies the work per sample), BENCH_KERNELS (the
# kernels to run, e.g. "trap_bench"; default all), BENCH_XEN (Xen's image,
# BUILD/xen.elf; "none" to measure Ringvisor alone), BENCH_DOC (the Markdown
# file to update, docs/benchmarks.md; "none" to leave it alone).
set -euo pipefail

BUILD=${1:-build}
OUT=$BUILD/bench
TCG_BOOTS=${BENCH_TCG_BOOTS:-5}
ICOUNT_BOOTS=${BENCH_ICOUNT_BOOTS:-2}
ROUNDS=${BENCH_ROUNDS:-7}
SCALE=${BENCH_SCALE:-1}
DOC=${BENCH_DOC:-docs/benchmarks.md}
XEN=${BENCH_XEN:-$BUILD/xen.elf}
KERNELS=${BENCH_KERNELS:-$(cd tests/bench/guests && echo */bench.sh | sed 's|/bench.sh||g')}

. scripts/bench-lib.sh

for f in "$BUILD/hypervisor.elf" ${XEN%none}; do
	[ -f "$f" ] || { echo "bench: $f missing (run make bench)" >&2; exit 1; }
done
mkdir -p "$OUT"

others=0
if command -v pgrep >/dev/null; then others=$(pgrep -c qemu-system || true); fi
[ "$others" -eq 0 ] || echo "bench: $others other QEMU process(es) running: expect noisier TCG times"

date_now=$(date -u +%Y-%m-%d)
qemu_version=$(qemu-system-x86_64 --version | head -n 1)
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ncpu=$(nproc)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit (with uncommitted changes)"
xen_version=none
[ "$XEN" = none ] ||
	xen_version="Xen $(dpkg-query -W -f='${Version}' xen-hypervisor-4.17-amd64 2>/dev/null || echo 4.17) (Debian xen-hypervisor-4.17-amd64)"

for k in $KERNELS; do
	bench_run_kernel "$k"
done
