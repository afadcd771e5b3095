package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"mofan/generator/input"
	"mofan/generator/plan"
	"mofan/generator/score"
)

// commendColumns are the columns of 表彰通知.xlsx.
var commendColumns = []column{
	{"序号", 6},
	{"单位名称", 44},
	{"总分", 9},
	{"排名", 8},
}

// CommendList builds 表彰通知.xlsx: the commended units in the notice's order
// (附件1 order, as score.Result.Commended gives them) with their totals and
// ranks, for the committee's own records. The notice itself prints names only.
func CommendList(p *plan.Plan, y *input.Year, r *score.Result) ([]byte, error) {
	const name = "表彰名单"
	b, err := newBook(name)
	if err != nil {
		return nil, err
	}
	f := b.f
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	cols := commendColumns
	if err := setColumns(f, name, cols); err != nil {
		return nil, err
	}
	w := &cellWriter{f: f, sheet: name}
	title := fmt.Sprintf("%d年度市直机关创建模范机关先进单位名单", y.Year)
	w.merge("A1", "D1", title, st.title)
	w.merge("A2", "D2", fmt.Sprintf("（共%d个）", len(r.Commended)), st.plain)
	for i, c := range cols {
		w.set(cell(i+1, 3), c.head, st.header)
	}
	sz := newRowSizer(24)
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	for k, idx := range r.Commended {
		u := &r.Units[idx]
		row := 4 + k
		w.set(cell(1, row), k+1, st.number)
		w.set(cell(2, row), unitName(u), st.text)
		w.set(cell(3, row), number(u.Total), st.number)
		w.set(cell(4, row), u.Rank, st.number)
		sz.fit(row, row, unitName(u), cols[1].width, sizeBody)
	}
	if w.err != nil {
		return nil, w.err
	}
	if err := sz.apply(f, name); err != nil {
		return nil, err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := setupPage(f, name, page{titleRows: [2]int{3, 3}, header: [2]string{y.Notice.Number, fmt.Sprintf("%d年度", y.Year)}}); err != nil {
		return nil, err
	}
	if err := setProps(f, p, y, title); err != nil {
		return nil, err
	}
	for _, cp := range []excelize.CustomProperty{{Name: "mofan.kind", Value: "表彰名单"}, {Name: "mofan.year", Value: int32(y.Year)}} {
		if err := f.SetCustomProps(cp); err != nil {
			return nil, err
		}
	}
	return b.bytes()
}
