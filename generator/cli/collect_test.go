package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mofan/generator/input"
	"mofan/generator/plan"
	"mofan/generator/sheet"
)

// collectSeeds copies the shipped plan, year.toml and unit 01's file into a
// temporary seeds folder.
func collectSeeds(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range []string{"plan.md", "2020/year.toml", "2020/units/01-市委办公室.toml"} {
		b, err := os.ReadFile(filepath.Join("../../seeds", f))
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestCollect(t *testing.T) {
	root := collectSeeds(t)
	p, err := plan.Load(filepath.Join(root, "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := input.Load(filepath.Join(root, "2020"), 2020, p)
	if err != nil {
		t.Fatal(err)
	}
	// The form as issued with the unit file's scores in it: a filled form.
	data, err := sheet.SelfForm(p, in.Year, in.Units[0])
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	form := filepath.Join(work, "01-市委办公室.xlsx")
	pdf := filepath.Join(work, "02-市人大机关.xlsx")
	if err := os.WriteFile(form, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	seeds := root

	code, out, errOut := run("collect", "--seeds", seeds, form, "--year", "2020")
	if code != ExitOK || !strings.Contains(out, "[收录]") || !strings.Contains(out, "合计 91.5 分") || !strings.Contains(out, "尚未报回自评表的单位（69 个）") {
		t.Fatalf("first: exit %d\n%s%s", code, out, errOut)
	}
	record := filepath.Join(root, "2020", "returned", "01-市委办公室.toml")
	before, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run("collect", "--seeds", seeds, work)
	if code != ExitInput || !strings.Contains(out, "已收录，无变化") || !strings.Contains(out, "这是 PDF 文件") {
		t.Fatalf("second: exit %d\n%s%s", code, out, errOut)
	}
	after, _ := os.ReadFile(record)
	if string(before) != string(after) {
		t.Error("the record changed")
	}
	if code, out, errOut := run("check", "--seeds", seeds, "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates"); code != ExitOK {
		t.Errorf("check with a returned form: exit %d\n%s%s", code, out, errOut)
	}
}

func TestCollectUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"collect"}, ExitUsage, "请指定要收录的自评表文件或目录"},
		{[]string{"collect", "--help"}, ExitOK, "用法：mofan collect"},
		{[]string{"collect", "--nope", "x.xlsx"}, ExitUsage, "未知选项 -nope"},
		{[]string{"collect", "--seeds", "/nonexistent", "x.xlsx"}, ExitInput, "没有年度数据"},
		{[]string{"--help"}, ExitOK, "collect  收录各单位报回的自评表"},
	} {
		code, out, errOut := run(c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("%v: code %d, output %q; want %d and %q", c.args, code, out+errOut, c.code, c.want)
		}
	}
}
