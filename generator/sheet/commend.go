package sheet

import (
	"fmt"

	"mofan/generator/model"
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
// A draft (sample or incomplete data) says 草稿 after its title and on every
// printed page, as the notice's PDF does.
func CommendList(p *model.Plan, y *model.Year, r *score.Result, draft bool) ([]byte, error) {
	const name = "表彰名单"
	b, st, err := openBook(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	b.draft = draft
	cols := commendColumns
	title := fmt.Sprintf("%d年度市直机关创建模范机关先进单位名单", y.Year)
	w, err := b.table(st, tableSpec{
		sheet: name, title: title, sub: fmt.Sprintf("（共%d个）", len(r.Commended)), subStyle: st.plain, cols: cols, minHeight: 24,
		page: page{titleRows: [2]int{tableHead, tableHead}, header: [2]string{y.Notice.Number, fmt.Sprintf("%d年度", y.Year)}},
	})
	if err != nil {
		return nil, err
	}
	rs := b.report()
	for k, idx := range r.Commended {
		u := &r.Units[idx]
		row := tableHead + 1 + k
		w.set(1, row, k+1, st.number)
		w.set(2, row, unitName(u), st.text)
		w.set(3, row, number(u.Total), rs.score[0])
		w.set(4, row, u.Rank, st.number)
		w.endRow(row, fitHeight(unitName(u), cols[1].width, sizeBody))
	}
	if err := w.close(); err != nil {
		return nil, err
	}
	b.setProps(p, y, draftTitle(title, draft))
	if err := b.setCustomProps(kindProps("表彰名单", y)...); err != nil {
		return nil, err
	}
	return b.bytes()
}
