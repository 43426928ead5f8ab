# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# scripts/lib/qemu.sh - one guest from launch to power-off: the QEMU
# command line, a cold boot or a restore from a saved guest, and the host
# half of the control port (guest/lib.sh holds the guest half).
#
# A run's folder (RUN_DIR) holds QEMU's pipes: ctl.in/ctl.out for the
# control port, mon.in/mon.out for the monitor, and the console's log.
#
# QEMU options are comma lists by design (SC2054); QEMU_RC is read by
# scripts/rlk (SC2034):
# shellcheck disable=SC2054,SC2034

# Snapshots kept per architecture; the oldest beyond this are removed.
SNAPSHOTS_KEPT=4
# Seconds a cold boot may take to say "ready" (wait_ready).
READY_TIMEOUT=60
# What QEMU says when a saved guest does not fit it.
RESTORE_FAILED='load of migration failed\|savevm section\|error while loading state'
# Our ends of QEMU's pipes (file descriptors), while open.
CTL_IN='' CTL_OUT='' MON_IN='' MON_OUT=''
# The control port's last whole line, and what came of the next one
# (port_line).
PORT_LINE='' PORT_PART=''
# boot_guest's results: QEMU's exit status, and whether the guest was
# restored.
QEMU_RC=0
WARM=0

# qemu_args MODE: the whole QEMU command line, in QEMU_ARGS.
qemu_args() {
	local mode=$1 append netdev pair node size

	append="console=$ARCH_CONSOLE panic=-1 quiet rlk.net=$RLK_NET rlk.bus=$ARCH_VIRTIO"
	[[ -n $ARCH_APPEND ]] && append+=" $ARCH_APPEND"
	[[ $mode == debug ]] && append+=" nokaslr"
	[[ $RLK_ROOTFS == debian ]] && append+=" rlk.root=/dev/vda rlk.systemd=$RLK_SYSTEMD"
	[[ -n $RLK_APPEND ]] && append+=" $RLK_APPEND"
	QEMU_ARGS=("$ARCH_QEMU" "${ARCH_MACHINE[@]}" -smp "$RLK_SMP"
		-nodefaults -no-reboot -display none
		-kernel "$KERNEL_IMAGE" -initrd "$KVER_DIR/initramfs.cpio"
		-append "$append"
		-fsdev "local,id=share,path=$TOP,security_model=none,multidevs=remap"
		-device "virtio-9p-$ARCH_VIRTIO,fsdev=share,mount_tag=kmod_mount"
		-fsdev "local,id=build,path=$KVER_DIR/share,security_model=none,readonly=on"
		-device "virtio-9p-$ARCH_VIRTIO,fsdev=build,mount_tag=rlk_build"
		-device "virtio-serial-$ARCH_VIRTIO"
		-chardev "pipe,id=ctl,path=$RUN_DIR/ctl"
		-device virtserialport,chardev=ctl,name=rlk.ctl
		-chardev "pipe,id=mon,path=$RUN_DIR/mon" -mon chardev=mon,mode=readline)
	if ((RLK_NUMA > 1)); then
		size=$(($(mem_mib) / RLK_NUMA))
		QEMU_ARGS+=(-m "$((size * RLK_NUMA))M")
		for ((node = 0; node < RLK_NUMA; node++)); do
			QEMU_ARGS+=(-object "memory-backend-ram,id=m$node,size=${size}M"
				-numa "node,nodeid=$node,cpus=$((node % RLK_SMP)),memdev=m$node")
		done
	else
		QEMU_ARGS+=(-m "$RLK_MEM")
	fi
	if [[ $mode == exec ]]; then
		QEMU_ARGS+=(-chardev "stdio,id=con,signal=off,logfile=$RUN_DIR/console.log"
			-serial chardev:con)
	else
		QEMU_ARGS+=(-chardev "stdio,id=con,mux=on,signal=off,logfile=$RUN_DIR/console.log"
			-serial chardev:con -mon chardev=con,mode=readline)
	fi
	if [[ -n $DISK_IMAGE ]]; then
		QEMU_ARGS+=(-drive "file=$DISK_IMAGE,if=none,id=disk,format=raw,$DISK_OPTS"
			-device "virtio-blk-$ARCH_VIRTIO,drive=disk")
	fi
	if [[ $RLK_NET == user ]]; then
		netdev=user,id=net0
		for pair in ${RLK_FWD//,/ }; do
			netdev+=",hostfwd=tcp:127.0.0.1:${pair%%:*}-:${pair##*:}"
		done
		QEMU_ARGS+=(-netdev "$netdev" -device "virtio-net-$ARCH_VIRTIO,netdev=net0")
	fi
	[[ $mode == debug ]] && QEMU_ARGS+=(-S -gdb "tcp:127.0.0.1:$RLK_GDB_PORT")
	return 0
}

# mem_mib: RLK_MEM in MiB.
mem_mib() {
	case $RLK_MEM in
	*G) echo $((${RLK_MEM%G} * 1024)) ;;
	*M) echo "${RLK_MEM%M}" ;;
	*) echo "$RLK_MEM" ;;
	esac
}

# snapshot_path: the saved guest for exactly this QEMU (its binary's
# identity), command line, kernel and initramfs: any change gives another
# name. Run folders are not part of the guest's state, and are left out.
snapshot_path() {
	local key

	key=$({
		printf '%s\n' "${QEMU_ARGS[@]//$RUN_DIR/RUN}"
		stat -L -c '%n %s %Y %i' "$(command -v "$ARCH_QEMU")" \
			"$KERNEL_IMAGE" "$KVER_DIR/initramfs.cpio"
	} | sha256sum | cut -c1-16)
	echo "$TOP/build/$ARCH/snapshots/$key.snap"
}

# snapshot_wanted MODE: whether this run may restore or save a guest.
snapshot_wanted() {
	[[ $RLK_SNAPSHOT == 1 && $1 != debug && -z $DISK_IMAGE ]]
}

# start_qemu MODE [ARGS...]: QEMU (with ARGS) in the background, its
# pipes opened read-write so that no open blocks; QEMU_PID.
start_qemu() {
	local mode=$1
	shift

	PORT_PART=''
	rm -f "$RUN_DIR"/{ctl,mon}.{in,out} "$RUN_DIR/console.log" "$RUN_DIR/saved"
	mkfifo "$RUN_DIR"/{ctl,mon}.{in,out} "$RUN_DIR/saved"
	exec {CTL_IN}<>"$RUN_DIR/ctl.in" {CTL_OUT}<>"$RUN_DIR/ctl.out" \
		{MON_IN}<>"$RUN_DIR/mon.in" {MON_OUT}<>"$RUN_DIR/mon.out"
	if [[ $mode == exec ]]; then
		timeout -k 5 "$RLK_TIMEOUT" "${QEMU_ARGS[@]}" "$@" \
			< /dev/null 2>"$RUN_DIR/qemu.err" &
	elif [[ -n $RLK_TIMEOUT ]]; then
		timeout --foreground -k 5 "$RLK_TIMEOUT" "${QEMU_ARGS[@]}" "$@" \
			<&"$TTY_IN" 2>"$RUN_DIR/qemu.err" &
	else
		"${QEMU_ARGS[@]}" "$@" <&"$TTY_IN" 2>"$RUN_DIR/qemu.err" &
	fi
	QEMU_PID=$!
}

# close_pipes: our ends of QEMU's pipes still open (closing a closed
# one would end the script).
close_pipes() {
	local var

	for var in CTL_IN CTL_OUT MON_IN MON_OUT; do
		[[ -n ${!var} ]] || continue
		eval "exec ${!var}>&-"
		printf -v "$var" ''
	done
}

# monitor CMD: one command to QEMU's monitor.
monitor() {
	printf '%s\n' "$1" >&"$MON_IN"
}

# monitor_get CMD GLOB: send CMD, print the first output line matching GLOB.
monitor_get() {
	local line

	monitor "$1"
	while IFS= read -r -t 10 -u "$MON_OUT" line; do
		line=${line//$'\r'/}
		# shellcheck disable=SC2053 # GLOB is a pattern
		[[ $line == $2 ]] && { printf '%s\n' "$line"; return 0; }
	done
	return 1
}

# port_line: the next whole line from the control port in PORT_LINE,
# waiting at most a second (false when none came). A line the timeout
# cut (bash's read -t hands over what it had read) is kept for the next
# call rather than lost.
port_line() {
	local part rc=0

	IFS= read -r -t 1 -u "$CTL_OUT" part || rc=$?
	PORT_PART+=$part
	((rc == 0)) || return 1
	PORT_LINE=$PORT_PART
	PORT_PART=''
}

# wait_ready: the guest's "ready" on the control port (the guest says it
# again each second until answered), while QEMU lives. A cold boot says it
# within seconds (arm32 under emulation: about 5): one that has not within
# READY_TIMEOUT seconds has hung, and is stopped at once rather than at
# RLK_TIMEOUT, its console's last lines shown.
wait_ready() {
	local deadline=$((SECONDS + READY_TIMEOUT))

	while kill -0 "$QEMU_PID" 2>/dev/null; do
		if ((SECONDS >= deadline)); then
			echo "$PROG: the guest did not come up within ${READY_TIMEOUT}s; stopping it" >&2
			if [[ -s $RUN_DIR/console.log ]]; then
				echo "$PROG: its console ended with:" >&2
				tail -n 5 "$RUN_DIR/console.log" | tr -d '\r' | sed 's/^/  /' >&2
			fi
			kill "$QEMU_PID" 2>/dev/null
			return 1
		fi
		port_line || continue
		[[ $PORT_LINE == ready ]] && return 0
	done
	return 1
}

# save_snapshot FILE: copy the idle guest to FILE while it runs (QEMU
# pauses it at the end: restored, it runs at once), then let it go on.
# The file is whole once cat has ended and QEMU says completed. A guest
# that cannot be saved still runs; the next run tries again.
save_snapshot() {
	local file=$1 rc status saved

	mkdir -p "${file%/*}"
	exec {saved}<>"$RUN_DIR/saved"
	# QEMU's default bandwidth cap makes the save four times slower.
	monitor "migrate_set_parameter max-bandwidth 10G"
	monitor "migrate -d \"exec:cat > $file.$$; echo \$? > $RUN_DIR/saved\""
	IFS= read -r -t 30 -u "$saved" rc || rc=timeout
	exec {saved}<&-
	status=$(monitor_get "info migrate" 'Migration status:*') || status=
	if [[ $rc == 0 && $status == *completed ]]; then
		mv -f "$file.$$" "$file"
		find "${file%/*}" -name '*.snap' -printf '%T@ %p\n' | sort -rn |
			tail -n +$((SNAPSHOTS_KEPT + 1)) | cut -d' ' -f2- | xargs -r rm -f
	else
		rm -f "$file.$$"
		echo "$PROG: note: could not save the guest for next time (${status:-no status})" >&2
	fi
	monitor cont
}

# prepare_go MODE: this run's go line and command, in GO_LINE and
# GO_CMD, made while the guest boots or is restored (WARM is known):
# the guest waits for them once it is ready.
prepare_go() {
	# ${#GO_CMD} counts bytes in the C locale.
	local seed boot=cold dmesg=0 timeline=0 LC_ALL=C

	GO_CMD=
	[[ -f $RUN_DIR/cmd ]] && { IFS= read -r -d '' GO_CMD < "$RUN_DIR/cmd" || true; }
	# 32 bytes from the kernel's CSPRNG (bash's SRANDOM is getrandom()).
	printf -v seed '%08x' "$SRANDOM" "$SRANDOM" "$SRANDOM" "$SRANDOM" \
		"$SRANDOM" "$SRANDOM" "$SRANDOM" "$SRANDOM"
	[[ $WARM == 1 ]] && boot=warm
	[[ -n $RLK_DMESG ]] && dmesg=1
	[[ -n $RLK_TIMELINE ]] && timeline=1
	printf -v GO_LINE 'go %s %s %s %s %s %s %s\n' "$1" "$seed" "${#GO_CMD}" \
		"$boot" "$dmesg" "$timeline" "${RLK_LANG:--}"
}

# send_go: the go line and the command (prepare_go), at once; then, to a
# restored guest, the host's clock when it asks. Fresh randomness and the
# clock make a restored guest this run's own.
send_go() {
	printf '%s%s' "$GO_LINE" "$GO_CMD" >&"$CTL_IN"
	[[ $WARM == 1 ]] || return 0
	while kill -0 "$QEMU_PID" 2>/dev/null; do
		port_line || continue
		if [[ $PORT_LINE == time ]]; then
			echo "$EPOCHREALTIME" >&"$CTL_IN"
			return
		fi
	done
}

# boot_guest MODE: boot (or restore) the guest, hand it this run, collect
# what it sends back into RUN_DIR/port.log; QEMU's status in QEMU_RC.
# A snapshot that fails to load is removed and the guest boots cold.
boot_guest() {
	local mode=$1 snap='' reader port saved

	QEMU_RC=0
	snapshot_wanted "$mode" && snap=$(snapshot_path)
	# QEMU waits forever on an empty or foreign file: check its magic.
	if [[ -n $snap && -s $snap && $(head -c 4 "$snap") == QEVM ]]; then
		# QEMU reads the file itself (fd:), faster than through a cat.
		exec {saved}<"$snap"
		start_qemu "$mode" -incoming "fd:$saved"
		exec {saved}<&-
		WARM=1
		prepare_go "$mode"
	else
		start_qemu "$mode"
		WARM=0
		prepare_go "$mode"
		if ! wait_ready; then
			collect_guest
			return
		fi
		[[ -n $snap ]] && save_snapshot "$snap"
	fi
	send_go
	# Read the port until QEMU exits: a read-only end, opened while our
	# read-write one keeps the open from blocking, then ours closed, so
	# that cat sees the end of file when QEMU's end goes.
	exec {port}<"$RUN_DIR/ctl.out"
	cat <&"$port" > "$RUN_DIR/port.log" {CTL_IN}>&- {CTL_OUT}<&- \
		{MON_IN}>&- {MON_OUT}<&- &
	reader=$!
	exec {port}<&- {CTL_OUT}<&-
	CTL_OUT=
	collect_guest
	wait "$reader" 2>/dev/null || true
	if [[ $WARM == 1 && ! -s $RUN_DIR/port.log ]] &&
		grep -q "$RESTORE_FAILED" "$RUN_DIR/qemu.err"; then
		echo "$PROG: note: the saved guest did not load; booting cold (a new one is saved)" >&2
		rm -f "$snap"
		boot_guest "$mode"
	fi
}

# collect_guest: wait for QEMU to end; its status in QEMU_RC.
collect_guest() {
	wait "$QEMU_PID" || QEMU_RC=$?
	QEMU_PID=
	close_pipes
	# A saved guest that does not load is not an error: boot_guest boots
	# cold instead.
	if [[ $WARM == 0 ]] || ! grep -q "$RESTORE_FAILED" "$RUN_DIR/qemu.err"; then
		cat "$RUN_DIR/qemu.err" >&2
	fi
	return 0
}

# x86_machine: the x86_64 machine: KVM where a stock guest kernel really
# runs on it, else TCG. -M microvm boots the unpacked vmlinux through PVH
# without firmware (ACPI on: it describes the virtio-mmio devices);
# NUMA needs ACPI tables microvm lacks, so RLK_NUMA > 1 takes -M pc and
# virtio-pci. Under TCG the kernel's TSC calibration against the PIT may
# fail on microvm (no HPET) and hang: give it the host's TSC rate.
x86_machine() {
	local accel=tcg

	if [[ $RLK_ACCEL == kvm ]] || { [[ $RLK_ACCEL == auto ]] && kvm_runs_guests; }; then
		accel=kvm
	fi
	if ((RLK_NUMA > 1)); then
		ARCH_MACHINE=(-M pc -accel "$accel")
		ARCH_VIRTIO=pci
	else
		ARCH_MACHINE=(-M microvm,x-option-roms=off -accel "$accel")
	fi
	if [[ $accel == kvm ]]; then
		ARCH_MACHINE+=(-cpu host)
	else
		ARCH_APPEND="tsc_early_khz=$(host_tsc_khz)"
	fi
}

# host_tsc_khz: the host's TSC rate, which a TCG guest's TSC follows,
# rounded to 100 MHz so that it stays the same from run to run (it is
# part of the saved guest's key).
host_tsc_khz() {
	awk -F': *' '/^cpu MHz/ { printf "%d00000\n", $2 / 100 + 0.5; exit }' \
		/proc/cpuinfo | grep -E '^[1-9][0-9]{5,}$' || echo 2000000
}

# one_line_initramfs DIR CMD: DIR.cpio, busybox and an init that runs
# busybox sh's CMD (empty, or ending in "; "), then powers off at once.
one_line_initramfs() {
	mkdir -p "$1/bin"
	cp "$RLK_CACHE/busybox-$ARCH_DEB" "$1/bin/busybox"
	printf '#!/bin/busybox sh\n%s/bin/busybox poweroff -f\n' "$2" > "$1/init"
	chmod +x "$1/init"
	(cd "$1" && find . | cpio -o -H newc --quiet) > "$1.cpio"
}

# kvm_runs_guests: whether /dev/kvm really runs this stock guest kernel
# (a nested or paravirtual KVM may hang or assert on it). Probed once
# per QEMU and kernel, booting a one-line initramfs for 3 seconds; the
# answer is kept in the cache.
kvm_runs_guests() {
	local key answer

	[[ -r /dev/kvm && -w /dev/kvm ]] || return 1
	key=$({ "$ARCH_QEMU" --version | head -n 1
		stat -L -c '%n %s %Y' "$KERNEL_IMAGE"; } | sha256sum | cut -c1-16)
	answer=$RLK_CACHE/kvm-probe/$key
	if [[ ! -f $answer ]]; then
		step "probing KVM with the guest kernel (once)"
		mkdir -p "$RLK_CACHE/kvm-probe"
		one_line_initramfs "$RUN_TMP/kvm-probe" "/bin/busybox echo rlk-kvm-ok; "
		if timeout -k 1 3 "$ARCH_QEMU" -M microvm,x-option-roms=off -accel kvm \
			-cpu host -m 256 -nodefaults -no-reboot -display none \
			-serial stdio -kernel "$KERNEL_IMAGE" -initrd "$RUN_TMP/kvm-probe.cpio" \
			-append "console=ttyS0 panic=-1 quiet" </dev/null 2>/dev/null |
			grep -q rlk-kvm-ok; then
			echo yes > "$answer"
		else
			echo no > "$answer"
		fi
	fi
	[[ $(cat "$answer") == yes ]]
}

# cmd_floor: the floor of any cold boot, for make bench: this guest's
# kernel and machine with a one-line initramfs that powers off at once;
# prints QEMU's wall time in ms.
cmd_floor() {
	local start

	one_line_initramfs "$RUN_TMP/floor" ""
	start=$EPOCHREALTIME
	timeout -k 5 60 "$ARCH_QEMU" "${ARCH_MACHINE[@]}" -m "$RLK_MEM" \
		-smp "$RLK_SMP" -nodefaults -no-reboot -display none \
		-kernel "$KERNEL_IMAGE" -initrd "$RUN_TMP/floor.cpio" -serial null \
		-append "console=$ARCH_CONSOLE panic=-1 quiet $ARCH_APPEND" </dev/null ||
		die "floor: the bare kernel did not power off"
	echo "floor: $(((${EPOCHREALTIME/./} - ${start/./}) / 1000)) ms"
}
