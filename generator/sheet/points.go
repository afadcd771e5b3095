package sheet

import (
	"regexp"

	"mofan/generator/model"
)

// pointColumns are the columns of a 考评要点 key sheet.
var pointColumns = []column{
	{"编号", 9},
	{"考评内容", 20},
	{"考评要点", 56},
	{"分值", 6},
}

// printHeight is the height in points a sheet of pointsSheet's print setup
// gives its rows on one page: A4 portrait (842 pt) less the top and bottom
// margins of setupPage (0.8 inch each), with 4% kept in reserve for the
// difference between the estimated and the laid-out row heights.
const printHeight = (842 - 2*0.8*72) * 0.96

// pointsSheet writes a sheet listing the plan's points, code, 考评内容 and
// 分值, the key to the point codes heading the score sheets. The points are
// grouped by 考评内容 (the category outside 创建内容), the label merged over
// its points; where a page ends inside a group, the page is broken there by
// hand and the label printed again on the next page, so that no page shows
// points without their group.
func pointsSheet(b *book, st *styles, p *model.Plan, y *model.Year, sheet, title string) error {
	cols := pointColumns
	rs := b.report()
	sub := "编号与各得分表表头的编号对应。"
	w, err := b.table(st, tableSpec{
		sheet: sheet, title: title, sub: sub, subStyle: st.subtitle, cols: cols, minHeight: 20, fitHeader: true,
		page: page{titleRows: [2]int{tableHead, tableHead}, header: [2]string{title, ""}},
	})
	if err != nil {
		return err
	}
	n := len(p.Points)
	first := tableHead + 1
	labels := make([]string, n)
	heights := make([]float64, n)
	for i, pt := range p.Points {
		labels[i] = string(pt.Category)
		if pt.Category == model.Content && pt.Group != "" {
			labels[i] = pt.Group
		}
		heights[i] = max(20, fitHeight(pt.Text, cols[2].width, sizeBody), fitHeight(pt.ID, cols[0].width, sizeBody))
	}
	top := max(20, fitHeight(title, totalWidth(cols), sizeTitle)) + 20 // the title and the line under it
	head := 20.0
	for _, c := range cols {
		head = max(head, fitHeight(c.head, c.width, sizeBody))
	}
	chunks, breaks := layoutGroups(labels, heights, cols[1].width, printHeight-top-head, printHeight-head)
	for _, r := range breaks {
		if err := b.f.InsertPageBreak(sheet, cell(1, first+r)); err != nil {
			return err
		}
	}
	if len(breaks) > 0 {
		// InsertPageBreak also writes an empty list of column breaks.
		b.patch(sheet, func(data []byte) ([]byte, error) {
			return reEmptyColBreaks.ReplaceAll(data, nil), nil
		})
	}
	for _, c := range chunks {
		w.merge(2, first+c[0], 2, first+c[1], labels[c[0]], rs.text[0])
	}
	for i, pt := range p.Points {
		r := first + i
		w.set(1, r, pt.ID, st.center)
		w.set(3, r, pt.Text, rs.text[0])
		w.set(4, r, number(maxOf(y, i)), st.number)
		w.height(r, heights[i])
	}
	return w.close()
}

var reEmptyColBreaks = regexp.MustCompile(`<colBreaks[^>]*?(?:/>|></colBreaks>)`)

// layoutGroups lays rows of the given heights out on pages (the first page
// holds firstPage points of height, the others page) and returns the runs of
// rows that print a group label (a group cut by a page break gives one run
// on each page) and the rows that start a new page (indices into labels).
// A run's label is labelWidth characters wide; when it needs more height
// than its rows have, its rows are made taller, which may move the breaks,
// so the layout is repeated until it holds. heights is updated.
func layoutGroups(labels []string, heights []float64, labelWidth, firstPage, page float64) (runs [][2]int, breaks []int) {
	for range 8 {
		runs, breaks = nil, nil
		used, room := 0.0, firstPage
		start := 0
		for i, h := range heights {
			if i > 0 && used+h > room && used > 0 {
				breaks = append(breaks, i)
				used, room = 0, page
				if start < i {
					runs = append(runs, [2]int{start, i - 1})
				}
				start = i
			} else if i > 0 && labels[i] != labels[i-1] {
				runs = append(runs, [2]int{start, i - 1})
				start = i
			}
			used += h
		}
		if len(heights) > 0 {
			runs = append(runs, [2]int{start, len(heights) - 1})
		}
		grown := false
		for _, r := range runs {
			need := fitHeight(labels[r[0]], labelWidth, sizeBody)
			have := 0.0
			for i := r[0]; i <= r[1]; i++ {
				have += heights[i]
			}
			if have < need {
				extra := (need - have) / float64(r[1]-r[0]+1)
				for i := r[0]; i <= r[1]; i++ {
					heights[i] = float64(int((heights[i]+extra)*4+0.999)) / 4
				}
				grown = true
			}
		}
		if !grown {
			break
		}
	}
	return runs, breaks
}
