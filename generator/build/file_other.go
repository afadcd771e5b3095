//go:build !unix

package build

import "os"

// createFile and openFile are os.Create and os.Open (see file_unix.go).
func createFile(path string) (*os.File, error) { return os.Create(path) }

func openFile(path string) (*os.File, error) { return os.Open(path) }
