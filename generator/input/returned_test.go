package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// returnedFile writes a returned record for unit no with every point scored
// score and returns its path.
func returnedFile(t *testing.T, dir string, p *model.Plan, no int, score model.Tenths, edit func(*ReturnedForm)) string {
	t.Helper()
	r := &ReturnedForm{
		Year: 2020, Name: p.Units[no-1].Name, Secretary: "王回填", Contact: "李联系", Phone: "0391-1234567",
		Self: make([]model.Assessment, len(p.Points)),
		Source: FormSource{File: "a.xlsx", SHA256: strings.Repeat("ab", 32),
			Modified: time.Date(2020, 12, 1, 8, 0, 0, 0, time.UTC), DateFrom: DateWorkbook},
	}
	for i := range r.Self {
		r.Self[i] = model.Assessment{Has: true, Score: score}
	}
	r.Self[0].Evidence = "第一行\n第二行 \"引号\""
	r.Self[len(r.Self)-1] = model.Assessment{} // not scored
	if edit != nil {
		edit(r)
	}
	rdir := filepath.Join(dir, ReturnedDir)
	must(t, os.MkdirAll(rdir, 0o755))
	path := filepath.Join(rdir, model.FileName(no, r.Name)+".toml")
	must(t, os.WriteFile(path, []byte(ReturnedText(r, p)), 0o644))
	return path
}

func TestReturnedReplacesSelf(t *testing.T) {
	p := seedPlan(t)
	dir := tree(t)
	edit(t, filepath.Join(dir, "units", "02-市人大机关.toml"), func(s string) string {
		return strings.Replace(s, "secretary = \"", "secretary = \"\" # \"", 1)
	})
	returnedFile(t, dir, p, 1, 25, nil)
	rp2 := returnedFile(t, dir, p, 2, 30, nil)
	rp3 := returnedFile(t, dir, p, 3, 35, nil) // 市政府办公室 has no unit file
	in, err := Load(dir, 2020, p)
	must(t, err)
	u1, u2, u3 := in.Units[0], in.Units[1], in.Units[2]
	last := len(p.Points) - 1
	if !u1.Self[1].Has || u1.Self[1].Score != 25 || u1.Self[last].Has || u1.Self[last].Evidence != "" {
		t.Errorf("unit 1 self not replaced: %+v / %+v", u1.Self[1], u1.Self[last])
	}
	if u1.Self[0].Evidence != "第一行\n第二行 \"引号\"" {
		t.Errorf("evidence %q", u1.Self[0].Evidence)
	}
	if u1.Secretary == "王回填" || u1.Review[0].Has != true {
		t.Errorf("unit 1: the unit file's secretary or review was replaced: %q %v", u1.Secretary, u1.Review[0])
	}
	if u2.Secretary != "王回填" || u2.Pos["secretary"].File != rp2 {
		t.Errorf("unit 2: empty secretary not filled from the returned form: %q %v", u2.Secretary, u2.Pos["secretary"])
	}
	if u2.Contact == "李联系" {
		t.Error("unit 2: contact replaced though the unit file has one")
	}
	if u2.Pos["self.NR-1-1.evidence"].File != rp2 {
		t.Errorf("position of returned evidence: %v", u2.Pos["self.NR-1-1.evidence"])
	}
	if u3.Missing || u3.File != rp3 || u3.Self[0].Score != 35 || u3.No != 3 {
		t.Errorf("unit 3 from its returned form alone: %+v", u3)
	}
	for _, w := range in.Warnings {
		if strings.Contains(w.Msg, "市政府办公室") {
			t.Errorf("warning for a unit with a returned form: %v", w)
		}
	}
}

func TestReturnedRoundTrip(t *testing.T) {
	p := seedPlan(t)
	dir := tree(t)
	path := returnedFile(t, dir, p, 1, 35, nil)
	var probs diag.List
	y := LoadYear(filepath.Join(dir, "year.toml"), 2020, p, &probs)
	r := LoadReturned(path, p, y, &probs)
	must(t, probs.Err())
	text, _ := os.ReadFile(path)
	if got := ReturnedText(r, p); got != string(text) {
		t.Errorf("written, read and written again differs:\n%s\n---\n%s", text, got)
	}
	if !strings.HasPrefix(string(text), "# 市委办公室 2020 年度自评表（单位报回）。\n# 本文件由 mofan collect") {
		t.Errorf("header:\n%s", text)
	}
}

func TestReturnedValidation(t *testing.T) {
	p := seedPlan(t)
	cases := []struct {
		name string
		edit func(string) string
		want string
		at   string
	}{
		{"score above 分值", func(s string) string { return strings.Replace(s, "score = 3.5", "score = 9", 1) }, "“self.NR-1-1.score”为 9，超出范围 0～4", "score = 9"},
		{"unknown key", func(s string) string { return strings.Replace(s, "phone =", "fone =", 1) }, "顶层中有未知的键“fone”（提示：是不是“phone”？）", "fone ="},
		{"unknown point", func(s string) string { return strings.Replace(s, "[self.NR-1-2]", "[self.NR-1-9]", 1) }, "“NR-1-9”不是本年度的考评要点", "[self.NR-1-9]"},
		{"another year", func(s string) string { return strings.Replace(s, "year = 2020", "year = 2021", 1) }, "year = 2021 与所在目录的年度 2020 不一致", "year = 2021"},
		{"bad sha256", func(s string) string { return strings.Replace(s, "sha256 = \"ab", "sha256 = \"xy", 1) }, "“source.sha256”应为 64 位小写十六进制数", "sha256 ="},
		{"time without zone", func(s string) string { return strings.Replace(s, "08:00:00Z", "08:00:00", 1) }, "“source.modified”应为带时区的时间", "modified ="},
		{"no source", func(s string) string { return s[:strings.Index(s, "[source]")] + s[strings.Index(s, "# 自评"):] }, "文件缺少“source”", ""},
		{"name not in 附件1", func(s string) string {
			return strings.Replace(s, `name = "市委办公室"`, `name = "市委办公厅"`, 1)
		}, "单位“市委办公厅”不在实施方案附件1的名单中（提示：是不是“市委办公室”？）", `name = "市委办公厅"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := tree(t)
			path := returnedFile(t, dir, p, 1, 35, nil)
			edit(t, path, c.edit)
			_, err := Load(dir, 2020, p)
			if err == nil {
				t.Fatal("no error")
			}
			var hit string
			for _, m := range strings.Split(err.Error(), "\n") {
				if strings.Contains(m, c.want) {
					hit = m
				}
			}
			if hit == "" {
				t.Fatalf("no %q in:\n%v", c.want, err)
			}
			if !strings.HasPrefix(hit, path) {
				t.Errorf("message does not name %s: %s", path, hit)
			}
			if c.at != "" {
				want := path + ":" + itoa(lineOf(t, path, c.at)) + ":"
				if !strings.HasPrefix(hit, want) {
					t.Errorf("message not at %s: %s", want, hit)
				}
			}
		})
	}
}

func TestReturnedDuplicate(t *testing.T) {
	p := seedPlan(t)
	dir := tree(t)
	path := returnedFile(t, dir, p, 1, 35, nil)
	copyFile(t, path, filepath.Join(dir, ReturnedDir, "99-市委办公室.toml"))
	_, err := Load(dir, 2020, p)
	if err == nil || !strings.Contains(err.Error(), "单位“市委办公室”有两份报回自评表的记录") {
		t.Fatalf("err = %v", err)
	}
}
