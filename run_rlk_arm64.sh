#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run_rlk_arm64.sh - the OOM lab's ARM64 guest under QEMU, built from
# Debian packages only: the kernel from linux-image-arm64:arm64, the
# userland from busybox-static:arm64. The project folder is shared at /mnt.
# A second flavour boots a full Debian 12 arm64 image (build_rootfs, then
# RLK_ROOTFS=debian) in which the lab builds natively, as the book does.
#
# QEMU options are comma lists by design:
# shellcheck disable=SC2054

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROG=${0##*/}

RLK_CACHE=${RLK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rlk-oom-lab}
RLK_MEM=${RLK_MEM:-1024M}
RLK_SMP=${RLK_SMP:-2}
RLK_KERNEL=${RLK_KERNEL:-}
RLK_MODULES=${RLK_MODULES:-}
RLK_APPEND=${RLK_APPEND:-}
RLK_TIMEOUT=${RLK_TIMEOUT:-}
RLK_NET=${RLK_NET:-off}
RLK_FWD=${RLK_FWD:-}
RLK_DMESG=${RLK_DMESG:-}
RLK_GDB_PORT=${RLK_GDB_PORT:-1234}
RLK_ROOTFS=${RLK_ROOTFS:-busybox}
RLK_PERSIST=${RLK_PERSIST:-0}
RLK_SYSTEMD=${RLK_SYSTEMD:-0}
RLK_REBUILD=${RLK_REBUILD:-0}
RLK_MIRROR=${RLK_MIRROR:-http://deb.debian.org/debian}

DEFAULT_EXEC_TIMEOUT=120
CROSS_COMPILE=aarch64-linux-gnu-
BUILD=$TOP/build/arm64
KERNEL_DIR=$RLK_CACHE/kernel
ROOTFS_DIR=$RLK_CACHE/rootfs
# The full Debian image: what the lab builds with, sparse (about 1 GB used).
ROOTFS_SUITE=bookworm
ROOTFS_SIZE=4G
ROOTFS_PACKAGES=(build-essential kmod procps systemd-sysv)
DEFAULT_ROOTFS_TIMEOUT=1800
# What the host needs: the emulator, the cross toolchain, the tools that
# unpack Debian's kernel, and what the tests and checks run.
HOST_PACKAGES=(qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	kmod cpio make gcc libc6-dev perl file util-linux shellcheck cppcheck
	clang libclang-rt-14-dev stress-ng debootstrap e2fsprogs)

RUN_DIR=
QEMU_PID=
# Boot from a disk image: the file, and whether writes are thrown away.
DISK_IMAGE=
DISK_OPTS=snapshot=on
# Partial outputs removed on every exit (the unfinished image).
WORK_PATHS=()
# The kernel headers .debs the Debian image installs (fetch_guest_debs).
ROOTFS_DEBS=()

usage() {
	cat <<EOF
Usage: $PROG COMMAND [-- CMD...]

Boots the OOM lab's ARM64 guest (Debian arm64 kernel, busybox userland,
or a full Debian 12 image) under QEMU, with this project folder shared
at /mnt.

Commands:
  setup          install host packages (root) and fetch the Debian arm64
                 kernel, its headers and busybox into the cache
  build          cross-build oom, oom-analyze and alloc-oom.ko for arm64
                 and pack the initramfs (only what changed)
  run            boot to a root shell on this console; leave with
                 'poweroff' in the guest or Ctrl-A X
  exec -- CMD... boot, run CMD with sh in /mnt, power off, exit with
                 CMD's status (arguments are joined with spaces, as ssh does)
  debug          like run, stopped at the first instruction with QEMU's gdb
                 stub on 127.0.0.1:\$RLK_GDB_PORT
  build_rootfs [--force]
                 make the full Debian 12 arm64 image (RLK_ROOTFS=debian):
                 debootstrap on the host, second stage in the guest (root,
                 network to the mirror, 5 to 9 minutes on 2 cores);
                 kept in the cache and rebuilt only with --force or
                 RLK_REBUILD=1, or for a new guest kernel
  rootfs-path    print where that image is (or will be) for this kernel
  -h, --help     this text

run and exec do setup and build themselves when something is missing.
With RLK_ROOTFS=debian they boot the Debian image instead of busybox:
gcc, make, kmod and the headers of the guest kernel, so the lab's own
'make' works in /mnt/oom_user_app and /mnt/oom_kernel_driver; root logs
in without a password and 'poweroff' leaves.

Environment:
  RLK_CACHE     downloads and the unpacked kernel
                (default \${XDG_CACHE_HOME:-\$HOME/.cache}/rlk-oom-lab; now $RLK_CACHE)
  RLK_MEM       guest memory (default 1024M, as in the original lab)
  RLK_SMP       guest CPUs (default 2: on a 2-core host, 4 boots slower
                and fills memory no faster; see README)
  RLK_KERNEL    your own arm64 Image instead of Debian's
  RLK_MODULES   with RLK_KERNEL: its lib/modules/VERSION folder (omit if
                virtio-mmio and 9p are built in)
  RLK_APPEND    extra kernel command line
  RLK_TIMEOUT   seconds before the guest is killed (exec default 120,
                build_rootfs 1800; run and debug have none unless set)
  RLK_NET       off (default) or user: user-mode networking, guest 10.0.2.15
  RLK_FWD       with RLK_NET=user: host:guest TCP port pairs, e.g.
                "2222:22,8080:80", bound to 127.0.0.1 only
  RLK_DMESG     exec: save the guest's kernel log of the run to this file
  RLK_GDB_PORT  debug: gdb stub port (default 1234)
  RLK_ROOTFS    busybox (default: initramfs only, boots in about 2 s) or
                debian (the build_rootfs image; about 0.6 s more)
  RLK_PERSIST   with debian: 1 keeps the guest's changes to the image;
                default 0 discards them (snapshot), so a panic cannot
                corrupt it
  RLK_SYSTEMD   with debian, run and debug: 1 boots systemd (slow);
                default 0 starts a shell at once
  RLK_REBUILD   build_rootfs: 1 rebuilds the image even if cached
  RLK_MIRROR    build_rootfs: Debian mirror (default $RLK_MIRROR)

Exit status of exec: CMD's own status; 124 the guest was killed at
RLK_TIMEOUT; 125 the guest kernel panicked; 126 the guest stopped before
CMD finished without a panic; 2 usage or configuration error; 1 set-up
or build failure.
EOF
}

# die MSG: one line on stderr, exit 1.
die() {
	echo "$PROG: $*" >&2
	exit 1
}

# die_usage MSG: a configuration or usage error, exit 2.
die_usage() {
	echo "$PROG: $*" >&2
	exit 2
}

# step MSG: progress for long work.
step() {
	echo "==> $*" >&2
}

# need_cmd CMD PACKAGE: a one-line error naming the package to install.
need_cmd() {
	command -v "$1" >/dev/null 2>&1 ||
		die "$1 not found: install the $2 package (or run '$PROG setup' as root)"
}

# check_knobs: reject malformed environment settings before any work.
check_knobs() {
	[[ $RLK_MEM =~ ^[1-9][0-9]*[MG]?$ ]] ||
		die_usage "RLK_MEM: '$RLK_MEM' is not a size like 1024M or 2G"
	[[ $RLK_SMP =~ ^[1-9][0-9]*$ ]] ||
		die_usage "RLK_SMP: '$RLK_SMP' is not a CPU count"
	[[ -z $RLK_TIMEOUT || $RLK_TIMEOUT =~ ^[1-9][0-9]*$ ]] ||
		die_usage "RLK_TIMEOUT: '$RLK_TIMEOUT' is not a number of seconds"
	[[ $RLK_NET == off || $RLK_NET == user ]] ||
		die_usage "RLK_NET: '$RLK_NET' is not 'off' or 'user'"
	[[ -z $RLK_FWD || $RLK_FWD =~ ^[0-9]+:[0-9]+(,[0-9]+:[0-9]+)*$ ]] ||
		die_usage "RLK_FWD: '$RLK_FWD' is not a list like 2222:22,8080:80"
	[[ $RLK_GDB_PORT =~ ^[1-9][0-9]*$ ]] ||
		die_usage "RLK_GDB_PORT: '$RLK_GDB_PORT' is not a port"
	[[ $RLK_ROOTFS == busybox || $RLK_ROOTFS == debian ]] ||
		die_usage "RLK_ROOTFS: '$RLK_ROOTFS' is not 'busybox' or 'debian'"
	[[ $RLK_PERSIST == [01] && $RLK_SYSTEMD == [01] && $RLK_REBUILD == [01] ]] ||
		die_usage "RLK_PERSIST, RLK_SYSTEMD and RLK_REBUILD take 0 or 1"
	if [[ -n $RLK_KERNEL && ! -f $RLK_KERNEL ]]; then
		die_usage "RLK_KERNEL: no such file: $RLK_KERNEL"
	fi
	if [[ -n $RLK_MODULES && ! -d $RLK_MODULES ]]; then
		die_usage "RLK_MODULES: no such folder: $RLK_MODULES"
	fi
	return 0
}

# missing_packages: the HOST_PACKAGES not installed, one per line.
missing_packages() {
	local pkg

	for pkg in "${HOST_PACKAGES[@]}"; do
		dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null |
			grep -qx installed || echo "$pkg"
	done
}

# setup_host: the arm64 dpkg architecture and the host packages.
setup_host() {
	local missing need_arch=0

	need_cmd dpkg-query dpkg
	dpkg --print-foreign-architectures | grep -qx arm64 || need_arch=1
	mapfile -t missing < <(missing_packages)
	[[ $need_arch == 0 && ${#missing[@]} == 0 ]] && return 0

	if [[ $(id -u) != 0 ]]; then
		echo "$PROG: setup needs root for these commands; run them, then '$PROG setup' again:" >&2
		[[ $need_arch == 1 ]] && echo "  sudo dpkg --add-architecture arm64" >&2
		echo "  sudo apt-get update" >&2
		[[ ${#missing[@]} != 0 ]] &&
			echo "  sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	if [[ $need_arch == 1 ]]; then
		step "adding the arm64 dpkg architecture"
		dpkg --add-architecture arm64
	fi
	step "apt-get update"
	apt-get update -q
	if [[ ${#missing[@]} != 0 ]]; then
		step "installing ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${missing[@]}"
	fi
}

# resolve_abi: the kernel ABI the linux-image-arm64 metapackage points at
# today (it moves with security updates), e.g. 6.1.0-56-arm64.
resolve_abi() {
	apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^:]*-arm64\).*/\1/p' |
		head -n 1
}

# apt_download PKG...: fetch .deb files into the cache, with apt's progress.
apt_download() {
	mkdir -p "$RLK_CACHE/debs"
	(cd "$RLK_CACHE/debs" &&
		apt-get download -o APT::Sandbox::User=root "$@")
}

# fetch_kernel ABI: image, headers and kbuild unpacked under the cache,
# with the headers' absolute include path pointed at the unpacked copy.
fetch_kernel() {
	local abi=$1 dir=$KERNEL_DIR/$1 version series hdr

	if [[ ! -f $dir/.complete ]]; then
		version=$(apt-cache show "linux-image-$abi:arm64" |
			sed -n 's/^Version: //p' | head -n 1)
		[[ -n $version ]] || die "no version for linux-image-$abi:arm64"
		series=${abi%%.0-*}
		step "downloading Debian arm64 kernel $abi ($version) and its headers"
		apt_download "linux-image-$abi:arm64=$version" \
			"linux-headers-$abi:arm64=$version" \
			"linux-headers-${abi%-arm64}-common=$version" \
			"linux-kbuild-$series=$version"
		step "unpacking into $dir"
		rm -rf "$dir"
		mkdir -p "$dir/root"
		local deb
		for deb in "linux-image-$abi" "linux-headers-$abi" \
			"linux-headers-${abi%-arm64}-common" "linux-kbuild-$series"; do
			dpkg-deb -x "$RLK_CACHE/debs/${deb}_${version}"_*.deb "$dir/root"
		done
		hdr=$dir/root/usr/src/linux-headers-$abi
		sed -i "s|/usr/src/|$dir/root/usr/src/|" "$hdr/Makefile"
		depmod -b "$dir/root" "$abi"
		touch "$dir/.complete"
	fi
	ln -sfn "$abi" "$KERNEL_DIR/current"
	ln -sfn "current/root/usr/src/linux-headers-$abi" "$KERNEL_DIR/kdir"
}

# fetch_busybox: the static arm64 busybox, the guest's whole userland.
fetch_busybox() {
	local tmp debs

	[[ -x $RLK_CACHE/busybox ]] && return 0
	step "downloading busybox-static:arm64"
	apt_download busybox-static:arm64
	debs=("$RLK_CACHE"/debs/busybox-static_*_arm64.deb)
	tmp=$(mktemp -d)
	dpkg-deb -x "${debs[-1]}" "$tmp"
	mv "$tmp/bin/busybox" "$RLK_CACHE/busybox"
	rm -rf "$tmp"
}

# cmd_setup: everything the guest needs, idempotent, offline once cached.
cmd_setup() {
	local abi

	setup_host
	mkdir -p "$KERNEL_DIR"
	exec 9>"$RLK_CACHE/.lock"
	flock 9
	abi=$(resolve_abi)
	if [[ -z $abi ]]; then
		[[ -e $KERNEL_DIR/current ]] ||
			die "cannot resolve linux-image-arm64:arm64: run 'apt-get update' (Ubuntu: see README, Troubleshooting)"
		echo "$PROG: linux-image-arm64 not in apt's lists; using the cached kernel" >&2
	else
		fetch_kernel "$abi"
	fi
	fetch_busybox
	exec 9>&-
	step "setup done: kernel $(readlink "$KERNEL_DIR/current") in $RLK_CACHE"
}

# guest_kernel: the Image to boot.
guest_kernel() {
	if [[ -n $RLK_KERNEL ]]; then
		echo "$RLK_KERNEL"
	else
		echo "$KERNEL_DIR/current/root/boot/vmlinuz-$(readlink "$KERNEL_DIR/current")"
	fi
}

# guest_modules: the lib/modules/VERSION folder for the initramfs, if any.
guest_modules() {
	if [[ -n $RLK_KERNEL ]]; then
		echo "$RLK_MODULES"
	else
		local abi

		abi=$(readlink "$KERNEL_DIR/current")
		echo "$KERNEL_DIR/current/root/lib/modules/$abi"
	fi
}

# setup_done: true when the cache holds what a boot needs.
setup_done() {
	[[ -x $RLK_CACHE/busybox && -f $(guest_kernel) ]] &&
		command -v qemu-system-aarch64 >/dev/null &&
		command -v ${CROSS_COMPILE}gcc >/dev/null
}

# build_programs: the arm64 builds, through each component's Makefile.
# The stressor and the module are built in place, where the lab runs them
# in the guest; the analyzer goes into the initramfs. The Debian guest
# (RLK_ROOTFS=debian) builds the first two itself, as in the lab.
build_programs() {
	local kdir

	kdir=$(readlink -f "$KERNEL_DIR/kdir")
	make -s -C "$TOP/oom_log_analyzer" CC=${CROSS_COMPILE}gcc \
		O="$BUILD/oom_log_analyzer"
	[[ $RLK_ROOTFS == debian ]] && return 0
	make -s -C "$TOP/oom_user_app" CC=${CROSS_COMPILE}gcc
	if [[ -n $RLK_KERNEL ]]; then
		echo "$PROG: RLK_KERNEL set: build alloc-oom.ko against that kernel's headers yourself" >&2
	elif [[ ! -f $TOP/oom_kernel_driver/alloc-oom.ko ||
		-n $(find "$TOP/oom_kernel_driver" -maxdepth 1 \
			-newer "$TOP/oom_kernel_driver/alloc-oom.ko" \
			\( -name '*.[ch]' -o -name Kbuild -o -name Makefile \)) ]]; then
		step "building alloc-oom.ko against $kdir"
		make -s -C "$TOP/oom_kernel_driver" KDIR="$kdir" ARCH=arm64 \
			CROSS_COMPILE=$CROSS_COMPILE
	fi
}

# initramfs_stale FILE: true when FILE is older than anything packed in it.
initramfs_stale() {
	[[ ! -f $1 ]] && return 0
	[[ -n $(find "$TOP/guest" "$BUILD/oom_log_analyzer/oom-analyze" \
		"$RLK_CACHE/busybox" -newer "$1" 2>/dev/null) ]]
}

# pack_initramfs FILE: busybox, the guest's modules, the analyzer and
# the init scripts (guest/debian-* under /rlk, for the Debian image) in an
# uncompressed cpio (fastest to boot under TCG).
pack_initramfs() {
	local out=$1 moddir stage kver

	moddir=$(guest_modules)
	stage=$(mktemp -d "$BUILD/initramfs.XXXXXX")
	mkdir -p "$stage"/{bin,sbin,etc,proc,sys,dev,run,tmp,mnt,root,usr/bin}
	install -m 0755 "$RLK_CACHE/busybox" "$stage/bin/busybox"
	ln -s busybox "$stage/bin/sh"
	install -m 0755 "$TOP/guest/init" "$stage/init"
	install -m 0644 "$TOP/guest/inittab" "$stage/etc/inittab"
	install -m 0644 "$TOP/guest/profile" "$stage/etc/profile"
	install -D -m 0755 "$TOP/guest/debian-init" "$stage/rlk/init"
	install -D -m 0755 "$TOP/guest/debian-poweroff" "$stage/rlk/bin/poweroff"
	install -m 0755 "$BUILD/oom_log_analyzer/oom-analyze" "$stage/usr/bin/"
	if [[ -n $moddir ]]; then
		kver=${moddir%/}
		kver=${kver##*/}
		copy_modules "$moddir" "$stage/lib/modules/$kver" \
			virtio_mmio 9pnet_virtio 9p virtio_net \
			virtio_blk crc32c_generic ext4
	fi
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp"
	mv "$out.tmp" "$out"
	rm -rf "$stage"
}

# copy_modules SRC DST MOD...: MOD and what it depends on, plus depmod's
# index so busybox modprobe finds them in the guest.
copy_modules() {
	local src=$1 dst=$2 mod path dep kver
	shift 2

	kver=${dst##*/}
	mkdir -p "$dst"
	for mod in "$@"; do
		path=$(grep -E "(^|/)$mod\.ko(\.[gx]z|\.zst)?:" "$src/modules.dep" |
			head -n 1) || continue
		for dep in ${path//:/}; do
			mkdir -p "$dst/$(dirname "$dep")"
			cp "$src/$dep" "$dst/$dep"
		done
	done
	cp "$src"/modules.{order,builtin,builtin.modinfo} "$dst/" 2>/dev/null || true
	depmod -b "${dst%/lib/modules/*}" "$kver"
}

# cmd_build: everything the guest runs, rebuilding only what changed.
cmd_build() {
	local initramfs

	setup_done || cmd_setup
	need_cmd cpio cpio
	need_cmd depmod kmod
	mkdir -p "$BUILD"
	exec 8>"$BUILD/.lock"
	flock 8
	build_programs
	initramfs=$(initramfs_path)
	if initramfs_stale "$initramfs"; then
		step "packing $initramfs"
		pack_initramfs "$initramfs"
	fi
	exec 8>&-
}

# initramfs_path: one initramfs per guest kernel.
initramfs_path() {
	local kver=debian

	[[ -n $RLK_KERNEL ]] && kver=custom-$(basename "${RLK_MODULES:-builtin}")
	echo "$BUILD/initramfs-$kver.cpio"
}

# make_run_dir: a private folder for this run, removed on every exit.
make_run_dir() {
	[[ -n $RUN_DIR ]] && return 0
	RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rlk-run.XXXXXX")
	trap cleanup EXIT
	trap 'on_signal INT' INT
	trap 'on_signal TERM' TERM
	trap 'on_signal HUP' HUP
}

# cleanup: stop QEMU if it still runs and remove the run folder.
cleanup() {
	if [[ -n $QEMU_PID ]] && kill -0 "$QEMU_PID" 2>/dev/null; then
		kill -TERM "$QEMU_PID" 2>/dev/null || true
		wait "$QEMU_PID" 2>/dev/null || true
	fi
	[[ -n $RUN_DIR ]] && rm -rf "$RUN_DIR"
	[[ ${#WORK_PATHS[@]} == 0 ]] || rm -rf "${WORK_PATHS[@]}"
}

# on_signal SIG: Ctrl-C or a kill: clean up and exit 128+n.
on_signal() {
	local code=130

	[[ $1 == TERM ]] && code=143
	[[ $1 == HUP ]] && code=129
	echo "$PROG: interrupted; stopping the guest" >&2
	exit "$code"
}

# qemu_args MODE: the whole QEMU command line, in QEMU_ARGS.
qemu_args() {
	local mode=$1 append netdev pair

	append="console=ttyAMA0 panic=-1 quiet rlk.mode=$mode rlk.net=$RLK_NET"
	[[ $mode == debug ]] && append+=" nokaslr"
	[[ $RLK_ROOTFS == debian ]] && append+=" rlk.root=/dev/vda rlk.systemd=$RLK_SYSTEMD"
	[[ -n $RLK_APPEND ]] && append+=" $RLK_APPEND"
	QEMU_ARGS=(qemu-system-aarch64 -M virt -cpu cortex-a57
		-m "$RLK_MEM" -smp "$RLK_SMP" -nodefaults -no-reboot
		-display none
		-kernel "$(guest_kernel)" -initrd "$(initramfs_path)"
		-append "$append"
		-fsdev "local,id=share,path=$TOP,security_model=none,multidevs=remap"
		-device virtio-9p-device,fsdev=share,mount_tag=kmod_mount)
	if [[ $mode == exec ]]; then
		QEMU_ARGS+=(-fsdev "local,id=ctl,path=$RUN_DIR/ctl,security_model=none"
			-device virtio-9p-device,fsdev=ctl,mount_tag=rlk_ctl
			-chardev "stdio,id=con,signal=off,logfile=$RUN_DIR/console.log"
			-serial chardev:con -monitor none)
	else
		QEMU_ARGS+=(-chardev stdio,id=con,mux=on,signal=off
			-serial chardev:con -mon chardev=con,mode=readline)
	fi
	if [[ -n $DISK_IMAGE ]]; then
		QEMU_ARGS+=(-drive "file=$DISK_IMAGE,if=none,id=disk,format=raw,$DISK_OPTS"
			-device virtio-blk-device,drive=disk)
	fi
	if [[ $RLK_NET == user ]]; then
		netdev=user,id=net0
		for pair in ${RLK_FWD//,/ }; do
			netdev+=",hostfwd=tcp:127.0.0.1:${pair%%:*}-:${pair##*:}"
		done
		QEMU_ARGS+=(-netdev "$netdev" -device virtio-net-device,netdev=net0)
	fi
	[[ $mode == debug ]] && QEMU_ARGS+=(-S -gdb "tcp:127.0.0.1:$RLK_GDB_PORT")
	return 0
}

# prepare_boot: knobs checked, set-up and build done (cmd_build does the
# set-up when needed), run folder made.
prepare_boot() {
	check_knobs
	cmd_build
	need_cmd qemu-system-aarch64 qemu-system-arm
	[[ $RLK_ROOTFS == debian ]] && use_rootfs
	make_run_dir
}

# use_rootfs: boot the cached Debian image, its changes thrown away at
# power-off unless RLK_PERSIST=1 (QEMU's lock keeps a writer alone).
use_rootfs() {
	DISK_IMAGE=$(rootfs_image)
	[[ -f $DISK_IMAGE ]] ||
		die "RLK_ROOTFS=debian: no image $DISK_IMAGE; make it with '$PROG build_rootfs' (root, 5 to 9 minutes)"
	DISK_OPTS=snapshot=on
	[[ $RLK_PERSIST == 1 ]] && DISK_OPTS=snapshot=off
	[[ -z $RLK_KERNEL ]] ||
		echo "$PROG: note: the Debian image holds the modules and headers of $(readlink "$KERNEL_DIR/current") only" >&2
	return 0
}

# cmd_run MODE: the interactive guest on this terminal (run or debug).
cmd_run() {
	local mode=$1

	prepare_boot
	qemu_args "$mode"
	if [[ $mode == debug ]]; then
		cat >&2 <<EOF
$PROG: the guest is stopped at its first instruction. Attach with:
  gdb-multiarch -ex 'target remote 127.0.0.1:$RLK_GDB_PORT'
(symbols: vmlinux from linux-image-$(readlink "$KERNEL_DIR/current")-dbg:arm64;
 the kernel runs with nokaslr so its addresses match)
EOF
		command -v gdb-multiarch >/dev/null ||
			echo "$PROG: gdb-multiarch not found: install the gdb-multiarch package" >&2
	fi
	if [[ -n $RLK_TIMEOUT ]]; then
		timeout --foreground -k 5 "$RLK_TIMEOUT" "${QEMU_ARGS[@]}"
	else
		"${QEMU_ARGS[@]}"
	fi
}

# save_dmesg SRC: copy the run's kernel log to RLK_DMESG when asked.
save_dmesg() {
	[[ -n $RLK_DMESG ]] || return 0
	tr -d '\r' < "$1" > "$RLK_DMESG"
}

# cmd_exec CMD...: boot, run CMD in /mnt, power off, return its status.
cmd_exec() {
	local rc=0

	[[ $# -gt 0 ]] || die_usage "exec: no command given (usage: $PROG exec -- CMD...)"
	RLK_TIMEOUT=${RLK_TIMEOUT:-$DEFAULT_EXEC_TIMEOUT}
	prepare_boot
	mkdir "$RUN_DIR/ctl"
	# The guest's console is a tty: pass on that ours is not, or NO_COLOR.
	if [[ -n ${NO_COLOR:-} || ! -t 1 ]]; then
		echo "export NO_COLOR=1" > "$RUN_DIR/ctl/cmd"
	fi
	printf '%s\n' "$*" >> "$RUN_DIR/ctl/cmd"
	qemu_args exec
	timeout -k 5 "$RLK_TIMEOUT" "${QEMU_ARGS[@]}" < /dev/null &
	QEMU_PID=$!
	wait "$QEMU_PID" || rc=$?
	QEMU_PID=
	if [[ -f $RUN_DIR/ctl/status ]]; then
		save_dmesg "$RUN_DIR/ctl/dmesg"
		return "$(cat "$RUN_DIR/ctl/status")"
	fi
	save_dmesg "$RUN_DIR/console.log"
	if [[ $rc == 124 || $rc == 137 ]]; then
		echo "$PROG: the guest did not finish within ${RLK_TIMEOUT}s and was killed" >&2
		return 124
	fi
	if grep -q 'Kernel panic - not syncing' "$RUN_DIR/console.log"; then
		echo "$PROG: the guest kernel panicked:" >&2
		grep -A 3 'Kernel panic - not syncing' "$RUN_DIR/console.log" |
			tr -d '\r' | sed 's/^/  /' >&2
		return 125
	fi
	echo "$PROG: the guest stopped before the command finished (QEMU status $rc)" >&2
	return 126
}

# rootfs_image: the Debian image for the current guest kernel; it holds
# that kernel's modules and headers, so each kernel ABI has its own.
rootfs_image() {
	local abi

	abi=$(readlink "$KERNEL_DIR/current") || return 1
	echo "$ROOTFS_DIR/debian-$ROOTFS_SUITE-arm64-$abi.ext4"
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
	cp -a "$KERNEL_DIR/current/root/lib/modules/$abi" "$dir/lib/modules/"
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
	check_knobs
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
	mkdir -p "$ROOTFS_DIR"
	exec 7>"$ROOTFS_DIR/.lock"
	flock 7
	# The machine is shared: the whole build, QEMU included, yields.
	renice -n 10 -p $$ >/dev/null
	abi=$(readlink "$KERNEL_DIR/current")
	fetch_guest_debs "$abi"
	make_run_dir
	work=$(mktemp -d "$ROOTFS_DIR/build.XXXXXX")
	WORK_PATHS+=("$work")

	step "1/4 debootstrap --foreign: Debian $ROOTFS_SUITE arm64 on the host"
	mkdir -p "$ROOTFS_DIR/debootstrap-debs"
	debootstrap --foreign --arch=arm64 --variant=minbase \
		--cache-dir="$ROOTFS_DIR/debootstrap-debs" \
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

main() {
	local cmd=${1:-}

	[[ $# -gt 0 ]] && shift
	case "$cmd" in
	"" | -h | --help | help)
		usage
		;;
	setup)
		check_knobs
		cmd_setup
		;;
	build)
		check_knobs
		cmd_build
		;;
	run | debug)
		cmd_run "$cmd"
		;;
	exec)
		[[ ${1:-} == -- ]] && shift
		cmd_exec "$@"
		;;
	build_rootfs)
		cmd_build_rootfs "$@"
		;;
	rootfs-path)
		rootfs_image
		;;
	*)
		echo "$PROG: unknown command '$cmd'" >&2
		usage >&2
		exit 2
		;;
	esac
}

main "$@"
