package sheet

import (
	"fmt"

	"mofan/generator/model"
	"mofan/generator/score"
)

// overallReasonWidth is the width of 三年总评's 说明 column.
const overallReasonWidth = 36

// Overall builds 三年总评.xlsx: every unit of the third year's 附件1 with its
// total and rank of each of the three years, the mean, the overall rank and
// the status (表彰/未表彰 with the reason). y is the third year. A draft
// says 草稿 after its title and on every printed page.
func Overall(p *model.Plan, y *model.Year, o *score.Overall, draft bool) ([]byte, error) {
	const name = "三年总评"
	b, st, err := openBook(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	b.draft = draft
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
	// 说明 takes the width left on the landscape page (the table is fitted
	// to it), so that a reason such as 名额已满（第24名，名额21个） fits one
	// line and a unit one row of the least height: 70 units print on 3 pages.
	cols = append(cols, column{"三年\n平均分", 8}, column{"总评\n排名", 6.5}, column{"状态", 7}, column{"说明", overallReasonWidth})
	title := fmt.Sprintf("%d—%d年度市直机关创建模范机关三年总评", years[0], years[2])
	sub := fmt.Sprintf("表彰条件：三年平均分不低于%s分，三年内无一票否决，名额不超过%d个。平均分按有考评结果的年度计算，未报送的年度计0分。",
		o.Rule.MinTotal, o.Quota)
	w, err := b.table(st, tableSpec{
		sheet: name, title: title, sub: sub, subStyle: st.subtitle, cols: cols, minHeight: 18,
		fitHeader: true, freezeCols: 2, filter: len(o.Units),
		page: page{landscape: true, titleRows: [2]int{tableHead, tableHead}, header: [2]string{title, ""}},
	})
	if err != nil {
		return nil, err
	}
	rs := b.report()
	for i, u := range o.Units {
		row := tableHead + 1 + i
		v := variant(u.Commended)
		w.set(1, row, u.No, rs.number[v])
		w.set(2, row, u.Name, rs.text[v])
		for k := range years {
			if u.Has[k] {
				w.set(3+2*k, row, number(u.Totals[k]), rs.score[v])
				w.set(4+2*k, row, u.Ranks[k], rs.number[v])
			} else {
				w.merge(3+2*k, row, 4+2*k, row, statusMissing, st.missingRow)
			}
		}
		w.set(9, row, number(u.Mean), rs.scoreBold[v])
		w.set(10, row, u.Rank, rs.number[v])
		s := statusNot
		if u.Commended {
			s = statusCommended
		}
		w.set(11, row, s, rs.status[v])
		w.set(12, row, u.Reason, rs.text[v])
		w.endRow(row, max(fitHeight(u.Name, cols[1].width, sizeBody), fitHeight(u.Reason, cols[11].width, sizeBody)))
	}
	if err := w.close(); err != nil {
		return nil, err
	}
	b.setProps(p, y, draftTitle(title, draft))
	if err := b.setCustomProps(kindProps("三年总评", y)...); err != nil {
		return nil, err
	}
	return b.bytes()
}
