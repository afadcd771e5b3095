package sheet

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"mofan/generator/input"
	"mofan/generator/plan"
	"mofan/generator/score"
)

// Sheet names of 考评汇总.
const (
	sumMain   = "汇总"
	sumFinal  = "得分明细"
	sumSelf   = "自评得分"
	sumReview = "评审得分"
	sumChart  = "排名图表"
)

// Status texts.
const (
	statusCommended = "表彰"
	statusNot       = "未表彰"
	statusMissing   = "未报送"
)

func status(u *score.UnitResult) string {
	switch {
	case u.Unit != nil && u.Unit.Missing:
		return statusMissing
	case u.Commended:
		return statusCommended
	}
	return statusNot
}

func unitName(u *score.UnitResult) string {
	if u.Unit == nil {
		return ""
	}
	return u.Unit.Name
}

func missing(u *score.UnitResult) bool { return u.Unit != nil && u.Unit.Missing }

// Summary builds 考评汇总.xlsx: a sheet of every unit's category subtotals,
// bonus, deduction, total, rank and status (表彰/未表彰/未报送 with the
// reason); a sheet each of the final, self-assessed and review scores of every
// point; and the units by rank with a bar chart of their totals. Units are in
// 附件1 order; the tables have frozen headers and unit names and an
// auto-filter, and print on A4 landscape fitted to the width.
func Summary(p *plan.Plan, y *input.Year, r *score.Result) ([]byte, error) {
	b, err := newBook(sumMain)
	if err != nil {
		return nil, err
	}
	for _, s := range []string{sumFinal, sumSelf, sumReview, sumChart} {
		if err := b.addSheet(s); err != nil {
			return nil, err
		}
	}
	st, err := newStyles(b.f)
	if err != nil {
		return nil, err
	}
	s := &summary{b: b, f: b.f, st: st, p: p, y: y, r: r}
	if s.italic, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontBody, Size: sizeBody, Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Border:    []excelize.Border{{Type: "left", Color: colorBorder, Style: 1}, {Type: "right", Color: colorBorder, Style: 1}, {Type: "top", Color: colorBorder, Style: 1}, {Type: "bottom", Color: colorBorder, Style: 1}}}); err != nil {
		return nil, err
	}
	for _, step := range []func() error{
		s.main,
		func() error {
			return s.detail(sumFinal, "得分明细", "最终得分：以评审分为准；斜体为缺少评审分、按规则以自评分计入的得分。", func(ps score.PointScore) (input.Tenths, bool, bool) {
				return ps.Final, true, ps.FromSelf
			})
		},
		func() error {
			return s.detail(sumSelf, "自评得分", "各单位自评表中填报的自评得分；空白为未填。", func(ps score.PointScore) (input.Tenths, bool, bool) {
				return ps.Self, ps.HasSelf, false
			})
		},
		func() error {
			return s.detail(sumReview, "评审得分", "市委市直机关工委评审得分；空白为未评审。", func(ps score.PointScore) (input.Tenths, bool, bool) {
				return ps.Review, ps.HasReview, false
			})
		},
		s.chart,
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	if err := setProps(b.f, p, y, s.title("考评汇总表")); err != nil {
		return nil, err
	}
	if err := b.f.SetCustomProps(excelize.CustomProperty{Name: "mofan.kind", Value: "考评汇总"}); err != nil {
		return nil, err
	}
	if err := b.f.SetCustomProps(excelize.CustomProperty{Name: "mofan.year", Value: int32(y.Year)}); err != nil {
		return nil, err
	}
	b.f.SetActiveSheet(0)
	return b.bytes()
}

type summary struct {
	b      *book
	f      *excelize.File
	st     *styles
	italic int
	p      *plan.Plan
	y      *input.Year
	r      *score.Result
}

func (s *summary) title(what string) string {
	return fmt.Sprintf("%d年度市直机关创建模范机关%s", s.y.Year, what)
}

// rule describes the commendation rule in one line.
func (s *summary) rule() string {
	rl := s.r.Rule
	parts := []string{fmt.Sprintf("总分不低于%s分", rl.MinTotal)}
	parts = append(parts, fmt.Sprintf("名额不超过单位总数的%s%%（%d个）", trimFloat(rl.MaxRatio*100), s.r.Quota))
	parts = append(parts, "无一票否决")
	return fmt.Sprintf("表彰条件：%s。共%d个单位，表彰%d个。", strings.Join(parts, "，"), len(s.r.Units), len(s.r.Commended))
}

func trimFloat(f float64) string {
	t := fmt.Sprintf("%.2f", f)
	t = strings.TrimRight(t, "0")
	return strings.TrimSuffix(t, ".")
}

// table writes the title, a subtitle line and the header row of a table
// sheet, and sets its columns, panes, filter and print setup once rows are known.
func (s *summary) table(sheet, title, sub string, cols []column, nrows int, sz *rowSizer) (*cellWriter, error) {
	if err := setColumns(s.f, sheet, cols); err != nil {
		return nil, err
	}
	w := &cellWriter{f: s.f, sheet: sheet}
	last := colName(len(cols))
	w.merge("A1", last+"1", title, s.st.title)
	w.merge("A2", last+"2", sub, s.st.subtitle)
	for i, c := range cols {
		w.set(cell(i+1, 3), c.head, s.st.header)
		sz.fit(3, 3, c.head, c.width, sizeBody)
	}
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	if w.err != nil {
		return nil, w.err
	}
	if err := s.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 3, TopLeftCell: "C4", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C4", ActiveCell: "C4", Pane: "bottomRight"}}}); err != nil {
		return nil, err
	}
	if nrows > 0 {
		if err := s.f.AutoFilter(sheet, fmt.Sprintf("A3:%s%d", last, 3+nrows), nil); err != nil {
			return nil, err
		}
	}
	return w, setupPage(s.f, sheet, page{landscape: true, titleRows: [2]int{3, 3}, header: [2]string{title, ""}})
}

// main writes the 汇总 sheet.
func (s *summary) main() error {
	cats := plan.Categories
	cols := []column{{"序号", 5.5}, {"单位名称", 26}}
	catMax := make([]input.Tenths, len(cats))
	for i, pt := range s.p.Points {
		for k, c := range cats {
			if pt.Category == c {
				catMax[k] += maxOf(s.y, i)
			}
		}
	}
	for k, c := range cats {
		cols = append(cols, column{fmt.Sprintf("%s\n（%s分）", c, catMax[k]), 9})
	}
	cols = append(cols, column{"基础分", 7.5}, column{"加分", 6.5}, column{"扣分", 6.5}, column{"总分", 7.5},
		column{"排名", 6}, column{"状态", 8}, column{"说明", 30})
	sz := newRowSizer(20)
	w, err := s.table(sumMain, s.title("考评汇总表"), s.rule(), cols, len(s.r.Units), sz)
	if err != nil {
		return err
	}
	for i := range s.r.Units {
		u := &s.r.Units[i]
		row := 4 + i
		no := i + 1
		if u.Unit != nil && u.Unit.No > 0 {
			no = u.Unit.No
		}
		w.set(cell(1, row), no, s.st.number)
		w.set(cell(2, row), unitName(u), s.st.text)
		sz.fit(row, row, unitName(u), cols[1].width, sizeBody)
		col := 3
		if missing(u) {
			for ; col <= 2+len(cats)+5; col++ {
				w.set(cell(col, row), nil, s.st.missingRow)
			}
		} else {
			sub := make([]input.Tenths, len(cats))
			for j, ps := range u.Points {
				for k, c := range cats {
					if j < len(s.p.Points) && s.p.Points[j].Category == c {
						sub[k] += ps.Final
					}
				}
			}
			for k := range cats {
				w.set(cell(col, row), number(sub[k]), s.st.number)
				col++
			}
			for _, v := range []input.Tenths{u.Base, u.Bonus, u.Deduction, u.Total} {
				w.set(cell(col, row), number(v), s.st.number)
				col++
			}
			w.set(cell(col, row), u.Rank, s.st.number)
			col++
		}
		stl := s.st.number
		switch status(u) {
		case statusCommended:
			stl = s.st.commended
		case statusMissing:
			stl = s.st.missingRow
		}
		w.set(cell(col, row), status(u), stl)
		w.set(cell(col+1, row), u.Reason, s.st.text)
		sz.fit(row, row, u.Reason, cols[col].width, sizeBody)
	}
	if w.err != nil {
		return w.err
	}
	return sz.apply(s.f, sumMain)
}

// detail writes a sheet of one score per unit and point; pick returns the
// score, whether there is one, and whether to set it in italics.
func (s *summary) detail(sheet, what, sub string, pick func(score.PointScore) (input.Tenths, bool, bool)) error {
	cols := []column{{"序号", 5.5}, {"单位名称", 26}}
	for i, pt := range s.p.Points {
		cols = append(cols, column{fmt.Sprintf("%s\n%s分", pt.ID, maxOf(s.y, i)), 6.5})
	}
	cols = append(cols, column{"合计", 7.5}, column{"状态", 8})
	sz := newRowSizer(20)
	w, err := s.table(sheet, s.title(what), sub, cols, len(s.r.Units), sz)
	if err != nil {
		return err
	}
	for i := range s.r.Units {
		u := &s.r.Units[i]
		row := 4 + i
		no := i + 1
		if u.Unit != nil && u.Unit.No > 0 {
			no = u.Unit.No
		}
		w.set(cell(1, row), no, s.st.number)
		w.set(cell(2, row), unitName(u), s.st.text)
		sz.fit(row, row, unitName(u), cols[1].width, sizeBody)
		var sum input.Tenths
		has := false
		for j := range s.p.Points {
			var v any
			stl := s.st.number
			if j < len(u.Points) && !missing(u) {
				if t, ok, it := pick(u.Points[j]); ok {
					v, sum, has = number(t), sum+t, true
					if it {
						stl = s.italic
					}
				}
			}
			if missing(u) {
				stl = s.st.missingRow
			}
			w.set(cell(3+j, row), v, stl)
		}
		var total any
		if has {
			total = number(sum)
		}
		stl := s.st.bold
		if missing(u) {
			stl = s.st.missingRow
		}
		w.set(cell(3+len(s.p.Points), row), total, stl)
		w.set(cell(4+len(s.p.Points), row), status(u), s.st.number)
	}
	if w.err != nil {
		return w.err
	}
	return sz.apply(s.f, sheet)
}

// chart writes the units by rank and a bar chart of their totals.
func (s *summary) chart() error {
	sheet := sumChart
	cols := []column{{"排名", 6}, {"单位名称", 26}, {"总分", 8}, {"状态", 8}}
	sz := newRowSizer(18)
	if err := setColumns(s.f, sheet, cols); err != nil {
		return err
	}
	w := &cellWriter{f: s.f, sheet: sheet}
	title := s.title("总分排名")
	w.merge("A1", "D1", title, s.st.title)
	w.merge("A2", "D2", "按总分从高到低；未报送的单位列在最后。", s.st.subtitle)
	for i, c := range cols {
		w.set(cell(i+1, 3), c.head, s.st.header)
	}
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	ranked := 0
	for k, idx := range s.r.ByRank {
		u := &s.r.Units[idx]
		row := 4 + k
		if missing(u) {
			w.set(cell(1, row), nil, s.st.missingRow)
			w.set(cell(2, row), unitName(u), s.st.text)
			w.set(cell(3, row), nil, s.st.missingRow)
			w.set(cell(4, row), statusMissing, s.st.missingRow)
			continue
		}
		ranked++
		w.set(cell(1, row), u.Rank, s.st.number)
		w.set(cell(2, row), unitName(u), s.st.text)
		w.set(cell(3, row), number(u.Total), s.st.number)
		stl := s.st.number
		if u.Commended {
			stl = s.st.commended
		}
		w.set(cell(4, row), status(u), stl)
		sz.fit(row, row, unitName(u), cols[1].width, sizeBody)
	}
	if w.err != nil {
		return w.err
	}
	if err := sz.apply(s.f, sheet); err != nil {
		return err
	}
	if err := s.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if ranked > 0 {
		q := "'" + sheet + "'!"
		// The axis starts at the tens below the lowest total, so that the
		// differences between units show.
		maxY, minY := 100.0, 100.0
		for _, u := range s.r.Units {
			if !missing(&u) {
				maxY, minY = max(maxY, u.Total.Float()), min(minY, u.Total.Float())
			}
		}
		minY = max(0, float64(int(minY/10))*10-10)
		if err := s.f.AddChart(sheet, "F3", &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       q + "$C$3",
				Categories: fmt.Sprintf("%s$B$4:$B$%d", q, 3+ranked),
				Values:     fmt.Sprintf("%s$C$4:$C$%d", q, 3+ranked),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C00000"}},
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontHead, Size: 14}}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true},
			XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Family: fontBody, Size: 9}},
			YAxis:     excelize.ChartAxis{Minimum: ptr(minY), Maximum: ptr(maxY), MajorGridLines: true, Font: excelize.Font{Family: fontBody, Size: 9}},
			Dimension: excelize.ChartDimension{Width: 640, Height: uint(120 + 18*ranked)},
			Format:    excelize.GraphicOptions{PrintObject: ptr(true), Locked: ptr(false)},
		}); err != nil {
			return err
		}
	}
	return setupPage(s.f, sheet, page{titleRows: [2]int{3, 3}, header: [2]string{title, ""}})
}
