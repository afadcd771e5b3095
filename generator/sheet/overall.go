package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"mofan/generator/input"
	"mofan/generator/plan"
	"mofan/generator/score"
)

// Overall builds 三年总评.xlsx: every unit of the third year's 附件1 with its
// total and rank of each of the three years, the mean, the overall rank and
// the status (表彰/未表彰 with the reason). y is the third year.
func Overall(p *plan.Plan, y *input.Year, o *score.Overall) ([]byte, error) {
	const name = "三年总评"
	b, err := newBook(name)
	if err != nil {
		return nil, err
	}
	f := b.f
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	years := o.Years
	for i := range years {
		if years[i] == 0 {
			years[i] = y.Year - 2 + i
		}
	}
	cols := []column{{"序号", 5.5}, {"单位名称", 24}}
	for _, yr := range years {
		cols = append(cols, column{fmt.Sprintf("%d年度\n总分", yr), 8}, column{fmt.Sprintf("%d年度\n排名", yr), 8})
	}
	cols = append(cols, column{"三年\n平均分", 8}, column{"总评\n排名", 6.5}, column{"状态", 7}, column{"说明", 26})
	if err := setColumns(f, name, cols); err != nil {
		return nil, err
	}
	last := colName(len(cols))
	w := &cellWriter{f: f, sheet: name}
	title := fmt.Sprintf("%d—%d年度市直机关创建模范机关三年总评", years[0], years[2])
	w.merge("A1", last+"1", title, st.title)
	w.merge("A2", last+"2", fmt.Sprintf("表彰条件：三年平均分不低于%s分，三年内无一票否决，名额不超过%d个。平均分按有考评结果的年度计算，未报送的年度计0分。",
		o.Rule.MinTotal, o.Quota), st.subtitle)
	sz := newRowSizer(20)
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	for i, c := range cols {
		w.set(cell(i+1, 3), c.head, st.header)
		sz.fit(3, 3, c.head, c.width, sizeBody)
	}
	for i, u := range o.Units {
		row := 4 + i
		w.set(cell(1, row), u.No, st.number)
		w.set(cell(2, row), u.Name, st.text)
		sz.fit(row, row, u.Name, cols[1].width, sizeBody)
		for k := range years {
			if u.Has[k] {
				w.set(cell(3+2*k, row), number(u.Totals[k]), st.number)
				w.set(cell(4+2*k, row), u.Ranks[k], st.number)
			} else {
				w.merge(cell(3+2*k, row), cell(4+2*k, row), statusMissing, st.missingRow)
			}
		}
		w.set(cell(9, row), number(u.Mean), st.bold)
		w.set(cell(10, row), u.Rank, st.number)
		s, stl := statusNot, st.number
		if u.Commended {
			s, stl = statusCommended, st.commended
		}
		w.set(cell(11, row), s, stl)
		w.set(cell(12, row), u.Reason, st.text)
		sz.fit(row, row, u.Reason, cols[11].width, sizeBody)
	}
	if w.err != nil {
		return nil, w.err
	}
	if err := sz.apply(f, name); err != nil {
		return nil, err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 3, TopLeftCell: "C4", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C4", ActiveCell: "C4", Pane: "bottomRight"}}}); err != nil {
		return nil, err
	}
	if len(o.Units) > 0 {
		if err := f.AutoFilter(name, fmt.Sprintf("A3:%s%d", last, 3+len(o.Units)), nil); err != nil {
			return nil, err
		}
	}
	if err := setupPage(f, name, page{landscape: true, titleRows: [2]int{3, 3}, header: [2]string{title, ""}}); err != nil {
		return nil, err
	}
	if err := setProps(f, p, y, title); err != nil {
		return nil, err
	}
	for _, cp := range []excelize.CustomProperty{{Name: "mofan.kind", Value: "三年总评"}, {Name: "mofan.year", Value: int32(y.Year)}} {
		if err := f.SetCustomProps(cp); err != nil {
			return nil, err
		}
	}
	return b.bytes()
}
