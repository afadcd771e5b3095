package build

import (
	"os"
	"path/filepath"
	"testing"

	"mofan/generator/score"
	"mofan/internal/corpus"
)

// FuzzCheckThenBuild holds the promise of `mofan check`: whatever unit file
// Load accepts, the build makes every document that shows it without an
// error. Unit 01's file takes the fuzzed bytes; the documents made are the
// unit's checklist and form (PDF and workbook) and the year's summaries and
// notice, which print its strings too. A refusal by Load is always fine: the
// build runs the very same Load first.
func FuzzCheckThenBuild(f *testing.F) {
	seeds := filepath.Join(root, "seeds")
	unitFile := "2020/units/01-市委办公室.toml"
	shipped, err := os.ReadFile(filepath.Join(seeds, filepath.FromSlash(unitFile)))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(shipped)
	cases, err := corpus.Seeds(filepath.Join(root, "testdata", "corpus"), seeds, unitFile, 64<<10)
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		f.Add(c)
	}
	dir := f.TempDir()
	copyDir(f, filepath.Join(seeds, "2020"), filepath.Join(dir, "2020"))
	copyDir(f, filepath.Join(seeds, "plan.md"), filepath.Join(dir, "plan.md"))
	cfg := Config{Seeds: dir, Years: []int{2020}, Fonts: filepath.Join(root, "fonts", "fonts.toml"), Templates: filepath.Join(root, "templates")}
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(unitFile)), src, 0o644); err != nil {
			t.Fatal(err)
		}
		run, err := Load(cfg)
		if err != nil {
			return
		}
		y := run.Years[0]
		var js []job
		for _, j := range run.Engine.jobs(y, score.Compute(y.Plan, y.In)) {
			if j.unit == 1 || j.unit == 0 && j.kind != "实施方案" && j.kind != "单位名单" {
				js = append(js, j)
			}
		}
		if err := renderAll(js, t.TempDir()); err != nil {
			t.Fatalf("check passed, build failed:\n%v\ninput:\n%s", err, src)
		}
	})
}

// renderAll runs jobs into dir, as the Render phase does.
func renderAll(js []job, dir string) error { return run(js, dir, &Result{}, len(js), Options{}, nil) }

// copyDir copies a file or a folder tree.
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	if err := corpus.CopyTree(from, to); err != nil {
		t.Fatal(err)
	}
}
