# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib/po.sh - the check every component's tests/i18n.t makes of its
# catalogues (common/po.mk): source it, then
#   is "" "$(po_problems DIR)" "..."

# po_problems DIR: what is wrong with the component DIR's translations,
# one line each; nothing when all is well. For each po/LANG.po: msgfmt
# --check's complaints, and, merged with the sources' messages as `make
# pot` extracts them (into a scratch file, never the tree), each message
# left untranslated, fuzzy or stale. And po/DOMAIN.pot must be what make
# pot makes, so that translators start from the sources' messages.
po_problems() {
	local dir=$1 tmp po pot

	tmp=$(mktemp -d)
	if ! make -s -C "$dir" pot POT="$tmp/messages.pot" >"$tmp/log" 2>&1; then
		echo "make pot failed: $(cat "$tmp/log")"
		rm -rf "$tmp"
		return
	fi
	for po in "$dir"/po/*.po; do
		msgfmt --check -o /dev/null "$po" 2>&1 | sed "s|^|${po##*/}: |"
		msgmerge -q -o "$tmp/merged.po" "$po" "$tmp/messages.pot"
		# One line per message (--no-wrap); the header's msgid is "".
		msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" |
			sed -n "s|^msgid \(\"[^\"]\)|${po##*/}: untranslated: \1|p"
		msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po" |
			sed -n "s|^msgid \(\"[^\"]\)|${po##*/}: fuzzy: \1|p"
		sed -n "s|^#~ msgid |${po##*/}: no longer in the sources: |p" \
			"$tmp/merged.po"
	done
	for pot in "$dir"/po/*.pot; do
		cmp -s <(msgcat --sort-output --no-location "$tmp/messages.pot" |
				grep -v POT-Creation-Date) \
			<(msgcat --sort-output --no-location "$pot" |
				grep -v POT-Creation-Date) ||
			echo "${pot##*/}: not what make pot makes (run make po)"
	done
	rm -rf "$tmp"
}
