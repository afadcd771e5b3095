#!/usr/bin/env bash
# make bench: whole-build figures, side by side on this machine.
#  (a) the full 2020 build from a cold process (best and median of 5 runs)
#  (b) --only 考评要点 (70 checklists as PDF and xlsx, and the 70 zips that
#      hold them) against LibreOffice converting the same 70 checklist
#      workbooks to PDF in one call, with the ratio
#  (c) a synthetic BENCH_UNITS-unit build (default 10000): wall time and peak
#      memory, beside a BENCH_UNITS/5-unit build to show how memory grows
# Needs: bin/mofan (make build), /usr/bin/time (Debian package time),
# soffice for (b) (libreoffice-calc-nogui). The large build writes about
# 1.7 MB per unit into a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
mofan=bin/mofan
units=${BENCH_UNITS:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

# run LABEL CMD...: runs CMD, prints nothing, sets $wall (s) and $rss (MB)
run() {
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r wall kb <"$tmp/time"
  rss=$((kb / 1024))
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "mofan:   $(git describe --always --dirty 2>/dev/null || echo dev), $(go version | cut -d' ' -f3)"
echo

# (a)
walls=()
for i in 1 2 3 4 5; do
  rm -rf "$tmp/a"
  run $mofan build --seeds seeds --year 2020 --out "$tmp/a" --quiet
  walls+=("$wall")
done
sorted=$(printf '%s\n' "${walls[@]}" | sort -n)
best=$(echo "$sorted" | head -1)
median=$(echo "$sorted" | sed -n 3p)
files=$(find "$tmp/a/2020" -type f | wc -l)
printf '(a) full 2020 build, cold process:  best %ss, median %ss, %d files, peak %d MB  (target ≤ 1.0 s)\n' "$best" "$median" "$files" "$rss"

# (b)
run $mofan build --seeds seeds --year 2020 --out "$tmp/a" --quiet --only 考评要点
ours=$wall
if command -v soffice >/dev/null; then
  mkdir -p "$tmp/lo"
  run soffice --headless "-env:UserInstallation=file://$tmp/lo-profile" --convert-to pdf --outdir "$tmp/lo" "$tmp/a/2020/考评要点/"*.xlsx
  lo=$wall
  n=$(ls "$tmp/lo"/*.pdf | wc -l)
  ratio=$(awk -v a="$lo" -v b="$ours" 'BEGIN { printf "%.0f", a / (b > 0 ? b : 0.01) }')
  printf '(b) 70 checklists:  mofan --only 考评要点 %ss  vs  LibreOffice %d PDFs in one call %ss  →  %s× faster  (target ≥ 50×)\n' "$ours" "$n" "$lo" "$ratio"
else
  printf '(b) 70 checklists:  mofan --only 考评要点 %ss; LibreOffice not installed, no comparison\n' "$ours"
fi

# (c)
small=$((units / 5))
$mofan demo --units "$small" --out "$tmp/small" >/dev/null
run $mofan build --seeds "$tmp/small" --out "$tmp/small-out" --quiet
small_wall=$wall small_rss=$rss
rm -rf "$tmp/small" "$tmp/small-out"
$mofan demo --units "$units" --out "$tmp/big" >/dev/null
run $mofan build --seeds "$tmp/big" --out "$tmp/big-out" --quiet
bytes=$(du -sm "$tmp/big-out" | cut -f1)
printf '(c) %d units: %ss wall, peak %d MB, %d MB written  (targets ≤ 60 s, ≤ 512 MB)\n' "$units" "$wall" "$rss" "$bytes"
printf '    %d units: %ss wall, peak %d MB  (memory growth from %d to %d units: %+d MB)\n' "$small" "$small_wall" "$small_rss" "$small" "$units" $((rss - small_rss))
