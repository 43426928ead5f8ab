# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/build.sh - what the guest runs, built on the host for one
# architecture and one kernel, never in the source folders:
#
#   build/ARCH/user/      oom, oom-analyze, oom-timeline, the scenarios'
#                         helpers and rlk-init (static, per arch)
#   build/ARCH/KVER/      alloc-oom.ko, the initramfs, and share/: the
#                         folder the guest lays over /mnt, so that
#                         /mnt/oom_user_app/oom and
#                         /mnt/oom_kernel_driver/alloc-oom.ko are this
#                         guest's own builds whatever the checkout holds
#
# Each output's folder names its architecture and kernel, so an ABI bump
# or another architecture gets its own builds and nothing is ever reused
# across them; share/BUILD-ID says which, and the guest checks it.

# The modules the initramfs carries: transports and file systems for the
# shares, the control port, the NIC and the Debian image's disk, and zram
# for swap experiments. Missing ones (built in) are skipped.
INITRAMFS_MODULES=(virtio_mmio virtio_pci 9pnet_virtio 9p overlay
	virtio_console virtio_net virtio_blk crc32c_generic ext4 zram zsmalloc)

# host_tool COMPONENT PROG: PROG built for this host, where make all
# puts it (build/host/COMPONENT), echoed: what the host runs on the
# guest's output (oom-analyze, oom-timeline).
host_tool() {
	make -s -C "$TOP/$1" O="$TOP/build/host/$1" >&2 ||
		die "$2: the host build failed"
	echo "$TOP/build/host/$1/$2"
}

# select_kernel: the guest kernel this run boots: KVER, its release
# (uname -r), or custom-NAME for RLK_KERNEL, which names the folder of
# everything built for it (KVER_DIR, build/ARCH/KVER); KERNEL_IMAGE, the
# file QEMU boots; KERNEL_MODULES, its lib/modules/VERSION folder (if
# any); KERNEL_HEADERS, the tree modules are built against (if any).
# Worked out once: a warm exec has half a second in all.
select_kernel() {
	local root

	KERNEL_HEADERS=
	if [[ -n $RLK_KERNEL ]]; then
		KVER=custom-$(basename "${RLK_MODULES:-builtin}")
		KERNEL_IMAGE=$RLK_KERNEL
		KERNEL_MODULES=$RLK_MODULES
	else
		if [[ -n $RLK_KERNEL_ABI ]]; then
			KVER=$RLK_KERNEL_ABI-$ARCH_FLAVOUR
		else
			KVER=$(readlink "$RLK_CACHE/kernel/current-$ARCH" || true)
		fi
		root=$RLK_CACHE/kernel/$KVER/root
		KERNEL_IMAGE=$root/boot/vmlinuz-$KVER
		[[ $ARCH == x86_64 ]] && KERNEL_IMAGE=$RLK_CACHE/kernel/$KVER/vmlinux
		KERNEL_MODULES=$root/lib/modules/$KVER
		KERNEL_HEADERS=$root/usr/src/linux-headers-$KVER
	fi
	KVER_DIR=$TOP/build/$ARCH/$KVER
}

# setup_done: true when the cache holds what a boot needs.
setup_done() {
	select_kernel
	[[ -x $RLK_CACHE/busybox-$ARCH_DEB && -n $KVER && -f $KERNEL_IMAGE ]] &&
		command -v "$ARCH_QEMU" >/dev/null &&
		command -v "${ARCH_CROSS}gcc" >/dev/null
}

# GUEST_LOCALEDIR: where oom, oom-analyze and oom-timeline find their
# translations in the guest: the build share's locale/ (fill_share).
GUEST_LOCALEDIR=/run/rlk/build/locale

# build_user: the static programs, through each component's Makefile,
# into build/ARCH/user (the Makefiles rebuild when the compiler changes).
build_user() {
	local out=$TOP/build/$ARCH/user cc=${ARCH_CROSS}gcc

	# Explicit checks: callers may run this where set -e is off.
	make -s -C "$TOP/oom_user_app" CC="$cc" O="$out/oom_user_app" \
		LOCALEDIR="$GUEST_LOCALEDIR" ||
		die "oom: the $ARCH build failed"
	make -s -C "$TOP/oom_log_analyzer" CC="$cc" LDFLAGS=-static \
		LOCALEDIR="$GUEST_LOCALEDIR" O="$out/oom_log_analyzer" ||
		die "oom-analyze: the $ARCH build failed"
	make -s -C "$TOP/oom_timeline" CC="$cc" O="$out/oom_timeline" \
		LOCALEDIR="$GUEST_LOCALEDIR" ||
		die "oom-timeline: the $ARCH build failed"
	make -s -C "$TOP/oom_scenarios/helpers" CC="$cc" O="$out/oom_scenarios" ||
		die "the scenarios' helpers: the $ARCH build failed"
	make -s -C "$TOP/guest" CC="$cc" O="$out/guest" ||
		die "rlk-init: the $ARCH build failed"
}

# build_module: alloc-oom.ko for the guest kernel, in build/ARCH/KVER from
# a copy of the sources (kbuild builds where M= points). The result must
# carry the guest kernel's vermagic.
build_module() {
	local kdir=$KERNEL_HEADERS out=$KVER_DIR/oom_kernel_driver

	if [[ -z $kdir ]]; then
		echo "$PROG: RLK_KERNEL set: no alloc-oom.ko for it in the guest (build it against that kernel's headers yourself)" >&2
		return 0
	fi
	mkdir -p "$out"
	copy_if_changed "$TOP/oom_kernel_driver/alloc_oom.c" "$out/alloc_oom.c"
	copy_if_changed "$TOP/oom_kernel_driver/Kbuild" "$out/Kbuild"
	# kbuild takes half a second to find nothing to do: ask it only when
	# the copies changed (each kernel has its own folder).
	[[ $out/alloc-oom.ko -nt $out/alloc_oom.c && $out/alloc-oom.ko -nt $out/Kbuild ]] &&
		return 0
	make -s -C "$kdir" M="$out" ARCH="$ARCH_KBUILD" \
		CROSS_COMPILE="$ARCH_CROSS" modules 2>&1 |
		{ grep -v 'Skipping BTF generation' || true; } >&2
	[[ ${PIPESTATUS[0]} == 0 ]] || die "alloc-oom.ko: the build against $kdir failed"
	[[ $(modinfo -F vermagic "$out/alloc-oom.ko") == "$KVER "* ]] ||
		die "alloc-oom.ko: built, but not for $KVER"
}

# copy_if_changed SRC DST: copy SRC to DST only when they differ, so that
# make's and kbuild's timestamps stay meaningful.
copy_if_changed() {
	cmp -s "$1" "$2" || cp "$1" "$2"
}

# fill_share: build/ARCH/KVER/share, the guest's build share: lab/ holds
# exactly the lab's binaries built for this guest (one that could not be
# built is absent, and the guest hides the checkout's copy), bin/ the
# analyzer, the timeline recorder and the scenarios' helpers (on the
# guest's PATH), locale/ their translations, BUILD-ID the machine and
# kernel they are for.
fill_share() {
	local share user=$TOP/build/$ARCH/user module mo dst

	share=$KVER_DIR/share
	module=$KVER_DIR/oom_kernel_driver/alloc-oom.ko
	mkdir -p "$share/lab/oom_user_app" "$share/lab/oom_kernel_driver" \
		"$share/bin"
	copy_if_changed "$user/oom_user_app/oom" "$share/lab/oom_user_app/oom"
	copy_if_changed "$user/oom_log_analyzer/oom-analyze" "$share/bin/oom-analyze"
	copy_if_changed "$user/oom_timeline/oom-timeline" "$share/bin/oom-timeline"
	for helper in rlk-hog rlk-mbind rlk-psi; do
		copy_if_changed "$user/oom_scenarios/$helper" "$share/bin/$helper"
	done
	for mo in "$user"/oom_{user_app,log_analyzer,timeline}/locale/*/LC_MESSAGES/*.mo; do
		dst=$share/${mo#"$user"/*/}
		mkdir -p "${dst%/*}"
		copy_if_changed "$mo" "$dst"
	done
	if [[ -f $module ]]; then
		copy_if_changed "$module" "$share/lab/oom_kernel_driver/alloc-oom.ko"
	else
		rm -f "$share/lab/oom_kernel_driver/alloc-oom.ko"
	fi
	echo "$ARCH_UNAME $KVER" > "$share/BUILD-ID.tmp"
	mv "$share/BUILD-ID.tmp" "$share/BUILD-ID"
}

# initramfs_manifest: every input of the initramfs with its size and
# time: the kernel's modules, busybox, the guest scripts, rlk-init, and
# this file, which packs them.
initramfs_manifest() {
	local moddir=$KERNEL_MODULES

	echo "arch $ARCH kver $KVER modules ${INITRAMFS_MODULES[*]}"
	{
		[[ -n $moddir ]] && echo "$moddir/modules.dep"
		echo "$RLK_CACHE/busybox-$ARCH_DEB"
		echo "$TOP/build/$ARCH/user/guest/rlk-init"
		echo "$C_UTF8_MESSAGES"
		echo "$TOP/scripts/lib/build.sh"
		find "$TOP/guest" -maxdepth 1 -type f ! -name '*.[ch]' ! -name Makefile
	} | LC_ALL=C sort | xargs stat -L -c '%n %s %Y'
}

# C_UTF8_MESSAGES: the message category of glibc's C.UTF-8 locale (48
# bytes, the same for every little-endian guest): the guest's only
# locale, in which gettext translates (common/i18n.c).
C_UTF8_MESSAGES=/usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES

# pack_initramfs FILE: rlk-init as /init, busybox, the Debian guest's
# scripts, C.UTF-8's messages and the guest kernel's modules
# (decompressed: the guest loads them faster) in an uncompressed cpio
# (fastest to boot under emulation).
pack_initramfs() {
	local out=$1 moddir=$KERNEL_MODULES stage kver

	stage=$RUN_TMP/initramfs
	mkdir -p "$stage"/{bin,sbin,etc,proc,sys,dev,run,tmp,mnt,root,usr/bin,rlk/bin}
	install -m 0755 "$RLK_CACHE/busybox-$ARCH_DEB" "$stage/bin/busybox"
	ln -s busybox "$stage/bin/sh"
	install -m 0755 "$TOP/build/$ARCH/user/guest/rlk-init" "$stage/init"
	install -m 0644 "$TOP/guest/inittab" "$stage/etc/inittab"
	install -m 0644 "$TOP/guest/profile" "$stage/etc/profile"
	install -m 0755 "$TOP/guest/debian-init" "$stage/rlk/debian-init"
	install -m 0755 "$TOP/guest/debian-poweroff" "$stage/rlk/bin/poweroff"
	install -D -m 0644 "$C_UTF8_MESSAGES" "$stage$C_UTF8_MESSAGES"
	sed -i "s/ttyAMA0/$ARCH_CONSOLE/" "$stage/etc/inittab"
	if [[ -n $moddir ]]; then
		kver=${moddir%/}
		kver=${kver##*/}
		copy_modules "$moddir" "$stage/lib/modules/$kver" "${INITRAMFS_MODULES[@]}"
	fi
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp"
	mv "$out.tmp" "$out"
	rm -rf "$stage"
}

# copy_modules SRC DST MOD...: MOD and what it depends on, decompressed,
# plus depmod's index so busybox modprobe finds them in the guest.
copy_modules() {
	local src=$1 dst=$2 mod path dep kver
	shift 2

	kver=${dst##*/}
	mkdir -p "$dst"
	for mod in "$@"; do
		# A module's file may spell its name's '_' as '-'.
		path=$(grep -E "(^|/)${mod//_/[_-]}\.ko(\.[gx]z|\.zst)?:" "$src/modules.dep" |
			head -n 1) || continue
		for dep in ${path//:/}; do
			mkdir -p "$dst/$(dirname "$dep")"
			case $dep in
			*.xz) xz -dc "$src/$dep" > "$dst/${dep%.xz}" ;;
			*.gz) gzip -dc "$src/$dep" > "$dst/${dep%.gz}" ;;
			*.zst) zstd -qdc "$src/$dep" > "$dst/${dep%.zst}" ;;
			*) cp "$src/$dep" "$dst/$dep" ;;
			esac
		done
	done
	cp "$src"/modules.{order,builtin,builtin.modinfo} "$dst/" 2>/dev/null || true
	sed -i 's/\.ko\.\(xz\|gz\|zst\)$/.ko/' "$dst/modules.order" 2>/dev/null || true
	depmod -b "${dst%/lib/modules/*}" "$kver"
}

# build_fresh: true when nothing the guest's builds come from (sources,
# these scripts, busybox, the kernel) changed since the last build for
# this kernel: a find instead of four makes, as a warm exec has half a
# second in all.
build_fresh() {
	local stamp=$KVER_DIR/.built

	[[ -f $stamp && -f $KVER_DIR/initramfs.cpio && -f $KVER_DIR/share/BUILD-ID ]] ||
		return 1
	[[ -z $(find "$TOP/oom_user_app" "$TOP/oom_log_analyzer/src" \
		"$TOP/oom_log_analyzer/Makefile" "$TOP/oom_log_analyzer/po" \
		"$TOP/oom_kernel_driver" "$TOP/guest" \
		"$TOP/oom_timeline" "$TOP/oom_scenarios/helpers" "$TOP/common" \
		"$TOP/scripts" "$RLK_CACHE/busybox-$ARCH_DEB" "$KERNEL_IMAGE" \
		-newer "$stamp" -print -quit 2>/dev/null) ]]
}

# cmd_build: everything this guest runs, rebuilding only what changed,
# under a per-architecture lock (two runs may build at once).
cmd_build() {
	local dir manifest

	setup_done || cmd_setup
	build_fresh && return 0
	need_cmd cpio cpio
	need_cmd depmod kmod
	mkdir -p "$TOP/build/$ARCH"
	exec 8>"$TOP/build/$ARCH/.lock"
	flock 8
	touch "$RUN_TMP/build-start"
	build_user
	build_module
	fill_share
	dir=$KVER_DIR
	manifest=$(initramfs_manifest)
	if [[ ! -f $dir/initramfs.cpio || $manifest != "$(cat "$dir/initramfs.manifest" 2>/dev/null)" ]]; then
		step "packing $dir/initramfs.cpio"
		pack_initramfs "$dir/initramfs.cpio"
		printf '%s\n' "$manifest" > "$dir/initramfs.manifest"
	fi
	# Sources changed while this build ran make the next run look again.
	touch -r "$RUN_TMP/build-start" "$dir/.built"
	exec 8>&-
}
