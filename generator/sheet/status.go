package sheet

import (
	"fmt"

	"mofan/generator/model"
	"mofan/generator/score"
)

// Sheet names of 报送情况.
const (
	statusMain  = "报送情况"
	statusChase = "催报名单"
)

// Status builds 报送情况.xlsx: every unit in 附件1 order with its status
// (未报送, 已报回, 已审核, 一票否决), its self-assessment total, its review
// total (with the number of points reviewed while the review is incomplete),
// its contact and phone; then 催报名单, the units not yet returned with
// their contact and phone, for the office to ring round.
func Status(p *model.Plan, y *model.Year, r *score.Result) ([]byte, error) {
	b, st, err := openBook(statusMain)
	if err != nil {
		return nil, err
	}
	defer b.close()
	if err := b.addSheet(statusChase); err != nil {
		return nil, err
	}
	b.f.SetActiveSheet(0)
	title := fmt.Sprintf("%d年度创建模范机关报送情况", y.Year)
	if err := statusSheet(b, st, title, r); err != nil {
		return nil, err
	}
	if err := chaseSheet(b, st, y, r); err != nil {
		return nil, err
	}
	b.setProps(p, y, title)
	if err := b.setCustomProps(kindProps("报送情况", y)...); err != nil {
		return nil, err
	}
	return b.bytes()
}

// statusCounts is the line under the title: how many units are in each status.
func statusCounts(r *score.Result) string {
	counts := map[model.Status]int{}
	for i := range r.Units {
		counts[r.Units[i].Status]++
	}
	var parts []any
	format := "共%d个单位："
	parts = append(parts, len(r.Units))
	for k, s := range model.Statuses {
		if k > 0 {
			format += "，"
		}
		format += "%s %d 个"
		parts = append(parts, string(s), counts[s])
	}
	return fmt.Sprintf(format+"。", parts...)
}

// statusSheet writes the main sheet: every unit with its status and totals.
func statusSheet(b *book, st *styles, title string, r *score.Result) error {
	sub := statusCounts(r)
	cols := []column{{"序号", 5.5}, {"单位名称", 26}, {"状态", 9}, {"自评总分", 9}, {"审核总分", 12}, {"联系人", 10}, {"联系电话", 16}}
	w, err := b.table(st, tableSpec{
		sheet: statusMain, title: title, sub: sub, subStyle: st.subtitle, cols: cols, minHeight: 20,
		fitHeader: true, freezeCols: 2, filter: len(r.Units),
		page: page{titleRows: [2]int{tableHead, tableHead}, header: [2]string{title, ""}},
	})
	if err != nil {
		return err
	}
	for i := range r.Units {
		u := &r.Units[i]
		row := tableHead + 1 + i
		stl := st.number
		if u.Status == model.NotReturned {
			stl = st.missingRow
		}
		w.set(1, row, unitNo(u, i), st.number)
		w.set(2, row, unitName(u), st.text)
		w.set(3, row, string(u.Status), stl)
		var self, review any
		if u.Unit.HasSelf() {
			self = number(u.SelfTotal)
		}
		switch {
		case u.Reviewed == len(u.Points) && u.Reviewed > 0:
			review = number(u.ReviewTotal)
		case u.Reviewed > 0:
			review = fmt.Sprintf("%s（%d/%d项）", u.ReviewTotal, u.Reviewed, len(u.Points))
		}
		w.set(4, row, self, st.number)
		w.set(5, row, review, st.number)
		w.set(6, row, u.Unit.Contact, st.center)
		w.set(7, row, u.Unit.Phone, st.center)
		w.endRow(row, fitHeight(unitName(u), cols[1].width, sizeBody))
	}
	return w.close()
}

// chaseSheet writes 催报名单, the units not yet returned.
func chaseSheet(b *book, st *styles, y *model.Year, r *score.Result) error {
	var chase []int
	for i := range r.Units {
		if r.Units[i].Status == model.NotReturned {
			chase = append(chase, i)
		}
	}
	ctitle := fmt.Sprintf("%d年度创建模范机关催报名单", y.Year)
	csub := fmt.Sprintf("尚未报回自评表的单位 %d 个；报送截止日期 %s。", len(chase), chineseDate(y.Forms.Deadline))
	ccols := []column{{"序号", 5.5}, {"单位名称", 30}, {"联系人", 12}, {"联系电话", 18}, {"催报记录", 30}}
	cw, err := b.table(st, tableSpec{
		sheet: statusChase, title: ctitle, sub: csub, subStyle: st.subtitle, cols: ccols, minHeight: 20,
		filter: max(len(chase), 1),
		page:   page{titleRows: [2]int{tableHead, tableHead}, header: [2]string{ctitle, ""}},
	})
	if err != nil {
		return err
	}
	if len(chase) == 0 {
		cw.merge(1, tableHead+1, len(ccols), tableHead+1, "各单位均已报回", st.center)
		cw.endRow(tableHead+1, 20)
	}
	for k, i := range chase {
		u := &r.Units[i]
		row := tableHead + 1 + k
		cw.set(1, row, unitNo(u, i), st.number)
		cw.set(2, row, unitName(u), st.text)
		cw.set(3, row, u.Unit.Contact, st.center)
		cw.set(4, row, u.Unit.Phone, st.center)
		cw.set(5, row, "", st.text)
		cw.endRow(row, fitHeight(unitName(u), ccols[1].width, sizeBody))
	}
	return cw.close()
}
