package notice

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/generator/score"
)

// shipped loads templates/ as the build does.
func shipped(t *testing.T) map[string]*Template {
	t.Helper()
	ts, err := LoadTemplates("../../templates")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Template{}
	for _, tp := range ts {
		out[tp.Name] = tp
	}
	for _, name := range []string{"表彰通知", "考评通知", "征求意见函", "公示", "三年总评通知", "反馈意见"} {
		if out[name] == nil {
			t.Fatalf("templates/%s.md is missing", name)
		}
	}
	return out
}

// docYear is testYear with the tables of every shipped template.
func docYear(t *testing.T) (*Context, *model.Inputs) {
	p := loadPlan(t)
	in := testInputs(p)
	y := in.Year
	y.Forms = model.FormsInfo{IssueDate: day(2020, 11, 2), Deadline: day(2020, 12, 15)}
	y.Gongwen.Docs = map[string]model.DocInfo{
		"考评通知":   {Number: "焦直文〔2020〕150号", Date: day(2020, 11, 2), PrintDate: day(2020, 11, 2)},
		"征求意见函":  {Number: "焦直函〔2021〕1号", Date: day(2021, 1, 5), PrintDate: day(2021, 1, 5), ReplyBy: day(2021, 1, 8)},
		"公示":     {Date: day(2021, 1, 11), PrintDate: day(2021, 1, 11)},
		"反馈意见":   {Number: "焦直函〔2021〕3号", Date: day(2021, 1, 25), PrintDate: day(2021, 1, 25)},
		"三年总评通知": {Number: "焦直文〔2021〕10号", Date: day(2021, 1, 20), PrintDate: day(2021, 1, 20)},
	}
	y.Gongwen.Publicity = model.Publicity{Has: true, From: day(2021, 1, 11), To: day(2021, 1, 15), Phone: "0391-1234567"}
	return &Context{Plan: p, Year: y, Result: score.Compute(p, in), Unit: -1}, in
}

func bodyText(doc *layout.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Kind == layout.Para || bl.Kind == layout.Title || bl.Kind == layout.Addressee || bl.Kind == layout.Subtitle {
			b.WriteString(bl.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestClaimsFollowTheRecord: each sentence that states something happened
// appears exactly when year.toml records it.
func TestClaimsFollowTheRecord(t *testing.T) {
	ts := shipped(t)
	tests := []struct {
		name  string
		tmpl  string
		claim string
		set   func(g *model.GongwenInfo)
	}{
		{"opinions sought", "表彰通知", "并征求了纪检监察、巡视巡察、审计等部门意见",
			func(g *model.GongwenInfo) { g.Consulted = []string{"纪检监察", "巡视巡察", "审计"} }},
		{"opinions sought, 公示", "公示", "并征求了纪检监察、审计等部门意见",
			func(g *model.GongwenInfo) { g.Consulted = []string{"纪检监察", "审计"} }},
		{"other assessments combined", "表彰通知", "结合党建述职评议、作风评议等情况进行综合考评",
			func(g *model.GongwenInfo) { g.Combined = []string{"党建述职评议", "作风评议"} }},
		{"公示 without objection", "表彰通知", "经公示无异议，",
			func(g *model.GongwenInfo) { g.Publicity.NoObjection = true }},
		{"decided at a meeting", "表彰通知", "经工委会议研究，",
			func(g *model.GongwenInfo) { g.Meeting = "工委会议" }},
		{"dynamic management", "表彰通知", "对先进单位实行动态管理，出现问题的，撤销其称号。",
			func(g *model.GongwenInfo) { g.Dynamic = true }},
		{"in no order", "表彰通知", "（排名不分先后）",
			func(g *model.GongwenInfo) { g.Unordered = true }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, recorded := range []bool{false, true} {
				c, _ := docYear(t)
				g := &c.Year.Gongwen
				g.Consulted, g.Combined = nil, nil
				if recorded {
					tc.set(g)
				}
				doc, err := ts[tc.tmpl].Compose(c)
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Contains(bodyText(doc), tc.claim); got != recorded {
					t.Errorf("recorded=%v: claim %q present=%v\n%s", recorded, tc.claim, got, bodyText(doc))
				}
			}
		})
	}
}

// TestDecision: [notice] kind = "决定" makes the commendation a 决定.
func TestDecision(t *testing.T) {
	ts := shipped(t)
	c, _ := docYear(t)
	c.Year.Gongwen.Kind = "决定"
	d := NewContextData(c, ts["表彰通知"])
	if d.Kind != "决定" {
		t.Errorf("kind %q, want 决定", d.Kind)
	}
	if d := NewContextData(c, ts["考评通知"]); d.Kind != "通知" {
		t.Errorf("the 考评通知 became a %s", d.Kind)
	}
}

// TestShippedTemplates composes every shipped template: a 版头 (so that the
// document counts as a 公文), the sealed signature by default, the attachments
// the header lists, and no template syntax left in the text.
func TestShippedTemplates(t *testing.T) {
	ts := shipped(t)
	c, in := docYear(t)
	c.Year.Gongwen.SealPNG = []byte("\x89PNG seal")
	overall := score.ComputeOverall([3]*score.Result{nil, nil, c.Result})
	tests := []struct {
		name     string
		unit     int
		attach   []string
		contains []string
	}{
		{"考评通知", -1, []string{"2020年市直机关创建模范机关考评要点", "2020年度市直机关创建模范机关自评表"},
			[]string{"于2020年12月15日前报送", "关于开展2020年度市直机关创建模范机关考评工作的通知"}},
		{"征求意见函", -1, []string{"2020年度市直机关创建模范机关先进单位拟表彰名单"},
			[]string{"市纪委监委，市委巡察办，市审计局：", "于2021年1月8日前书面反馈"}},
		{"公示", -1, []string{"2020年度市直机关创建模范机关先进单位拟表彰名单"},
			[]string{"公示期为2021年1月11日至2021年1月15日（5天）", "受理电话：0391-1234567"}},
		{"表彰通知", -1, []string{"2020年度市直机关创建模范机关先进单位名单"}, []string{"予以命名表彰"}},
		{"三年总评通知", -1, []string{"2020—2020年度市直机关创建模范机关三年总评先进单位名单"}, []string{"三年总评"}},
		{"反馈意见", 0, []string{"市委办公室2020年度考评得分明细"},
			[]string{"市委办公室党组织：", "在参加考评的70个单位中列第1名", "你单位被命名为", "得分率最低的考评要点是：CX-4（创建成效第4项）：得3分，分值5分"}},
		{"反馈意见", 2, []string{"市政府办公室2020年度考评得分明细"},
			[]string{"你单位本年度未予表彰，原因：", "纪检监察"}},
		{"反馈意见", 5, nil,
			[]string{"你单位未在规定时间内报送自评材料"}},
	}
	for _, tc := range tests {
		t.Run(tc.name+"/"+itoa(tc.unit), func(t *testing.T) {
			cc := *c
			cc.Unit = tc.unit
			if tc.name == "三年总评通知" {
				cc.Overall = overall
			}
			if tc.unit == 5 && !in.Units[5].Missing {
				t.Fatal("testInputs changed: unit 6 no longer reports nothing")
			}
			doc, err := ts[tc.name].Compose(&cc)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Head == nil || doc.Head.Issuer == "" {
				t.Errorf("no 版头: %+v", doc.Head)
			}
			var attach []string
			var note []string
			sealed := 0
			text := bodyText(doc)
			for _, b := range doc.Blocks {
				switch b.Kind {
				case layout.Attachment:
					attach = append(attach, b.Text)
				case layout.AttachNote:
					note = b.Items
				case layout.Signature:
					if !b.Unsealed && b.Seal != nil {
						sealed++
					}
				}
			}
			if strings.Join(attach, "|") != strings.Join(tc.attach, "|") || strings.Join(note, "|") != strings.Join(tc.attach, "|") {
				t.Errorf("attachments %q, note %q, want %q", attach, note, tc.attach)
			}
			if sealed != 1 {
				t.Errorf("%d sealed signatures with the seal image, want 1", sealed)
			}
			for _, s := range tc.contains {
				if !strings.Contains(strings.ReplaceAll(text, "\n", ""), s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, bad := range []string{"{{", "}}", "<no value>", "%!"} {
				if strings.Contains(text, bad) {
					t.Errorf("text contains %q", bad)
				}
			}
		})
	}
}

// TestTemplateHeaderErrors: header problems are reported at their position.
func TestTemplateHeaderErrors(t *testing.T) {
	const body = "\n正文。\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no header", "正文。\n", []string{"T.md:1:1: 模板缺少头部"}},
		{"unknown key", "---\n文种：通知\n发文字号：notice\n附加：表彰名单\n---\n" + body, []string{"T.md:4:1: 头部有未知的项“附加”（提示：是不是“附件”？）"}},
		{"bad kind", "<!-- 说明 -->\n---\n文种：通报\n发文字号：notice\n---\n" + body, []string{"T.md:3:4: 文种“通报”不可用"}},
		{"missing source", "---\n文种：函\n---\n" + body, []string{"T.md:1:1: 模板头部缺少“发文字号”"}},
		{"bad source", "---\n文种：函\n发文字号：  焦直函〔2021〕1号\n---\n" + body, []string{"T.md:3:8: 发文字号的来源“焦直函〔2021〕1号”不是 year.toml 中的表"}},
		{"bad attachment", "---\n文种：通知\n发文字号：notice\n附件：表彰名单、考评要素\n---\n" + body, []string{"T.md:4:4: 没有名为“考评要素”的附件（提示：是不是“考评要点”？）"}},
		{"bad seal", "---\n文种：通知\n发文字号：notice\n用印：盖\n---\n" + body, []string{"T.md:4:4: 用印应为“是”或“否”"}},
		{"per-unit attachment", "---\n文种：函\n发文字号：notice\n附件：得分明细\n---\n" + body, []string{"T.md:4:4: “得分明细”只能用于每个单位一份的文件"}},
		{"twice", "---\n文种：函\n文种：通知\n发文字号：notice\n---\n" + body, []string{"T.md:3:1: 头部的“文种”写了两次"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTemplate("T.md", []byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			if n := len(strings.Split(err.Error(), "\n")); n != len(tc.want) {
				t.Errorf("%d problems, want %d:\n%v", n, len(tc.want), err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestCheckFindsBodyAndSourceErrors: Check reports a wrong field in a body
// and a missing year.toml table, with positions, for templates that apply
// and for those that do not apply this year.
func TestCheckFindsBodyAndSourceErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := writeFile(filepath.Join(dir, name), src); err != nil {
			t.Fatal(err)
		}
	}
	write("甲.md", "---\n文种：函\n标题：关于{{.Yeer}}的函\n发文字号：documents.没有\n---\n\n正文{{.Year}}。\n")
	write("乙.md", "---\n文种：通知\n标题：三年\n发文字号：documents.没有\n生成：三年总评年度\n---\n\n{{.Cycel}}\n")
	ts, err := LoadTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := docYear(t)
	err = Check(ts, c)
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{
		filepath.Join(dir, "甲.md") + ":4:6: ",                  // the missing [documents."没有"]
		filepath.Join(dir, "乙.md") + ":8:3: 通知模板中没有字段“.Cycel”", // checked though not made this year
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if strings.Contains(err.Error(), "乙.md:4:") {
		t.Errorf("a template not made this year needs its year.toml table:\n%v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
