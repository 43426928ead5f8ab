# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# guest/lib.sh - what both guest inits share (busybox sh): the guest half
# of the host's control port, and the lab's view of the project at /mnt.
# guest/init sources it from /rlk; guest/debian-init from /run/rlk.
#
# The control port is a virtio-serial port named rlk.ctl (fd 3 here):
#   guest -> host  "ready"            booted and idle: the host may save
#                                     the guest now, and restore it later
#   host -> guest  "go MODE SEED LEN BOOT DMESG TIMELINE LANG" then LEN
#                  bytes of command (BOOT: cold, or warm for a restored
#                  guest; DMESG: 1 when the host wants the kernel log back;
#                  TIMELINE: 1 to record the command with oom-timeline;
#                  LANG: the tools' language, as zh_CN, or - for English)
#   guest -> host  "time" (from rlk-resume, once loaded)
#   host -> guest  the host's clock, SECONDS.MICROSECONDS
#   guest -> host  "rlk-dmesg", the kernel log (if asked), "rlk-timeline"
#                  and the timeline (if asked), "rlk-status N" (exec)
# So a guest restored from a snapshot is the same guest waiting in the
# same read, and the host's answer makes it this run's guest.

RLK=/run/rlk

# say MSG: a line on the console from the guest's init.
say() {
	echo "rlk-init: $*" >&2
}

# cmdline_value KEY: the value of KEY= on the kernel command line.
cmdline_value() {
	# shellcheck disable=SC2013 # the command line is words, not lines
	for word in $(cat /proc/cmdline); do
		case "$word" in
		"$1"=*) echo "${word#*=}"; return ;;
		esac
	done
}

# open_port: the control port on fd 3, or fail. The port and its name
# appear a little after virtio_console has loaded: wait up to 5 s.
open_port() {
	tries=0
	while [ "$tries" -lt 500 ]; do
		for dir in /sys/class/virtio-ports/*; do
			name=
			read -r name 2>/dev/null < "$dir/name"
			[ "$name" = rlk.ctl ] || continue
			[ -c "/dev/${dir##*/}" ] || continue
			exec 3<>"/dev/${dir##*/}"
			return 0
		done
		usleep 10000
		tries=$((tries + 1))
	done
	say "no control port (virtio console rlk.ctl): the host cannot reach this guest"
	return 1
}

# wait_for_host: say ready, then wait for the host's go line: MODE for
# this run, fresh randomness and the command (exec); then take the host's
# clock (asked for only now: a restored guest reads the go line late).
wait_for_host() {
	echo ready >&3
	# shellcheck disable=SC2034 # MODE is for the init that sources this
	read -r word MODE SEED LEN RLK_BOOT WANT_DMESG WANT_TIMELINE WANT_LANG <&3
	[ "$word" = go ] || { say "bad go line from the host: '$word'"; return 1; }
	export RLK_BOOT WANT_DMESG WANT_TIMELINE
	mkdir -p "$RLK"
	# The guest has no locale but C: the tools read the language from
	# LANGUAGE (common/i18n.c), exec's command here, run's shells through
	# guest/profile.
	if [ "${WANT_LANG:--}" != - ]; then
		echo "export LANGUAGE=$WANT_LANG" > "$RLK/lang"
		export LANGUAGE="$WANT_LANG"
	fi
	: > "$RLK/cmd"
	[ "${LEN:-0}" -gt 0 ] && head -c "$LEN" <&3 > "$RLK/cmd"
	# A cold boot has the RTC's clock and its own fresh randomness.
	[ "$RLK_BOOT" = cold ] && return 0
	rlk-resume - "$SEED" <&3 >&3 || say "cannot set the clock and reseed"
}

# mount_9p TAG DIR [OPTS]: a virtio 9p share; large msize for fast reads.
mount_9p() {
	mkdir -p "$2"
	mount -t 9p -o "trans=virtio,version=9p2000.L,msize=262144${3:+,$3}" "$1" "$2"
}

# prepare_lab_view: what mount_lab_view needs that the shares do not:
# done before the guest is saved, so restored guests skip it.
prepare_lab_view() {
	mkdir -p "$RLK/view/top/rlk_lab/rlk_basic/chapter_9_mm" \
		"$RLK/view/upper" "$RLK/view/work" /host
	ln -s /mnt "$RLK/view/top/rlk_lab/rlk_basic/chapter_9_mm/lab8_oom"
	# Without forks where the kernel has the files (each costs under TCG).
	read -r MACHINE 2>/dev/null < /proc/sys/kernel/arch || MACHINE=$(uname -m)
	read -r KVER < /proc/sys/kernel/osrelease
}

# build_matches DIR: true when DIR/BUILD-ID names this machine and kernel.
build_matches() {
	read -r machine kver < "$1/BUILD-ID" 2>/dev/null || return 1
	[ "$machine" = "$MACHINE" ] || return 1
	case $kver in
	custom-*) return 0 ;;
	esac
	[ "$kver" = "$KVER" ]
}

# mount_lab_view [lab]: /mnt is the project folder seen through an overlay:
#   top      the book's path, rlk_lab/rlk_basic/chapter_9_mm/lab8_oom -> /mnt,
#            and, with "lab", a whiteout for each lab binary that has no
#            build for this guest
#   build    with "lab": the host's builds for this architecture and
#            kernel (share rlk_build, lab/): oom_user_app/oom and
#            oom_kernel_driver/alloc-oom.ko
#   project  the checkout itself (share kmod_mount)
# so a binary at the lab's path is always this guest's own. The Debian
# image builds the lab itself, so it gets no build layer. Writes go to a
# tmpfs and stay in the guest; /host is the checkout itself, writable.
# The build share's bin/ (oom-analyze, oom-timeline, the scenarios'
# helpers) joins the PATH, run's login shells' too.
mount_lab_view() {
	top=$RLK/view/top
	lower=$top
	# Both shares at once, on the guest's two CPUs.
	mount_9p rlk_build "$RLK/build" ro &
	mount_9p kmod_mount /host || { say "cannot mount the project share"; return 1; }
	wait $! || say "cannot mount the build share"
	ours=0
	if build_matches "$RLK/build"; then
		ours=1
		# For exec's command, and for run's login shells (guest/profile):
		# busybox init gives its children a PATH of its own.
		echo "export PATH=\"\$PATH:$RLK/build/bin\"" > "$RLK/path"
		# shellcheck source=/dev/null # written just above
		. "$RLK/path"
	else
		say "no builds for $MACHINE $KVER from the host: lab binaries hidden"
	fi
	if [ "$1" = lab ]; then
		[ "$ours" = 1 ] && lower=$lower:$RLK/build/lab
		for file in oom_user_app/oom oom_kernel_driver/alloc-oom.ko; do
			[ "$ours" = 1 ] && [ -e "$RLK/build/lab/$file" ] && continue
			mkdir -p "$top/${file%/*}"
			mknod "$top/$file" c 0 0
		done
	fi
	mount -t overlay overlay -o "lowerdir=$lower:/host,upperdir=$RLK/view/upper,workdir=$RLK/view/work" /mnt
}

# send_result STATUS: the exec's status, and the kernel log and the
# timeline if the host asked for them, back to the host.
send_result() {
	{
		echo rlk-dmesg
		[ "$WANT_DMESG" = 1 ] && dmesg
		if [ "$WANT_TIMELINE" = 1 ]; then
			echo rlk-timeline
			cat "$RLK/timeline" 2>/dev/null
		fi
		echo "rlk-status $1"
	} >&3
}

# run_command: exec mode: the host's command, in /mnt, with sh (under
# oom-timeline when the host asked for a timeline); then the console
# falls silent, so the command's output ends its output (the kernel's
# "reboot: Power down" is an emergency-level message).
run_command() {
	if [ "$WANT_TIMELINE" = 1 ]; then
		(cd /mnt && exec oom-timeline record -o "$RLK/timeline" -- \
			sh "$RLK/cmd" < /dev/null)
	else
		(cd /mnt && exec sh "$RLK/cmd" < /dev/null)
	fi
	send_result "$?"
	echo 0 > /proc/sys/kernel/printk
}
