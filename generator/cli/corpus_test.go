package cli

// The corpus of broken and hostile inputs: testdata/corpus/<case>/case.txt
// says how the case's seeds tree differs from the shipped seeds (the format
// is described in internal/corpus), want.txt is what mofan must print on
// stderr, with the seeds root's path removed. Every case must fail with exit
// status 1, print its message from both check and build, and write nothing.
// A case that provides fonts.toml is run through check and build with that
// fonts.toml.
//
// Run go test ./generator/cli -run Corpus -update to rewrite want.txt.

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mofan/internal/corpus"
	"mofan/internal/golden"
)

// writeCase makes the case's seeds tree under root: a copy of the shipped
// seeds and templates (under root/templates) with the case's files applied.
// It returns the fonts.toml and the templates folder the build is to use.
func writeCase(t *testing.T, root string, files []corpus.File) (fonts, templates string) {
	t.Helper()
	fonts, err := filepath.Abs("../../fonts/fonts.toml")
	if err != nil {
		t.Fatal(err)
	}
	templates = filepath.Join(root, "templates")
	copyTree(t, "../../seeds/plan.md", filepath.Join(root, "plan.md"))
	copyTree(t, "../../seeds/2020", filepath.Join(root, "2020"))
	copyTree(t, "../../templates", templates)
	for _, f := range files {
		path := filepath.Join(root, filepath.FromSlash(f.Path))
		if f.Path == "fonts.toml" {
			fonts = path
			if _, err := os.Stat(path); err != nil {
				copyTree(t, "../../fonts/fonts.toml", path)
				linkFonts(t, filepath.Dir(path))
			}
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		switch f.Mod {
		case "delete":
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			continue
		case "symlink":
			os.Remove(path)
			if err := os.Symlink(f.Arg, path); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			continue
		}
		old, _ := os.ReadFile(path)
		data, err := f.Content(old)
		if err != nil {
			t.Fatalf("case.txt: %s: %v", f.Path, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fonts, templates
}

// linkFonts links the shipped font files into dir, so that a case's own
// fonts.toml can name them by their plain file names.
func linkFonts(t *testing.T, dir string) {
	t.Helper()
	ttfs, _ := filepath.Glob("../../fonts/*.ttf")
	for _, f := range ttfs {
		abs, _ := filepath.Abs(f)
		if err := os.Symlink(abs, filepath.Join(dir, filepath.Base(f))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
}

// copyTree copies a file or a folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := corpus.CopyTree(from, to); err != nil {
		t.Fatal(err)
	}
}

// snapshot lists every file and folder under dir with the content of files;
// "" when dir does not exist.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return ""
	}
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", rel)
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %q\n", rel, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCorpus(t *testing.T) {
	cases, err := corpus.Cases(corpus.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Errorf("the corpus has %d cases, want at least 40", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel() // each case has its own folders; Main keeps no state
			files := c.Files
			tmp := t.TempDir()
			root := filepath.Join(tmp, "seeds")
			out := filepath.Join(tmp, "output")
			fonts, templates := writeCase(t, root, files)
			normalise := func(s string) string {
				return strings.ReplaceAll(strings.ReplaceAll(s, root+string(filepath.Separator), ""), root, ".")
			}

			var got []string // stderr of each run, normalised
			var runs [][]string
			// check is the build's Load phase: it reads the same files and
			// must print exactly what build prints.
			check := []string{"check", "--seeds", root, "--fonts", fonts, "--templates", templates}
			build := []string{"build", "--seeds", root, "--out", out, "--fonts", fonts, "--templates", templates, "--quiet"}
			runs = append(runs, check, build, build)
			for i, args := range runs {
				if i == len(runs)-1 {
					// The last build finds an earlier output, which it must leave as it was.
					year := filepath.Join(out, "2020")
					if err := os.MkdirAll(year, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(year, "marker.txt"), []byte("earlier output\n"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				before := snapshot(t, out)
				code, stdout, stderr := run(args...)
				if code != ExitInput {
					t.Errorf("%s: exit %d, want 1\nstdout: %s\nstderr: %s", args[0], code, stdout, stderr)
				}
				if stdout != "" {
					t.Errorf("%s: stdout %q", args[0], stdout)
				}
				if after := snapshot(t, out); after != before {
					t.Errorf("%s changed the output folder:\nbefore:\n%s\nafter:\n%.2000s", args[0], before, after)
				}
				got = append(got, normalise(stderr))
			}
			for i := 1; i < len(got); i++ {
				if got[i] != got[0] {
					t.Errorf("%s and %s print different messages:\n%s\n---\n%s", runs[0][0], runs[i][0], got[0], got[i])
				}
			}
			wantFile := filepath.Join(c.Dir, "want.txt")
			golden.File(t, wantFile, got[0])
		})
	}
}
