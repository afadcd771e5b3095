package input

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"mofan/generator/diag"
)

// TestSyntaxMessages checks, for each kind of mistake, the message and its
// position (line and column in characters, on a character of the line).
func TestSyntaxMessages(t *testing.T) {
	cases := []struct {
		text string
		at   string // line:col
		want string // in the message or the hint
	}{
		// Input-method mistakes, each with the character to type instead.
		{"name ＝ \"市委\"\n", "1:6", "把全角“＝”改为半角“=”"},
		{"contact：\"张三\"\n", "1:8", "把“：”改为半角等号“=”"},
		{"a = [\"甲\"，\"乙\"]\n", "1:9", "把全角“，”改为半角“,”"},
		{"score = 3，5\n", "1:10", "小数点要用半角句点“.”"},
		{"score = ３\n", "1:9", "把全角“３”改为半角“3”"},
		{"name = “市委，办公室”\n", "1:8", "把中文引号 “ 和 ” 都改为英文双引号"},
		{"phone = “0391-1234567\"\n", "1:9", "文字开头用了中文引号 “"},
		{"phone = \"0391-1234567” # 电话\n", "1:22", "文字结尾用了中文引号"},
		{"［self.NR-1-1］\n", "1:1", "把全角“［”改为半角“[”"},
		{"name\u3000= \"x\"\n", "1:5", "全角空格"},
		{"# 说明\nname = \"市委办公室\"\u00a0# 注释\n", "2:15", "不间断空格"},
		{"name = \"市委办公室\"\n\u00a0phone = \"1\"\n", "2:1", "不间断空格"},
		{"sc\u200bore = 1\n", "1:3", "零宽空格"},
		{"\ufeffname = 1\n\ufeffx = 2\n", "1:1", "U+FEFF"},
		// Dates written another way.
		{"[a]\ndate = 2021年1月20日\n", "2:8", "date = 2021-01-20"},
		{"[a]\ndate = 2021/01/20\n", "2:8", "date = 2021-01-20"},
		{"[a]\ndate = 2021.1.2 # 成文日期\n", "2:8", "date = 2021-01-02"},
		{"[a]\ndate = 2021-1-20\n", "2:8", "date = 2021-01-20"},
		{"[a]\ndate = 2021-02-30\n", "2:8", "不存在"},
		// A tab where "=" belongs, as pasted from a spreadsheet.
		{"NR-1-1\t3.5\n", "1:8", "制表符（Tab）"},
		// Every other kind, in Chinese.
		{"名字 = \"b\"\n", "1:1", "不能用中文"},
		{"联系人 = \"b\"\n", "1:1", "改为 contact"},
		{"name = 市委办公室\n", "1:8", "文字没有放在英文双引号里"},
		{"phone = 0391-3825616\n", "1:9", "电话号码等文字要放在英文双引号里"},
		{"name = \"a\"\nname = \"b\"\n", "2:1", "第一次出现在第 1 行"},
		{"# 中文\n[self.NR-1-1]\nscore = 1\n  [self.NR-1-1]\n", "4:4", "重复出现"},
		{"a = 1\na.b = 2\n", "2:1", "重复出现"},
		{"[[a]]\n[a]\n", "2:2", "重复出现"},
		{"a = 1\n[a]\n", "2:2", "重复出现"},
		{"name = \"市委\n", "1:10", "文字缺少结尾的引号"},
		{"name = \"市委", "1:10", "文字缺少结尾的引号"},
		{"x = 'a\n", "1:6", "缺少结尾的引号"},
		{"n = 1\ne = \"\"\"甲\n乙\n", "2:5", "没有结束的 \"\"\""},
		{"n = 1\ne = '''甲\n乙\n", "2:5", "没有结束的 '''"},
		{"[self\nscore = 1\n", "1:5", "表名缺少右方括号"},
		{"[[adjust]\n", "1:9", "缺少结尾的“]]”"},
		{"[]\n", "1:2", "表名是空的"},
		{"[a.]\n", "1:4", "表名是空的"},
		{"score = 3.\n", "1:9", "小数点后缺少数字"},
		{"score = .5\n", "1:9", "在“.”前补上 0"},
		{"score = 03\n", "1:9", "不能以 0 开头"},
		{"score = 1_\n", "1:9", "“_”位置不对"},
		{"score = 1__0.5\n", "1:9", "“_”位置不对"},
		{"score = 0b2\n", "1:9", "无效"},
		{"score = +0x1\n", "1:9", "无效"},
		{"score = 99999999999999999999\n", "1:9", "太大"},
		{"score = 1e400\n", "1:9", "太大"},
		{"x = \"\\q\"\n", "1:6", "反斜杠"},
		{"x = \"D:\\材料\"\n", "1:8", "反斜杠"},
		{"x = \"\\u12\"\n", "1:6", "4 位十六进制数字"},
		{"x = \"\\x1\"\n", "1:6", "2 位十六进制数字"},
		{"x = \"\\U1234\"\n", "1:6", "8 位十六进制数字"},
		{"x = \"\\uD800\"\n", "1:6", "不是有效的字符"},
		{"x = [1 2]\n", "1:8", "半角逗号“,”或右方括号“]”"},
		{"x = [1,,2]\n", "1:8", "多了一个逗号"},
		{"x = [1\n", "1:6", "半角逗号“,”或右方括号“]”"},
		{"x = {a = 1 b = 2}\n", "1:12", "右花括号“}”"},
		{"x = \n", "1:4", "等号后面缺少值"},
		{"x =", "1:3", "等号后面缺少值"},
		{"x = @\n", "1:5", "等号后面应是一个值"},
		{"x\n", "1:1", "键名后面应是等号“=”"},
		{"x", "1:1", "缺少等号"},
		{"= 1\n", "1:1", "等号前面缺少键名"},
		{".x = 1\n", "1:1", "不能以“.”开头"},
		{"x. = 1\n", "1:4", "“.”后面缺少名称"},
		{"x = 1 y = 2\n", "1:7", "值后面多出了内容"},
		{"x = \"a\" \"b\"\n", "1:9", "值后面多出了内容"},
		{"x = 1\x01\n", "1:6", "控制字符 U+0001"},
		{"x = \"\"\"\"\"\"\"\"\n", "1:5", ""}, // valid: no message
	}
	for _, c := range cases {
		var probs diag.List
		_, ok := parseTOML("f.toml", c.text, &probs)
		if c.want == "" {
			if !ok {
				t.Errorf("%q: %v", c.text, probs.Error())
			}
			continue
		}
		if ok {
			t.Errorf("%q: parsed", c.text)
			continue
		}
		ps := probs.Problems()
		first := ps[0]
		got := first.Error()
		if !strings.Contains(got, c.want) {
			t.Errorf("%q: %s, want %q", c.text, got, c.want)
		}
		if at := strings.TrimPrefix(first.Pos.String(), "f.toml:"); at != c.at {
			t.Errorf("%q: at %s, want %s (%s)", c.text, at, c.at, got)
		}
		for _, p := range ps {
			checkInsideLine(t, c.text, p)
			if english.MatchString(p.Msg + p.Hint) {
				t.Errorf("%q: English in %s", c.text, p.Error())
			}
		}
	}
}

// english matches a word of the library's English messages.
var english = regexp.MustCompile(`\b(expected|unexpected|invalid|Invalid|cannot|must|Key|table|string|newline|defined|digit)\b`)

// checkInsideLine asserts that a problem's position is on a character of its
// line (column 1 on an empty line).
func checkInsideLine(t *testing.T, text string, p *diag.Problem) {
	t.Helper()
	lines := strings.Split(text, "\n")
	if p.Pos.Line < 1 || p.Pos.Line > len(lines) {
		t.Errorf("%q: line %d of %d: %s", text, p.Pos.Line, len(lines), p.Error())
		return
	}
	n := utf8.RuneCountInString(lines[p.Pos.Line-1])
	if p.Pos.Col < 1 || p.Pos.Col > max(n, 1) {
		t.Errorf("%q: column %d on a line of %d characters: %s", text, p.Pos.Col, n, p.Error())
	}
}

// TestSyntaxBadInputs runs broken texts through the parser: every message is
// Chinese and at a place inside its line. The texts are the library's error
// paths (lex.go, parse.go) with Chinese before the mistake.
func TestSyntaxBadInputs(t *testing.T) {
	prefixes := []string{"", "# 中文注释\n", "name = \"市委办公室\"\n", "  [self.NR-1-1]\n"}
	bodies := []string{
		"a = [", "a = {", "a = {b = 1,}", "a = {b = 1\nc = 2}", "[a", "[[a", "[[a]", "[a]]", "a.b.", "a.\"b", "\"a", "'a",
		"a = \"\"\"", "a = '''", "a = '''''''", "a = \"\"\"\"\"\"\"\"", "a = 1.", "a = 1e", "a = 1e+", "a = -", "a = +",
		"a = 0x", "a = 0o9", "a = 1979-05-27T", "a = 1979-05-27T07:32:00Z1", "a = 07:32", "a = tru", "a = nan1",
		"a = \"\\", "a = \"\\u\"", "a = [1, ", "a = [,]", "a = {,}", "a = 1 #\x7f", "a = \"\x7f\"", "\x00",
		"a = 1\na = 2", "[a]\n[a]", "a = []\n[[a]]", "a.b = 1\n[a]\nb = 2", "a = {}\n[a]", "[a]\nb = 1\n[a.b]",
	}
	for _, pre := range prefixes {
		for _, b := range bodies {
			text := pre + b
			var probs diag.List
			if _, ok := parseTOML("f.toml", text, &probs); ok {
				continue
			}
			for _, p := range probs.Problems() {
				checkInsideLine(t, text, p)
				if english.MatchString(p.Msg+p.Hint) || strings.Contains(p.Msg, "不符合 TOML 格式（") {
					t.Errorf("%q: untranslated: %s", text, p.Error())
				}
			}
		}
	}
}

// TestDecodeText checks the encodings and line endings a clerk's editor saves.
func TestDecodeText(t *testing.T) {
	utf16 := func(s string, be, bom bool) []byte {
		var out []byte
		if bom {
			s = "\ufeff" + s
		}
		for _, r := range s {
			u := uint16(r) // the test texts are in the BMP
			if be {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
		return out
	}
	cases := []struct {
		name string
		raw  []byte
		text string // "" when refused
		want string // the message (warning or error), "" for none
	}{
		{"utf-8", []byte("a = \"甲\"\n"), "a = \"甲\"\n", ""},
		{"utf-8 bom", []byte("\xef\xbb\xbfa = 1\n"), "a = 1\n", ""},
		{"crlf", []byte("a = \"\"\"甲\r\n乙\"\"\"\r\n"), "a = \"\"\"甲\n乙\"\"\"\n", ""},
		{"lone cr", []byte("a = 1\rb = 2\r"), "a = 1\nb = 2\n", ""},
		{"utf-16 le", utf16("a = \"甲\"\r\n", false, true), "a = \"甲\"\n", ":警告：文件是 UTF-16"},
		{"utf-16 be", utf16("a = \"甲\"\n", true, true), "a = \"甲\"\n", ":警告：文件是 UTF-16"},
		{"utf-16 odd length", append(utf16("a = 1", false, true), 'x'), "", "已损坏"},
		{"utf-16 no bom", utf16("name = \"市委\"\ncontact = \"张三\"\n", false, false), "", "缺少开头的编码标记"},
		{"utf-32", []byte("\xff\xfe\x00\x00a\x00\x00\x00"), "", "UTF-32"},
		{"nul", []byte("a = 1\nb = \"甲\x00\"\n"), "", "f:2:7: 这里有一个不可见的空字符"},
		{"binary", []byte("a\x00\x00\x00\x00b"), "", "f:1:2: 文件含有二进制内容"},
		{"pdf", []byte("%PDF-1.7\n\x00"), "", "一个 PDF 文件"},
		{"xlsx", []byte("PK\x03\x04\x00"), "", "Excel"},
		{"gbk", []byte("a = \"\xbc\xd7\"\n"), "a = \"甲\"\n", "f:1:6: 警告：文件是 GBK"},
		{"empty", []byte("\r\n \r\n"), "", "文件是空的"},
	}
	for _, c := range cases {
		var probs diag.List
		text, ok := decodeText("f", c.raw, &probs)
		if ok != (c.text != "") || text != c.text {
			t.Errorf("%s: %q %v, want %q", c.name, text, ok, c.text)
		}
		got := probs.Error()
		if c.want == "" && got != "" || !strings.Contains(strings.ReplaceAll(got, "f: ", "f:"), strings.TrimPrefix(c.want, ":")) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestLoadHints checks the hints of Load for files that are missing or
// misnamed.
func TestLoadHints(t *testing.T) {
	p := seedPlan(t)
	t.Run("missing year: one message", func(t *testing.T) {
		dir := tree(t)
		_, err := Load(filepath.Join(filepath.Dir(dir), "2023"), 2023, p)
		if err == nil || strings.Count(err.Error(), "\n") != 0 || !strings.Contains(err.Error(), "mofan init --year 2023") || !strings.Contains(err.Error(), "已有的年度：2020") {
			t.Errorf("%v", err)
		}
	})
	t.Run("empty units folder: one warning", func(t *testing.T) {
		dir := tree(t)
		for _, n := range []string{"01-市委办公室.toml", "02-市人大机关.toml"} {
			must(t, os.Remove(filepath.Join(dir, "units", n)))
		}
		in, err := Load(dir, 2020, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Warnings) != 1 || !strings.Contains(in.Warnings[0].Msg, "没有任何单位的文件") {
			t.Errorf("%v", in.Warnings)
		}
	})
	t.Run("deleted file: restore from the year before", func(t *testing.T) {
		dir := tree(t)
		prev := filepath.Join(filepath.Dir(dir), "2019")
		must(t, os.MkdirAll(filepath.Join(prev, "units"), 0o755))
		copyFile(t, filepath.Join(dir, "year.toml"), filepath.Join(prev, "year.toml"))
		copyFile(t, filepath.Join(dir, "units", "02-市人大机关.toml"), filepath.Join(prev, "units", "02-市人大机关.toml"))
		must(t, os.Remove(filepath.Join(dir, "units", "02-市人大机关.toml")))
		in, err := Load(dir, 2020, p)
		if err != nil {
			t.Fatal(err)
		}
		var hint string
		for _, w := range in.Warnings {
			if strings.Contains(w.Msg, "市人大机关") {
				hint = w.Hint
			}
		}
		if !strings.Contains(hint, filepath.Join(prev, "units", "02-市人大机关.toml")) || strings.Contains(hint, "mofan init") {
			t.Errorf("hint: %q", hint)
		}
	})
	t.Run("saved as .toml.txt", func(t *testing.T) {
		dir := tree(t)
		u := filepath.Join(dir, "units", "02-市人大机关.toml")
		must(t, os.Rename(u, u+".txt"))
		in, err := Load(dir, 2020, p)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		for _, w := range in.Warnings {
			if strings.Contains(w.Msg, "市人大机关") {
				t.Errorf("also reported missing: %s", w.Error())
			}
			if w.Pos.File == u+".txt" && strings.Contains(w.Hint, "改名为 02-市人大机关.toml") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("no rename hint: %v", in.Warnings)
		}
	})
}

// TestUnknownUnit checks that a name differing from 附件1 only by what cannot
// be seen is explained, and blamed on plan.md when the difference is there.
func TestUnknownUnit(t *testing.T) {
	p := seedPlan(t)
	at := diag.Pos{File: "u.toml", Line: 3, Col: 1}
	pos, msg, _ := unknownUnit("市委\u200b办公室", at, "name = \"市委\u200b办公室\"", p)
	if pos.Col != 11 || !strings.Contains(msg, "零宽空格") {
		t.Errorf("invisible in the unit file: %v %s", pos, msg)
	}
	q := *p
	q.Units = append(q.Units[:0:0], p.Units...)
	q.Units[0].Name = "市委办公室\u00a0"
	q.Units[1].Name = "市人大机关71、市新单位"
	if _, msg, hint := unknownUnit("市委办公室", at, "", &q); !strings.Contains(msg, "附件1第") || !strings.Contains(hint, q.Units[0].Pos.String()) {
		t.Errorf("invisible in plan.md: %s（%s）", msg, hint)
	}
	if _, msg, hint := unknownUnit("市人大机关", at, "", &q); !strings.Contains(msg, "连成了一个名称") || !strings.Contains(hint, "71、市新单位") {
		t.Errorf("glued in plan.md: %s（%s）", msg, hint)
	}
}

func TestOpenBraceAtLineEnd(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"a = { b = \"甲\"\n\nc = 1\n", "f.toml:1:13: 这一行缺少结尾的“}”"},
		{"a = [1, 2\nc = 1\n", "f.toml:1:9: 这一行缺少结尾的“]”"},
	} {
		var probs diag.List
		if _, ok := parseTOML("f.toml", c.text, &probs); ok || !strings.HasPrefix(probs.Error(), c.want) {
			t.Errorf("%q: %s, want %s", c.text, probs.Error(), c.want)
		}
	}
}

// TestSyntaxMutations breaks a real unit file in many ways (a fixed,
// reproducible sequence): every problem must be in Chinese and on a
// character of its line.
func TestSyntaxMutations(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(seeds, "2020", "units", "05-市纪委监委机关.toml"))
	if err != nil {
		t.Fatal(err)
	}
	base := []rune(string(src))
	insert := []rune("＝：，“”［］\u3000\u00a0\u200b\ufeff\t\"'[]{}=.,#\\\n年/０5x中\x01")
	seed := uint32(1)
	next := func(n int) int { // xorshift: the same sequence on every run
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return int(seed % uint32(n))
	}
	for i := 0; i < 1500; i++ {
		text := append([]rune(nil), base...)
		for k := 0; k <= next(3); k++ {
			at := next(len(text))
			switch next(3) {
			case 0:
				text = append(text[:at], append([]rune{insert[next(len(insert))]}, text[at:]...)...)
			case 1:
				text = append(text[:at], text[at+1:]...)
			default:
				text[at] = insert[next(len(insert))]
			}
		}
		s := string(text)
		var probs diag.List
		if _, ok := parseTOML("f.toml", s, &probs); ok {
			continue
		}
		for _, p := range probs.Problems() {
			checkInsideLine(t, s, p)
			if english.MatchString(p.Msg+p.Hint) || strings.Contains(p.Msg, "不符合 TOML 格式（") {
				t.Errorf("untranslated: %s", p.Error())
			}
		}
		if t.Failed() {
			t.Fatalf("text:\n%s", s)
		}
	}
}
