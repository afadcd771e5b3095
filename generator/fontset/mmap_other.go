//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fontset

import "os"

// readAll returns the bytes of a font file (read whole; on Linux and the
// BSDs the file is mapped into memory instead, see mmap_unix.go).
func readAll(path string) ([]byte, error) { return os.ReadFile(path) }
