# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/arch.sh - the one table of what differs between the guest
# architectures: Debian's names for the kernel and busybox, QEMU's machine,
# CPU and console, and the cross compiler. Adding an architecture means
# one more case here (see README, "Another architecture").
#
# QEMU options are comma lists by design (SC2054), and the values are
# read by the other files (SC2034):
# shellcheck disable=SC2034,SC2054

# arch_load ARCH: set the ARCH_* variables for arm64, arm32 or x86_64.
arch_load() {
	case $1 in
	arm64)
		ARCH_DEB=arm64			# dpkg architecture
		ARCH_FLAVOUR=arm64		# linux-image-<ABI>-<flavour>
		ARCH_UNAME=aarch64		# uname -m in the guest
		ARCH_KBUILD=arm64		# ARCH= for kbuild
		ARCH_CROSS=aarch64-linux-gnu-
		ARCH_CROSS_PKGS=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
		ARCH_QEMU=qemu-system-aarch64
		ARCH_QEMU_PKG=qemu-system-arm
		ARCH_MACHINE=(-M virt -cpu cortex-a57)
		ARCH_CONSOLE=ttyAMA0
		;;
	arm32)
		ARCH_DEB=armhf
		ARCH_FLAVOUR=armmp
		ARCH_UNAME=armv7l
		ARCH_KBUILD=arm
		ARCH_CROSS=arm-linux-gnueabihf-
		ARCH_CROSS_PKGS=(gcc-arm-linux-gnueabihf libc6-dev-armhf-cross)
		ARCH_QEMU=qemu-system-arm
		ARCH_QEMU_PKG=qemu-system-arm
		# A non-LPAE kernel with 1 GiB: the HighMem zone of the lab's
		# ARM32 face (a lowmem zone under min while HighMem has room).
		ARCH_MACHINE=(-M virt,highmem=off -cpu cortex-a15)
		ARCH_CONSOLE=ttyAMA0
		;;
	x86_64)
		ARCH_DEB=amd64
		ARCH_FLAVOUR=amd64
		ARCH_UNAME=x86_64
		ARCH_KBUILD=x86
		ARCH_CROSS=x86_64-linux-gnu-
		ARCH_CROSS_PKGS=(gcc libc6-dev)
		ARCH_QEMU=qemu-system-x86_64
		ARCH_QEMU_PKG=qemu-system-x86
		# Filled in by x86_machine (qemu.sh) once KVM has been probed.
		ARCH_MACHINE=()
		ARCH_CONSOLE=ttyS0
		;;
	*)
		return 1
		;;
	esac
	ARCH=$1
	# virtio transport: virtio-mmio ("device") unless the machine needs
	# PCI; extra kernel command line for the machine.
	ARCH_VIRTIO=device
	ARCH_APPEND=
}
