package input

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"mofan/generator/model"
	"mofan/generator/plan"
)

const seeds = "../../seeds"

func seedPlan(t *testing.T) *model.Plan {
	t.Helper()
	p, err := plan.Load(filepath.Join(seeds, "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSeedsLoadClean(t *testing.T) {
	p := seedPlan(t)
	in, err := Load(filepath.Join(seeds, "2020"), 2020, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Warnings) != 0 {
		t.Errorf("warnings on the shipped seeds: %v", in.Warnings)
	}
	if len(in.Units) != 70 {
		t.Fatalf("units = %d", len(in.Units))
	}
	var sum model.Tenths
	for _, m := range in.Year.Max {
		sum += m
	}
	if sum != 1000 {
		t.Errorf("分值 sum = %s", sum)
	}
	for i, u := range in.Units {
		if u.Missing || u.No != i+1 || u.Name != p.Units[i].Name || !u.Sample {
			t.Errorf("unit %d = %+v", i, u.Name)
		}
	}
}

// tree copies year.toml and the first two unit files of the shipped seeds
// into a temporary seeds folder and returns its year folder.
func tree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "2020")
	must(t, os.MkdirAll(filepath.Join(dir, "units"), 0o755))
	copyFile(t, filepath.Join(seeds, "plan.md"), filepath.Join(root, "plan.md"))
	copyFile(t, filepath.Join(seeds, "2020", "year.toml"), filepath.Join(dir, "year.toml"))
	for _, n := range []string{"01-市委办公室.toml", "02-市人大机关.toml"} {
		copyFile(t, filepath.Join(seeds, "2020", "units", n), filepath.Join(dir, "units", n))
	}
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, b, 0o644))
}

func edit(t *testing.T, path string, f func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	must(t, os.WriteFile(path, []byte(f(string(b))), 0o644))
}

func lineOf(t *testing.T, path, frag string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	i := strings.Index(string(b), frag)
	if i < 0 {
		t.Fatalf("%q not in %s", frag, path)
	}
	return strings.Count(string(b[:i]), "\n") + 1
}

func TestValidation(t *testing.T) {
	p := seedPlan(t)
	unit1 := filepath.Join("units", "01-市委办公室.toml")
	cases := []struct {
		name    string
		file    string // relative to the year folder
		edit    func(string) string
		setup   func(t *testing.T, dir string)
		want    string
		at      string // fragment of the (edited) file whose line the message must name; "" = file only
		warning bool   // a warning, not an error
	}{
		{name: "unknown key with did-you-mean", file: unit1, edit: func(s string) string { return strings.Replace(s, "secretary =", "secretery =", 1) },
			want: "未知的键“secretery”（提示：是不是“secretary”？）", at: "secretery ="},
		{name: "unknown point id", file: unit1, edit: func(s string) string { return strings.Replace(s, "[self.NR-1-2]", "[self.NR-1-9]", 1) },
			want: "“NR-1-9”不是本年度的考评要点", at: "[self.NR-1-9]"},
		{name: "wrong type", file: unit1, edit: func(s string) string { return strings.Replace(s, "secretary = \"", "secretary = 5 #", 1) },
			want: "“secretary”应为文字，实为整数", at: "secretary = 5"},
		{name: "syntax error", file: unit1, edit: func(s string) string { return strings.Replace(s, "[review]\nNR-1-1 = ", "[review]\nNR-1-1 = \"", 1) },
			want: "文字缺少结尾的引号", at: "NR-1-1 = \""},
		{name: "score as text", file: unit1, edit: func(s string) string { return replaceScore(s, "NR-1-1", `"4"`) }, want: "应为数字，实为文字", at: "score = \"4\""},
		{name: "score above 分值", file: unit1, edit: func(s string) string { return replaceScore(s, "NR-2-1", "4.5") },
			want: "超出范围 0～4", at: "score = 4.5"},
		{name: "negative score", file: unit1, edit: func(s string) string { return replaceScore(s, "NR-2-1", "-1") },
			want: "超出范围", at: "score = -1"},
		{name: "two decimals", file: unit1, edit: func(s string) string { return replaceScore(s, "NR-2-1", "3.25") },
			want: "最多保留一位小数", at: "score = 3.25"},
		{name: "name not in 附件1", file: unit1, edit: func(s string) string {
			return strings.Replace(s, `name = "市委办公室"`, `name = "市委办公厅"`, 1)
		},
			want: "单位“市委办公厅”不在实施方案附件1的名单中（提示：是不是“市委办公室”？）", at: `name = "市委办公厅"`},
		{name: "two files for one unit", setup: func(t *testing.T, dir string) {
			copyFile(t, filepath.Join(dir, unit1), filepath.Join(dir, "units", "71-市委办公室.toml"))
		}, file: "units/71-市委办公室.toml", want: "单位“市委办公室”有两个文件", at: "name ="},
		{name: "empty file", file: unit1, edit: func(string) string { return "  \n" }, want: "文件是空的"},
		{name: "binary file", file: unit1, edit: func(string) string { return "PK\x03\x04\x00\x00binary" }, want: "不是文本文件"},
		{name: "GBK file decoded with a warning", file: unit1, edit: func(s string) string {
			b, _ := simplifiedchinese.GBK.NewEncoder().String(s)
			return b
		}, want: "GBK/GB18030（ANSI）编码，已自动转换读取", warning: true},
		{name: "undecodable file refused", file: unit1, edit: func(s string) string { return s + "\n# \xff\xfe\xfd\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\n" },
			want: "不是 UTF-8 编码"},
		{name: "BOM accepted", file: unit1, edit: func(s string) string { return "\ufeff" + s }, want: ""},
		{name: "seal image accepted", file: "year.toml", setup: func(t *testing.T, dir string) { writeSeal(t, filepath.Join(dir, "印章.png"), 120, 120) },
			edit: func(s string) string { return "seal = \"印章.png\"\n" + s }, want: ""},
		{name: "seal image missing", file: "year.toml", edit: func(s string) string { return "seal = \"印章.png\"\n" + s },
			want: "无法读取印章图片", at: "seal ="},
		{name: "seal image not square", file: "year.toml", setup: func(t *testing.T, dir string) { writeSeal(t, filepath.Join(dir, "印章.png"), 200, 100) },
			edit: func(s string) string { return "seal = \"印章.png\"\n" + s }, want: "应大致为正方形", at: "seal ="},
		{name: "seal not a PNG", file: "year.toml", setup: func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "印章.png"), []byte("GIF89a"), 0o644)
		}, edit: func(s string) string { return "seal = \"印章.png\"\n" + s }, want: "不是有效的 PNG 图片", at: "seal ="},
		{name: "notice kind", file: "year.toml", edit: func(s string) string { return strings.Replace(s, "[notice]\n", "[notice]\nkind = \"通报\"\n", 1) },
			want: "“notice.kind”只能是 \"通知\" 或 \"决定\"", at: "kind ="},
		{name: "consulted department", file: "year.toml", edit: func(s string) string {
			return strings.Replace(s, `consulted = ["纪检监察",`, `consulted = ["纪委",`, 1)
		}, want: "“record.consulted”中的“纪委”不是可征求意见的部门", at: "consulted ="},
		{name: "document number without 〔〕", file: "year.toml", edit: func(s string) string {
			return strings.Replace(s, `number = "焦直函〔2021〕1号"`, `number = "焦直函[2021]1号"`, 1)
		}, want: "发文字号“焦直函[2021]1号”的年份应放在六角括号〔〕中", at: "焦直函[2021]1号"},
		{name: "publicity ends before it starts", file: "year.toml", edit: func(s string) string {
			return strings.Replace(s, "to = 2021-01-15", "to = 2021-01-01", 1)
		}, want: "公示结束日期早于开始日期", at: "to = 2021-01-01"},
		{name: "unknown key in a document table", file: "year.toml", edit: func(s string) string {
			return strings.Replace(s, "reply_by = ", "reply = ", 1)
		}, want: "未知的键“reply”（提示：是不是“reply_by”？）", at: "reply = "},
		{name: "unconfirmed 文号 of a document", file: "year.toml", edit: unconfirmedList(`"documents.考评通知.number"`),
			want: "警告：【请核对】考评通知的发文字号“焦直文〔2020〕150号”是按上一年度推算的", at: `number = "焦直文〔2020〕150号"`, warning: true},
		{name: "unconfirmed reply date", file: "year.toml", edit: unconfirmedList(`"documents.征求意见函.reply_by"`),
			want: "征求意见函的回复截止日期“2021年1月8日”", at: "reply_by = 2021-01-08", warning: true},
		{name: "unconfirmed print date not written: the table", file: "year.toml", edit: unconfirmedList(`"documents.公示.print_date"`),
			want: "公示的印发日期“2021年1月11日”", at: `[documents."公示"]`, warning: true},
		{name: "unconfirmed 公示 period", file: "year.toml", edit: unconfirmedList(`"publicity.to"`),
			want: "公示结束日期“2021年1月15日”", at: "to = 2021-01-15", warning: true},
		{name: "unconfirmed document that is not there", file: "year.toml", edit: unconfirmedList(`"documents.考核通知.number"`),
			want: "“unconfirmed”中的“documents.考核通知.number”不是需要核对的项（提示：是不是“documents.考评通知.number”？）", at: "unconfirmed ="},
		{name: "unconfirmed key a document lacks", file: "year.toml", edit: unconfirmedList(`"documents.公示.number"`),
			want: "“documents.公示.number”不是需要核对的项", at: "unconfirmed ="},
		{name: "unconfirmed 公示 period without [publicity]", file: "year.toml", edit: func(s string) string {
			return unconfirmedList(`"publicity.from"`)(strings.Replace(s, "[publicity]\nfrom = 2021-01-11\nto = 2021-01-15\nphone = \"0391-1234567\"\nno_objection = true\n", "", 1))
		}, want: "“publicity.from”不是需要核对的项", at: "unconfirmed ="},
		{name: "missing unit file", want: "缺少单位“市政府办公室”的文件", warning: true},
		{name: "bad veto source", file: unit1, edit: func(s string) string { return s + "\n[veto]\nsource = \"纪检\"\nreason = \"x\"\n" },
			want: "一票否决的来源“纪检”无效（提示：是不是“纪检监察”？）", at: `source = "纪检"`},
		{name: "bad adjust kind", file: unit1, edit: func(s string) string { return s + "\n[[adjust]]\nkind = \"奖励\"\npoints = 1\nreason = \"x\"\n" },
			want: "“kind”只能是“加分”或“扣分”", at: `kind = "奖励"`},
		{name: "adjust without reason", file: unit1, edit: func(s string) string { return s + "\n[[adjust]]\nkind = \"加分\"\npoints = 1\n" },
			want: "[adjust.0]缺少“reason”"},
		{name: "year mismatch", file: "year.toml", edit: func(s string) string { return strings.Replace(s, "year = 2020", "year = 2021", 1) },
			want: "year = 2021 与所在目录 2020 不一致", at: "year = 2021"},
		{name: "分值 not summing to 100", file: "year.toml", edit: func(s string) string { return strings.Replace(s, "CX-4 = 5", "CX-4 = 3", 1) },
			want: "合计为 98 分，应为 100 分"},
		{name: "date as text", file: "year.toml", edit: func(s string) string {
			return strings.Replace(s, "deadline = 2020-12-15", `deadline = "2020-12-15"`, 1)
		},
			want: "去掉引号", at: "deadline ="},
		{name: "control character", file: unit1, edit: func(s string) string { return strings.Replace(s, `secretary = "`, "secretary = \"\u202e", 1) },
			want: "控制字符 U+202E", at: "secretary ="},
		{name: "bad file name", setup: func(t *testing.T, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "units", "市委办公室.toml"), []byte("name = \"x\"\n"), 0o644))
		}, want: "单位文件名应为“序号-单位名称.toml”"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := tree(t)
			if c.setup != nil {
				c.setup(t, dir)
			}
			if c.edit != nil {
				edit(t, filepath.Join(dir, c.file), c.edit)
			}
			in, err := Load(dir, 2020, p)
			var msgs []string
			if err != nil {
				msgs = strings.Split(err.Error(), "\n")
			} else {
				for _, w := range in.Warnings {
					msgs = append(msgs, w.Error())
				}
			}
			if c.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if c.warning != (err == nil) {
				t.Fatalf("warning=%v but err=%v", c.warning, err)
			}
			var hit string
			for _, m := range msgs {
				if strings.Contains(m, c.want) {
					hit = m
				}
			}
			if hit == "" {
				t.Fatalf("no message with %q in:\n%s", c.want, strings.Join(msgs, "\n"))
			}
			if c.file != "" && !strings.Contains(hit, filepath.Join(dir, c.file)) {
				t.Errorf("message does not name %s: %s", c.file, hit)
			}
			if c.at != "" {
				line := lineOf(t, filepath.Join(dir, c.file), c.at)
				want := filepath.Join(dir, c.file) + ":" + itoa(line) + ":"
				if !strings.HasPrefix(hit, want) {
					t.Errorf("message not at line %d: %s", line, hit)
				}
			}
		})
	}
}

// unconfirmedList returns an edit that lists items under unconfirmed, as
// mofan init writes it.
func unconfirmedList(items ...string) func(string) string {
	return func(s string) string {
		return strings.Replace(s, "year = 2020\n", "year = 2020\nunconfirmed = [\n  "+strings.Join(items, ",\n  ")+",\n]\n", 1)
	}
}

// replaceScore sets the self-assessment score of one point.
func replaceScore(s, id, score string) string {
	i := strings.Index(s, "[self."+id+"]\nscore = ")
	j := i + len("[self."+id+"]\nscore = ")
	k := j + strings.Index(s[j:], "\n")
	return s[:j] + score + s[k:]
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestAllProblemsAtOnce(t *testing.T) {
	p := seedPlan(t)
	dir := tree(t)
	edit(t, filepath.Join(dir, "units", "01-市委办公室.toml"), func(s string) string {
		return strings.Replace(replaceScore(s, "NR-2-1", "9"), "phone =", "fone =", 1)
	})
	edit(t, filepath.Join(dir, "units", "02-市人大机关.toml"), func(s string) string { return replaceScore(s, "CX-1", "7") })
	_, err := Load(dir, 2020, p)
	if err == nil {
		t.Fatal("no error")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n < 3 {
		t.Errorf("want 3 problems from two files, got %d:\n%v", n, err)
	}
}

func TestTenths(t *testing.T) {
	for _, c := range []struct {
		t    model.Tenths
		want string
	}{{0, "0"}, {40, "4"}, {45, "4.5"}, {-15, "-1.5"}, {1000, "100"}, {5, "0.5"}} {
		if got := c.t.String(); got != c.want {
			t.Errorf("%d: %s, want %s", c.t, got, c.want)
		}
	}
	if model.FromFloat(3.5) != 35 || model.FromFloat(-1.5) != -15 || model.FromFloat(0.1) != 1 {
		t.Error("FromFloat")
	}
}

// writeSeal writes a w × h PNG: a red ring on a transparent background.
func writeSeal(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x-w/2), float64(y-h/2)
			if r := math.Hypot(dx, dy); r > float64(min(w, h))/2-6 && r < float64(min(w, h))/2-1 {
				img.Set(x, y, color.NRGBA{R: 0xE0, A: 0xFF})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
