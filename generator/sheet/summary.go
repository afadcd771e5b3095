package sheet

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"mofan/generator/model"
	"mofan/generator/score"
)

// Sheet names of 考评汇总.
const (
	sumMain   = "汇总"
	sumFinal  = "得分明细"
	sumSelf   = "自评得分"
	sumReview = "评审得分"
	sumRank   = "总分排名"
	sumChart  = "排名图表" // the chart alone
	sumPoints = "考评要点"
)

// Status texts.
const (
	statusCommended = "表彰"
	statusNot       = "未表彰"
	statusMissing   = "未报送"
)

func status(u *score.UnitResult) string {
	switch {
	case missing(u):
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

// missing tells a unit that has not reported (未报送: no file, or a file
// with no score): no scores, no rank.
func missing(u *score.UnitResult) bool { return u.Unit != nil && !u.Reported }

// Summary builds 考评汇总.xlsx: a sheet of every unit's category subtotals,
// bonus, deduction, total, rank and status (表彰/未表彰/未报送 with the
// reason); a sheet each of the final, self-assessed and review scores of every
// point; the units by rank; a chart sheet with a bar chart of their totals
// (of the first 50 by rank when more than 100 units are ranked, so the bars
// stay legible), commended units in a dark colour and the others in light
// grey, so that it reads in black and white too, printed on a page of its
// own; and the 考评要点 the point codes of the score sheets stand for.
// Scores show one decimal; commended units' rows are shaded. Units are in
// 附件1 order; the tables have frozen headers and unit names and an
// auto-filter, and print on A4 landscape fitted to the width. The tables are
// stream sheets, so the heap does not hold a cell object per unit and score
// (see sheetWriter and book.apart). A draft (sample or incomplete data)
// says 草稿 after the title of every sheet and on every printed page.
func Summary(p *model.Plan, y *model.Year, r *score.Result, draft bool) ([]byte, error) {
	b, err := newBook(sumMain)
	if err != nil {
		return nil, err
	}
	defer b.close()
	b.draft = draft
	for _, s := range []string{sumFinal, sumSelf, sumReview, sumRank, sumChart, sumPoints, sumAdjust} {
		if err := b.addSheet(s); err != nil {
			return nil, err
		}
	}
	st, err := b.styles()
	if err != nil {
		return nil, err
	}
	s := &summary{b: b, f: b.f, st: st, rs: b.report(), p: p, y: y, r: r}
	// SetActiveSheet touches every sheet: it comes before they are streamed.
	b.f.SetActiveSheet(0)
	for _, step := range []func() error{
		s.main,
		func() error {
			return s.detail(sumFinal, "得分明细", "最终得分：以评审分为准；斜体为缺少评审分、按规则以自评分计入的得分。", func(ps score.PointScore) (model.Tenths, bool, bool) {
				return ps.Final, true, ps.FromSelf
			})
		},
		func() error {
			return s.detail(sumSelf, "自评得分", "各单位自评表中填报的自评得分；空白为未填。", func(ps score.PointScore) (model.Tenths, bool, bool) {
				return ps.Self, ps.HasSelf, false
			})
		},
		func() error {
			return s.detail(sumReview, "评审得分", "市委市直机关工委评审得分；空白为未评审。", func(ps score.PointScore) (model.Tenths, bool, bool) {
				return ps.Review, ps.HasReview, false
			})
		},
		s.ranking,
		s.chartSheet,
		func() error { return pointsSheet(s.b, s.st, s.p, s.y, sumPoints, s.title("考评要点")) },
		s.adjustments,
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	b.setProps(p, y, draftTitle(s.title("考评汇总表"), draft))
	if err := b.setCustomProps(kindProps("考评汇总", y)...); err != nil {
		return nil, err
	}
	return b.bytes()
}

type summary struct {
	b  *book
	f  *excelize.File
	st *styles
	rs *reportStyles
	p  *model.Plan
	y  *model.Year
	r  *score.Result
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

// table sets up a table sheet of the summary: the title, a subtitle line
// and the header row, the first two columns and the header frozen, an
// auto-filter over the header and the units, landscape print.
func (s *summary) table(sheet, title, sub string, cols []column) (*tableWriter, error) {
	return s.b.table(s.st, tableSpec{
		sheet: sheet, title: title, sub: sub, subStyle: s.st.subtitle, cols: cols, minHeight: 20,
		fitHeader: true, freezeCols: 2, filter: len(s.r.Units),
		page:  page{landscape: true, titleRows: [2]int{tableHead, tableHead}, header: [2]string{title, s.internal()}},
		apart: len(s.r.Units) > apartUnits,
	})
}

// apartUnits is the number of units above which the summary's table sheets
// are built apart (see book.apart): about 1 KB of XML a unit and sheet,
// which the workbook would otherwise hold for all four sheets at once. Below
// it, the scratch books cost more time than the memory is worth. The bytes
// are the same either way.
var apartUnits = 1000

// unitNo is the number of the unit in 附件1.
func unitNo(u *score.UnitResult, i int) int {
	if u.Unit != nil && u.Unit.No > 0 {
		return u.Unit.No
	}
	return i + 1
}

// main writes the 汇总 sheet.
func (s *summary) main() error {
	cats := model.Categories
	cols := []column{{"序号", 5.5}, {"单位名称", 26}}
	catMax := make([]model.Tenths, len(cats))
	catOf := make([]int, len(s.p.Points)) // point → index into cats, or -1
	for i, pt := range s.p.Points {
		catOf[i] = -1
		for k, c := range cats {
			if pt.Category == c {
				catMax[k] += maxOf(s.y, i)
				catOf[i] = k
			}
		}
	}
	for k, c := range cats {
		cols = append(cols, column{fmt.Sprintf("%s\n（%s分）", c, catMax[k]), 9})
	}
	cols = append(cols, column{"基础分", 7.5}, column{"加分", 6.5}, column{"扣分", 6.5}, column{"总分", 7.5},
		column{"排名", 6}, column{"状态", 8}, column{"说明", 30}, column{cycleHead, 9})
	w, err := s.table(sumMain, s.title("考评汇总表"), s.rule(), cols)
	if err != nil {
		return err
	}
	statusCol := len(cols) - 2 // 状态; 说明 and 考评状态 follow
	sub := make([]model.Tenths, len(cats))
	rs := s.rs
	for i := range s.r.Units {
		u := &s.r.Units[i]
		row := tableHead + 1 + i
		v := variant(u.Commended)
		w.set(1, row, unitNo(u, i), rs.number[v])
		w.set(2, row, unitName(u), rs.text[v])
		if missing(u) {
			for col := 3; col < statusCol; col++ {
				w.set(col, row, nil, rs.missing)
			}
		} else {
			clear(sub)
			for j, ps := range u.Points {
				if j < len(catOf) && catOf[j] >= 0 {
					sub[catOf[j]] += ps.Final
				}
			}
			col := 3
			for k := range cats {
				w.set(col, row, number(sub[k]), rs.score[v])
				col++
			}
			for _, t := range []model.Tenths{u.Base, u.Bonus, u.Deduction} {
				w.set(col, row, number(t), rs.score[v])
				col++
			}
			w.set(col, row, number(u.Total), rs.scoreBold[v])
			w.set(col+1, row, u.Rank, rs.number[v])
		}
		w.set(statusCol, row, status(u), s.statusStyle(u))
		w.set(statusCol+1, row, u.Reason, rs.text[v])
		w.set(statusCol+2, row, cycleStatus(u), rs.number[v])
		w.endRow(row, max(fitHeight(unitName(u), cols[1].width, sizeBody), fitHeight(u.Reason, cols[statusCol].width, sizeBody)))
	}
	return w.close()
}

// statusStyle is the style of a unit's status cell.
func (s *summary) statusStyle(u *score.UnitResult) int {
	if missing(u) {
		return s.st.missingRow
	}
	return s.rs.status[variant(u.Commended)]
}

// detail writes a sheet of one score per unit and point; pick returns the
// score, whether there is one, and whether to set it in italics.
func (s *summary) detail(sheet, what, sub string, pick func(score.PointScore) (model.Tenths, bool, bool)) error {
	cols := []column{{"序号", 5.5}, {"单位名称", 26}}
	for i, pt := range s.p.Points {
		cols = append(cols, column{fmt.Sprintf("%s\n%s分", pt.ID, maxOf(s.y, i)), 6.5})
	}
	cols = append(cols, column{"合计", 7.5}, column{"状态", 8})
	w, err := s.table(sheet, s.title(what), sub+"要点编号所指的内容见“"+sumPoints+"”表。", cols)
	if err != nil {
		return err
	}
	n := len(s.p.Points)
	rs := s.rs
	for i := range s.r.Units {
		u := &s.r.Units[i]
		row := tableHead + 1 + i
		v := variant(u.Commended)
		w.set(1, row, unitNo(u, i), rs.number[v])
		w.set(2, row, unitName(u), rs.text[v])
		miss := missing(u)
		var sum model.Tenths
		has := false
		for j := range n {
			var val any
			stl := rs.score[v]
			if j < len(u.Points) && !miss {
				if t, ok, it := pick(u.Points[j]); ok {
					val, sum, has = number(t), sum+t, true
					if it {
						stl = rs.scoreItalic[v]
					}
				}
			}
			if miss {
				stl = rs.missing
			}
			w.set(3+j, row, val, stl)
		}
		var total any
		if has {
			total = number(sum)
		}
		stl := rs.scoreBold[v]
		if miss {
			stl = rs.missing
		}
		w.set(3+n, row, total, stl)
		w.set(4+n, row, status(u), s.statusStyle(u))
		w.endRow(row, fitHeight(unitName(u), cols[1].width, sizeBody))
	}
	return w.close()
}

// The bar chart of 排名图表 shows every ranked unit up to chartAll of them;
// beyond, it shows the first chartTop by rank, so that the bars stay
// readable on one page.
const (
	chartAll = 100 // the 70 units of a city chart whole
	chartTop = 50
)

// Columns of 总分排名: the table, then two hidden columns the chart draws
// from, the totals of commended units and of the others, so that the two
// show in two colours and the legend tells them apart.
const (
	rankColCommended = 5 // E
	rankColOther     = 6 // F
)

// Chart colours: commended units dark red (a dark grey in black and white),
// the others light grey; labels black. excelize's default label grey
// (#D9D9D9) vanishes on paper.
const (
	colorBarCommended = "C00000"
	colorBarOther     = "BFBFBF"
	colorChartText    = "000000"
)

// chartBars returns the number of units charted and the chart's title.
func (s *summary) chartBars() (int, string) {
	ranked := 0
	for _, idx := range s.r.ByRank {
		if !missing(&s.r.Units[idx]) {
			ranked++
		}
	}
	title := s.title("总分排名")
	if ranked > chartAll {
		return chartTop, fmt.Sprintf("%s（前%d名）", title, chartTop)
	}
	return ranked, title
}

// ranking writes 总分排名: the units by rank, with the data of the chart.
func (s *summary) ranking() error {
	sheet := sumRank
	cols := []column{{"排名", 6}, {"单位名称", 30}, {"总分", 8}, {"状态", 8}}
	title, sub := s.title("总分排名"), "按总分从高到低；未报送的单位列在最后。图表见“"+sumChart+"”表。"
	w, err := s.b.table(s.st, tableSpec{
		sheet: sheet, title: title, sub: sub, subStyle: s.st.subtitle, cols: cols, minHeight: 18,
		page: page{titleRows: [2]int{tableHead, tableHead}, header: [2]string{title, ""}},
	})
	if err != nil {
		return err
	}
	// The chart's data: hidden columns, set up before the rows.
	for _, c := range []int{rankColCommended, rankColOther} {
		n := colName(c)
		if err := s.f.SetColWidth(sheet, n, n, 8); err != nil {
			return err
		}
		if err := s.f.SetColVisible(sheet, n, false); err != nil {
			return err
		}
	}
	rs := s.rs
	w.set(rankColCommended, tableHead, "表彰单位", s.st.header)
	w.set(rankColOther, tableHead, "其他单位", s.st.header)
	for k, idx := range s.r.ByRank {
		u := &s.r.Units[idx]
		row := tableHead + 1 + k
		v := variant(u.Commended)
		if missing(u) {
			w.set(1, row, nil, s.st.missingRow)
			w.set(2, row, unitName(u), rs.text[0])
			w.set(3, row, nil, rs.missing)
			w.set(4, row, statusMissing, s.st.missingRow)
		} else {
			w.set(1, row, u.Rank, rs.number[v])
			w.set(2, row, unitName(u), rs.text[v])
			w.set(3, row, number(u.Total), rs.scoreBold[v])
			w.set(4, row, status(u), s.statusStyle(u))
			col := rankColOther
			if u.Commended {
				col = rankColCommended
			}
			w.set(col, row, number(u.Total), rs.score[0])
		}
		w.endRow(row, fitHeight(unitName(u), cols[1].width, sizeBody))
	}
	return w.close()
}

// chartSheet writes 排名图表: the bar chart of the first bars units of
// 总分排名 (ranked units come first there), alone on a sheet that prints
// on one A4 page in portrait.
func (s *summary) chartSheet() error {
	bars, title := s.chartBars()
	if err := setupPage(s.f, sumChart, page{header: [2]string{title, ""}, draft: s.b.draft}); err != nil {
		return err
	}
	if err := s.f.SetPageLayout(sumChart, &excelize.PageLayoutOptions{FitToHeight: ptr(1)}); err != nil {
		return err
	}
	if bars == 0 {
		return nil
	}
	q := "'" + sumRank + "'!"
	// The axis starts at the tens below the lowest total charted, so that the
	// differences between units show.
	maxY, minY := 100.0, 100.0
	for _, idx := range s.r.ByRank[:bars] {
		t := s.r.Units[idx].Total.Float()
		maxY, minY = max(maxY, t), min(minY, t)
	}
	minY = max(0, float64(int(minY/10))*10-10)
	first, last := tableHead+1, tableHead+bars
	black := func(size float64) excelize.Font {
		return excelize.Font{Family: fontBody, Size: size, Color: colorChartText}
	}
	// The page's printable area is about 680 by 940 pixels; bars get 13
	// pixels (10 pt) each up to the whole page, and their labels 8 pt.
	height := min(940, 160+13*bars)
	size := 9.0
	if bars > 40 {
		size = 8
	}
	series := func(col int, fill string) excelize.ChartSeries {
		c := colName(col)
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$%s$%d", q, c, tableHead),
			Categories: fmt.Sprintf("%s$B$%d:$B$%d", q, first, last),
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, c, first, c, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			DataLabel:  excelize.ChartDataLabel{Font: black(size)},
		}
	}
	return s.f.AddChart(sumChart, "A1", &excelize.Chart{
		Type:         excelize.Bar,
		Series:       []excelize.ChartSeries{series(rankColCommended, colorBarCommended), series(rankColOther, colorBarOther)},
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontHead, Size: 14, Color: colorChartText}}}},
		Legend:       excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: fontBody, Size: 10, Color: colorChartText}},
		PlotArea:     excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: scoreFormat}},
		XAxis:        excelize.ChartAxis{ReverseOrder: true, Font: black(size)},
		YAxis:        excelize.ChartAxis{Minimum: ptr(minY), Maximum: ptr(maxY), MajorGridLines: true, Font: black(9), NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		ShowBlanksAs: "gap",
		GapWidth:     ptr(uint(40)),
		Overlap:      ptr(100),
		Dimension:    excelize.ChartDimension{Width: 680, Height: uint(height)},
		Format:       excelize.GraphicOptions{PrintObject: ptr(true), Locked: ptr(false)},
	})
}
