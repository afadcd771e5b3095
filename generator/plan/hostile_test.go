package plan

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mofan/generator/diag"
)

// checkErr asserts the properties every plan error has: a *diag.List whose
// every line starts with the file's name.
func checkErr(t *testing.T, file string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var l *diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error is %T, not *diag.List: %v", err, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, file) {
			t.Fatalf("line does not start with %q: %q", file, line)
		}
	}
}

// TestParseHostileBounded parses inputs of about 1 MiB built to be slow: deep
// nesting, many blocks, long lines. Each must come back quickly with an error.
func TestParseHostileBounded(t *testing.T) {
	const n = 1 << 20
	seed, err := os.ReadFile(seedPlan)
	if err != nil {
		t.Fatal(err)
	}
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	cases := map[string]string{
		"quotes":         rep(">"),
		"quotes-spaced":  rep("> "),
		"ordered":        rep("1. "),
		"bullets":        rep("- "),
		"mixed":          rep("> 1. - "),
		"links":          rep("["),
		"images":         rep("!["),
		"emphasis":       rep("*a"),
		"backticks":      rep("`"),
		"html":           rep("<a>"),
		"paragraphs":     rep("a\n\n"),
		"items":          rep("- a\n"),
		"headings":       rep("# a\n"),
		"table-rows":     "| 类型 | 考评内容 | 考评要点 | 备注 |\n| --- | --- | --- | --- |\n" + rep("|a|b|c|d|\n"),
		"table-wide":     "|" + rep("a|") + "\n|" + rep("-|") + "\n",
		"indent-nesting": indentNesting(n),
		"control":        rep("\x01"),
		"bidi":           rep("\u202e"),
		"long-line":      rep("长"),
		"long-unit":      string(seed[:strings.Index(string(seed), "1. 市委办公室")]) + "1. " + rep("长") + "\n",
	}
	for name, src := range cases {
		// Work is bounded by what it allocates, not by the clock (a busy
		// machine must not fail this test): a quadratic path over 1 MiB
		// allocates far beyond this bound.
		before := allocated()
		_, err := Parse("plan.md", []byte(src))
		if a := allocated() - before; a > 64<<20+uint64(len(src))*1000 {
			t.Errorf("%s: allocated %d MB for %d KB", name, a>>20, len(src)>>10)
		}
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		checkErr(t, "plan.md", err)
		if len(err.Error()) > 100_000 {
			t.Errorf("%s: %d bytes of messages", name, len(err.Error()))
		}
	}
}

// indentNesting nests lists by indentation, about n bytes in all.
func indentNesting(n int) string {
	var b strings.Builder
	for k := 0; b.Len() < n; k++ {
		b.WriteString(strings.Repeat("  ", k))
		b.WriteString("- a\n")
	}
	return b.String()
}

func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, make([]byte, MaxSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		big:         "文件过大",
		dir:         "不是普通文件",
		"/dev/zero": "不是普通文件",
		dir + "/no": "无法读取",
	}
	for path, want := range cases {
		if _, err := os.Stat(path); path == "/dev/zero" && err != nil {
			continue
		}
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
		checkErr(t, path, err)
	}
}

func TestScreen(t *testing.T) {
	seed, err := os.ReadFile(seedPlan)
	if err != nil {
		t.Fatal(err)
	}
	s := string(seed)
	cases := []struct {
		src  string
		want string
	}{
		{"", "plan.md:1:1: 文件是空的"},
		{" \n\t\n", "plan.md:1:1: 文件是空的"},
		{"# 通知\n\nab\x00c", "plan.md:3:3: 文件含有二进制内容"},
		{"# 通知\n\n中\xd6\xd0", "plan.md:3:2: 文件不是 UTF-8 编码"},
		{"# 通知\n\n" + strings.Repeat("> ", 17) + "a", "plan.md:3:33: 引用（>）或列表嵌套超过 16 层"},
		{strings.Replace(s, "现将", "现\u202e将", 1), "plan.md:21:2: 含有不可见的控制字符 U+202E"},
		{strings.Replace(s, "1. 市委办公室", "1. 市委\u200f办公室", 1), "plan.md:126:6: 含有不可见的控制字符 U+200F"},
		{strings.Replace(s, "1. 市委办公室", "1. "+strings.Repeat("长", 60), 1), "单位名称“" + strings.Repeat("长", 40) + "…”过长（60 字，上限 50 字）"},
	}
	for _, c := range cases {
		_, err := Parse("plan.md", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.40q: got\n%v\nwant %q", c.src, err, c.want)
		}
		checkErr(t, "plan.md", err)
	}
	// Text that a spreadsheet would take for a formula is plain text here.
	formula := strings.Replace(s, "1. 市委办公室", "1. =市委办公室", 1)
	formula = strings.Replace(formula, "2. 市人大机关", "2. @市人大机关", 1)
	formula = strings.Replace(formula, "3. 市政府办公室", "3. +市政府办公室", 1)
	p, err := Parse("plan.md", []byte(formula))
	if err != nil {
		t.Fatal(err)
	}
	if p.Units[0].Name != "=市委办公室" || p.Units[1].Name != "@市人大机关" || p.Units[2].Name != "+市政府办公室" {
		t.Errorf("units: %v", p.Units[:3])
	}
}
