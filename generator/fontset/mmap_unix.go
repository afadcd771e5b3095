//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fontset

import (
	"os"
	"syscall"
)

// readAll returns the bytes of a font file mapped read-only into memory
// rather than copied: a run touches only the tables and glyphs it uses of
// files of 10–30 MB, so the rest is never read, and the pages are shared
// with the page cache. The mapping lives as long as the process (a Set
// keeps slices of it). A file that cannot be mapped is read instead.
func readAll(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size <= 0 || size != int64(int(size)) || !st.Mode().IsRegular() {
		return os.ReadFile(path)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return os.ReadFile(path)
	}
	return data, nil
}
