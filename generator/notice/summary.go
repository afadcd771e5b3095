package notice

import (
	"fmt"
	"strconv"

	"mofan/generator/diag"
	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/generator/score"
)

// summaryFontSize is the size of the summary tables: 五号, so that a unit's
// row usually takes one line of the portrait page.
const summaryFontSize = 10.5

// ComposeSummary returns the year's 考评汇总 as a document for 考评汇总.pdf:
// a portrait table of every unit by rank (序号, 单位, 状态, 基础分, 加分, 扣分,
// 总分, 名次, 结果/原因; units that have not reported last, with no score and
// no rank), then notes stating the year's rule, then every 加分, 扣分 and
// 一票否决 with its reason. When a veto reason is shown, every page is headed
// 内部资料.
func ComposeSummary(p *model.Plan, y *model.Year, r *score.Result) *layout.Document {
	title := fmt.Sprintf("%d年度%s考评汇总表", r.Year, campaign(p))
	doc := &layout.Document{Info: layout.Info{Title: title, Author: y.Notice.Issuer, Created: y.Notice.Date}}
	adjust, vetoes := adjustTable(r)
	doc.Header = header(y.Sample, vetoes > 0)
	t := &layout.Table{
		Columns: []layout.Column{
			{Title: "序号", Width: 10, Align: layout.Center},
			{Title: "单位", Width: 40, Align: layout.Left},
			{Title: "状态", Width: 15, Align: layout.Center},
			{Title: "基础分", Width: 12, Align: layout.Center},
			{Title: "加分", Width: 10, Align: layout.Center},
			{Title: "扣分", Width: 10, Align: layout.Center},
			{Title: "总分", Width: 12, Align: layout.Center},
			{Title: "名次", Width: 10, Align: layout.Center},
			{Title: "结果/原因", Width: 37, Align: layout.Left},
		},
		FontSize: summaryFontSize,
	}
	t.Header = [][]string{titles(t.Columns)}
	for k, i := range r.ByRank {
		u := &r.Units[i]
		row := layout.Row{Pos: diag.Pos{File: u.Unit.File}}
		if !u.Reported {
			row.Cells = cells(strconv.Itoa(k+1), u.Unit.Name, string(u.Status), "—", "—", "—", "—", "—", u.Reason)
		} else {
			row.Cells = cells(strconv.Itoa(k+1), u.Unit.Name, string(u.Status), oneDecimal(u.Base), oneDecimal(u.Bonus),
				oneDecimal(u.Deduction), oneDecimal(u.Total), strconv.Itoa(u.Rank), result(u.Commended, u.Reason))
		}
		row.Cells[8].Bold = u.Commended
		t.Rows = append(t.Rows, row)
	}
	rule := r.Rule
	notes := []string{
		"说明：",
		fmt.Sprintf("1．基础分为各考评要点审核分之和，审核分缺项的%s。", missingReview(rule.MissingReview)),
		fmt.Sprintf("2．总分＝基础分＋加分－扣分，最低为0分；加分%s，扣分%s。", capText(rule.BonusCap), capText(rule.DeductionCap)),
		"3．名次按总分从高到低排列，同分者名次相同；被一票否决的单位照常排列名次，未报送的单位不计分、不排名次。",
		fmt.Sprintf("4．表彰条件：未被一票否决，总分不低于%s分；表彰名额不超过单位总数的%s（%d个单位，即%d个），按名次确定；%s。",
			rule.MinTotal, percent(rule.MaxRatio), len(r.Units), r.Quota, tiesText(rule.BoundaryTies)),
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Subtitle, Text: fmt.Sprintf("（参加考评%d个单位，命名表彰%d个）", len(r.Units), len(r.Commended))},
		{Kind: layout.TableBlock, Table: t},
		{Kind: layout.Lines, Items: notes},
		{Kind: layout.Blank},
		{Kind: layout.Subtitle, Text: "加分、扣分和一票否决"},
	}
	if adjust != nil {
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.TableBlock, Table: adjust})
	} else {
		doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.Lines, Items: []string{"本年度无加分、扣分和一票否决。"}})
	}
	return doc
}

// internalHeader marks every page of a document that shows veto reasons.
const internalHeader = "内部资料"

// header is the running header of a summary: 内部资料 when it shows veto
// reasons, the sample mark for sample data, both when both apply.
func header(sample, internal bool) string {
	switch {
	case sample && internal:
		return internalHeader + "　" + sampleHeader
	case internal:
		return internalHeader
	case sample:
		return sampleHeader
	}
	return ""
}

// adjustTable lists every 加分, 扣分 and 一票否决 of the year in 附件1 order
// (单位, 类别, 分值, 来源, 理由), and counts the vetoes; nil when there is
// none.
func adjustTable(r *score.Result) (*layout.Table, int) {
	t := &layout.Table{
		Columns: []layout.Column{
			{Title: "单位", Width: 40, Align: layout.Left},
			{Title: "类别", Width: 18, Align: layout.Center},
			{Title: "分值", Width: 12, Align: layout.Center},
			{Title: "来源", Width: 18, Align: layout.Center},
			{Title: "理由", Width: 68, Align: layout.Left},
		},
		FontSize: summaryFontSize,
	}
	t.Header = [][]string{titles(t.Columns)}
	vetoes := 0
	for i := range r.Units {
		u := r.Units[i].Unit
		for _, a := range u.Adjust {
			pts := a.Points.String()
			if a.Kind == model.Deduction {
				pts = "-" + pts
			}
			t.Rows = append(t.Rows, layout.Row{Cells: cells(u.Name, string(a.Kind), pts, "", a.Reason), Pos: a.Pos})
		}
		if u.Veto != nil {
			vetoes++
			t.Rows = append(t.Rows, layout.Row{Cells: cells(u.Name, string(model.Vetoed), "", u.Veto.Source, u.Veto.Reason), Pos: u.Veto.Pos})
		}
	}
	if len(t.Rows) == 0 {
		return nil, 0
	}
	return t, vetoes
}

// ComposeOverall returns the three-year evaluation as a document for
// 三年总评.pdf: every unit by overall rank with its yearly totals and ranks
// side by side, the mean, the overall rank and the result, then notes. y is
// the third year.
func ComposeOverall(p *model.Plan, y *model.Year, o *score.Overall) *layout.Document {
	var years []int // indices of the years that have results
	for i, yr := range o.Years {
		if yr != 0 {
			years = append(years, i)
		}
	}
	span := ""
	if len(years) > 0 {
		span = fmt.Sprintf("%d—%d年度", o.Years[years[0]], o.Years[years[len(years)-1]])
	}
	title := span + campaign(p) + "三年总评汇总表"
	doc := &layout.Document{Info: layout.Info{Title: title, Author: y.Notice.Issuer, Created: y.Notice.Date}}
	if y.Sample {
		doc.Header = sampleHeader
	}
	// 序号 8 + 单位 + years × 19 (总分（名次）) + 平均分 13 + 总评名次 11 + 结果 = 156 mm.
	fixed := 8.0 + float64(len(years))*19 + 13 + 11
	rest := 156 - fixed
	cols := []layout.Column{
		{Title: "序号", Width: 8, Align: layout.Center},
		{Title: "单位", Width: rest * 0.55, Align: layout.Left},
	}
	for _, i := range years {
		cols = append(cols, layout.Column{Title: fmt.Sprintf("%d年", o.Years[i]), Width: 19, Align: layout.Center})
	}
	cols = append(cols,
		layout.Column{Title: "平均分", Width: 13, Align: layout.Center},
		layout.Column{Title: "总评名次", Width: 11, Align: layout.Center},
		layout.Column{Title: "结果/原因", Width: rest * 0.45, Align: layout.Left},
	)
	t := &layout.Table{Columns: cols, FontSize: summaryFontSize}
	t.Header = [][]string{titles(cols)}
	commended := 0
	for k, i := range o.ByRank {
		u := &o.Units[i]
		texts := []string{strconv.Itoa(k + 1), u.Name}
		for _, y := range years {
			if u.Has[y] {
				texts = append(texts, fmt.Sprintf("%s（%d）", oneDecimal(u.Totals[y]), u.Ranks[y]))
			} else {
				texts = append(texts, "未报送")
			}
		}
		texts = append(texts, oneDecimal(u.Mean), strconv.Itoa(u.Rank), result(u.Commended, u.Reason))
		row := layout.Row{Cells: cells(texts...)}
		row.Cells[len(row.Cells)-1].Bold = u.Commended
		t.Rows = append(t.Rows, row)
		if u.Commended {
			commended++
		}
	}
	rule := o.Rule
	notes := []string{
		"说明：各年度栏为该年度总分，括号内为该年度名次。",
		fmt.Sprintf("1．三年平均分＝各年度总分之和÷%d，四舍五入保留一位小数；某年度未报送的，该年度按0分计。", len(years)),
		"2．总评名次按三年平均分从高到低排列，同分者名次相同。",
		"3．三年中任一年度被一票否决的，不予表彰。",
		fmt.Sprintf("4．表彰条件：三年平均分不低于%s分；表彰名额不超过单位总数的%s（即%d个），按总评名次确定；%s。",
			rule.MinTotal, percent(rule.MaxRatio), o.Quota, tiesText(rule.BoundaryTies)),
	}
	if o.PointsDiffer {
		notes = append(notes, "5．各年度考评要点不同，比较的是各年度按百分制计算的总分。")
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Subtitle, Text: fmt.Sprintf("（参加总评%d个单位，命名表彰%d个）", len(o.Units), commended)},
		{Kind: layout.TableBlock, Table: t},
		{Kind: layout.Lines, Items: notes},
	}
	return doc
}

func cells(texts ...string) []layout.Cell {
	out := make([]layout.Cell, len(texts))
	for i, s := range texts {
		out[i] = layout.Cell{Text: s}
	}
	return out
}

func result(commended bool, reason string) string {
	if commended {
		return "命名表彰"
	}
	return reason
}

func missingReview(mode string) string {
	switch mode {
	case model.MissingSelf:
		return "按自评分计"
	case model.MissingZero:
		return "按0分计"
	}
	return "暂按自评分计，该单位审核未完成、不予表彰"
}

func capText(c model.Tenths) string {
	if c < 0 {
		return "不设上限"
	}
	return "累计最多计" + c.String() + "分"
}

func tiesText(mode string) string {
	if mode == "include" {
		return "名额线上同分并列的单位均予表彰"
	}
	return "名额线上同分并列、超出名额的单位均不予表彰"
}
