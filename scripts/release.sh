#!/usr/bin/env bash
# Builds release packages into dist/: a static mofan binary for linux/amd64
# and windows/amd64, each packed with what it needs at run time beside it:
# fonts/ (with fonts.toml and licences), templates/, the sample seeds/, the
# README and, for Windows, the .bat launchers of packaging/windows. mofan
# looks for seeds/, fonts/ and templates/ in the current folder first, then
# beside the executable, so the unpacked folder works from anywhere.
#
# Everything but the binary comes from the last commit (git archive HEAD),
# never from the working folder: a dirty local seeds/ or an output/ cannot
# get into a package. The binary is built from the working tree and says so:
# its version (git describe, "-dirty" when tracked files have uncommitted
# changes) is stamped with -ldflags -X and printed by "mofan version".
# The zips are written by cmd/mofan-release (UTF-8 names, fixed times,
# sorted entries; see internal/release). Needs Go and git.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(git describe --tags --always --dirty)
case $version in *-dirty) echo "release: uncommitted changes; the binary is marked $version, the files come from HEAD" >&2 ;; esac
rm -rf dist
mkdir -p dist
go build -o dist/mofan-release ./cmd/mofan-release
git archive --format=tar HEAD -- README.md fonts templates seeds packaging/windows > dist/tree.tar
for target in linux/amd64 windows/amd64; do
  os=${target%/*}
  arch=${target#*/}
  name="mofan-$version-$os-$arch"
  exe=mofan
  flags=()
  if [ "$os" = windows ]; then exe=mofan.exe; flags=(-windows); fi
  mkdir -p "dist/$name"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false \
    -ldflags "-s -w -buildid= -X mofan/generator/cli.version=$version" -o "dist/$name/$exe" ./cmd/mofan
  dist/mofan-release -exe "dist/$name/$exe" -top "$name" "${flags[@]}" -o "dist/$name.zip" < dist/tree.tar
  rm -rf "dist/$name"
  echo "dist/$name.zip ($(du -h "dist/$name.zip" | cut -f1))"
done
rm -f dist/tree.tar dist/mofan-release
