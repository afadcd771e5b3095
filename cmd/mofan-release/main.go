// Command mofan-release packs a release zip (see package mofan/internal/release):
//
//	git archive --format=tar HEAD -- README.md fonts templates seeds packaging/windows |
//	  mofan-release -exe dist/mofan.exe -top mofan-v1.0-windows-amd64 -windows -o dist/mofan-v1.0-windows-amd64.zip
//
// It reads the committed tree from standard input; scripts/release.sh runs it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"mofan/internal/release"
)

func main() {
	exe := flag.String("exe", "", "the built mofan binary")
	top := flag.String("top", "", "the folder the zip unpacks into")
	windows := flag.Bool("windows", false, "a Windows package: add the .bat launchers")
	out := flag.String("o", "", "the zip to write")
	flag.Parse()
	if *exe == "" || *top == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := pack(*exe, *top, *windows, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mofan-release:", err)
		os.Exit(1)
	}
}

func pack(exe, top string, windows bool, out string) error {
	b, err := os.ReadFile(exe)
	if err != nil {
		return err
	}
	files, err := release.Select(os.Stdin, release.File{Name: filepath.Base(exe), Mode: 0o755, Data: b}, windows)
	if err != nil {
		return err
	}
	var zb bytes.Buffer
	if err := release.Zip(&zb, top, files); err != nil {
		return err
	}
	return os.WriteFile(out, zb.Bytes(), 0o644)
}
