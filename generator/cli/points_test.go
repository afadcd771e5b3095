package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// yearPoints returns 附件2 of the shipped plan as a year's 考评要点.md,
// titled for year, with edit applied to its table lines.
func yearPoints(t *testing.T, year string, edit func(line string) string) string {
	t.Helper()
	src := readText(t, "../../seeds/plan.md")
	i := strings.Index(src, "# 附件2")
	if i < 0 {
		t.Fatal("no 附件2 in plan.md")
	}
	var b strings.Builder
	b.WriteString("# " + year + "年市直机关创建模范机关考评要点\n")
	for _, l := range strings.Split(src[i:], "\n")[1:] {
		if l = edit(l); l != "" || !strings.HasPrefix(l, "|") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// TestYearOwnPoints: seeds/<year>/考评要点.md replaces the plan's points for
// that year; check names the unit files and year.toml entries that refer to a
// point the year does not have; the checklist prints the year's wording;
// mofan init carries the file over to the next year.
func TestYearOwnPoints(t *testing.T) {
	seeds := copySeeds(t)
	path := filepath.Join(seeds, "2020", "考评要点.md")

	// A year without CX-4: every reference to it is named.
	writeText(t, path, yearPoints(t, "2020", func(l string) string {
		if strings.HasPrefix(l, "| 创建成效 |  | 4.") {
			return ""
		}
		return l
	}))
	code, _, stderr := run("check", "--seeds", seeds, "--year", "2020", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates")
	if code != ExitInput || !strings.Contains(stderr, "year.toml:") || !strings.Contains(stderr, "[points]中的“CX-4”不是本年度的考评要点") ||
		!strings.Contains(stderr, "01-市委办公室.toml") || !strings.Contains(stderr, "[self]中的“CX-4”不是本年度的考评要点") ||
		!strings.Contains(stderr, "[review]中的“CX-4”不是本年度的考评要点") {
		t.Fatalf("check without CX-4: exit %d\n%s", code, stderr)
	}

	// A year with its own wording of CX-1: check passes, the checklist prints it.
	const wording = "1.推动本年度新部署的重点任务落地见效（本年度考评要点）。"
	writeText(t, path, yearPoints(t, "2020", func(l string) string {
		if strings.HasPrefix(l, "| 创建成效 |  | 1.") {
			return "| 创建成效 |  | " + wording + " | |"
		}
		return l
	}))
	if code, stdout, stderr := run("check", "--seeds", seeds, "--year", "2020", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates"); code != ExitOK {
		t.Fatalf("check with the year's own points: %d %s%s", code, stdout, stderr)
	}
	out := t.TempDir()
	code, stdout, stderr := run("build", "--seeds", seeds, "--year", "2020", "--out", out, "--quiet",
		"--fonts", "../../fonts/fonts.toml", "--templates", "../../templates", "--only", "考评要点", "--units", "01")
	if code != ExitOK {
		t.Fatalf("build: %d %s%s", code, stdout, stderr)
	}
	text := strings.Join(strings.Fields(pdfText(t, filepath.Join(out, "2020", "考评要点", "01-市委办公室.pdf"))), "")
	if !strings.Contains(text, "推动本年度新部署的重点任务落地见效") || !strings.Contains(text, "2020年市直机关创建模范机关考评要点") {
		t.Errorf("the checklist does not print the year's points:\n%s", text)
	}

	// init carries the file over.
	if code, stdout, stderr := run("init", "--seeds", seeds, "--year", "2021"); code != ExitOK {
		t.Fatalf("init: %d %s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(seeds, "2021", "考评要点.md"))
	if err != nil || !strings.Contains(string(b), wording) {
		t.Errorf("init did not copy 考评要点.md: %v", err)
	}
}
