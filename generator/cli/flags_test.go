package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindBeside(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"release/fonts", "checkout/bin", "checkout/fonts", "other/bin"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(t.TempDir()) // no fonts/ in the current folder
	for _, tc := range []struct{ exe, want string }{
		{"release/mofan.exe", filepath.Join(root, "release", "fonts")},   // a release: beside the exe
		{"checkout/bin/mofan", filepath.Join(root, "checkout", "fonts")}, // make build: beside bin/
		{"other/bin/mofan", "fonts"},                                     // nowhere: the path as given
	} {
		if got := findBeside("fonts", filepath.Join(root, tc.exe)); got != tc.want {
			t.Errorf("findBeside(fonts, %s) = %s, want %s", tc.exe, got, tc.want)
		}
	}
}
