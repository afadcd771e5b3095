#!/usr/bin/env bash
# Re-obtain every font in this folder from scratch and check it against the
# sha256 sums recorded below (and in README.md).
#
# 从头重新获取本目录的全部字体，并与下面（及 README.md）记录的 sha256 核对。
#
# Needs: npm, apt-get (Debian bookworm sources), dpkg-deb, sha256sum, and
# Debian's python3-fonttools (4.38.0) for /usr/bin/python3. Another fontTools
# version converts correctly but may give different bytes for the Fandol files.
#
# Usage: bash fonts/fetch.sh [DEST]     (DEST defaults to this script's folder)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest=$(cd "${1:-$here}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Pinned inputs and their sha256.
serif_pkg=@expo-google-fonts/noto-serif-sc@0.4.3
serif_tgz=expo-google-fonts-noto-serif-sc-0.4.3.tgz
serif_sum=ff6bcf5ba68d92dfecc05544bb150f9e724741a932354a0dd97e7289c40a3f5e
sans_pkg=@expo-google-fonts/noto-sans-sc@0.4.3
sans_tgz=expo-google-fonts-noto-sans-sc-0.4.3.tgz
sans_sum=0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59
deb_pkg=texlive-lang-chinese=2022.20230122-1
deb_file=texlive-lang-chinese_2022.20230122-1_all.deb
deb_sum=9cfa07bd44e7b9098e26f0ecac1b5ad210d2249d474c8074d53de92d650b0ec0

check() { # file sum
	echo "$2  $1" | sha256sum -c --quiet - || {
		echo "sha256 不符 / sha256 mismatch: $1" >&2
		exit 1
	}
}

cd "$work"

# 1. Noto Serif SC and Noto Sans SC (OFL-1.1) from npm.
npm pack --silent "$serif_pkg" >/dev/null
npm pack --silent "$sans_pkg" >/dev/null
check "$serif_tgz" "$serif_sum"
check "$sans_tgz" "$sans_sum"
mkdir serif sans
tar xzf "$serif_tgz" -C serif
tar xzf "$sans_tgz" -C sans

# 2. Fandol (GPL-3 with font exception) from Debian's texlive-lang-chinese.
if ! apt-get download "$deb_pkg" 2>/dev/null; then
	apt-get update -qq
	apt-get download "$deb_pkg"
fi
check "$deb_file" "$deb_sum"
dpkg-deb -x "$deb_file" deb
fandol=deb/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
fandol_doc=deb/usr/share/doc/texlive-doc/fonts/fandol

# 3. Convert Fandol CFF outlines to TrueType outlines (two at once).
/usr/bin/python3 "$here/convert-fandol.py" "$fandol/FandolFang-Regular.otf" FandolFang-Regular.ttf &
fang=$!
/usr/bin/python3 "$here/convert-fandol.py" "$fandol/FandolKai-Regular.otf" FandolKai-Regular.ttf &
kai=$!
wait "$fang"
wait "$kai"

# 4. Install under simple ASCII names.
mkdir -p "$dest/licenses"
cp serif/package/700Bold/NotoSerifSC_700Bold.ttf "$dest/NotoSerifSC-Bold.ttf"
cp serif/package/400Regular/NotoSerifSC_400Regular.ttf "$dest/NotoSerifSC-Regular.ttf"
cp sans/package/400Regular/NotoSansSC_400Regular.ttf "$dest/NotoSansSC-Regular.ttf"
cp FandolFang-Regular.ttf FandolKai-Regular.ttf "$dest/"
cp serif/package/LICENSE_FONT "$dest/licenses/OFL-1.1-NotoSerifSC.txt"
cp sans/package/LICENSE_FONT "$dest/licenses/OFL-1.1-NotoSansSC.txt"
gzip -dc "$fandol_doc/COPYING.gz" >"$dest/licenses/GPL-3.0-Fandol.txt"
cp "$fandol_doc/README" "$dest/licenses/Fandol-README.txt"

# 5. Check the results.
cd "$dest"
check NotoSerifSC-Bold.ttf 9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6
check NotoSerifSC-Regular.ttf c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742
check NotoSansSC-Regular.ttf d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16
check FandolFang-Regular.ttf ffa449cc159e989155b51aa550d37495f621f326bd340a191643b6af88fe4afa
check FandolKai-Regular.ttf d4e3a076b2d0a4e7d3089cee2137d7512fb21a1ed65725d1e5d2bb474a22ca95
echo "字体已就绪 / fonts ready: $dest"
