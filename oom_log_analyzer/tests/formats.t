#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# formats.t - one report in every capture format the tool accepts must
# give the same facts: dmesg, dmesg -T, -x, -r, /dev/kmsg, syslog,
# journalctl -k (short, short-iso, short-monotonic), serial console,
# CRLF, mail quoting, and hard wrapping at 50 and 72 columns.
set -euo pipefail
# shellcheck source=../../tests/lib/tap.sh
. "$(dirname "$0")/../../tests/lib/tap.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

SRC=$FIXTURES/seed_x86_64_4.20_dmesg.log
EXP=$FIXTURES/seed_x86_64_4.20_dmesg.expected
TS='^\[[ 0-9.]*\] '

# variant NAME: write the report in capture format NAME to stdout.
variant() {
	case $1 in
	dmesg) cat "$SRC" ;;
	dmesg-T) sed "s/$TS/[Mon Jan  1 12:00:00 2024] /" "$SRC" ;;
	dmesg-x) sed 's/^/kern  :warn  : /' "$SRC" ;;
	dmesg-r) sed 's/^\[/<4>[/' "$SRC" ;;
	kmsg) sed "s/$TS/4,17,81399968234,-;/" "$SRC" ;;
	syslog) sed 's/^/Jan  1 12:00:00 lab kernel: /' "$SRC" ;;
	journal) sed "s/$TS/Jan  1 12:00:00 lab kernel: /" "$SRC" ;;
	journal-iso)
		sed "s/$TS/2024-01-01T12:00:00+0000 lab kernel: /" "$SRC" ;;
	journal-mono) sed 's/^\(\[[ 0-9.]*\]\) /\1 lab kernel: /' "$SRC" ;;
	serial) sed "s/$TS//" "$SRC" ;;
	crlf) sed 's/$/\r/' "$SRC" ;;
	mail) sed 's/^/> /' "$SRC" ;;
	mail-quoted-twice) sed 's/^/> > /' "$SRC" ;;
	wrap50) fold -w 50 "$SRC" ;;
	wrap72-mail) fold -w 72 "$SRC" | sed 's/^/> /' ;;
	syslog-wrap60) sed 's/^/Jan  1 12:00:00 lab kernel: /' "$SRC" |
		fold -w 60 ;;
	esac
}

main() {
	local v rc
	build_all
	for v in dmesg dmesg-T dmesg-x dmesg-r kmsg syslog journal \
		journal-iso journal-mono serial crlf mail mail-quoted-twice \
		wrap50 wrap72-mail syslog-wrap60; do
		variant "$v" > "$TMP/$v.log"
		rc=0
		"$SAN_ANALYZE" --json "$TMP/$v.log" > "$TMP/$v.jsonl" \
			2> "$TMP/err" || rc=$?
		check_eq "$v: exit 0" 0 "$rc"
		"$OOMCHECK" "$v" "$TMP/$v.jsonl" "$EXP" | collect "" || true
	done
	check "journal: the wall clock is kept" grep -q \
		'"time":"Jan  1 12:00:00"' "$TMP/journal.jsonl"
	check "kmsg: uptime from the header" grep -q \
		'"uptime_s":81399.968234' "$TMP/kmsg.jsonl"
	check "serial: no uptime" grep -q '"uptime_s":null' \
		"$TMP/serial.jsonl"
	replay
}

main "$@"
