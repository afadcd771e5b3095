package fontset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAll checks the font file reader of this platform (mapped on
// Linux, the BSDs and macOS, read elsewhere) against os.ReadFile.
func TestReadAll(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty.ttf", nil},
		{"small.ttf", []byte("\x00\x01\x00\x00 not much of a font")},
		{"pages.ttf", bytes.Repeat([]byte("glyf"), 3*4096+7)}, // more than a page, not a whole number of them
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := readAll(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Errorf("readAll(%s): %d bytes, want the file's %d", tc.name, len(got), len(tc.data))
			}
		})
	}
	if _, err := readAll(filepath.Join(dir, "missing.ttf")); !os.IsNotExist(err) {
		t.Errorf("readAll of a missing file: %v, want a not-exist error", err)
	}
	if _, err := readAll(dir); err == nil {
		t.Errorf("readAll of a folder: no error")
	}
}
