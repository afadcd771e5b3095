package notice

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"mofan/generator/input"
	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/score"
	"mofan/internal/golden"
)

const templatePath = "../../templates/表彰通知.md"

func loadPlan(t *testing.T) *model.Plan {
	t.Helper()
	p, err := plan.Load("../../seeds/plan.md")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// testYear is a 2020 year.toml as the loader would return it.
func testYear(p *model.Plan) *model.Year {
	return &model.Year{
		File: "seeds/2020/year.toml",
		Year: 2020,
		Notice: model.NoticeInfo{
			Title:     "关于命名表彰2020年度市直机关创建模范机关先进单位的通知",
			Number:    "焦直文〔2021〕3号",
			Issuer:    "中共焦作市委市直机关工委",
			Signature: "中共焦作市委市直机关工作委员会",
			Addressee: "市直和省部属驻焦各单位基层党组织",
			Date:      day(2021, 1, 20),
			CC:        "市委组织部",
			Printer:   "中共焦作市委市直机关工委办公室",
			PrintDate: day(2021, 1, 20),
		},
		Max:  input.DefaultMax(p),
		Rule: input.DefaultRule,
		Gongwen: model.GongwenInfo{
			Kind:      "通知",
			Consulted: []string{"纪检监察", "巡视巡察", "审计"},
			Combined:  []string{"党建述职评议", "年度党建考核", "文明单位创建", "平安建设", "作风评议"},
		},
	}
}

// withTotal fills a unit's review scores, point by point up to 分值, to make total.
func withTotal(u *model.Unit, max []model.Tenths, total model.Tenths) {
	for _, m := range max {
		s := min(m, total)
		total -= s
		u.Self = append(u.Self, model.Assessment{Has: true, Score: s})
		u.Review = append(u.Review, model.Review{Has: true, Score: s})
	}
}

// testInputs has the plan's 70 units with totals 98, 97.5, 97, …; unit 3 is
// vetoed and unit 6 did not report.
func testInputs(p *model.Plan) *model.Inputs {
	in := &model.Inputs{Dir: "seeds/2020", Year: testYear(p)}
	for i, pu := range p.Units {
		u := &model.Unit{No: pu.No, Name: pu.Name, File: fmt.Sprintf("seeds/2020/units/%02d-%s.toml", pu.No, pu.Name)}
		switch pu.No {
		case 6:
			u.File, u.Missing = "", true
		default:
			withTotal(u, in.Year.Max, model.Tenths(980-5*i))
		}
		if pu.No == 3 {
			u.Veto = &model.Veto{Source: "纪检监察", Reason: "班子成员受到党纪处分"}
		}
		in.Units = append(in.Units, u)
	}
	return in
}

func compose(t *testing.T, tmpl string) (*layout.Document, *score.Result) {
	t.Helper()
	p := loadPlan(t)
	in := testInputs(p)
	r := score.Compute(p, in)
	doc, err := Compose(tmpl, p, in.Year, r)
	if err != nil {
		t.Fatal(err)
	}
	return doc, r
}

var latin = regexp.MustCompile(`[A-Za-z]`)

func TestCompose(t *testing.T) {
	doc, r := compose(t, templatePath)
	if doc.Head == nil || doc.Head.Issuer != "中共焦作市委市直机关工委" || doc.Head.Number != "焦直文〔2021〕3号" {
		t.Errorf("head %+v", doc.Head)
	}
	if c := doc.Colophon; c == nil || c.CC != "市委组织部" || c.PrintDate != "2021年1月20日" || c.Printer == "" {
		t.Errorf("colophon %+v", doc.Colophon)
	}
	var kinds []layout.Kind
	var body strings.Builder
	for _, b := range doc.Blocks {
		kinds = append(kinds, b.Kind)
		if b.Kind == layout.Para {
			body.WriteString(b.Text)
		}
	}
	want := []layout.Kind{layout.Title, layout.Addressee, layout.Para, layout.Para, layout.Para, layout.Para,
		layout.AttachNote, layout.Signature, layout.Attachment, layout.TableBlock}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	text := body.String()
	for _, s := range []string{"{{", "}}", "<no value>"} {
		if strings.Contains(text, s) {
			t.Errorf("body contains %q", s)
		}
	}
	for _, b := range doc.Blocks {
		all := b.Text + b.Label + b.Date + strings.Join(b.Items, "")
		if b.Table != nil {
			for _, row := range b.Table.Rows {
				for _, c := range row.Cells {
					all += c.Text
				}
			}
		}
		if latin.MatchString(all) {
			t.Errorf("%v block has Latin letters: %s", b.Kind, all)
		}
	}
	if latin.MatchString(doc.Head.Number) {
		t.Errorf("文号 has Latin letters: %s", doc.Head.Number)
	}
	n := len(r.Commended)
	for _, s := range []string{
		fmt.Sprintf("经市委市直机关工委研究，决定对市委办公室等%d个单位予以命名表彰，授予“市直机关创建模范机关先进单位”称号。", n),
		"结合党建述职评议、年度党建考核、文明单位创建、平安建设、作风评议等情况进行综合考评，并征求了纪检监察、巡视巡察、审计等部门意见",
		"在文明单位推荐、评优评先、党员发展和党费下拨等方面对先进单位给予重点支持",
		"希望受到表彰的单位珍惜荣誉、再接再厉",
		"各单位要以先进为榜样",
		"《市直机关创建模范机关实施方案》（焦直文〔2020〕140号）",
		"参加创建的70个单位2020年度创建情况",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("body lacks %q", s)
		}
	}
	blocks := doc.Blocks
	if got := blocks[1].Text; got != "市直和省部属驻焦各单位基层党组织：" {
		t.Errorf("addressee %q", got)
	}
	const attach = "2020年度市直机关创建模范机关先进单位名单"
	if got := blocks[6].Items; len(got) != 1 || got[0] != attach {
		t.Errorf("attach note %q", got)
	}
	if b := blocks[7]; b.Text != "中共焦作市委市直机关工作委员会" || b.Date != "2021年1月20日" {
		t.Errorf("signature %+v", b)
	}
	if b := blocks[8]; b.Label != "附件" || b.Text != attach {
		t.Errorf("attachment %+v", b)
	}
	// The roll: the commended, numbered, in 附件1 order.
	tab := blocks[9].Table
	var names []string
	for k, row := range tab.Rows {
		if row.Cells[0].Text != fmt.Sprint(k+1) {
			t.Errorf("row %d numbered %q", k, row.Cells[0].Text)
		}
		names = append(names, row.Cells[1].Text)
	}
	var wantNames []string
	for _, i := range r.Commended {
		wantNames = append(wantNames, r.Units[i].Unit.Name)
	}
	if !reflect.DeepEqual(names, wantNames) || len(names) == 0 || names[0] != "市委办公室" {
		t.Errorf("roll %v, want %v", names, wantNames)
	}
	if strings.Contains(strings.Join(names, ""), "市政府办公室") { // unit 3, vetoed
		t.Error("a vetoed unit is on the roll")
	}
	var width float64
	for _, c := range tab.Columns {
		width += c.Width
	}
	if width != 156 {
		t.Errorf("roll width %v mm", width)
	}
	golden.Check(t, "notice", dump(doc))
}

func TestTemplateEditChangesWording(t *testing.T) {
	src, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "珍惜荣誉、再接再厉", "珍惜荣誉、戒骄戒躁、再接再厉", 1)
	edited = strings.Replace(edited, "用印：是", "用印：否", 1)
	if edited == string(src) {
		t.Fatal("the template's wording changed: update this test")
	}
	path := filepath.Join(t.TempDir(), "表彰通知.md")
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, _ := compose(t, path)
	var all strings.Builder
	for _, b := range doc.Blocks {
		all.WriteString(b.Text + strings.Join(b.Items, "") + "\n")
	}
	if !strings.Contains(all.String(), "珍惜荣誉、戒骄戒躁、再接再厉") {
		t.Error("the edited wording is not in the notice")
	}
	// 用印：否 selects the unsealed layout.
	for _, b := range doc.Blocks {
		if b.Kind == layout.Signature && !b.Unsealed {
			t.Errorf("用印：否 left the signature sealed")
		}
	}
}

func TestInputIsData(t *testing.T) {
	p := loadPlan(t)
	in := testInputs(p)
	in.Units[0].Name = "{{.Year}}**市委办公室**<b>"
	r := score.Compute(p, in)
	doc, err := Compose(templatePath, p, in.Year, r)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range doc.Blocks {
		if b.Kind == layout.Para && strings.Contains(b.Text, "决定对{{.Year}}**市委办公室**<b>等") {
			found = true
		}
	}
	if !found {
		t.Error("a unit name was not inserted verbatim")
	}
	if got := doc.Blocks[len(doc.Blocks)-1].Table.Rows[0].Cells[1].Text; got != in.Units[0].Name {
		t.Errorf("roll: %q", got)
	}
}

func TestOneCommended(t *testing.T) {
	p := loadPlan(t)
	in := testInputs(p)
	in.Year.Rule.MinTotal = 980
	r := score.Compute(p, in)
	doc, err := Compose(templatePath, p, in.Year, r)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Blocks[4].Text; !strings.Contains(got, "决定对市委办公室予以命名表彰") {
		t.Errorf("%q", got)
	}
}

func TestNoneCommended(t *testing.T) {
	p := loadPlan(t)
	in := testInputs(p)
	in.Year.Rule.MinTotal = 1000
	r := score.Compute(p, in)
	if _, err := Compose(templatePath, p, in.Year, r); !errors.Is(err, ErrNoneCommended) {
		t.Errorf("err = %v", err)
	}
}

func TestTemplateErrors(t *testing.T) {
	const tail = "\n\n附件：{{.AttachTitle}}\n"
	tests := []struct {
		name, src string
		want      []string // substrings of the error, one per expected problem
	}{
		{"unknown field", "第一段。\n\n{{.Year}}年，{{.Yaer}}。" + tail,
			[]string{"T.md:3:14: 通知模板中没有字段“.Yaer”（提示：是不是“.Year”（考评年度）？）"}},
		{"unknown field in a continued line", "<!-- 注释 -->\n\n第一行\n  第二行{{.Commended}}{{.Comended}}" + tail,
			[]string{"T.md:4:22: 通知模板中没有字段“.Comended”（提示：是不是“.Commended”"}},
		{"unknown fields everywhere", "{{if .Nope}}甲{{else}}{{$.Names2}}{{end}}\n\n{{range .Names}}{{$.Zzz}}{{end}}" + tail,
			[]string{"T.md:1:6: 通知模板中没有字段“.Nope”", "T.md:1:25: 通知模板中没有字段“.Names2”", "T.md:3:20: 通知模板中没有字段“.Zzz”"}},
		{"unknown field inside range", "{{range .Names}}{{.Foo}}{{end}}" + tail,
			[]string{"T.md:1:19: 此处没有字段“.Foo”（在 {{range}}、{{with}} 之内“.”指当前的一项，通知的字段要写成“$.Foo”）"}},
		{"unclosed action", "甲乙{{.Year}丙" + tail,
			[]string{"T.md:1:3: “{{”没有对应的“}}”"}},
		{"missing end", "甲{{.Year}}乙{{if gt .Commended 1}}丙" + tail,
			[]string{"T.md:1:12: “{{if gt .Commended 1}}”缺少对应的“{{end}}”"}},
		{"extra end", "甲{{end}}" + tail,
			[]string{"T.md:1:2: 多余的“{{end}}”"}},
		{"unknown function", "甲{{.Year}}{{foo .Names}}" + tail,
			[]string{"T.md:1:11: “{{foo .Names}}”中的函数“foo”不存在"}},
		{"bad action", "甲{{.Year +}}" + tail,
			[]string{"T.md:1:2: 无法识别“{{.Year +}}”"}},
		{"heading", "# 标题\n\n正文。" + tail,
			[]string{"T.md:1:3: 通知模板中只能写段落"}},
		{"no attachment", "正文。\n",
			[]string{"T.md:2:1: 通知模板缺少附件说明"}},
		{"paragraph after the attachment", "正文。\n\n附件：名单\n\n又一段。\n",
			[]string{"T.md:5:1: 附件说明之后不应再有正文段落"}},
		{"two attachments", "正文。\n\n附件：名单\n\n附件：名单二\n",
			[]string{"T.md:5:1: 通知模板中有多个附件说明"}},
		{"empty attachment", "正文。\n\n附件：\n",
			[]string{"T.md:3:1: 附件说明“附件：”之后没有附件标题"}},
		{"bad call", "{{join .Year \"、\"}}" + tail,
			[]string{"T.md:1:8: “.Year”的类型不符合函数的要求"}},
	}
	p := loadPlan(t)
	in := testInputs(p)
	data := NewData(p, in.Year, score.Compute(p, in))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render("T.md", []byte(tt.src), data)
			if err == nil {
				t.Fatal("no error")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Errorf("%d problems, want %d:\n%v", len(lines), len(tt.want), err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if latin.MatchString(stripQuoted(err.Error())) {
				t.Errorf("message outside quotes has Latin letters: %v", err)
			}
		})
	}
}

// stripQuoted removes what a message quotes from the template (“…”), the
// path and the hint's field list, leaving the words mofan wrote.
func stripQuoted(s string) string {
	for _, w := range []string{"T.md", "year.toml", "[notice]"} {
		s = strings.ReplaceAll(s, w, "")
	}
	s = regexp.MustCompile(`“[^”]*”`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`\{\{[^}]*\}\}`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`\.[A-Za-z]+（`).ReplaceAllString(s, "（")
	s = strings.ReplaceAll(s, "join", "")
	return s
}

func TestFieldDocs(t *testing.T) {
	typ := reflect.TypeOf(Data{})
	if typ.NumField() != len(fieldDocs) {
		t.Fatalf("Data has %d fields, fieldDocs %d", typ.NumField(), len(fieldDocs))
	}
	src, err := os.ReadFile("../../templates/字段说明.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range fieldDocs {
		if typ.Field(i).Name != f.Name {
			t.Errorf("field %d is %s, fieldDocs says %s", i, typ.Field(i).Name, f.Name)
		}
		if !strings.Contains(string(src), "{{."+f.Name+"}}") {
			t.Errorf("templates/字段说明.txt does not document {{.%s}}", f.Name)
		}
	}
}

func TestDate(t *testing.T) {
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{day(2021, 1, 20), "2021年1月20日"},
		{day(2021, 10, 5), "2021年10月5日"},
	} {
		if got := model.FormatDate(tt.t); got != tt.want {
			t.Errorf("Date(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestPercent(t *testing.T) {
	for ratio, want := range map[float64]string{0.3: "30%", 0.125: "12.5%", 0.29: "29%", 1: "100%", 0: "0%"} {
		if got := percent(ratio); got != want {
			t.Errorf("percent(%v) = %q, want %q", ratio, got, want)
		}
	}
}

func TestComposeSummary(t *testing.T) {
	p := loadPlan(t)
	in := testInputs(p)
	in.Year.Sample = true
	r := score.Compute(p, in)
	doc := ComposeSummary(p, in.Year, r)
	// It shows a veto reason: 内部资料, and the sample mark.
	if doc.Head != nil || doc.Header != internalHeader+"　"+sampleHeader {
		t.Errorf("head %v header %q", doc.Head, doc.Header)
	}
	tab := doc.Blocks[2].Table
	checkTable(t, tab)
	if len(tab.Rows) != 70 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	first, last := tab.Rows[0].Cells, tab.Rows[69].Cells
	if first[1].Text != "市委办公室" || first[2].Text != "已审核" || first[6].Text != "98.0" || first[7].Text != "1" || first[8].Text != "命名表彰" || !first[8].Bold {
		t.Errorf("first row %+v", first)
	}
	if last[1].Text != p.Units[5].Name || last[2].Text != "未报送" || last[8].Text != "未报送" || last[7].Text != "—" || last[6].Text != "—" {
		t.Errorf("last row %+v", last)
	}
	if got := tab.Rows[2].Cells; got[1].Text != p.Units[2].Name || got[2].Text != "一票否决" || !strings.HasPrefix(got[8].Text, "一票否决（纪检监察）") {
		t.Errorf("vetoed row %+v", got)
	}
	// The adjustments table names the veto with its source and reason.
	adj := doc.Blocks[len(doc.Blocks)-1].Table
	if adj == nil {
		t.Fatal("no table of adjustments")
	}
	checkTable(t, adj)
	found := false
	for _, r := range adj.Rows {
		if r.Cells[0].Text == p.Units[2].Name && r.Cells[1].Text == "一票否决" && r.Cells[3].Text == "纪检监察" && r.Cells[4].Text != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("the veto is not in the adjustments table: %+v", adj.Rows)
	}
	notes := strings.Join(doc.Blocks[3].Items, "\n")
	for _, s := range []string{"总分不低于90分", "30%（70个单位，即21个）", "加分累计最多计5分", "扣分累计最多计10分", "按自评分计", "均不予表彰"} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes lack %q:\n%s", s, notes)
		}
	}
	if doc.Blocks[0].Text != "2020年度市直机关创建模范机关考评汇总表" {
		t.Errorf("title %q", doc.Blocks[0].Text)
	}
	checkNoLatin(t, doc)
}

func TestComposeOverall(t *testing.T) {
	p := loadPlan(t)
	var rs [3]*score.Result
	for k := range rs {
		in := testInputs(p)
		in.Year.Year = 2020 + k
		rs[k] = score.Compute(p, in)
	}
	o := score.ComputeOverall(rs)
	y := testYear(p)
	doc := ComposeOverall(p, y, o)
	if doc.Blocks[0].Text != "2020—2022年度市直机关创建模范机关三年总评汇总表" {
		t.Errorf("title %q", doc.Blocks[0].Text)
	}
	tab := doc.Blocks[2].Table
	checkTable(t, tab)
	if len(tab.Columns) != 8 || len(tab.Rows) != 70 {
		t.Errorf("%d columns, %d rows", len(tab.Columns), len(tab.Rows))
	}
	if got := tab.Rows[0].Cells; got[1].Text != "市委办公室" || got[2].Text != "98.0（1）" || got[5].Text != "98.0" || got[7].Text != "命名表彰" {
		t.Errorf("first row %+v", got)
	}
	checkNoLatin(t, doc)

	// Two years only: fewer columns, still 156 mm.
	o = score.ComputeOverall([3]*score.Result{nil, rs[1], rs[2]})
	doc = ComposeOverall(p, y, o)
	checkTable(t, doc.Blocks[2].Table)
	if n := len(doc.Blocks[2].Table.Columns); n != 7 {
		t.Errorf("%d columns", n)
	}
}

func checkTable(t *testing.T, tab *layout.Table) {
	t.Helper()
	var w float64
	for _, c := range tab.Columns {
		w += c.Width
	}
	if w < 155.999 || w > 156.001 {
		t.Errorf("table width %v mm, want 156", w)
	}
	for _, row := range tab.Rows {
		if len(row.Cells) != len(tab.Columns) {
			t.Fatalf("row of %d cells, %d columns", len(row.Cells), len(tab.Columns))
		}
	}
	if len(tab.Header) != 1 || len(tab.Header[0]) != len(tab.Columns) {
		t.Errorf("header %v", tab.Header)
	}
}

func checkNoLatin(t *testing.T, doc *layout.Document) {
	t.Helper()
	for _, b := range doc.Blocks {
		s := b.Text + strings.Join(b.Items, "")
		if b.Table != nil {
			for _, h := range b.Table.Header {
				s += strings.Join(h, "")
			}
			for _, row := range b.Table.Rows {
				for _, c := range row.Cells {
					s += c.Text
				}
			}
		}
		if latin.MatchString(s) {
			t.Errorf("%v block has Latin letters: %s", b.Kind, s)
		}
	}
}

// dump prints a document's blocks as text, for golden files.
func dump(doc *layout.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "版头 %s %s\n", doc.Head.Issuer, doc.Head.Number)
	for _, bl := range doc.Blocks {
		fmt.Fprintf(&b, "%v", bl.Kind)
		for _, s := range []string{bl.Label, bl.Text, bl.Date} {
			if s != "" {
				fmt.Fprintf(&b, " %s", s)
			}
		}
		for _, it := range bl.Items {
			fmt.Fprintf(&b, " [%s]", it)
		}
		b.WriteByte('\n')
		if bl.Table != nil {
			for _, h := range bl.Table.Header {
				fmt.Fprintf(&b, "  | %s |\n", strings.Join(h, " | "))
			}
			for _, row := range bl.Table.Rows {
				var cs []string
				for _, c := range row.Cells {
					cs = append(cs, c.Text)
				}
				fmt.Fprintf(&b, "  | %s |\n", strings.Join(cs, " | "))
			}
		}
	}
	fmt.Fprintf(&b, "版记 抄送：%s / %s %s印发\n", doc.Colophon.CC, doc.Colophon.Printer, doc.Colophon.PrintDate)
	return b.String()
}
