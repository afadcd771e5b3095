package sheet

import (
	"fmt"
	"mofan/generator/model"
	"strings"
)

// unitListColumns are the columns of 单位名单.
var unitListColumns = []column{
	{"序号", 8},
	{"单位名称", 52},
	{"备注", 24},
}

// UnitList builds 单位名单.xlsx: the numbered units of 附件1 under the year's title.
func UnitList(p *model.Plan, y *model.Year) ([]byte, error) {
	const name = "单位名单"
	b, st, err := openBook(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	cols := unitListColumns
	title := unitListTitle(p, y)
	note := p.UnitsNote
	if note == "" {
		note = fmt.Sprintf("（共%d家）", len(p.Units))
	}
	w, err := b.table(st, tableSpec{
		sheet: name, title: title, sub: note, subStyle: st.plain, cols: cols, minHeight: 20,
		page: page{titleRows: [2]int{tableHead, tableHead}, header: [2]string{"", fmt.Sprintf("%d年度", y.Year)}},
	})
	if err != nil {
		return nil, err
	}
	for i, u := range p.Units {
		r := tableHead + 1 + i
		w.set(1, r, u.No, st.number)
		w.set(2, r, u.Name, st.text)
		w.set(3, r, "", st.text)
		w.endRow(r, fitHeight(u.Name, cols[1].width, sizeBody))
	}
	if err := w.close(); err != nil {
		return nil, err
	}
	b.setProps(p, y, title)
	if err := b.setCustomProps(kindProps("单位名单", y)...); err != nil {
		return nil, err
	}
	return b.bytes()
}

// unitListTitle is 附件1's title with the year in front, e.g.
// 2020年度市直机关创建模范机关单位名单.
func unitListTitle(p *model.Plan, y *model.Year) string {
	t := p.UnitsTitle
	if t == "" {
		t = "市直机关创建模范机关单位名单"
	}
	if strings.Contains(t, "年") && t[0] >= '0' && t[0] <= '9' {
		return yearTitle(t, y.Year)
	}
	return fmt.Sprintf("%d年度%s", y.Year, t)
}
