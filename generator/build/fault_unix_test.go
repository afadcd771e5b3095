//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package build

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestMappedFileCutShortIsAnError: a font file is mapped into memory
// (fontset); if it is cut short while mofan runs, reading the lost pages
// faults. Load (guarded) and a build's worker report an error, the worker
// for the file it was writing, instead of the process dying.
func TestMappedFileCutShortIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "font.ttf")
	if err := os.WriteFile(path, make([]byte, 1<<16), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := syscall.Mmap(int(f.Fd()), 0, 1<<16, syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("cannot map a file here: %v", err)
	}
	defer syscall.Munmap(data)
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	// Load reads the mapped fonts through guarded
	var b byte
	if err := guarded(func() error { b = data[1<<15]; return nil }); err == nil || !strings.Contains(err.Error(), "读取文件时出错") {
		t.Fatalf("guarded: err = %v (read %d)", err, b)
	}
	js := []job{{path: "a.pdf", make: func() ([]byte, error) { return []byte{data[1<<15]}, nil }}}
	err = run(js, t.TempDir(), &Result{}, 1, Options{}, func(job) string { return "seeds/2020/year.toml" })
	if err == nil || !strings.Contains(err.Error(), "读取文件时出错") || !strings.Contains(err.Error(), "a.pdf") {
		t.Fatalf("err = %v", err)
	}
	if testing.Verbose() {
		t.Log(err)
	}
}
