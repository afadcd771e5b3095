package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copySeeds copies the shipped plan and 2020 data into a temporary seeds folder.
func copySeeds(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	src := "../../seeds"
	err := filepath.WalkDir(filepath.Join(src, "2020"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(root, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(src, "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "plan.md"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestInitThenBuild: mofan init --year 2023 on the shipped seeds gives a
// tree that check accepts and build turns into blank forms for all 70 units;
// a second init refuses to overwrite.
func TestInitThenBuild(t *testing.T) {
	seeds := copySeeds(t)
	code, out, errOut := run("init", "--seeds", seeds, "--year", "2023")
	if code != ExitOK {
		t.Fatalf("init: %d %s", code, errOut)
	}
	if !strings.Contains(out, "从 2020 年度顺延") {
		t.Errorf("init output: %s", out)
	}
	year, err := os.ReadFile(filepath.Join(seeds, "2023", "year.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"year = 2023", "【请核对】", "2023年度", "焦直文〔2024〕", "date = 2024-01-20", "issue_date = 2023-11-02"} {
		if !strings.Contains(string(year), want) {
			t.Errorf("year.toml lacks %q", want)
		}
	}
	// init lists every value to confirm where it is written, the 文号 and
	// dates of the year's other 公文 among them.
	lines := strings.Split(string(year), "\n")
	for _, c := range []struct{ value, says string }{
		{`number = "焦直文〔2024〕7号"`, "发文字号“焦直文〔2024〕7号”"},
		{`number = "焦直文〔2023〕150号"`, "考评通知的发文字号“焦直文〔2023〕150号”"},
		{"date = 2023-11-02", "考评通知的成文日期“2023年11月2日”"},
		{"reply_by = 2024-01-08", "征求意见函的回复截止日期“2024年1月8日”"},
		{"from = 2024-01-11", "公示开始日期“2024年1月11日”"},
	} {
		n := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, c.value) }) + 1
		want := fmt.Sprintf("%s:%d  %s\n", filepath.Join(seeds, "2023", "year.toml"), n, c.says)
		if n == 0 || !strings.Contains(out, want) {
			t.Errorf("init does not list %q at line %d:\n%s", c.says, n, out)
		}
	}
	if code, _, _ := run("init", "--seeds", seeds, "--year", "2023"); code != ExitInput {
		t.Errorf("second init: exit %d, want 1", code)
	}
	// check passes, and warns about each value to confirm.
	if code, out, errOut := run("check", "--seeds", seeds, "--year", "2023", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates"); code != ExitOK || strings.Count(errOut, "警告：【请核对】") != 16 || !strings.Contains(out, "不生成正式通知") {
		t.Fatalf("check: %d %s %s", code, out, errOut)
	}
	outDir := t.TempDir()
	code, _, errOut = run("build", "--seeds", seeds, "--year", "2023", "--out", outDir, "--quiet",
		"--fonts", "../../fonts/fonts.toml", "--templates", "../../templates", "--only", "自评表")
	if code != ExitOK {
		t.Fatalf("build: %d %s", code, errOut)
	}
	forms, _ := filepath.Glob(filepath.Join(outDir, "2023", "自评表", "*.xlsx"))
	pdfs, _ := filepath.Glob(filepath.Join(outDir, "2023", "自评表", "*.pdf"))
	if len(forms) != 70 || len(pdfs) != 70 {
		t.Fatalf("blank forms: %d xlsx, %d pdf, want 70 each", len(forms), len(pdfs))
	}
	// Identity is kept, scores are empty.
	unit, err := os.ReadFile(filepath.Join(seeds, "2023", "units", "03-市政府办公室.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(unit), "contact = ") || strings.Contains(string(unit), "\nscore = ") {
		t.Errorf("unit file:\n%s", unit)
	}
}
