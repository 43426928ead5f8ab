#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-checkpatch.sh - put the kernel's checkpatch.pl into a cache, once.
#
# Debian ships checkpatch.pl only inside the kernel source tarball of
# linux-source-6.1 (a ~140 MB .deb). Download that .deb with apt-get,
# stream the tarball out of it and keep only checkpatch.pl and the two data
# files it reads (spelling.txt, const_structs.checkpatch). The .deb is
# deleted afterwards; the result is DEST/scripts/checkpatch.pl.

set -euo pipefail

SOURCE_PKG=${SOURCE_PKG:-linux-source-6.1}
WANTED=(scripts/checkpatch.pl scripts/spelling.txt
	scripts/const_structs.checkpatch)

usage() {
	cat <<USAGE
usage: $0 DEST
Extract ${WANTED[*]} from $SOURCE_PKG into DEST (skipped if present).
USAGE
}

# extract DEB DIR: unpack the wanted files of the source tarball in DEB.
extract() {
	local deb=$1 dir=$2 tarball top f
	local -a members=()

	tarball=$(dpkg-deb --fsys-tarfile "$deb" | tar -t |
		grep -E '^\./usr/src/linux-source-[^/]*\.tar\.xz$')
	top=$(basename "$tarball" .tar.xz)
	for f in "${WANTED[@]}"; do
		members+=("$top/$f")
	done
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" |
		tar -xJ --strip-components=1 -C "$dir" "${members[@]}"
}

main() {
	local dest tmp

	if [ $# -ne 1 ]; then
		usage >&2
		exit 2
	fi
	dest=$1
	if [ -x "$dest/scripts/checkpatch.pl" ]; then
		return 0
	fi
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand $tmp now, it is local
	trap "rm -rf '$tmp'" EXIT
	echo "  FETCH   $SOURCE_PKG (once) for checkpatch.pl into $dest" >&2
	(cd "$tmp" && apt-get -q -o APT::Sandbox::User=root \
		download "$SOURCE_PKG" >/dev/null)
	mkdir -p "$tmp/out"
	extract "$tmp"/"$SOURCE_PKG"_*.deb "$tmp/out"
	mkdir -p "$dest"
	rm -rf "$dest/scripts"
	mv "$tmp/out/scripts" "$dest/scripts"
}

main "$@"
