#!/usr/bin/env bash
# Builds release packages into dist/: a static mofan binary for linux/amd64
# and windows/amd64, each packed with what it needs at run time beside it:
# fonts/ (with fonts.toml and licences), templates/, the sample seeds/ and
# the README. mofan looks for fonts/fonts.toml and templates/ in the current
# folder first, then beside the executable, so the unpacked folder works from
# anywhere. Needs Go and zip.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
rm -rf dist
mkdir -p dist
for target in linux/amd64 windows/amd64; do
  os=${target%/*}
  arch=${target#*/}
  name="mofan-$version-$os-$arch"
  dir="dist/$name"
  exe=mofan
  [ "$os" = windows ] && exe=mofan.exe
  mkdir -p "$dir"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false \
    -ldflags "-s -w -buildid=" -o "$dir/$exe" ./cmd/mofan
  cp -r fonts templates seeds README.md "$dir/"
  rm -rf "$dir/seeds/"*/returned
  # fixed times, sorted names: the same sources give the same package
  find "$dir" -exec touch -h -d 1980-01-01T00:00:00Z {} +
  (cd dist && find "$name" | LC_ALL=C sort | zip -qX -@ "$name.zip")
  rm -rf "$dir"
  echo "dist/$name.zip ($(du -h "dist/$name.zip" | cut -f1))"
done
