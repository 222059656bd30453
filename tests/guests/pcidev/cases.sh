# QEMU test cases for tests/guests/pcidev (sourced by guest-tests.sh).

# physdev_op's PCI device sub-ops (tests/guests/pcidev), as dom0 and domU.
test_guest_pcidev() {
	guest_case pcidev 1 "$GUEST_DIR/pcidev.elf,$GUEST_DIR/pcidev.elf domU=pci,,mem=16M" \
		"${D0}pcidev: host bridge unknown until reported; remove, add back$" \
		"${D0}pcidev: reported functions added and removed, errors as Xen$" \
		"${D0}pcidev: pci_mmcfg_reserved and dbgp_op as Xen without MMCFG or debug port$" \
		"${D0}Test result: SUCCESS$" \
		'^\(d1\) pcidev: domU refused as Xen$' \
		'^\(d1\) Test result: SUCCESS$'
}
guest_tests="$guest_tests guest_pcidev"
