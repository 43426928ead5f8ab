# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/host.sh - the host side of set-up: Debian packages through
# apt-get, the guest kernel and busybox downloaded into the cache, and
# the cache lock every writer takes first. Needs arch.sh loaded.

# Tools the host needs whatever the architecture: the ones that unpack
# Debian's kernel and pack the initramfs, what tests and checks run, and
# what build_rootfs needs.
HOST_PACKAGES=(kmod cpio make gcc libc6-dev perl file util-linux xz-utils
	zstd shellcheck cppcheck clang libclang-rt-14-dev stress-ng debootstrap
	e2fsprogs jq gnuplot-nox rsync gettext mandoc man-db groff-base)

# cache_lock: hold the cache's lock (fd 9) until cache_unlock; every
# download, apt-get call and unpack happens under it.
cache_lock() {
	mkdir -p "$RLK_CACHE"
	exec 9>"$RLK_CACHE/.lock"
	flock 9
}

# cache_unlock: let the next writer in.
cache_unlock() {
	exec 9>&-
}

# missing_packages PKG...: those of PKG not installed, one per line.
missing_packages() {
	local pkg

	for pkg in "$@"; do
		dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null |
			grep -qx installed || echo "$pkg"
	done
}

# apt_update: refresh apt's lists. A mirror caught mid-sync fails one
# index; the others are still usable, so warn and go on.
apt_update() {
	step "apt-get update"
	apt-get update -q >"$RUN_TMP/apt-update.log" 2>&1 && return 0
	sleep 5
	apt-get update -q >"$RUN_TMP/apt-update.log" 2>&1 && return 0
	echo "$PROG: warning: apt-get update reported errors; going on with the lists it has:" >&2
	grep '^[EW]:' "$RUN_TMP/apt-update.log" | sed 's/^/  /' >&2
}

# setup_host: the guest's dpkg architecture and the host packages, once.
setup_host() {
	local missing need_arch=0

	need_cmd dpkg-query dpkg
	if [[ $ARCH_DEB != "$(dpkg --print-architecture)" ]]; then
		dpkg --print-foreign-architectures | grep -qx "$ARCH_DEB" ||
			need_arch=1
	fi
	mapfile -t missing < <(missing_packages "${HOST_PACKAGES[@]}" \
		"$ARCH_QEMU_PKG" "${ARCH_CROSS_PKGS[@]}")
	[[ $need_arch == 0 && ${#missing[@]} == 0 ]] && return 0

	if [[ $(id -u) != 0 ]]; then
		echo "$PROG: setup needs root for these commands; run them, then '$PROG setup' again:" >&2
		[[ $need_arch == 1 ]] && echo "  sudo dpkg --add-architecture $ARCH_DEB" >&2
		echo "  sudo apt-get update" >&2
		[[ ${#missing[@]} != 0 ]] &&
			echo "  sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	if [[ $need_arch == 1 ]]; then
		step "adding the $ARCH_DEB dpkg architecture"
		dpkg --add-architecture "$ARCH_DEB"
	fi
	apt_update
	if [[ ${#missing[@]} != 0 ]]; then
		step "installing ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${missing[@]}"
	fi
}

# resolve_abi: the kernel ABI to boot: RLK_KERNEL_ABI, or the one this
# architecture's metapackage points at today (it moves with security
# updates, and differs between architectures), e.g. 6.1.0-57-arm64.
resolve_abi() {
	if [[ -n $RLK_KERNEL_ABI ]]; then
		echo "$RLK_KERNEL_ABI-$ARCH_FLAVOUR"
		return
	fi
	apt-cache depends "linux-image-$ARCH_FLAVOUR:$ARCH_DEB" 2>/dev/null |
		sed -n "s/^ *Depends: linux-image-\([0-9][^:]*-$ARCH_FLAVOUR\)\(:.*\)\?\$/\1/p" |
		head -n 1
}

# apt_download PKG...: fetch .deb files into the cache, with apt's progress.
apt_download() {
	mkdir -p "$RLK_CACHE/debs"
	(cd "$RLK_CACHE/debs" &&
		apt-get download -o APT::Sandbox::User=root "$@")
}

# kernel_debs ABI VERSION: the packages of one guest kernel, as PKG=VER:
# image, headers, common headers, and linux-kbuild for the host (cross
# builds). Debian keeps older kernels' images but only the newest
# linux-kbuild of a series: an older ABI gets that one (its tools build
# modules for any kernel of the series).
kernel_debs() {
	local abi=$1 version=$2 kbuild=linux-kbuild-${1%%.0-*} kversion

	echo "linux-image-$abi:$ARCH_DEB=$version"
	echo "linux-headers-$abi:$ARCH_DEB=$version"
	echo "linux-headers-${abi%-"$ARCH_FLAVOUR"}-common=$version"
	kversion=$version
	if ! apt-cache madison "$kbuild" | grep -q "| *$version *|"; then
		kversion=$(apt-cache madison "$kbuild" | awk -F' *[|] *' 'NR == 1 { print $2 }')
		echo "$PROG: note: $kbuild $version is gone from the archive; using $kversion" >&2
	fi
	echo "$kbuild=$kversion"
}

# fetch_kernel ABI: image, headers and kbuild unpacked in the cache, with
# the headers' absolute include path pointed at the unpacked copy and
# depmod's index made.
fetch_kernel() {
	local abi=$1 dir=$RLK_CACHE/kernel/$1 version pkg deb pkgs

	[[ -f $dir/.complete ]] && return 0
	version=$(apt-cache show "linux-image-$abi:$ARCH_DEB" 2>/dev/null |
		sed -n 's/^Version: //p' | head -n 1)
	[[ -n $version ]] ||
		die "no linux-image-$abi:$ARCH_DEB in apt's lists: run 'apt-get update' (or check RLK_KERNEL_ABI)"
	step "downloading Debian $ARCH_DEB kernel $abi ($version) and its headers"
	mapfile -t pkgs < <(kernel_debs "$abi" "$version")
	apt_download "${pkgs[@]}"
	step "unpacking into $dir"
	rm -rf "$dir"
	mkdir -p "$dir/root"
	for pkg in "${pkgs[@]}"; do
		deb=("$RLK_CACHE/debs/${pkg%%[:=]*}_${pkg##*=}"_*.deb)
		dpkg-deb -x "${deb[0]}" "$dir/root"
	done
	sed -i "s|/usr/src/|$dir/root/usr/src/|" \
		"$dir/root/usr/src/linux-headers-$abi/Makefile"
	depmod -b "$dir/root" "$abi"
	[[ $ARCH == x86_64 ]] && unpack_vmlinux "$dir/root/boot/vmlinuz-$abi" "$dir/vmlinux"
	touch "$dir/.complete"
}

# unpack_vmlinux BZIMAGE OUT: the ELF kernel inside a bzImage, which
# QEMU boots through PVH on -M microvm, without firmware (twice as fast
# under TCG as the bzImage through SeaBIOS). The boot protocol's header
# says where the compressed payload is: setup_sects at 0x1f1,
# payload_offset and payload_length at 0x248 and 0x24c.
unpack_vmlinux() {
	local sects offset length

	sects=$(od -An -tu1 -j $((0x1f1)) -N 1 "$1" | tr -d ' ')
	[[ $sects == 0 ]] && sects=4
	offset=$(od -An -tu4 -j $((0x248)) -N 4 "$1" | tr -d ' ')
	length=$(od -An -tu4 -j $((0x24c)) -N 4 "$1" | tr -d ' ')
	# The payload's last 4 bytes (its size) make xz complain: the ELF
	# check below is what counts.
	tail -c +$(((sects + 1) * 512 + offset + 1)) "$1" | head -c "$length" |
		xz -dcq > "$2.tmp" 2>/dev/null || true
	[[ $(od -An -tx1 -N 4 "$2.tmp" | tr -d ' ') == 7f454c46 ]] || {
		rm -f "$2.tmp"
		die "$1: its payload is not an xz-packed ELF kernel"
	}
	mv "$2.tmp" "$2"
}

# fetch_busybox: this architecture's static busybox, the guest's userland.
fetch_busybox() {
	local debs

	[[ -x $RLK_CACHE/busybox-$ARCH_DEB ]] && return 0
	step "downloading busybox-static:$ARCH_DEB"
	apt_download "busybox-static:$ARCH_DEB"
	debs=("$RLK_CACHE"/debs/busybox-static_*_"$ARCH_DEB".deb)
	mkdir "$RUN_TMP/busybox"
	dpkg-deb -x "${debs[-1]}" "$RUN_TMP/busybox"
	mv "$RUN_TMP/busybox/bin/busybox" "$RLK_CACHE/busybox-$ARCH_DEB"
}

# cmd_setup: everything this architecture's guest needs, idempotent and
# offline once cached. The kernel to boot is recorded in current-ARCH.
cmd_setup() {
	local abi

	cache_lock
	setup_host
	abi=$(resolve_abi)
	if [[ -n $RLK_KERNEL_ABI ]]; then
		fetch_kernel "$abi"
	elif [[ -z $abi ]]; then
		[[ -e $RLK_CACHE/kernel/current-$ARCH ]] ||
			die "cannot resolve linux-image-$ARCH_FLAVOUR:$ARCH_DEB: run 'apt-get update' (Ubuntu: see README, Troubleshooting)"
		echo "$PROG: linux-image-$ARCH_FLAVOUR not in apt's lists; using the cached kernel" >&2
	else
		fetch_kernel "$abi"
		ln -sfn "$abi" "$RLK_CACHE/kernel/current-$ARCH"
	fi
	fetch_busybox
	cache_unlock
	select_kernel
	step "setup done: $ARCH kernel $KVER in $RLK_CACHE"
}
