# make bench's shared part (sourced by scripts/bench.sh): boots a bench
# kernel under QEMU, reads its samples, and writes the table, the JSON and
# the generated block of docs/benchmarks.md.  What differs per kernel comes
# from tests/bench/guests/<name>/bench.sh (see bench_run_kernel).
#
# Two kinds of boot, alternated (docs/benchmarks.md, "Method"):
#   tcg     plain TCG: the guest's TSC is the host's, so ticks / the TSC
#           frequency the hypervisor reports = host ns;
#   icount  -icount shift=0,sleep=off: one TSC tick per guest instruction
#           (hypervisor included), repeatable to the instruction.
# Each kind boots the kernel as dom0 of Ringvisor and, as the reference,
# of Xen 4.17 (BUILD/xen.elf), interleaved: Ringvisor tcg, Xen tcg,
# Ringvisor icount, Xen icount, then again.  Each boot prints ROUNDS
# samples per operation ("bench <op> <ticks per operation>").  Per
# operation and configuration: the median over every sample of every boot,
# min..max, the median of the per-round ratios to the kernel's reference
# operations (measured in the same round of the same boot), and the median
# of the per-boot ratios Ringvisor/Xen (boot i of each, same kind).
# One QEMU at a time, each under timeout.
#
# The caller sets the run's settings (BUILD, OUT, TCG_BOOTS, ICOUNT_BOOTS,
# ROUNDS, SCALE, XEN: Xen's image or "none", DOC: the Markdown file or
# "none") and context (date_now, commit, qemu_version, cpu, ncpu,
# xen_version, others: QEMU processes running at the start).

BENCH_QEMU=(qemu-system-x86_64 -accel tcg -cpu 'max,-smap' -m 1024 -smp 1 -net none -no-reboot
	-display none -monitor none)
BENCH_XEN_CMDLINE="console=com1 dom0_mem=64M loglvl=all guest_loglvl=all"

# bench_boot HV KIND N: one boot of KERNEL; its serial log is
# OUT/SHORT-HV-KIND-N.log.  Exits on failure.
bench_boot() {
	local hv=$1 kind=$2 n=$3 limit=120 status=0 start end pid op want
	local log=$OUT/$BENCH_SHORT-$hv-$kind-$n.log extra=() args="rounds=$ROUNDS scale=$SCALE"
	if [ "$kind" = icount ]; then
		extra=(-icount 'shift=0,sleep=off')
		limit=300
	fi
	rm -f "$log"
	start=$(date +%s.%N)
	if [ "$hv" = ringvisor ]; then
		timeout "$limit" "${BENCH_QEMU[@]}" "${extra[@]}" \
			-device 'isa-debug-exit,iobase=0xf4,iosize=4' -kernel "$BUILD/hypervisor.elf" \
			-append "debug-exit=0xf4 dom0_mem=64M" -initrd "$(bench_modules "$KERNEL" "$args")" \
			-serial "file:$log" >"$log.qemu" 2>&1 || status=$?
		# Exit status 1: debug-exit code 0, every domain shut down cleanly.
		[ "$status" -eq 1 ] || status="QEMU status $status"
	else
		# Xen halts the machine when dom0 powers off: wait for that, then
		# stop QEMU.  A crashed dom0 makes Xen reboot, and QEMU exits.
		timeout "$limit" "${BENCH_QEMU[@]}" "${extra[@]}" -kernel "$XEN" \
			-append "$BENCH_XEN_CMDLINE" -initrd "$KERNEL $args" \
			-serial "file:$log" >"$log.qemu" 2>&1 &
		pid=$!
		while kill -0 "$pid" 2>/dev/null &&
			! grep -aq 'Hardware Dom0 halted' "$log" 2>/dev/null; do
			sleep 0.5
		done
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		grep -aq 'Hardware Dom0 halted' "$log" || status="no dom0 halt before QEMU ended"
	fi
	end=$(date +%s.%N)
	sed -i 's/\r$//' "$log"
	if [ "$status" != 1 ] && [ "$status" != 0 ] || ! grep -aq '^Test result: SUCCESS$' "$log"; then
		echo "bench: $BENCH_SHORT $hv $kind boot $n failed ($status); see $log" >&2
		grep -a '^FAIL' "$log" >&2 || true
		exit 1
	fi
	for op in $BENCH_ROWS; do
		want=$ROUNDS
		[ "$hv" = ringvisor ] || case " $BENCH_XEN_SKIP " in *" $op "*) want=0 ;; esac
		if [ "$(grep -ac "^bench $op " "$log")" -ne "$want" ]; then
			echo "bench: $BENCH_SHORT $hv $kind boot $n: not $want samples of $op; see $log" >&2
			exit 1
		fi
	done
	awk -v s="$start" -v e="$end" -v what="$BENCH_SHORT $hv $kind" -v n="$n" \
		'BEGIN { printf "bench: %s boot %d done in %.1f s\n", what, n, e - s }'
}

# bench_stats: the results of the logs of this kernel, tab-separated lines:
#   meta HV KIND BOOTS MHZ_LO MHZ_HI
#   op OP HV KIND MEDIAN MIN MAX SAMPLES BOOT_MEDIANS RATIO_TO_REF...
#   vs OP KIND RATIO                 (Ringvisor/Xen)
# TCG figures in ns, icount figures in instructions; -1 when missing.
bench_stats() {
	local hv kind n logs=()
	for hv in ringvisor xen; do
		for kind in tcg icount; do
			n=1
			while [ -e "$OUT/$BENCH_SHORT-$hv-$kind-$n.log" ]; do
				logs+=("hv=$hv" "kind=$kind" "$OUT/$BENCH_SHORT-$hv-$kind-$n.log")
				n=$((n + 1))
			done
		done
	done
	awk -v refs="$BENCH_REFS" '
# Portable (mawk) helpers: sort a[1..n] in place; the median of a[1..n].
function sortn(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
}
function median(a, n) {
	if (n == 0)
		return -1
	sortn(a, n)
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
BEGIN { nrefs = split(refs, ref, " ") }
FNR == 1 { file++; cfg[file] = hv SUBSEP kind; boots[hv, kind]++; bootno[file] = boots[hv, kind] }
/^Time: TSC [0-9.]+ MHz/ || /^\(XEN\) Detected [0-9.]+ MHz processor/ { mhz[file] = $3 }
$1 == "bench" && NF == 3 {
	if (!($2 in seen)) { seen[$2] = 1; ops[++nops] = $2 }
	r = ++count[file, $2]
	if (r > rounds[file]) rounds[file] = r
	val[file, $2, r] = $3
}
# stats HV KIND OP: prints its "op" line; keeps the per-boot medians in bm[HV, KIND, OP, i].
function stats(h, k, op,    f, r, n, v, all, b, nb, line, i, rr, nr, list) {
	n = 0
	list = ""
	for (f = 1; f <= file; f++) {
		if (cfg[f] != h SUBSEP k)
			continue
		nb = 0
		for (r = 1; r <= rounds[f]; r++) {
			if (!((f, op, r) in val))
				continue
			v = val[f, op, r]
			if (k == "tcg")
				v = v * 1000 / mhz[f]
			all[++n] = v
			b[++nb] = v
		}
		if (nb) {
			bm[h, k, op, bootno[f]] = median(b, nb)
			list = list (list == "" ? "" : ",") sprintf("%.2f", bm[h, k, op, bootno[f]])
		}
	}
	if (n == 0)
		return
	line = sprintf("op\t%s\t%s\t%s\t%.4f\t%.4f\t%.4f\t%d\t%s", op, h, k, median(all, n), all[1],
		       all[n], n, list)
	for (i = 1; i <= nrefs; i++) {
		nr = 0
		for (f = 1; f <= file; f++)
			for (r = 1; r <= rounds[f]; r++)
				if (cfg[f] == h SUBSEP k && (f, op, r) in val && val[f, ref[i], r] > 0)
					rr[++nr] = val[f, op, r] / val[f, ref[i], r]
		line = line sprintf("\t%.6f", median(rr, nr))
	}
	print line
}
END {
	for (c in boots) {
		split(c, hk, SUBSEP)
		lo = hi = ""
		for (f = 1; f <= file; f++) {
			if (cfg[f] != c || !(f in mhz))
				continue
			if (lo == "" || mhz[f] < lo) lo = mhz[f]
			if (hi == "" || mhz[f] > hi) hi = mhz[f]
		}
		printf "meta\t%s\t%s\t%d\t%s\t%s\n", hk[1], hk[2], boots[c], lo, hi
	}
	for (i = 1; i <= nops; i++) {
		for (k = 1; k <= 2; k++) {
			kind = k == 1 ? "tcg" : "icount"
			stats("ringvisor", kind, ops[i])
			stats("xen", kind, ops[i])
			n = 0
			for (b = 1; ((("ringvisor", kind, ops[i], b) in bm) && (("xen", kind, ops[i], b) in bm)); b++)
				q[++n] = bm["ringvisor", kind, ops[i], b] / bm["xen", kind, ops[i], b]
			if (n)
				printf "vs\t%s\t%s\t%.6f\n", ops[i], kind, median(q, n)
		}
	}
}' "${logs[@]}"
}

# Lookups in $results: bench_op OP HV KIND FIELD (5 median, 6 min, 7 max,
# 8 samples, 9 per-boot medians, 10... ratios to the references);
# bench_vs OP KIND; bench_meta HV KIND FIELD (4 boots, 5 MHz low, 6 high).
bench_op() {
	printf '%s\n' "$results" | awk -F'\t' -v op="$1" -v h="$2" -v k="$3" -v n="$4" \
		'$1 == "op" && $2 == op && $3 == h && $4 == k { print $n }'
}
bench_vs() {
	printf '%s\n' "$results" | awk -F'\t' -v op="$1" -v k="$2" '$1 == "vs" && $2 == op && $3 == k { print $4 }'
}
bench_meta() {
	printf '%s\n' "$results" | awk -F'\t' -v h="$1" -v k="$2" -v n="$3" \
		'$1 == "meta" && $2 == h && $3 == k { print $n }'
}

# bench_num V: a time or count to 3-4 significant digits ("–" if missing);
# bench_ratio V likewise as a ratio.
bench_num() {
	awk -v v="${1:--1}" 'BEGIN {
		if (v < 0) print "–"; else if (v >= 100) printf "%.0f\n", v
		else if (v >= 10) printf "%.1f\n", v; else printf "%.2f\n", v }'
}
bench_ratio() {
	awk -v v="${1:--1}" 'BEGIN {
		if (v < 0) print "–"; else if (v >= 10) printf "%.1fx\n", v
		else if (v >= 0.01) printf "%.2fx\n", v; else printf "%.4fx\n", v }'
}

# bench_mhz HV: the TSC frequency range of its TCG boots.
bench_mhz() {
	local lo hi
	lo=$(bench_meta "$1" tcg 5) hi=$(bench_meta "$1" tcg 6)
	if [ "$lo" = "$hi" ]; then echo "$lo"; else echo "$lo..$hi"; fi
}

# bench_table: the table as text on stdout; sets md_rows (Markdown rows)
# and md_head (its two header lines).
bench_table() {
	local op ref cells i refcols="" refcols_md="" xen_md="" t=()
	for ref in $BENCH_REFS; do
		refcols="$refcols $(printf '%9s' "x $ref" | cut -c1-9)"
		refcols_md="$refcols_md | $(bench_ref_label "$ref")"
	done
	[ "$XEN" = none ] ||
		xen_md=" | Xen TCG ns/$BENCH_UNIT | Xen instructions/$BENCH_UNIT | Ringvisor/Xen, TCG | Ringvisor/Xen, instructions"
	md_head="| operation | TCG ns/$BENCH_UNIT | min..max$refcols_md | instructions/$BENCH_UNIT (icount)$refcols_md$xen_md |"
	# One left-aligned column (the operation), the rest right-aligned.
	md_head="$md_head
| --- |$(printf '%s' "$md_head" | awk -F' [|] ' '{ for (i = 2; i <= NF; i++) printf " ---: |" }')"
	printf '\n%s (medians; TCG boots: %s, icount boots: %s, rounds per boot: %s)\n' "$BENCH_TITLE" \
		"$(bench_meta ringvisor tcg 4)" "$(bench_meta ringvisor icount 4)" "$ROUNDS"
	printf '%-40s %9s %17s%s | %9s%s' operation ns "ns min..max" "$refcols" insns "$refcols"
	[ "$XEN" = none ] || printf ' | %9s %9s %8s %8s' "Xen ns" "Xen insns" "ns/Xen" "ins/Xen"
	printf '\n'
	md_rows=""
	for op in $BENCH_ROWS; do
		[ -n "$(bench_op "$op" ringvisor tcg 2)" ] || continue
		t=("$(bench_label "$op")" "$(bench_num "$(bench_op "$op" ringvisor tcg 5)")"
			"$(bench_num "$(bench_op "$op" ringvisor tcg 6)")..$(bench_num "$(bench_op "$op" ringvisor tcg 7)")")
		i=10
		for ref in $BENCH_REFS; do
			t+=("$(bench_ratio "$(bench_op "$op" ringvisor tcg $i)")")
			i=$((i + 1))
		done
		t+=("$(bench_num "$(bench_op "$op" ringvisor icount 5)")")
		i=10
		for ref in $BENCH_REFS; do
			t+=("$(bench_ratio "$(bench_op "$op" ringvisor icount $i)")")
			i=$((i + 1))
		done
		[ "$XEN" = none ] || t+=("$(bench_num "$(bench_op "$op" xen tcg 5)")"
			"$(bench_num "$(bench_op "$op" xen icount 5)")"
			"$(bench_ratio "$(bench_vs "$op" tcg)")" "$(bench_ratio "$(bench_vs "$op" icount)")")
		cells=$(printf ' | %s' "${t[@]}")
		md_rows="$md_rows|${cells# |} |
"
		printf '%-40s %9s %17s' "${t[0]}" "${t[1]}" "${t[2]}"
		i=3
		for ref in $BENCH_REFS; do printf ' %9s' "${t[$i]}"; i=$((i + 1)); done
		printf ' | %9s' "${t[$i]}"
		i=$((i + 1))
		for ref in $BENCH_REFS; do printf ' %9s' "${t[$i]}"; i=$((i + 1)); done
		[ "$XEN" = none ] || printf ' | %9s %9s %8s %8s' "${t[$i]}" "${t[$((i + 1))]}" \
			"${t[$((i + 2))]}" "${t[$((i + 3))]}"
		printf '\n'
	done
	printf '(ns: host nanoseconds under TCG, TSC %s MHz; insns: guest instructions per %s, -icount shift=0)\n' \
		"$(bench_mhz ringvisor)" "$BENCH_UNIT"
}

# bench_json_cfg OP HV KIND: one configuration's figures as a JSON object.
bench_json_cfg() {
	local u=ns ref i=10
	[ "$3" = tcg ] || u=insns
	[ -n "$(bench_op "$1" "$2" "$3" 2)" ] || { printf 'null'; return; }
	printf '{"median_%s": %s, "min_%s": %s, "max_%s": %s, "samples": %s, "boot_medians_%s": [%s]' \
		$u "$(bench_op "$1" "$2" "$3" 5)" $u "$(bench_op "$1" "$2" "$3" 6)" \
		$u "$(bench_op "$1" "$2" "$3" 7)" "$(bench_op "$1" "$2" "$3" 8)" \
		$u "$(bench_op "$1" "$2" "$3" 9)"
	for ref in $BENCH_REFS; do
		printf ', "ratio_to_%s": %s' "$ref" "$(bench_op "$1" "$2" "$3" $i)"
		i=$((i + 1))
	done
	printf '}'
}

# bench_json FILE: the results for history.
bench_json() {
	local op sep="" hv
	{
		printf '{\n  "benchmark": "%s",\n  "date": "%s",\n  "commit": "%s",\n' \
			"$BENCH_JSON_NAME" "$date_now" "$commit"
		printf '  "qemu": "%s",\n  "host_cpu": "%s",\n  "host_cpus": %s,\n' \
			"$qemu_version" "$cpu" "$ncpu"
		printf '  "reference": "%s",\n' "$xen_version"
		printf '  "tsc_mhz": "%s",\n  "tcg_boots": %s,\n  "icount_boots": %s,\n' \
			"$(bench_mhz ringvisor)" "$(bench_meta ringvisor tcg 4)" "$(bench_meta ringvisor icount 4)"
		printf '  "rounds_per_boot": %s,\n  "scale": %s,\n  "other_qemu_processes_at_start": %s,\n' \
			"$ROUNDS" "$SCALE" "$others"
		printf '  "units": {"tcg": "host ns per %s", "icount": "guest instructions per %s"},\n' \
			"$BENCH_UNIT" "$BENCH_UNIT"
		printf '  "operations": [\n'
		for op in $BENCH_ROWS; do
			[ -n "$(bench_op "$op" ringvisor tcg 2)" ] || continue
			printf '%s    {"name": "%s", "label": "%s",\n' "$sep" "$op" "$(bench_label "$op")"
			for hv in ringvisor xen; do
				printf '     "%s": {"tcg": %s, "icount": %s},\n' "$hv" \
					"$(bench_json_cfg "$op" $hv tcg)" "$(bench_json_cfg "$op" $hv icount)"
			done
			printf '     "ringvisor_over_xen": {"tcg": %s, "icount": %s}}' \
				"$(bench_vs "$op" tcg | grep . || echo null)" "$(bench_vs "$op" icount | grep . || echo null)"
			sep=$',\n'
		done
		printf '\n  ]\n}\n'
	} > "$1"
	echo "bench: wrote $1"
}

# bench_doc: replaces the kernel's generated block of DOC (or appends it
# under a heading).
bench_doc() {
	local begin="<!-- $BENCH_SHORT-bench results: generated by scripts/bench.sh (make bench) -->"
	local end="<!-- end of $BENCH_SHORT-bench results -->" block
	block=$(mktemp)
	{
		echo "$begin"
		echo
		echo "Measured $date_now at commit $commit; $qemu_version;"
		echo "host CPU: $cpu ($ncpu CPUs), TSC $(bench_mhz ringvisor) MHz as calibrated by the hypervisor."
		echo "$(bench_meta ringvisor tcg 4) TCG boots and $(bench_meta ringvisor icount 4) icount boots, alternated; $ROUNDS rounds per boot."
		[ "$XEN" = none ] || echo "Reference: $xen_version, the same kernel as its dom0, $(bench_meta xen tcg 4) TCG and $(bench_meta xen icount 4) icount boots interleaved with Ringvisor's."
		[ "$others" -eq 0 ] || echo "$others other QEMU process(es) were running when the run started."
		echo
		echo "$md_head"
		printf '%s' "$md_rows"
		echo
		echo "$end"
	} > "$block"
	mkdir -p "$(dirname "$DOC")"
	if [ -f "$DOC" ] && grep -qF -- "$begin" "$DOC" && grep -qF -- "$end" "$DOC"; then
		awk -v b="$begin" -v e="$end" -v blockfile="$block" '
			$0 == b { while ((getline l < blockfile) > 0) print l; skip = 1; next }
			$0 == e { skip = 0; next }
			!skip' "$DOC" > "$block.new"
		mv "$block.new" "$DOC"
	else
		[ -f "$DOC" ] || printf '# Ringvisor benchmarks\n' > "$DOC"
		printf '\n## %s\n\n' "$BENCH_TITLE" >> "$DOC"
		cat "$block" >> "$DOC"
	fi
	rm -f "$block"
	echo "bench: updated $DOC"
}

# bench_run_kernel NAME: the whole benchmark of tests/bench/guests/NAME,
# whose bench.sh defines BENCH_SHORT (file names), BENCH_JSON_NAME,
# BENCH_TITLE, BENCH_UNIT (what one operation is), BENCH_ROWS (the
# operations, in table order), BENCH_REFS (operations to give ratios to),
# BENCH_XEN_SKIP (operations the kernel cannot measure under Xen),
# bench_label OP, bench_ref_label REF and bench_modules KERNEL ARGS (the
# -initrd list for Ringvisor).
bench_run_kernel() {
	local i results md_rows md_head
	KERNEL=$BUILD/bench/$1.elf
	BENCH_XEN_SKIP=""
	# shellcheck disable=SC1090
	. "tests/bench/guests/$1/bench.sh"
	[ -f "$KERNEL" ] || { echo "bench: $KERNEL missing (run make bench)" >&2; exit 1; }
	rm -f "$OUT/$BENCH_SHORT"-*.log "$OUT/$BENCH_SHORT"-*.log.qemu
	i=1
	while [ $i -le "$TCG_BOOTS" ] || [ $i -le "$ICOUNT_BOOTS" ]; do
		if [ $i -le "$TCG_BOOTS" ]; then
			bench_boot ringvisor tcg $i
			[ "$XEN" = none ] || bench_boot xen tcg $i
		fi
		if [ $i -le "$ICOUNT_BOOTS" ]; then
			bench_boot ringvisor icount $i
			[ "$XEN" = none ] || bench_boot xen icount $i
		fi
		i=$((i + 1))
	done
	results=$(bench_stats)
	bench_table
	bench_json "$OUT/$BENCH_SHORT.json"
	[ "$DOC" = none ] || bench_doc
}
