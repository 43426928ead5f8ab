#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/guest/i18n.t - the guests speak Chinese when asked: the static
# oom and oom-analyze find their catalogues in every guest, which has no
# locale but C.UTF-8's messages (LANG=zh_CN.UTF-8, or LANGUAGE=zh_CN as
# RLK_LANG=zh_CN sets it); English stays the default; and the lab tour
# (make demo) runs in Chinese, its runs ending as the lab says.
#
# Commands in single quotes are expanded in the guest:
# shellcheck disable=SC2016

set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/lib/tap.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FIXTURE=oom_log_analyzer/tests/fixtures/01_global_3.13_x86_64_cadvisor-fixture.log

# guest_out ARCH CMD: CMD's output in ARCH's guest (RLK_* from the
# caller), without CRs and the kernel's console lines; status in WORK/rc.
guest_out() {
	local rc=0

	"$TOP/run_rlk_$1.sh" exec -- "$2" >"$WORK/raw" 2>&1 || rc=$?
	echo "$rc" > "$WORK/rc"
	tr -d '\r' < "$WORK/raw" | grep -v '^\[ *[0-9.]*\] '
}

# numbers TEXT: the numbers TEXT states, sorted: the facts a translation
# must keep.
numbers() {
	grep -oE '[0-9]+(\.[0-9]+)?' <<<"$1" | sort | tr '\n' ' '
}

# zh COMPONENT DOMAIN MSGID: that catalogue's Chinese for MSGID (C
# escapes as in the source, printf directives kept), without newlines.
zh() {
	TEXTDOMAINDIR=$TOP/build/host/$1/locale LANGUAGE=zh_CN \
		LANG=C.UTF-8 gettext -e -d "$2" -- "$3" | tr -d '\n'
}

# has_cjk TEXT: true when TEXT holds Chinese characters (called by ok).
# shellcheck disable=SC2317
has_cjk() {
	perl -CS -ne '$f ||= /\p{Han}/; END { exit !$f }' <<<"$1"
}

plan 17

for arch in arm64 arm32 x86_64; do
	"$TOP/run_rlk_$arch.sh" build >/dev/null 2>&1 ||
		bail "run_rlk_$arch.sh build failed"
done
make -s -C "$TOP" all >/dev/null 2>&1 || bail "the host build failed"
english=$(env -u LANGUAGE LANG=C.UTF-8 \
	"$TOP/build/host/oom_log_analyzer/oom-analyze" --no-color "$TOP/$FIXTURE")

# The analyzer in every guest, by LANG and by LANGUAGE (RLK_LANG).
for arch in arm64 arm32 x86_64; do
	out=$(guest_out "$arch" "LANG=zh_CN.UTF-8 oom-analyze --no-color $FIXTURE")
	ok "$arch: LANG=zh_CN.UTF-8 oom-analyze explains in Chinese" has_cjk "$out"
	is "$(numbers "$english")" "$(numbers "$out")" \
		"$arch: and states the English report's numbers"
done
out=$(RLK_LANG=zh_CN guest_out arm32 "oom-analyze --no-color $FIXTURE")
ok "arm32: RLK_LANG=zh_CN (LANGUAGE) alone gives Chinese" has_cjk "$out"
out=$(guest_out x86_64 "oom-analyze --no-color $FIXTURE")
is "$english" "$out" "x86_64: with no language asked, the guest's report is the host's English"

# oom in the guests other than the tour's.
out=$(RLK_LANG=zh_CN guest_out x86_64 'cd /mnt/oom_user_app && ./oom --bogus')
is 2 "$(cat "$WORK/rc")" "x86_64: oom's usage error in Chinese still exits 2"
ok "x86_64: and says so in Chinese" has_cjk "$out"

# The tour, in Chinese, on arm64.
out=$(RLK_LANG=zh_CN RLK_DMESG=$WORK/tour.dmesg guest_out arm64 \
	'sh demo/lab_tour.sh')
is 0 "$(cat "$WORK/rc")" "RLK_LANG=zh_CN: the lab tour exits 0"
like "$out" "第 1 步" "the tour's steps are in Chinese"
signalled=$(zh oom_user_app oom 'victim signalled: %d\n')
like "$out" "^${signalled//%d/9}\$" \
	"./oom ends with its Chinese line for a victim killed by signal 9"
like "$out" "^$(zh oom_user_app oom 'kernel: %s\n' | sed 's/%s.*//').*Killed process [0-9]+ \\(oom\\)" \
	"and shows the kernel's kill line for it, under its Chinese label"
like "$out" "$(zh oom_user_app oom 'for the full story: dmesg | oom-analyze\n' |
	sed 's/[|.]/\\&/g')" "oom's closing hint is in Chinese"
like "$out" "^    $(zh oom_log_analyzer oom-analyze Invoker) " \
	"step 3 shows the analyzer's invoker line under its Chinese label"
like "$(cat "$WORK/tour.dmesg")" 'Out of memory: Killed process [0-9]+ \(insmod\)' \
	"the tour's insmod is killed by the OOM killer"

done_testing
