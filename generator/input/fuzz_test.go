package input

import (
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/internal/corpus"
)

// The fuzz targets write each input to a file and load it as mofan does. A
// loader must not panic, must stay within bounded memory, must
// report any problem as a *diag.List whose every line starts with the file's
// path, and what it accepts must satisfy what the later stages rely on.

const (
	fuzzAlloc = 64 << 20 // plus 1000 bytes per input byte
)

// allocated returns the bytes allocated on the heap so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// fuzzSeeds adds the shipped files matching glob and the corpus files
// matching pattern.
func fuzzSeeds(f *testing.F, glob, shipped, pattern string) {
	paths, err := filepath.Glob(glob)
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds at %s: %v", glob, err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	more, err := corpus.Seeds(corpus.Dir, shipped, pattern, 64<<10)
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range more {
		f.Add(b)
	}
}

// load writes src to path, runs load and checks the properties every
// loader has; it returns load's error.
func fuzzLoad(t *testing.T, path string, src []byte, load func() error) error {
	t.Helper()
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	before := allocated()
	err := load()
	if a := allocated() - before; a > fuzzAlloc+uint64(len(src))*1000 {
		t.Fatalf("allocated %d bytes for %d bytes", a, len(src))
	}
	checkList(t, path, err)
	return err
}

// checkText fails if an accepted text holds what no document may show.
func checkText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxText || strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\t' && diag.Unsafe(r) }) {
		t.Fatalf("accepted %s %.80q", what, s)
	}
}

func FuzzLoadUnit(f *testing.F) {
	fuzzSeeds(f, filepath.Join(seeds, "2020", "units", "*.toml"), "../../seeds", "2020/units/*")
	p, err := plan.Load(filepath.Join(seeds, "plan.md"))
	if err != nil {
		f.Fatal(err)
	}
	y := &model.Year{Max: DefaultMax(p)}
	path := filepath.Join(f.TempDir(), "01-市委办公室.toml")
	f.Fuzz(func(t *testing.T, src []byte) {
		var u *model.Unit
		var probs diag.List
		err := fuzzLoad(t, path, src, func() error {
			u = LoadUnit(path, p, y, &probs)
			return probs.Err()
		})
		if probs.Len() > 0 {
			checkList(t, path, &probs) // warnings too
		}
		if err != nil {
			return
		}
		if u == nil || p.Unit(u.Name) == nil {
			t.Fatalf("accepted a unit %v not in 附件1", u)
		}
		for i := range p.Points {
			if s := u.Self[i]; s.Has && (s.Score < 0 || s.Score > y.Max[i]) {
				t.Fatalf("accepted self score %s for %s", s.Score, p.Points[i].ID)
			}
			if r := u.Review[i]; r.Has && (r.Score < 0 || r.Score > y.Max[i]) {
				t.Fatalf("accepted review score %s for %s", r.Score, p.Points[i].ID)
			}
			checkText(t, "evidence", u.Self[i].Evidence)
		}
		for _, a := range u.Adjust {
			if (a.Kind != model.Bonus && a.Kind != model.Deduction) || a.Points <= 0 || a.Reason == "" {
				t.Fatalf("accepted adjustment %+v", a)
			}
			checkText(t, "reason", a.Reason)
		}
		if v := u.Veto; v != nil && (!contains(model.VetoSources, v.Source) || v.Reason == "") {
			t.Fatalf("accepted veto %+v", v)
		}
		for _, s := range []string{u.Name, u.PartyOrg, u.Secretary, u.Contact, u.Phone} {
			checkText(t, "text", s)
		}
	})
}

func FuzzLoadYear(f *testing.F) {
	fuzzSeeds(f, filepath.Join(seeds, "2020", "year.toml"), "../../seeds", "2020/year.toml")
	p, err := plan.Load(filepath.Join(seeds, "plan.md"))
	if err != nil {
		f.Fatal(err)
	}
	path := filepath.Join(f.TempDir(), "year.toml")
	f.Fuzz(func(t *testing.T, src []byte) {
		var y *model.Year
		var probs diag.List
		err := fuzzLoad(t, path, src, func() error {
			y = LoadYear(path, 2020, p, &probs)
			return probs.Err()
		})
		if probs.Len() > 0 {
			checkList(t, path, &probs)
		}
		if err != nil {
			return
		}
		if y.Year != 2020 || len(y.Max) != len(p.Points) {
			t.Fatalf("accepted year %d with %d 分值", y.Year, len(y.Max))
		}
		var sum model.Tenths
		for i, m := range y.Max {
			if m <= 0 {
				t.Fatalf("accepted 分值 %s for %s", m, p.Points[i].ID)
			}
			sum += m
		}
		if sum != 1000 {
			t.Fatalf("accepted 分值 summing to %s", sum)
		}
		r := y.Rule
		if r.MaxRatio <= 0 || r.MaxRatio > 1 || r.MinTotal < 0 || r.BonusCap < 0 || r.DeductionCap < 0 ||
			(r.MissingReview != "self" && r.MissingReview != "zero") || (r.BoundaryTies != "exclude" && r.BoundaryTies != "include") {
			t.Fatalf("accepted rule %+v", r)
		}
		n := y.Notice
		for _, s := range []string{n.Title, n.Number, n.Issuer, n.Signature, n.Addressee, n.Printer} {
			if s == "" {
				t.Fatalf("accepted notice %+v", n)
			}
			checkText(t, "notice text", s)
		}
		checkText(t, "cc", n.CC)
		if n.Date.IsZero() || y.Forms.IssueDate.IsZero() || y.Forms.Deadline.Before(y.Forms.IssueDate) {
			t.Fatalf("accepted dates %v %+v", n.Date, y.Forms)
		}
	})
}

func FuzzLoadFontConfig(f *testing.F) {
	fuzzSeeds(f, filepath.Join("..", "..", "fonts", "fonts.toml"), "../../fonts", "fonts.toml")
	path := filepath.Join(f.TempDir(), "fonts.toml")
	f.Fuzz(func(t *testing.T, src []byte) {
		var specs []model.FontSpec
		err := fuzzLoad(t, path, src, func() error {
			var err error
			specs, err = LoadFontConfig(path)
			return err
		})
		if err != nil {
			return
		}
		if len(specs) != len(fontRoles) {
			t.Fatalf("accepted %d roles", len(specs))
		}
		for i, s := range specs {
			if string(s.Role) != fontRoles[i] || !filepath.IsAbs(s.File) || s.Index < 0 || s.Index > 1<<16 || s.Pos.File != path {
				t.Fatalf("accepted %+v", s)
			}
		}
	})
}
