package sheet

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"mofan/generator/input"
	"mofan/generator/plan"
)

// unitListColumns are the columns of 单位名单.
var unitListColumns = []column{
	{"序号", 8},
	{"单位名称", 52},
	{"备注", 24},
}

// UnitList builds 单位名单.xlsx: the numbered units of 附件1 under the year's title.
func UnitList(p *plan.Plan, y *input.Year) ([]byte, error) {
	const name = "单位名单"
	b, err := newBook(name)
	if err != nil {
		return nil, err
	}
	f := b.f
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	cols := unitListColumns
	if err := setColumns(f, name, cols); err != nil {
		return nil, err
	}
	w := &cellWriter{f: f, sheet: name}
	title := unitListTitle(p, y)
	w.merge("A1", "C1", title, st.title)
	note := p.UnitsNote
	if note == "" {
		note = fmt.Sprintf("（共%d家）", len(p.Units))
	}
	w.merge("A2", "C2", note, st.plain)
	const head = 3
	for i, c := range cols {
		w.set(cell(i+1, head), c.head, st.header)
	}
	sz := newRowSizer(20)
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	for i, u := range p.Units {
		r := head + 1 + i
		w.set(cell(1, r), u.No, st.number)
		w.set(cell(2, r), u.Name, st.text)
		w.set(cell(3, r), "", st.text)
		sz.fit(r, r, u.Name, cols[1].width, sizeBody)
	}
	if w.err != nil {
		return nil, w.err
	}
	if err := sz.apply(f, name); err != nil {
		return nil, err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: cell(1, head+1), ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := setupPage(f, name, page{titleRows: [2]int{head, head}, header: [2]string{"", fmt.Sprintf("%d年度", y.Year)}}); err != nil {
		return nil, err
	}
	if err := setProps(f, p, y, title); err != nil {
		return nil, err
	}
	if err := f.SetCustomProps(excelize.CustomProperty{Name: "mofan.kind", Value: "单位名单"}); err != nil {
		return nil, err
	}
	if err := f.SetCustomProps(excelize.CustomProperty{Name: "mofan.year", Value: int32(y.Year)}); err != nil {
		return nil, err
	}
	return b.bytes()
}

// unitListTitle is 附件1's title with the year in front, e.g.
// 2020年度市直机关创建模范机关单位名单.
func unitListTitle(p *plan.Plan, y *input.Year) string {
	t := p.UnitsTitle
	if t == "" {
		t = "市直机关创建模范机关单位名单"
	}
	if strings.Contains(t, "年") && t[0] >= '0' && t[0] <= '9' {
		return yearTitle(t, y.Year)
	}
	return fmt.Sprintf("%d年度%s", y.Year, t)
}
