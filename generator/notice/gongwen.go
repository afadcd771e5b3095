package notice

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	forms "mofan/generator/compose"
	"mofan/generator/diag"
	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/score"
)

// Context is what a template's document is made from.
type Context struct {
	Plan    *model.Plan
	Year    *model.Year
	Result  *score.Result
	Overall *score.Overall // the three-year evaluation, in a year that closes a cycle; else nil
	Unit    int            // index into Result.Units of the unit a per-unit document is for

	// shared holds the fields of the year's Data, worked out once for the
	// contexts ForUnit makes (NewData walks every unit: done again for each
	// unit's letter, it made 10,000 letters cost 100 million steps).
	shared *sharedData
}

type sharedData struct {
	once sync.Once
	data Data
}

// ForUnit returns a copy of c for the unit at index i of Result.Units (-1:
// the year's own document). The copies share the year's fields, worked out
// once. It is not safe to call concurrently on the same c; the copies may be
// used concurrently.
func (c *Context) ForUnit(i int) Context {
	c.share()
	cc := *c
	cc.Unit = i
	return cc
}

// share makes c's copies share the year's fields from now on.
func (c *Context) share() {
	if c.shared == nil {
		c.shared = &sharedData{}
	}
}

// yearData returns a new Data holding the year's fields (NewData), copied
// from the shared ones when c was made by ForUnit.
func (c *Context) yearData() *Data {
	if c.shared == nil {
		return NewData(c.Plan, c.Year, c.Result)
	}
	c.shared.once.Do(func() { c.shared.data = *NewData(c.Plan, c.Year, c.Result) })
	d := c.shared.data
	return &d
}

// Applies reports whether the template makes a document (or, per unit,
// documents) this year.
func (t *Template) Applies(c *Context) bool {
	switch t.When {
	case WhenProposed:
		return len(c.Result.Commended) > 0
	case WhenCycle:
		return c.Overall != nil
	}
	return true
}

// PerUnit reports whether the template makes one document per unit.
func (t *Template) PerUnit() bool { return t.When == WhenEveryUnit }

// source returns the 文号, dates and default lines of the year.toml table
// the template names.
func (t *Template) source(y *model.Year, probs *diag.List) (number string, di model.DocInfo, title, addressee, cc string, ok bool) {
	n := y.Notice
	if t.Source == "notice" {
		return n.Number, model.DocInfo{Number: n.Number, Date: n.Date, PrintDate: n.PrintDate}, n.Title, n.Addressee, n.CC, true
	}
	name := strings.TrimPrefix(t.Source, "documents.")
	di, ok = y.Gongwen.Docs[name]
	if !ok {
		probs.Add(t.SourcePos, fmt.Sprintf("%s 中没有 [documents.\"%s\"]，无法得到发文字号和成文日期", y.File, name),
			fmt.Sprintf("在 year.toml 中加上 [documents.\"%s\"]，写明 number（发文字号）和 date（成文日期）", name))
		return "", di, "", "", "", false
	}
	return di.Number, di, "", "", "", true
}

// NewContextData is NewData with the fields of c's unit and cycle filled.
func NewContextData(c *Context, t *Template) *Data {
	d := c.yearData()
	d.Kind = t.Kind
	if t.Source == "notice" && c.Year.Gongwen.Kind == "决定" {
		d.Kind = "决定"
	}
	if di, ok := c.Year.Gongwen.Docs[strings.TrimPrefix(t.Source, "documents.")]; ok {
		d.ReplyBy = dateOrEmpty(di.ReplyBy)
	}
	if o := c.Overall; o != nil {
		first, last := 0, 0
		for _, y := range o.Years {
			if y != 0 {
				if first == 0 {
					first = y
				}
				last = y
			}
		}
		d.Cycle = fmt.Sprintf("%d—%d", first, last)
		for _, u := range o.Units {
			if u.Commended {
				if d.OverallCount == 0 {
					d.OverallFirst = u.Name
				}
				d.OverallCount++
			}
		}
	}
	if t.PerUnit() && c.Unit >= 0 && c.Unit < len(c.Result.Units) {
		fillUnit(d, c, &c.Result.Units[c.Unit])
	}
	return d
}

// fillUnit fills the feedback letter's fields for one unit.
func fillUnit(d *Data, c *Context, u *score.UnitResult) {
	d.Unit = u.Unit.Name
	d.PartyOrg = u.Unit.PartyOrg
	if d.PartyOrg == "" {
		d.PartyOrg = u.Unit.Name + "党组织"
	}
	d.Reported = !u.Unit.Missing
	d.IsCommended = u.Commended
	d.Reason = strings.TrimSuffix(u.Reason, "。")
	if u.Unit.Missing {
		return
	}
	var self model.Tenths
	for _, ps := range u.Points {
		self += ps.Self
	}
	d.SelfTotal = oneDecimal(self)
	d.Base, d.Bonus, d.Deduction, d.Total = oneDecimal(u.Base), oneDecimal(u.Bonus), oneDecimal(u.Deduction), oneDecimal(u.Total)
	d.Rank = u.Rank
	for _, a := range u.Unit.Adjust {
		verb := "加"
		if a.Kind == model.Deduction {
			verb = "减"
		}
		d.Adjustments = append(d.Adjustments, fmt.Sprintf("%s%s分：%s", verb, a.Points, strings.TrimSuffix(strings.TrimSpace(a.Reason), "。")))
	}
	d.Weak = weakPoints(c.Plan, u, 3)
}

// weakPoints returns up to n points with the lowest share of their 分值
// (ties in plan order), among those that lost marks, each as
// “NR-1-2（理论武装强信念第2项）：得3分，分值4分”.
func weakPoints(p *model.Plan, u *score.UnitResult, n int) []string {
	type pt struct {
		i     int
		ratio float64
	}
	var pts []pt
	for i, ps := range u.Points {
		if ps.Max > 0 && ps.Final < ps.Max {
			pts = append(pts, pt{i, float64(ps.Final) / float64(ps.Max)})
		}
	}
	sort.SliceStable(pts, func(a, b int) bool { return pts[a].ratio < pts[b].ratio })
	var out []string
	for _, x := range pts[:min(n, len(pts))] {
		point := p.Points[x.i]
		ps := u.Points[x.i]
		out = append(out, fmt.Sprintf("%s（%s）：得%s分，分值%s分", point.ID, pointName(point), ps.Final, ps.Max))
	}
	return out
}

// pointName names a point for a sentence: its group's short name and
// number, e.g. 理论武装强信念第2项, or 推进措施第3项.
func pointName(pt model.Point) string {
	g := string(pt.Category)
	if pt.Group != "" {
		g = pt.Group
		if k := strings.Index(g, "）"); k >= 0 {
			g = g[k+len("）"):]
		}
		if k := strings.IndexAny(g, "，,"); k >= 0 {
			g = g[:k]
		}
	}
	return fmt.Sprintf("%s第%d项", g, pt.No)
}

// ComposeTemplate makes the template's document for c: 版头, title, 主送,
// body, 附件说明, signature (sealed unless the template says 用印：否, with
// the year's seal image when year.toml names one), the attachments and the
// 版记 (none for a 公示).
func (t *Template) Compose(c *Context) (*layout.Document, error) {
	var probs diag.List
	y := c.Year
	// a missing source is reported with the problems of the text below
	number, di, title, to, cc, _ := t.source(y, &probs)
	data := NewContextData(c, t)
	exec := func(pt model.Text) string {
		if pt.Text == "" {
			return ""
		}
		s, ok := execPara(t.Path, t.srcWithHeader(), plan.MDBlock{Kind: plan.MDPara, Text: pt.Text, Pos: pt.Pos}, data, &probs)
		if !ok {
			return ""
		}
		return strings.TrimSpace(s)
	}
	if t.Title.Text != "" {
		title = exec(t.Title)
	}
	if t.Addressee.Text != "" {
		to = exec(t.Addressee)
	}
	if t.CC.Text != "" {
		cc = exec(t.CC)
	}
	if title == "" && !probs.HasErrors() {
		probs.Add(diag.Pos{File: t.Path, Line: 1, Col: 1}, "模板头部缺少“标题”", "在头部加上一行“标题：关于……的通知”")
	}
	paras := renderBody(t.Path, t.src, data, &probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	n := y.Notice
	doc := &layout.Document{
		Info: layout.Info{Title: title, Author: n.Issuer, Subject: t.Name, Created: di.Date},
		Head: &layout.Head{Issuer: n.Issuer, Number: number, Letter: t.Kind == "函"}, // a 函 in the letter format
	}
	if t.Kind != "公示" {
		doc.Colophon = &layout.Colophon{CC: cc, Printer: n.Printer, PrintDate: model.FormatDate(di.PrintDate)}
	}
	if y.Sample {
		doc.Header = sampleHeader
	}
	at := diag.Pos{File: y.File}
	doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Title, Text: title, Pos: t.Title.Pos})
	if to != "" {
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Addressee, Text: addressee(to), Pos: t.Addressee.Pos})
	}
	for _, p := range paras {
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Para, Text: p.Text, Pos: p.Pos})
	}
	atts := t.attachments(c, data)
	if len(atts) > 0 {
		var items []string
		for _, a := range atts {
			items = append(items, a.title)
		}
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.AttachNote, Items: items, Pos: t.AttachPos})
	}
	sig := layout.Block{Kind: layout.Signature, Text: n.Signature, Date: model.FormatDate(di.Date), Pos: at, Unsealed: !t.Sealed}
	if t.Sealed && len(y.Gongwen.SealPNG) > 0 {
		sig.Seal = &layout.Seal{PNG: y.Gongwen.SealPNG}
	}
	doc.Blocks = append(doc.Blocks, sig)
	for k, a := range atts {
		label := "附件"
		if len(atts) > 1 {
			label = "附件" + strconv.Itoa(k+1)
		}
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Attachment, Label: label, Text: a.title, Pos: t.AttachPos})
		doc.Blocks = append(doc.Blocks, a.blocks...)
	}
	return doc, nil
}

// srcWithHeader is the template as read, for the positions of header values
// (t.src has the header blanked out).
func (t *Template) srcWithHeader() []byte { return t.hdr }

// attachment is one attachment: its title and its blocks.
type attachment struct {
	title  string
	blocks []layout.Block
}

func (t *Template) attachments(c *Context, d *Data) []attachment {
	var out []attachment
	p, y, r := c.Plan, c.Year, c.Result
	for _, kind := range t.Attach {
		switch kind {
		case "考评要点":
			out = append(out, attachment{fmt.Sprintf("%d年%s考评要点", d.Year, campaign(p)),
				[]layout.Block{{Kind: layout.TableBlock, Table: forms.ChecklistTable(p, y)}}})
		case "自评表":
			form := forms.BlankSelfForm(p, y)
			out = append(out, attachment{form.Blocks[0].Text, form.Blocks[1:]})
		case "拟表彰名单":
			out = append(out, attachment{fmt.Sprintf("%d年度%s拟表彰名单", d.Year, d.Honour), rollBlocks(rollTable(r), d.Unordered)})
		case "表彰名单":
			out = append(out, attachment{d.AttachTitle, rollBlocks(rollTable(r), d.Unordered)})
		case "三年总评名单":
			if c.Overall != nil {
				out = append(out, attachment{fmt.Sprintf("%s年度%s三年总评先进单位名单", d.Cycle, campaign(p)), rollBlocks(overallRoll(c.Overall), d.Unordered)})
			}
		case "得分明细":
			// a unit that reported nothing has no scores to show
			if c.Unit >= 0 && c.Unit < len(r.Units) && !r.Units[c.Unit].Unit.Missing {
				u := &r.Units[c.Unit]
				out = append(out, attachment{fmt.Sprintf("%s%d年度考评得分明细", u.Unit.Name, d.Year),
					[]layout.Block{{Kind: layout.TableBlock, Table: scoreTable(p, u)}}})
			}
		}
	}
	return out
}

// rollBlocks is a list of names, with “（排名不分先后）” above it when the
// year's setting asks for it.
func rollBlocks(t *layout.Table, unordered bool) []layout.Block {
	var bs []layout.Block
	if unordered {
		bs = append(bs, layout.Block{Kind: layout.Subtitle, Text: "（排名不分先后）"})
	}
	return append(bs, layout.Block{Kind: layout.TableBlock, Table: t})
}

// overallRoll lists the units commended by the three-year evaluation, in 附件1 order.
func overallRoll(o *score.Overall) *layout.Table {
	t := &layout.Table{
		Columns: []layout.Column{
			{Title: "序号", Width: 24, Align: layout.Center},
			{Title: "单位名称", Width: 132, Align: layout.Left},
		},
		FontSize: 14,
	}
	t.Header = [][]string{titles(t.Columns)}
	k := 0
	for _, u := range o.Units {
		if u.Commended {
			k++
			t.Rows = append(t.Rows, layout.Row{Cells: []layout.Cell{{Text: strconv.Itoa(k)}, {Text: u.Name}}})
		}
	}
	return t
}

// scoreTable is a unit's scores point by point: 编号 | 考评要点 | 分值 |
// 自评 | 审核 | 得分, and the sums.
func scoreTable(p *model.Plan, u *score.UnitResult) *layout.Table {
	t := &layout.Table{FontSize: 10.5, Columns: []layout.Column{
		{Title: "编号", Width: 16, Align: layout.Center},
		{Title: "考评要点", Width: 80, Align: layout.Left},
		{Title: "分值", Width: 15, Align: layout.Center},
		{Title: "自评分", Width: 15, Align: layout.Center},
		{Title: "审核分", Width: 15, Align: layout.Center},
		{Title: "得分", Width: 15, Align: layout.Center},
	}}
	t.Header = [][]string{titles(t.Columns)}
	var max, self, final model.Tenths
	for i, ps := range u.Points {
		pt := p.Points[i]
		cell := func(has bool, v model.Tenths, none string) string {
			if !has {
				return none
			}
			return v.String()
		}
		t.Rows = append(t.Rows, layout.Row{Pos: pt.Pos, Cells: []layout.Cell{
			{Text: pt.ID}, {Text: pointName(pt) + "：" + pt.Text}, {Text: ps.Max.String()},
			{Text: cell(ps.HasSelf, ps.Self, "未填")}, {Text: cell(ps.HasReview, ps.Review, "未审")}, {Text: ps.Final.String(), Bold: ps.Final < ps.Max},
		}})
		max += ps.Max
		self += ps.Self
		final += ps.Final
	}
	t.Rows = append(t.Rows, layout.Row{Cells: []layout.Cell{{Text: "合计", Bold: true}, {}, {Text: max.String(), Bold: true},
		{Text: self.String(), Bold: true}, {}, {Text: final.String(), Bold: true}}})
	return t
}

// renderBody executes the body paragraphs of a template with a header. A
// paragraph starting with “附件：” is refused: the header lists attachments.
func renderBody(path string, src []byte, data *Data, probs *diag.List) []model.Text {
	var out []model.Text
	for _, b := range parseBlocks(path, src) {
		if b.Kind != plan.MDPara {
			probs.Add(b.Pos, "模板正文中只能写段落，不能有标题、列表、表格或其他标记", "每段正文之间空一行；标题、主送、附件等写在头部")
			continue
		}
		text, ok := execPara(path, src, b, data, probs)
		if !ok {
			continue
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, attachPrefix) {
			probs.Add(b.Pos, "附件说明由程序根据头部的“附件”生成，正文中不要写“附件：”段落", "在头部写“附件：表彰名单”等")
			continue
		}
		out = append(out, model.Text{Text: text, Pos: b.Pos})
	}
	if len(out) == 0 && !probs.HasErrors() {
		probs.Add(diag.Pos{File: path, Line: 1, Col: 1}, "模板没有正文段落", "")
	}
	return out
}

// parsedBodies holds the Markdown blocks of every template body parsed in
// this process, by path and source: a per-unit template is rendered for
// every unit from the same source.
var parsedBodies sync.Map // [2]string{path, source} → []plan.MDBlock

// parseBlocks is plan.ParseBlocks(path, src), parsed once per process. The
// blocks returned are shared: callers only read them.
func parseBlocks(path string, src []byte) []plan.MDBlock {
	key := [2]string{path, string(src)}
	if bs, ok := parsedBodies.Load(key); ok {
		return bs.([]plan.MDBlock)
	}
	bs := plan.ParseBlocks(path, src)
	parsedBodies.Store(key, bs)
	return bs
}

// composeAll composes t for each of units (-1: the year's own document) on
// GOMAXPROCS goroutines, as the build does, and returns each one's error in
// the order of units: at 10,000 units this is most of a check's time.
func composeAll(t *Template, c *Context, units []int) []error {
	errs := make([]error, len(units))
	parent := *c
	parent.share() // before the goroutines share parent
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < len(units); k = int(next.Add(1)) - 1 {
				cc := parent.ForUnit(units[k])
				_, errs[k] = t.Compose(&cc)
			}
		}()
	}
	wg.Wait()
	return errs
}

// Check executes every template against a year's data as the build would,
// so that `mofan check` reports what the build would refuse. Per-unit
// templates are executed for every unit.
func Check(ts []*Template, c *Context) error {
	var probs diag.List
	seen := map[string]bool{}
	for _, t := range ts {
		if !t.Applies(c) {
			// not made this year (nor its year.toml table needed): still
			// check its fields and syntax with this year's data
			d := NewContextData(c, t)
			var pl diag.List
			for _, h := range []model.Text{t.Title, t.Addressee, t.CC} {
				if h.Text != "" {
					execPara(t.Path, t.hdr, plan.MDBlock{Kind: plan.MDPara, Text: h.Text, Pos: h.Pos}, d, &pl)
				}
			}
			renderBody(t.Path, t.src, d, &pl)
			probs.Append(pl.Err())
			continue
		}
		units := []int{-1}
		if t.PerUnit() {
			units = units[:0]
			for i := range c.Result.Units {
				units = append(units, i)
			}
		}
		for _, err := range composeAll(t, c, units) {
			if err != nil {
				var l *diag.List
				if errors.As(err, &l) {
					for _, p := range l.Problems() {
						if !seen[p.Error()] {
							seen[p.Error()] = true
							probs.Append(p)
						}
					}
					continue
				}
				probs.Append(err)
			}
		}
	}
	return probs.Err()
}
