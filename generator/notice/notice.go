// Package notice composes the year's 公文 from templates/*.md — the
// commendation notice (命名表彰通知), the 考评通知, the 征求意见函, the 公示,
// the feedback letter to each unit and the three-year evaluation's notice
// (see Template) — and the score summaries, as layout documents.
//
// # The notice
//
// The wording of the notice's body lives in templates/表彰通知.md, Markdown
// with Go text/template fields, so that office staff can change it without
// touching Go. The template file's structure:
//
//   - every paragraph (separated by a blank line) is one body paragraph;
//   - the paragraph that starts with “附件：” is the 附件说明; it comes last,
//     and its text after “附件：” is also the title of the attachment page;
//   - a leading HTML comment (<!-- … -->) documents the file and is ignored;
//   - headings, lists, tables and other HTML are refused.
//
// Each paragraph is a template of its own, executed with a Data value: an
// {{if}} or {{range}} must close within its paragraph. The title, 主送机关,
// 发文字号, 发文机关标志, 署名, dates, 抄送 and 印发 come from year.toml
// (model.NoticeInfo), never from the template. Input text (unit names and
// the like) reaches the notice only as field values: it is never parsed as
// a template nor as Markdown.
//
// Template problems are reported all at once as “path:line:col: 消息”: a
// syntax error at the action that causes it, an unknown field at the field
// (with a suggestion), an execution error at the action being executed.
//
// The attachment is the roll of commended units: names only, numbered, in
// 附件1 order (score.Result.Commended). A commendation list names the units
// in the committee's fixed order of organs and prints neither scores nor
// ranks; those are in the 考评汇总.
//
// # The summaries
//
// ComposeSummary and ComposeOverall return portrait tables for 考评汇总.pdf
// and 三年总评.pdf, ordered by rank, with notes that spell out the year's rule.
package notice

import (
	"errors"
	"fmt"
	"math/big"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/generator/score"
)

// ErrNoneCommended is returned by Compose when no unit qualifies: there is
// no notice to issue. The caller decides whether that stops the build.
var ErrNoneCommended = errors.New("本年度没有符合表彰条件的单位，不生成表彰通知")

// Data holds the fields a notice template can use, e.g. {{.Year}}.
type Data struct {
	Year        int      // 考评年度，如 2020
	Assessed    int      // 参加考评的单位数（附件1所列单位，未报送的也计在内）
	Submitted   int      // 报送了考评材料的单位数
	Commended   int      // 予以命名表彰的单位数
	First       string   // 表彰名单中的第一个单位，如 市委办公室
	Names       []string // 全部表彰单位名称，按附件1顺序
	Honour      string   // 称号，如 市直机关创建模范机关先进单位
	Basis       string   // 综合考评结合的工作，如 党建述职评议、年度党建考核、文明单位创建、平安建设、作风评议
	Consulted   string   // 征求意见的部门，如 纪检监察、巡视巡察、审计
	Support     string   // 对先进单位的重点支持，如 文明单位推荐、评优评先、党员发展和党费下拨
	Issuer      string   // 发文机关，如 中共焦作市委市直机关工委
	PlanTitle   string   // 实施方案标题，如 市直机关创建模范机关实施方案
	PlanNumber  string   // 实施方案文号，如 焦直文〔2020〕140号
	MinTotal    string   // 表彰分数线，如 90
	AttachTitle string   // 附件标题，如 2020年度市直机关创建模范机关先进单位名单

	// The fields below serve every 公文 of templates/ (see Template).
	Kind           string   // 文种：通知、决定、函、公示
	NoObjection    bool     // 公示期满无异议（year.toml [publicity] no_objection）
	PublicityFrom  string   // 公示开始日期，如 2021年1月8日
	PublicityTo    string   // 公示结束日期
	PublicityDays  int      // 公示天数（首尾两天都计）
	PublicityPhone string   // 受理异议的电话
	Meeting        string   // 研究决定的会议，如 工委会议（[notice] meeting）；未设置时为空
	Unordered      bool     // 名单排名不分先后（[notice] unordered）
	Dynamic        bool     // 实行动态管理，出现问题的撤销称号（[notice] dynamic）
	IssueDate      string   // 考评材料下发日期（[forms] issue_date）
	Deadline       string   // 自评材料报送截止日期（[forms] deadline）
	Contact        string   // 联系人（[contact] name）
	Phone          string   // 联系电话（[contact] phone）
	ReplyBy        string   // 回复截止日期（[documents.名称] reply_by）
	Cycle          string   // 三年总评的年度，如 2020—2022
	OverallCount   int      // 三年总评表彰单位数
	OverallFirst   string   // 三年总评名单中的第一个单位
	Unit           string   // 反馈意见：单位名称
	PartyOrg       string   // 反馈意见：单位党组织名称
	Reported       bool     // 反馈意见：该单位报送了自评材料
	SelfTotal      string   // 反馈意见：自评总分
	Base           string   // 反馈意见：审核得分（基础分）
	Bonus          string   // 反馈意见：加分
	Deduction      string   // 反馈意见：扣分
	Total          string   // 反馈意见：总分
	Rank           int      // 反馈意见：名次（未报送为 0）
	IsCommended    bool     // 反馈意见：该单位予以表彰
	Reason         string   // 反馈意见：未予表彰的原因
	Adjustments    []string // 反馈意见：加分、扣分及原因，如 “加1分：……”
	Weak           []string // 反馈意见：得分率最低的考评要点（需改进的方面）
}

// fieldDocs describes the fields of Data in Chinese, for hints; it follows
// the order of Data and is checked against it by a test.
var fieldDocs = []struct{ Name, Doc string }{
	{"Year", "考评年度"},
	{"Assessed", "参加考评的单位数"},
	{"Submitted", "报送材料的单位数"},
	{"Commended", "表彰单位数"},
	{"First", "名单中的第一个单位"},
	{"Names", "全部表彰单位名称"},
	{"Honour", "称号"},
	{"Basis", "综合考评结合的工作"},
	{"Consulted", "征求意见的部门"},
	{"Support", "对先进单位的重点支持"},
	{"Issuer", "发文机关"},
	{"PlanTitle", "实施方案标题"},
	{"PlanNumber", "实施方案文号"},
	{"MinTotal", "表彰分数线"},
	{"AttachTitle", "附件标题"},
	{"Kind", "文种"},
	{"NoObjection", "公示期满无异议"},
	{"PublicityFrom", "公示开始日期"},
	{"PublicityTo", "公示结束日期"},
	{"PublicityDays", "公示天数"},
	{"PublicityPhone", "受理异议的电话"},
	{"Meeting", "研究决定的会议"},
	{"Unordered", "排名不分先后"},
	{"Dynamic", "实行动态管理"},
	{"IssueDate", "下发日期"},
	{"Deadline", "报送截止日期"},
	{"Contact", "联系人"},
	{"Phone", "联系电话"},
	{"ReplyBy", "回复截止日期"},
	{"Cycle", "三年总评的年度"},
	{"OverallCount", "三年总评表彰单位数"},
	{"OverallFirst", "三年总评名单中的第一个单位"},
	{"Unit", "单位名称"},
	{"PartyOrg", "单位党组织"},
	{"Reported", "报送了自评材料"},
	{"SelfTotal", "自评总分"},
	{"Base", "审核得分"},
	{"Bonus", "加分"},
	{"Deduction", "扣分"},
	{"Total", "总分"},
	{"Rank", "名次"},
	{"IsCommended", "予以表彰"},
	{"Reason", "未予表彰的原因"},
	{"Adjustments", "加分、扣分及原因"},
	{"Weak", "需改进的考评要点"},
}

// From the plan's 五(三) 严格督查考评, with the 2020 wording as fallback when
// a later plan words it differently.
var (
	reHonour  = regexp.MustCompile(`命名表彰一批“([^”]+)”`)
	reSupport = regexp.MustCompile(`在([^，。；]+?)上给予重点支持`)
)

const (
	defaultHonour   = "市直机关创建模范机关先进单位"
	defaultSupport  = "文明单位推荐、评优评先、党员发展和党费下拨"
	defaultCampaign = "市直机关创建模范机关"
)

// fromPlan finds re's first group in the plan's measure on assessment (the
// 推进措施 item that speaks of 考评), or returns def.
func fromPlan(p *model.Plan, re *regexp.Regexp, def string) string {
	if p == nil {
		return def
	}
	for _, m := range p.Program.Measures {
		if !strings.Contains(m.Name+m.Text, "考评") {
			continue
		}
		if g := re.FindStringSubmatch(m.Name + "。" + m.Text); g != nil {
			return g[1]
		}
	}
	return def
}

// campaign is the campaign's name, the plan title without “实施方案”.
func campaign(p *model.Plan) string {
	if p != nil {
		if t, ok := strings.CutSuffix(p.Program.Title, "实施方案"); ok && t != "" {
			return t
		}
	}
	return defaultCampaign
}

// NewData gathers the template fields for a year's notice.
func NewData(p *model.Plan, y *model.Year, r *score.Result) *Data {
	d := &Data{
		Year:      r.Year,
		Assessed:  len(r.Units),
		Commended: len(r.Commended),
		Honour:    fromPlan(p, reHonour, defaultHonour),
		// what the year's record says was done, never what the plan asks for
		Basis:     strings.Join(y.Gongwen.Combined, "、"),
		Consulted: strings.Join(y.Gongwen.Consulted, "、"),
		Support:   fromPlan(p, reSupport, defaultSupport),
		Issuer:    y.Notice.Issuer,
		MinTotal:  r.Rule.MinTotal.String(),
	}
	if p != nil {
		d.PlanTitle, d.PlanNumber = p.Program.Title, p.Notice.Number
	}
	for _, u := range r.Units {
		if u.Reported {
			d.Submitted++
		}
	}
	for _, i := range r.Commended {
		d.Names = append(d.Names, r.Units[i].Unit.Name)
	}
	if len(d.Names) > 0 {
		d.First = d.Names[0]
	}
	d.AttachTitle = fmt.Sprintf("%d年度%s名单", d.Year, d.Honour)
	g := &y.Gongwen
	d.Kind = g.Kind
	d.Meeting, d.Unordered, d.Dynamic = g.Meeting, g.Unordered, g.Dynamic
	if pb := g.Publicity; pb.Has {
		d.NoObjection = pb.NoObjection
		d.PublicityFrom, d.PublicityTo, d.PublicityPhone = model.FormatDate(pb.From), model.FormatDate(pb.To), pb.Phone
		d.PublicityDays = int(pb.To.Sub(pb.From).Hours()/24) + 1
	}
	d.IssueDate, d.Deadline = dateOrEmpty(y.Forms.IssueDate), dateOrEmpty(y.Forms.Deadline)
	d.Contact, d.Phone = g.Contact, g.Phone
	return d
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return model.FormatDate(t)
}

// Compose renders the notice template at tmplPath and returns the notice as
// a layout document: 版头, title, 主送, body, 附件说明, signature and date,
// the attachment page with the roll of commended units, and the 版记.
func Compose(tmplPath string, p *model.Plan, y *model.Year, r *score.Result) (*layout.Document, error) {
	if len(r.Commended) == 0 {
		return nil, ErrNoneCommended
	}
	src, err := os.ReadFile(tmplPath)
	if err != nil {
		var l diag.List
		l.Add(diag.Pos{File: tmplPath}, "无法读取通知模板", "检查 templates/表彰通知.md 是否存在")
		return nil, l.Err()
	}
	if HasHeader(src) {
		t, err := ParseTemplate(tmplPath, src)
		if err != nil {
			return nil, err
		}
		return t.Compose(&Context{Plan: p, Year: y, Result: r, Unit: -1})
	}
	data := NewData(p, y, r)
	body, err := Render(tmplPath, src, data)
	if err != nil {
		return nil, err
	}
	n := y.Notice
	doc := &layout.Document{
		Info:     layout.Info{Title: n.Title, Author: n.Issuer, Subject: data.Honour, Created: n.Date},
		Head:     &layout.Head{Issuer: n.Issuer, Number: n.Number},
		Colophon: &layout.Colophon{CC: n.CC, Printer: n.Printer, PrintDate: model.FormatDate(printDate(n))},
	}
	if y.Sample {
		doc.Header = sampleHeader
	}
	at := diag.Pos{File: y.File}
	doc.Blocks = append(doc.Blocks,
		layout.Block{Kind: layout.Title, Text: n.Title, Pos: at},
		layout.Block{Kind: layout.Addressee, Text: addressee(n.Addressee), Pos: at},
	)
	for _, t := range body.Paras {
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: t.Text, Pos: t.Pos})
	}
	doc.Blocks = append(doc.Blocks,
		layout.Block{Kind: layout.AttachNote, Items: []string{body.Attach.Text}, Pos: body.Attach.Pos},
		layout.Block{Kind: layout.Signature, Text: n.Signature, Date: model.FormatDate(n.Date), Pos: at},
		layout.Block{Kind: layout.Attachment, Label: "附件", Text: body.Attach.Text, Pos: body.Attach.Pos},
		layout.Block{Kind: layout.TableBlock, Table: rollTable(r), Pos: body.Attach.Pos},
	)
	return doc, nil
}

// sampleHeader marks every page of a document built from sample data.
const sampleHeader = "样例数据，非正式文件"

func addressee(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "：") {
		return s
	}
	return strings.TrimSuffix(s, ":") + "："
}

func printDate(n model.NoticeInfo) time.Time {
	if n.PrintDate.IsZero() {
		return n.Date
	}
	return n.PrintDate
}

// rollTable is the attachment's list: 序号 | 单位名称, in 附件1 order, in
// 四号 so that a list of twenty-odd units fills about one page.
func rollTable(r *score.Result) *layout.Table {
	t := &layout.Table{
		Columns: []layout.Column{
			{Title: "序号", Width: 24, Align: layout.Center},
			{Title: "单位名称", Width: 132, Align: layout.Left},
		},
		FontSize: 14,
	}
	t.Header = [][]string{titles(t.Columns)}
	for k, i := range r.Commended {
		u := r.Units[i].Unit
		t.Rows = append(t.Rows, layout.Row{
			Cells: []layout.Cell{{Text: strconv.Itoa(k + 1)}, {Text: u.Name}},
			Pos:   diag.Pos{File: u.File},
		})
	}
	return t
}

func titles(cols []layout.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Title
	}
	return out
}

// percent formats a ratio as a percentage from its shortest decimal form,
// so 0.3 gives "30%", 0.125 gives "12.5%".
func percent(ratio float64) string {
	q, ok := new(big.Rat).SetString(strconv.FormatFloat(ratio, 'f', -1, 64))
	if !ok {
		return strconv.FormatFloat(ratio*100, 'f', -1, 64) + "%"
	}
	q.Mul(q, big.NewRat(100, 1))
	s := q.FloatString(6)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	return s + "%"
}

// oneDecimal formats a score with one decimal: 90.0, 89.5.
func oneDecimal(t model.Tenths) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return fmt.Sprintf("%s%d.%d", sign, t/10, t%10)
}
