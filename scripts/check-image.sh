#!/bin/sh
# Checks that the loadable part of the hypervisor ELF is laid out in the
# file exactly as in memory, as the multiboot1 a.out-kludge header promises
# QEMU's loader: each PT_LOAD's file offset and physical address advance
# together, and only the last one may have memory beyond its file data.
set -eu
n=0 bad=0 seen_bss=0 off0=0 pa0=0
readelf -lW "$1" | grep '^ *LOAD' > "$1.loads"
while read -r _ off _ pa fsz msz _; do
	if [ $n -eq 0 ]; then
		off0=$((off)) pa0=$((pa))
	elif [ $((off - off0)) -ne $((pa - pa0)) ]; then
		echo "check-image: segment at $pa is not at its file offset"; bad=1
	fi
	[ $seen_bss -eq 0 ] || { echo "check-image: a segment follows .bss"; bad=1; }
	[ $((fsz)) -eq $((msz)) ] || seen_bss=1
	n=$((n + 1))
done < "$1.loads"
rm -f "$1.loads"
[ $n -gt 0 ] || { echo "check-image: no PT_LOAD"; bad=1; }
exit $bad
