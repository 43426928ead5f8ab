# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/rootfs.sh - the full Debian 12 arm64 image (RLK_ROOTFS=debian)
# in which the lab builds natively, as the book does: debootstrap's first
# stage on the host, the second in the busybox guest, one image per
# kernel ABI in the cache.
#
# The knobs this file sets for a run are read by the other files:
# shellcheck disable=SC2034

# The image: what the lab builds with, sparse (about 1 GB used).
ROOTFS_SUITE=bookworm
ROOTFS_SIZE=4G
ROOTFS_PACKAGES=(build-essential kmod procps systemd-sysv)
DEFAULT_ROOTFS_TIMEOUT=1800
# The kernel headers .debs the image installs (fetch_guest_debs).
ROOTFS_DEBS=()

# use_rootfs: boot the cached Debian image, its changes thrown away at
# power-off unless RLK_PERSIST=1 (QEMU's lock keeps a writer alone).
use_rootfs() {
	DISK_IMAGE=$(rootfs_image)
	[[ -f $DISK_IMAGE ]] ||
		die "RLK_ROOTFS=debian: no image $DISK_IMAGE; make it with '$PROG build_rootfs' (root, 5 to 9 minutes)"
	DISK_OPTS=snapshot=on
	[[ $RLK_PERSIST == 1 ]] && DISK_OPTS=snapshot=off
	[[ -z $RLK_KERNEL ]] ||
		echo "$PROG: note: the Debian image holds the modules and headers of $(readlink "$RLK_CACHE/kernel/current-$ARCH") only" >&2
	return 0
}

# rootfs_image: the Debian image for the current guest kernel; it holds
# that kernel's modules and headers, so each kernel ABI has its own.
rootfs_image() {
	select_kernel
	[[ -n $KVER ]] || return 1
	echo "$RLK_CACHE/rootfs/debian-$ROOTFS_SUITE-arm64-$KVER.ext4"
}

# fetch_guest_debs ABI: the .debs that give the Debian guest its kernel
# headers, in ROOTFS_DEBS: the arm64 and common headers setup fetched, and
# linux-kbuild for arm64 (setup's is the host's, for cross builds).
fetch_guest_debs() {
	local abi=$1 headers version kbuild

	headers=("$RLK_CACHE/debs/linux-headers-${abi}_"*_arm64.deb)
	[[ -f ${headers[-1]} ]] || die "no linux-headers-$abi .deb in $RLK_CACHE/debs: run '$PROG setup'"
	version=$(dpkg-deb -f "${headers[-1]}" Version)
	kbuild=$RLK_CACHE/debs/linux-kbuild-${abi%%.0-*}_${version}_arm64.deb
	if [[ ! -f $kbuild ]]; then
		step "downloading linux-kbuild-${abi%%.0-*}:arm64 ($version) for the guest"
		apt_download "linux-kbuild-${abi%%.0-*}:arm64=$version" ||
			die "cannot download linux-kbuild-${abi%%.0-*}:arm64=$version: run 'apt-get update' and '$PROG setup' (the kernel may have moved)"
	fi
	ROOTFS_DEBS=("${headers[-1]}"
		"$RLK_CACHE/debs/linux-headers-${abi%-arm64}-common_${version}_all.deb"
		"$kbuild")
}

# rootfs_include: debootstrap's --include list: ROOTFS_PACKAGES and what
# the headers .debs need, so the second stage installs them offline.
rootfs_include() {
	local deb

	{
		printf '%s\n' "${ROOTFS_PACKAGES[@]}"
		for deb in "${ROOTFS_DEBS[@]}"; do
			dpkg-deb -f "$deb" Depends | tr ',' '\n'
		done
	} | sed 's/|.*//; s/(.*//; s/:.*//; s/[[:space:]]//g' |
		grep -v -e '^$' -e '^linux-' | sort -u | paste -sd, -
}

# rootfs_populate DIR ABI: what the second stage needs offline: its script,
# the headers .debs, and the guest kernel's modules (for modprobe; the
# headers package adds the build link).
rootfs_populate() {
	local dir=$1 abi=$2

	install -D -m 0755 "$TOP/guest/debian-setup" "$dir/var/lib/rlk-setup/setup"
	mkdir -p "$dir/var/lib/rlk-setup/debs" "$dir/lib/modules"
	cp "${ROOTFS_DEBS[@]}" "$dir/var/lib/rlk-setup/debs/"
	cp -a "$RLK_CACHE/kernel/$abi/root/lib/modules/$abi" "$dir/lib/modules/"
	rm -f "$dir/lib/modules/$abi/build"
}

# rootfs_stage2_cmd: what the busybox guest runs for the second stage:
# mount the image, run guest/debian-setup chrooted into it, unmount (the
# guest powers off without syncing).
rootfs_stage2_cmd() {
	cat <<'EOF'
for mod in virtio_blk crc32c_generic ext4; do modprobe "$mod"; done
tries=0
while [ ! -b /dev/vda ] && [ "$tries" -lt 50 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
mkdir -p /target
mount -t ext4 /dev/vda /target || exit 1
chroot /target /bin/sh /var/lib/rlk-setup/setup
rc=$?
for dir in $(awk '$2 ~ "^/target/" { print $2 }' /proc/mounts | sort -r); do
	umount "$dir"
done
umount /target || rc=1
exit "$rc"
EOF
}

# cmd_build_rootfs [--force]: the full Debian image, built once per guest
# kernel: debootstrap's first stage on the host, the second in the guest.
# Work happens in a temporary folder beside the image, renamed into place
# only on success; debootstrap's downloads stay cached for a retry.
cmd_build_rootfs() {
	local force=$RLK_REBUILD image abi work rc=0

	case ${1:-} in
	--force) force=1 ;;
	"") ;;
	*) die_usage "build_rootfs: unknown option '$1' (only --force)" ;;
	esac
	[[ $ARCH == arm64 ]] || die_usage "build_rootfs: the full Debian image is arm64 only"
	check_knobs
	make_run_dir
	# The second stage boots Debian's kernel and the busybox initramfs.
	RLK_KERNEL='' RLK_MODULES='' RLK_ROOTFS=busybox
	setup_done || cmd_setup
	image=$(rootfs_image)
	if [[ -f $image && $force == 0 ]]; then
		step "the Debian image is cached: $image ('$PROG build_rootfs --force' rebuilds it)"
		return 0
	fi
	[[ $(id -u) == 0 ]] || die "build_rootfs needs root (debootstrap): run it with sudo"
	if ! command -v debootstrap >/dev/null || ! command -v mkfs.ext4 >/dev/null; then
		setup_host
	fi
	need_cmd debootstrap debootstrap
	need_cmd mkfs.ext4 e2fsprogs
	mkdir -p "$RLK_CACHE/rootfs"
	exec 7>"$RLK_CACHE/rootfs/.lock"
	flock 7
	# Under the lock no other build runs: what is left was aborted.
	rm -rf "$RLK_CACHE"/rootfs/build.*
	# The machine is shared: the whole build, QEMU included, yields.
	renice -n 10 -p $$ >/dev/null
	abi=$KVER
	cache_lock
	fetch_guest_debs "$abi"
	cache_unlock
	# Built here, where set -e holds (it is off inside `cmd_exec || die`).
	cmd_build
	work=$(mktemp -d "$RLK_CACHE/rootfs/build.XXXXXX")
	WORK_PATHS+=("$work")

	step "1/4 debootstrap --foreign: Debian $ROOTFS_SUITE arm64 on the host"
	mkdir -p "$RLK_CACHE/rootfs/debootstrap-debs"
	debootstrap --foreign --arch=arm64 --variant=minbase \
		--cache-dir="$RLK_CACHE/rootfs/debootstrap-debs" \
		--include="$(rootfs_include)" "$ROOTFS_SUITE" "$work/root" "$RLK_MIRROR"
	step "2/4 adding the kernel modules and headers of $abi"
	rootfs_populate "$work/root" "$abi"
	step "3/4 mkfs.ext4 -d: a $ROOTFS_SIZE sparse image"
	truncate -s "$ROOTFS_SIZE" "$work/image.ext4"
	mkfs.ext4 -q -F -L rlk-debian -d "$work/root" "$work/image.ext4"
	rm -rf "$work/root"
	step "4/4 second stage in the ARM64 guest (4 to 8 minutes under emulation)"
	DISK_IMAGE=$work/image.ext4
	DISK_OPTS=cache=unsafe
	RLK_TIMEOUT=${RLK_TIMEOUT:-$DEFAULT_ROOTFS_TIMEOUT}
	cmd_exec "$(rootfs_stage2_cmd)" ||
		die "build_rootfs: the second stage failed; nothing was kept (run it again: downloads are cached)"
	e2fsck -f -p "$work/image.ext4" >/dev/null || rc=$?
	[[ $rc -le 1 ]] ||
		die "build_rootfs: e2fsck finds errors in the new image ($rc); nothing was kept"
	mv "$work/image.ext4" "$image"
	exec 7>&-
	step "Debian image ready after ${SECONDS}s: $image ($(du -h "$image" | cut -f1) used)"
}

