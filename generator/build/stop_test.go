package build

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestStop closes Options.Stop after a few files: Build must return
// ErrStopped, remove its temporary folder and leave the previous output as
// it was.
func TestStop(t *testing.T) {
	e := engine(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	out := t.TempDir()
	prev := filepath.Join(out, "2020", "上次的文件.txt")
	if err := os.MkdirAll(filepath.Dir(prev), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prev, []byte("上次的输出"), 0o644); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	seen, last := 0, 0
	opt := Options{Stop: stop, Progress: func(done, total int, kind string) {
		seen++
		last = total
		if !contains(Kinds, kind) {
			t.Errorf("progress kind %q is not one of Kinds", kind)
		}
		if done == 5 {
			close(stop)
		}
	}}
	_, err := e.Build(y, out, opt)
	if !errors.Is(err, ErrStopped) {
		t.Fatalf("Build after Stop: %v, want ErrStopped", err)
	}
	if seen >= last {
		t.Errorf("%d of %d files were written after Stop", seen, last)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "2020" {
		var names []string
		for _, d := range entries {
			names = append(names, d.Name())
		}
		t.Errorf("output folder holds %v, want only 2020 (no temporary folder)", names)
	}
	year, _ := os.ReadDir(filepath.Join(out, "2020"))
	if b, err := os.ReadFile(prev); err != nil || string(b) != "上次的输出" || len(year) != 1 {
		t.Errorf("previous output changed: %d entries, %q, %v", len(year), b, err)
	}
}
