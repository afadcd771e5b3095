package build

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInterleave checks the order of a run's jobs: the pack jobs that read
// nothing first, the render jobs in their order, and each job that reads
// files after the jobs writing them, a few jobs later, waiting for exactly
// those.
func TestInterleave(t *testing.T) {
	var render []job
	for u := 1; u <= 20; u++ {
		for _, k := range []string{"考评要点/%02d.pdf", "考评要点/%02d.xlsx", "自评表/%02d.pdf", "自评表/%02d.xlsx"} {
			render = append(render, job{path: fmt.Sprintf(k, u)})
		}
	}
	render = append([]job{{path: "考评通知.pdf"}}, render...)
	pack := []job{{path: "打印.pdf"}}
	for u := 1; u <= 20; u++ {
		var reads []string
		for _, k := range []string{"考评通知.pdf", "考评要点/%02d.pdf", "考评要点/%02d.xlsx", "自评表/%02d.pdf", "自评表/%02d.xlsx"} {
			if strings.Contains(k, "%") {
				k = fmt.Sprintf(k, u)
			}
			reads = append(reads, k)
		}
		pack = append(pack, job{path: fmt.Sprintf("分发/%02d.zip", u), reads: reads})
	}
	pack = append(pack, job{path: "分发/kept.zip", reads: []string{"earlier.pdf"}})
	out := interleave(render, pack)
	if len(out) != len(render)+len(pack) {
		t.Fatalf("%d jobs, want %d", len(out), len(render)+len(pack))
	}
	if out[0].path != "打印.pdf" {
		t.Errorf("first job %s, want 打印.pdf", out[0].path)
	}
	var order []string
	at := map[string]int{}
	for i, j := range out {
		at[j.path] = i
		if len(j.reads) == 0 && j.path != "打印.pdf" {
			order = append(order, j.path)
		}
	}
	var want []string
	for _, j := range render {
		want = append(want, j.path)
	}
	if !slices.Equal(order, want) {
		t.Errorf("render jobs reordered: %v", order)
	}
	for i, j := range out {
		var wantAfter []int
		last := -1
		for _, r := range j.reads {
			if d, ok := at[r]; ok {
				wantAfter = append(wantAfter, d)
				last = max(last, d)
			}
		}
		if !slices.Equal(j.after, wantAfter) {
			t.Errorf("%s waits for %v, want %v", j.path, j.after, wantAfter)
		}
		if last >= 0 && (i <= last || i > last+16 && i != len(out)-1) { // 8 jobs later, and the zips placed before it
			t.Errorf("%s at %d, its last file at %d", j.path, i, last)
		}
	}
	if out[len(out)-1].path != "分发/kept.zip" {
		t.Errorf("a zip of kept files only is not last: %s", out[len(out)-1].path)
	}
}

// TestZipOfFailedFile: when a file a zip holds fails, the build reports that
// file's error, not also the zip's.
func TestZipOfFailedFile(t *testing.T) {
	dir := t.TempDir()
	js := interleave([]job{
		{path: "a.pdf", make: func() ([]byte, error) { return nil, errors.New("坏了") }},
		{path: "b.pdf", make: func() ([]byte, error) { return []byte("b"), nil }},
	}, []job{{path: "分发/a.zip", reads: []string{"a.pdf", "b.pdf"}, stream: func(w io.Writer) error {
		_, err := os.ReadFile(filepath.Join(dir, "a.pdf"))
		return err
	}}})
	err := run(js, dir, &Result{}, len(js), Options{}, func(job) string { return "seeds/2020/year.toml" })
	if err == nil || !strings.Contains(err.Error(), "坏了") || strings.Contains(err.Error(), "a.zip") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "分发", "a.zip")); err == nil {
		t.Error("the zip was written")
	}
}
