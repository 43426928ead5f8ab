#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo/lab_tour.sh - the whole OOM lab (Running Linux Kernel, lab 9-8),
# unattended, inside a lab guest: `make demo [ARCH=arm32|x86_64]` runs
# it through `run_rlk_ARCH.sh exec`. Busybox sh. Exits non-zero if a step
# does not end the way the lab says it should.
#
# lab_tour.sh [DIR]: oom-timeline records the lab's two runs into
# DIR/oom.timeline and DIR/insmod.timeline (default /tmp) and charts them
# here; make demo passes a folder of the host's checkout (/host/build/...)
# and plots them there.
#
# The tour speaks Chinese when LANGUAGE or LANG names zh (RLK_LANG=zh_CN
# make demo), as oom and oom-analyze then do; its checks read only what
# no language changes: exit statuses and the kernel's log.

TIMELINES=${1:-/tmp}

case "${LANGUAGE:-${LC_ALL:-${LANG:-}}}" in
zh*) ZH=1 ;;
*) ZH= ;;
esac

# in_lang ENGLISH CHINESE: the text in the tour's language.
in_lang() {
	if [ -n "$ZH" ]; then printf '%s' "$2"; else printf '%s' "$1"; fi
}

# heading ENGLISH CHINESE: a step title, in bold unless NO_COLOR is set.
heading() {
	if [ -n "${NO_COLOR:-}" ]; then
		printf '\n=== %s ===\n' "$(in_lang "$1" "$2")"
	else
		printf '\n\033[1m=== %s ===\033[0m\n' "$(in_lang "$1" "$2")"
	fi
}

# explain ENGLISH CHINESE: what to look at, one paragraph, indented.
explain() {
	{ in_lang "$1" "$2"; echo; } | sed 's/^/    /'
}

# mem_available_kb: MemAvailable from /proc/meminfo.
mem_available_kb() {
	awk '/^MemAvailable:/ { print $2 }' /proc/meminfo
}

# fail ENGLISH CHINESE: the step did not end as the lab expects.
fail() {
	echo "lab_tour: $(in_lang "$1" "$2")" >&2
	exit 1
}

heading "Step 1: ./oom fills memory from user space until the OOM killer acts" \
	"第 1 步：./oom 在用户空间耗尽内存，直到 OOM Killer 出手"
explain "One thread per CPU maps 10 MiB at a time and touches every page.
Only the first chunk lines are shown here." \
	"每个 CPU 一个线程，每次映射 10 MiB，并访问其中的每一页。
这里只显示最前面几行分配信息。"
cd /mnt/oom_user_app || fail "no /mnt/oom_user_app" "没有 /mnt/oom_user_app"
oom-timeline record -o "$TIMELINES/oom.timeline" -- ./oom > /tmp/oom.out 2>&1
oom_status=$?
# A chunk line names its thread by a hex id in brackets, in any language.
awk '/[(（][0-9a-f]+[)）]/ { if (++n <= 4) print; else if (n == 5) print "..."; next }
	{ print }' /tmp/oom.out
[ "$oom_status" = 0 ] ||
	fail "./oom did not end as the lab expects (status $oom_status)" \
		"./oom 没有按实验预期结束（退出状态 $oom_status）"
dmesg | grep -q 'Killed process [0-9]* (oom)' ||
	fail "the kernel's log has no OOM kill of oom's victim" \
		"内核日志中没有 OOM Killer 杀死 oom 子进程的记录"
explain "oom-timeline recorded the run: free memory falling through the
zone's watermarks, and the kernel's events up to the kill." \
	"oom-timeline 记录了这次运行：空闲内存依次跌破内存管理区的各条水位，
以及直到进程被杀为止内核的各个事件。"
oom-timeline chart "$TIMELINES/oom.timeline" ||
	fail "no timeline of ./oom" "没有 ./oom 的时间线"

heading "Step 2: oom-analyze reads the kernel's OOM report" \
	"第 2 步：oom-analyze 解读内核的 OOM 报告"
explain "dmesg holds ~100 lines per OOM event; oom-analyze explains them." \
	"每次 OOM 事件在 dmesg 中约有 100 行；oom-analyze 逐项解释它们。"
dmesg | oom-analyze ||
	fail "oom-analyze found no OOM event in dmesg" \
		"oom-analyze 在 dmesg 中没有找到 OOM 事件"
dmesg -c > /dev/null

heading "Step 3: insmod alloc-oom.ko allocates pages from kernel context" \
	"第 3 步：insmod alloc-oom.ko 在内核上下文中分配页"
explain "The module's init loops on alloc_pages(GFP_KERNEL, 0); the OOM
killer is now invoked by insmod itself." \
	"模块的初始化函数循环调用 alloc_pages(GFP_KERNEL, 0)；
这一次是 insmod 进程自己触发了 OOM Killer。"
explain "This tour and the shell above it set oom_score_adj -1000 (the
busybox shells would outrank a fresh insmod); insmod runs at 0." \
	"本脚本和它的父 shell 把 oom_score_adj 设为 -1000（否则 busybox 的
shell 得分会高过刚启动的 insmod）；insmod 以 0 运行。"
for pid in $$ $PPID; do
	echo -1000 > "/proc/$pid/oom_score_adj"
done
before=$(mem_available_kb)
cd /mnt/oom_kernel_driver ||
	fail "no /mnt/oom_kernel_driver" "没有 /mnt/oom_kernel_driver"
oom-timeline record -o "$TIMELINES/insmod.timeline" -- \
	sh -c 'echo 0 > /proc/self/oom_score_adj; exec insmod alloc-oom.ko'
status=$?
if [ "$status" = 137 ]; then
	explain "insmod ended with status 137: the OOM killer chose it (SIGKILL);
the module saw the fatal signal, stopped and freed its pages." \
		"insmod 以状态 137 结束：OOM Killer 选中了它（SIGKILL）；
模块发现了这个致命信号，停止分配并释放了它的页。"
else
	explain "insmod returned $status." "insmod 返回 $status。"
fi
lsmod | grep -q '^alloc_oom' && rmmod alloc_oom
dmesg | grep -E 'invoked oom-killer|page allocation failure|alloc_oom:' |
	sed 's/^/    /'
after=$(mem_available_kb)
explain "MemAvailable: ${before} kB before insmod, ${after} kB after." \
	"MemAvailable：insmod 之前 ${before} kB，之后 ${after} kB。"
[ $((after * 100)) -ge $((before * 95)) ] ||
	fail "MemAvailable did not recover to within 5%" \
		"MemAvailable 没有恢复到原来的 95% 以上"
explain "The module's run, as oom-timeline recorded it:" \
	"oom-timeline 记录的模块运行过程："
oom-timeline chart "$TIMELINES/insmod.timeline" ||
	fail "no timeline of insmod" "没有 insmod 的时间线"
dmesg | oom-analyze > /tmp/module.report
explain "oom-analyze on the module's run:" "oom-analyze 对模块这次运行的解读："
awk -v labels="$(in_lang '^(Invoker|GFP|Victim) ' '^(触发者|GFP|受害者) ')" \
	'/^[^ ]/ { show = $0 ~ labels } show' /tmp/module.report | sed 's/^/    /'

heading "Step 4: the guest is still usable; powering off" \
	"第 4 步：客户机仍然可用；关机"
uptime
