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
// a portrait table of every unit by rank (序号, 单位, 基础分, 加分, 扣分, 总分,
// 名次, 结果/原因; missing units last), then notes stating the year's rule.
func ComposeSummary(p *model.Plan, y *model.Year, r *score.Result) *layout.Document {
	title := fmt.Sprintf("%d年度%s考评汇总表", r.Year, campaign(p))
	doc := &layout.Document{Info: layout.Info{Title: title, Author: y.Notice.Issuer, Created: y.Notice.Date}}
	if y.Sample {
		doc.Header = sampleHeader
	}
	t := &layout.Table{
		Columns: []layout.Column{
			{Title: "序号", Width: 10, Align: layout.Center},
			{Title: "单位", Width: 46, Align: layout.Left},
			{Title: "基础分", Width: 14, Align: layout.Center},
			{Title: "加分", Width: 12, Align: layout.Center},
			{Title: "扣分", Width: 12, Align: layout.Center},
			{Title: "总分", Width: 14, Align: layout.Center},
			{Title: "名次", Width: 12, Align: layout.Center},
			{Title: "结果/原因", Width: 36, Align: layout.Left},
		},
		FontSize: summaryFontSize,
	}
	t.Header = [][]string{titles(t.Columns)}
	for k, i := range r.ByRank {
		u := &r.Units[i]
		row := layout.Row{Pos: diag.Pos{File: u.Unit.File}}
		if u.Unit.Missing {
			row.Cells = cells(strconv.Itoa(k+1), u.Unit.Name, "—", "—", "—", "—", "—", u.Reason)
		} else {
			row.Cells = cells(strconv.Itoa(k+1), u.Unit.Name, oneDecimal(u.Base), oneDecimal(u.Bonus),
				oneDecimal(u.Deduction), oneDecimal(u.Total), strconv.Itoa(u.Rank), result(u.Commended, u.Reason))
		}
		row.Cells[7].Bold = u.Commended
		t.Rows = append(t.Rows, row)
	}
	rule := r.Rule
	notes := []string{
		"说明：",
		fmt.Sprintf("1．基础分为各考评要点审核分之和，审核分缺项的%s。", missingReview(rule.MissingReview)),
		fmt.Sprintf("2．总分＝基础分＋加分－扣分，最低为0分；加分%s，扣分%s。", capText(rule.BonusCap), capText(rule.DeductionCap)),
		"3．名次按总分从高到低排列，同分者名次相同；被一票否决的单位照常排列名次，未报送的单位不排名次。",
		fmt.Sprintf("4．表彰条件：未被一票否决，总分不低于%s分；表彰名额不超过单位总数的%s（%d个单位，即%d个），按名次确定；%s。",
			rule.MinTotal, percent(rule.MaxRatio), len(r.Units), r.Quota, tiesText(rule.BoundaryTies)),
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Subtitle, Text: fmt.Sprintf("（参加考评%d个单位，命名表彰%d个）", len(r.Units), len(r.Commended))},
		{Kind: layout.TableBlock, Table: t},
		{Kind: layout.Lines, Items: notes},
	}
	return doc
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
	if mode == "self" {
		return "按自评分计"
	}
	return "按0分计"
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
