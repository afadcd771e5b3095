#!/usr/bin/env bash
# make bench: whole-build figures, side by side in one run on this machine.
#  (a) the full 2020 build from a cold process (best and median of 5 runs),
#      against `gzip -1` over the shipped font files (best of 3), with the ratio
#  (b) --only 考评要点 (70 checklists as PDF and xlsx, and the 70 zips that
#      hold them) against LibreOffice converting the same 70 checklist
#      workbooks to PDF in one call, with the ratio; Typst compiling 70
#      comparable checklists in one process, when typst is installed
#  (c) the bytes the 2020 build writes, by kind
#  (d) synthetic demo builds of BENCH_SMALL (default 1000) and BENCH_UNITS
#      (default 10000) units: wall time, peak memory, bytes written
# Needs: bin/mofan (make build), /usr/bin/time (Debian package time), jq for
# Typst; soffice for (b) (libreoffice-calc-nogui). The large build writes
# about 0.8 MB per unit into a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
mofan=bin/mofan
units=${BENCH_UNITS:-10000}
small=${BENCH_SMALL:-1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

# run CMD...: runs CMD, prints nothing, sets $wall (s), $cpu (user+sys s) and $rss (MB)
run() {
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r wall user sys kb <"$tmp/time"
  cpu=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
  rss=$((kb / 1024))
}
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { printf f, a / (b > 0 ? b : 0.01) }'; }
best_median() { # values on stdin → "best median"
  sort -n | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[1], v[int((NR + 1) / 2)] }'
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
load() { cut -d' ' -f1 /proc/loadavg; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "mofan:   $(git describe --always --dirty 2>/dev/null || echo dev), $(go version | cut -d' ' -f3)"
echo

# (a)
fonts=$(ls fonts/*.ttf fonts/*.otf fonts/*.ttc 2>/dev/null | tr '\n' ' ' || true)
gz=()
for i in 1 2 3; do
  run sh -c "cat $fonts | gzip -1 >/dev/null"
  gz+=("$wall")
done
read -r gzbest _ < <(printf '%s\n' "${gz[@]}" | best_median)
fontmb=$(mb "$(cat $fonts | wc -c)")
walls=()
cpus=()
for i in 1 2 3 4 5; do
  rm -rf "$tmp/a"
  run $mofan build --seeds seeds --year 2020 --out "$tmp/a" --quiet
  walls+=("$wall")
  cpus+=("$cpu")
done
read -r best median < <(printf '%s\n' "${walls[@]}" | best_median)
read -r cpubest _ < <(printf '%s\n' "${cpus[@]}" | best_median)
files=$(find "$tmp/a/2020" -type f | wc -l)
printf '(a) full 2020 build, cold process: best %ss, median %ss (CPU %ss), %d files, peak %d MB, load %s\n' "$best" "$median" "$cpubest" "$files" "$rss" "$(load)"
printf '    gzip -1 over the shipped fonts (%s MB): best %ss  →  build/gzip = %s  (target ≤ 0.6)\n' "$fontmb" "$gzbest" "$(ratio "$best" "$gzbest")"

# (b)
ours=()
ourcpus=()
for i in 1 2 3; do
  run $mofan build --seeds seeds --year 2020 --out "$tmp/a" --quiet --only 考评要点
  ours+=("$wall")
  ourcpus+=("$cpu")
done
read -r ourbest _ < <(printf '%s\n' "${ours[@]}" | best_median)
read -r ourcpu _ < <(printf '%s\n' "${ourcpus[@]}" | best_median)
if command -v soffice >/dev/null; then
  mkdir -p "$tmp/lo"
  # a first start creates the profile; it is not counted
  run soffice --headless "-env:UserInstallation=file://$tmp/lo-profile" --convert-to pdf --outdir "$tmp/lo" "$tmp/a/2020/考评要点/01-"*.xlsx
  rm -f "$tmp/lo"/*.pdf
  run soffice --headless "-env:UserInstallation=file://$tmp/lo-profile" --convert-to pdf --outdir "$tmp/lo" "$tmp/a/2020/考评要点/"*.xlsx
  lo=$wall
  n=$(ls "$tmp/lo"/*.pdf | wc -l)
  printf '(b) 70 checklists: mofan --only 考评要点 best %ss (CPU %ss)  vs  LibreOffice %d PDFs in one call %ss (CPU %ss)  →  %s× faster  (target ≥ 50×), load %s\n' \
    "$ourbest" "$ourcpu" "$n" "$lo" "$cpu" "$(ratio "$lo" "$ourbest" %.0f)" "$(load)"
else
  printf '(b) 70 checklists: mofan --only 考评要点 best %ss (CPU %ss); LibreOffice not installed, no comparison\n' "$ourbest" "$ourcpu"
fi
if command -v typst >/dev/null && command -v jq >/dev/null; then
  # 70 one-unit checklists (the 24 points in a table, the unit in the
  # header) as pages of one document: Typst's fastest way, one process
  mkdir -p "$tmp/typ"
  $mofan plan --json >"$tmp/typ/plan.json"
  cat >"$tmp/typ/main.typ" <<'EOF'
#let plan = json("plan.json")
#set page(paper: "a4", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm))
#set text(lang: "zh", size: 12pt, font: ("FandolFang", "Noto Serif SC"))
#for u in plan.units [
  #set page(header: align(right, text(size: 10.5pt, u.name)))
  #align(center, text(size: 22pt, font: ("Noto Serif SC"), weight: "bold")[2020年度考评要点])
  #table(columns: (18mm, 1fr, 16mm), [编号], [考评要点], [分值],
    ..plan.points.map(p => (p.id, p.text, [4])).flatten())
  #pagebreak(weak: true)
]
EOF
  run typst compile --font-path fonts "$tmp/typ/main.typ" "$tmp/typ/out.pdf"
  printf '    Typst %s, the same 70 checklists in one process: %ss  →  mofan %s× faster\n' \
    "$(typst --version | cut -d' ' -f2)" "$wall" "$(ratio "$wall" "$ourbest" %.1f)"
else
  printf '    Typst: not installed, no comparison\n'
fi

# (c)
rm -rf "$tmp/a"
$mofan build --seeds seeds --year 2020 --out "$tmp/a" --quiet
total=$(du -sb --apparent-size "$tmp/a/2020" | cut -f1)
printf '(c) bytes written for 2020: %s MB  (target ≤ 45 MB)\n' "$(mb "$total")"
for d in "$tmp/a/2020"/*/; do
  k=$(basename "$d")
  printf '      %-10s %7s MB\n' "$k/" "$(mb "$(du -sb --apparent-size "$d" | cut -f1)")"
done
printf '      %-10s %7s MB\n' "other" "$(mb "$(find "$tmp/a/2020" -maxdepth 1 -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')")"

# (d)
demo() { # N → sets d_wall, d_cpu, d_rss, d_mb, d_load
  rm -rf "$tmp/demo" "$tmp/demo-out"
  $mofan demo --units "$1" --out "$tmp/demo" >/dev/null
  run $mofan build --seeds "$tmp/demo" --out "$tmp/demo-out" --quiet
  d_wall=$wall d_cpu=$cpu d_rss=$rss d_load=$(load)
  d_mb=$(du -sm --apparent-size "$tmp/demo-out" | cut -f1)
  rm -rf "$tmp/demo" "$tmp/demo-out"
}
demo "$small"
s_wall=$d_wall s_rss=$d_rss s_mb=$d_mb
printf '(d) %6d units: %7ss wall (CPU %ss), peak %4d MB, %6d MB written, load %s\n' "$small" "$s_wall" "$d_cpu" "$s_rss" "$s_mb" "$d_load"
demo "$units"
printf '    %6d units: %7ss wall (CPU %ss), peak %4d MB, %6d MB written, load %s  (targets for 10,000: ≤ 90 s, ≤ 512 MB, ≤ 8 GB)\n' "$units" "$d_wall" "$d_cpu" "$d_rss" "$d_mb" "$d_load"
printf '    time %d/%d units: %s×  (units %s×; target ≤ 11× for 10,000/1,000)\n' "$units" "$small" "$(ratio "$d_wall" "$s_wall" %.1f)" "$(ratio "$units" "$small" %.0f)"
