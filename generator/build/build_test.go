package build

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/score"
)

const root = "../.."

var (
	engOnce sync.Once
	eng     *Engine
	engErr  error
)

func engine(t testing.TB) *Engine {
	t.Helper()
	engOnce.Do(func() { eng, engErr = NewEngine(filepath.Join(root, "fonts", "fonts.toml")) })
	if engErr != nil {
		t.Fatal(engErr)
	}
	return eng
}

func loadYear(t testing.TB, seeds string, year int) *Year {
	t.Helper()
	p, err := plan.Load(filepath.Join(seeds, "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := input.Load(filepath.Join(seeds, itoa(year)), year, p)
	if err != nil {
		t.Fatal(err)
	}
	return &Year{Plan: p, In: in, Template: filepath.Join(root, "templates", "表彰通知.md")}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// needTool skips without the tool, but fails under CI.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required under CI: %v", name, err)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils qpdf); skipping", name)
	}
}

// TestBuildSeedsReproducible builds the shipped 2020 seeds twice and compares
// every byte; it also checks the set of files and SHA256SUMS.
func TestBuildSeedsReproducible(t *testing.T) {
	e := engine(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	out1, out2 := t.TempDir(), t.TempDir()
	r1, err := e.Build(y, out1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Build(y, out2, Options{}); err != nil {
		t.Fatal(err)
	}
	want := []string{"SHA256SUMS", "单位名单.pdf", "单位名单.xlsx", "实施方案.pdf", "实施方案.docx", "考评汇总.pdf", "考评汇总.xlsx", "表彰通知.pdf", "表彰通知.docx", "表彰通知.xlsx"}
	for _, u := range y.Plan.Units {
		base := model.FileName(u.No, u.Name)
		for _, k := range []string{"考评要点/", "自评表/"} {
			want = append(want, k+base+".pdf", k+base+".xlsx")
		}
		want = append(want, "分发/"+base+".zip")
	}
	have := map[string]bool{}
	for _, f := range r1.Files {
		have[f] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("missing output %s", w)
		}
	}
	for _, f := range r1.Files {
		a, err1 := os.ReadFile(filepath.Join(out1, "2020", f))
		b, err2 := os.ReadFile(filepath.Join(out2, "2020", f))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", f)
		}
	}
	sums, err := os.ReadFile(filepath.Join(out1, "2020", "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(sums), "\n"); n != len(r1.Files)-1 {
		t.Errorf("SHA256SUMS has %d lines for %d files", n, len(r1.Files)-1)
	}
	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "--check", "--quiet", "SHA256SUMS")
		cmd.Dir = filepath.Join(out1, "2020")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum --check: %v\n%s", err, out)
		}
	}
	entries, _ := os.ReadDir(out1)
	if len(entries) != 1 {
		t.Errorf("output folder holds %d entries, want only 2020 (no temporary folders left)", len(entries))
	}
}

// TestFailedBuildKeepsOutput: a build that fails leaves the previous output
// exactly as it was, and leaves no temporary folder behind.
func TestFailedBuildKeepsOutput(t *testing.T) {
	e := engine(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	out := t.TempDir()
	prev := filepath.Join(out, "2020")
	if err := os.MkdirAll(prev, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prev, "marker.txt"), []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A unit whose contact name holds a character no font has.
	bad := *y.In.Units[4]
	bad.Contact = "王\U00020BB7"
	bad.File = "units/05-bad.toml"
	units := append([]*model.Unit(nil), y.In.Units...)
	units[4] = &bad
	in := *y.In
	in.Units = units
	y2 := *y
	y2.In = &in
	_, err := e.Build(&y2, out, Options{})
	if err == nil {
		t.Fatal("build with an unprintable character succeeded")
	}
	if !strings.Contains(err.Error(), "U+20BB7") {
		t.Errorf("error does not name the code point: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(prev, "marker.txt"))
	if err != nil || string(b) != "earlier" {
		t.Errorf("previous output changed: %q %v", b, err)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("output folder holds %d entries after a failed build, want 1", len(entries))
	}
}

// TestRareCharactersUseFallback: contact names with characters the body font
// lacks (堃 喆 玥 珺 昇 and 〇) come out through the fallback font and extract.
func TestRareCharactersUseFallback(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "pdffonts")
	e := engine(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	u := *y.In.Units[0]
	u.Contact = "王堃喆"
	u.Secretary = "李玥珺"
	u.PartyOrg = "昇〇机关委员会"
	doc := y.Plan
	_ = doc
	data, err := e.PDF(selfFormDoc(y, &u))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"王堃喆", "李玥珺", "昇〇机关委员会"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("pdftotext lacks %s", s)
		}
	}
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fonts), "NotoSerifSC-Regular") {
		t.Errorf("fallback font not used:\n%s", fonts)
	}
}

// BenchmarkBuild2020 is a whole build of the shipped 2020 seeds, fonts loaded once.
func BenchmarkBuild2020(b *testing.B) {
	e := engine(b)
	y := loadYear(b, filepath.Join(root, "seeds"), 2020)
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Build(y, out, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPartialBuild: --only and --units rewrite just the selected files (and
// the zips that hold them); everything else stays byte-identical.
func TestPartialBuild(t *testing.T) {
	e := engine(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	out := t.TempDir()
	if _, err := e.Build(y, out, Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(out, "2020"))
	// Change unit 3's contact, rebuild only its checklist and form.
	u := *y.In.Units[2]
	u.Contact = "赵新"
	units := append([]*model.Unit(nil), y.In.Units...)
	units[2] = &u
	in := *y.In
	in.Units = units
	y2 := *y
	y2.In = &in
	res, err := e.Build(&y2, out, Options{Only: []string{"自评表"}, Units: []int{3}})
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, filepath.Join(out, "2020"))
	if len(after) != len(before) {
		t.Fatalf("partial build left %d files, want %d", len(after), len(before))
	}
	changed := map[string]bool{}
	for f, sum := range after {
		if before[f] != sum {
			changed[f] = true
		}
	}
	base := model.FileName(3, u.Name)
	for _, f := range []string{"自评表/" + base + ".pdf", "自评表/" + base + ".xlsx", "分发/" + base + ".zip", "SHA256SUMS"} {
		if !changed[f] {
			t.Errorf("%s not rebuilt", f)
		}
		delete(changed, f)
	}
	for f := range changed {
		t.Errorf("%s changed though not selected", f)
	}
	if res.Written != 3 {
		t.Errorf("wrote %d files, want 3", res.Written)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestThreeYearEvaluation: building 2022 with 2020 and 2021 writes 三年总评
// (the 2020 plan's first cycle ends in 2022); other years do not.
func TestThreeYearEvaluation(t *testing.T) {
	if CycleEnd(2020, 2021) || !CycleEnd(2020, 2022) || CycleEnd(2020, 2023) || !CycleEnd(2020, 2025) {
		t.Fatal("CycleEnd")
	}
	e := engine(t)
	seeds := filepath.Join(root, "seeds")
	y := loadYear(t, seeds, 2022)
	y.Earlier = []*Year{loadYear(t, seeds, 2020), loadYear(t, seeds, 2021)}
	out := t.TempDir()
	res, err := e.Build(y, out, Options{Only: []string{"三年总评"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"三年总评.pdf", "三年总评.xlsx"} {
		found := false
		for _, g := range res.Files {
			found = found || g == f
		}
		if !found {
			t.Errorf("%s not written", f)
		}
	}
}

// TestWorkerPanicIsAnError: a panic inside a job becomes that file's error,
// and the previous output stays as it was.
func TestWorkerPanicIsAnError(t *testing.T) {
	out := t.TempDir()
	js := []job{
		{path: "a.pdf", unit: 3, make: func() ([]byte, error) { panic("boom") }},
		{path: "b.xlsx", unit: 3, make: func() ([]byte, error) {
			return nil, errors.New("the height of the row must be less than or equal to 409 points")
		}},
	}
	src := func(j job) string { return "seeds/2020/units/03-市政府办公室.toml" }
	err := run(js, out, &Result{}, 1, Options{}, src)
	if err == nil || !strings.Contains(err.Error(), "a.pdf") || !strings.Contains(err.Error(), "内部错误：boom") {
		t.Fatalf("err = %v", err)
	}
	// An error that Load failed to foresee still names the input, in Chinese.
	for _, want := range []string{"seeds/2020/units/03-市政府办公室.toml: 生成 b.xlsx 时出错", "mofan check 未能预先发现"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
}

// TestWordCopies checks that every 公文 (a document with a 版头), and only
// a 公文, gets a .docx job beside its PDF.
func TestWordCopies(t *testing.T) {
	e := engine(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	js := e.jobs(y, score.Compute(y.Plan, y.In))
	var docx []string
	for k, j := range js {
		if strings.HasSuffix(j.path, ".docx") {
			docx = append(docx, j.path)
			if prev := js[k-1]; prev.path != strings.TrimSuffix(j.path, ".docx")+".pdf" || prev.kind != j.kind {
				t.Errorf("%s follows %s, not its PDF", j.path, prev.path)
			}
		}
	}
	if got := strings.Join(docx, " "); got != "实施方案.docx 表彰通知.docx" {
		t.Errorf("Word copies: %s, want 实施方案.docx 表彰通知.docx", got)
	}
}
