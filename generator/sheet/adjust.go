package sheet

import (
	"fmt"

	"mofan/generator/model"
	"mofan/generator/score"
)

// sumAdjust is the sheet of 考评汇总 that lists every 加分, 扣分 and
// 一票否决 with its reason.
const sumAdjust = "加减分与否决"

// cycleHead is the head of the column of 汇总 that shows each unit's place
// in the year's cycle (model.Status).
const cycleHead = "考评状态"

// internalMark heads every printed page of a sheet that shows veto reasons.
const internalMark = "内部资料"

// cycleStatus is a unit's status as 汇总 shows it: 未报送, 已报回, 已审核
// or 一票否决.
func cycleStatus(u *score.UnitResult) string {
	if u.Unit == nil {
		return ""
	}
	return string(u.Status)
}

// adjustments writes the 加减分与否决 sheet: one row per 加分, 扣分 and
// 一票否决 of every unit, in 附件1 order, with the points, the source of a
// veto and the reason; “无” when there is none. The sheet prints with
// 内部资料 in its header when it shows a veto.
func (s *summary) adjustments() error {
	cols := []column{{"序号", 5.5}, {"单位名称", 26}, {"类别", 9}, {"分值", 7}, {"来源", 10}, {"理由", 60}}
	type entry struct {
		no                   int
		name, kind, src, why string
		pts                  any
	}
	var rows []entry
	for i := range s.r.Units {
		u := &s.r.Units[i]
		if u.Unit == nil {
			continue
		}
		no := unitNo(u, i)
		for _, a := range u.Unit.Adjust {
			pts := a.Points
			if a.Kind == model.Deduction {
				pts = -pts
			}
			rows = append(rows, entry{no, u.Unit.Name, string(a.Kind), "", a.Reason, number(pts)})
		}
		if v := u.Unit.Veto; v != nil {
			rows = append(rows, entry{no, u.Unit.Name, string(model.Vetoed), v.Source, v.Reason, nil})
		}
	}
	sub := fmt.Sprintf("加分累计最多计%s分，扣分累计最多计%s分（汇总表中为计入的分数）；被一票否决的单位不予表彰。", s.r.Rule.BonusCap, s.r.Rule.DeductionCap)
	header := [2]string{s.title("加减分与一票否决"), s.internal()}
	w, err := s.b.table(s.st, tableSpec{
		sheet: sumAdjust, title: s.title("加减分与一票否决"), sub: sub, subStyle: s.st.subtitle, cols: cols, minHeight: 20,
		freezeCols: 2, filter: max(len(rows), 1),
		page: page{landscape: true, titleRows: [2]int{tableHead, tableHead}, header: header},
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		w.merge(1, tableHead+1, len(cols), tableHead+1, "无", s.st.center)
		w.endRow(tableHead+1, 20)
	}
	for k, e := range rows {
		row := tableHead + 1 + k
		w.set(1, row, e.no, s.st.number)
		w.set(2, row, e.name, s.st.text)
		w.set(3, row, e.kind, s.st.center)
		w.set(4, row, e.pts, s.st.number)
		w.set(5, row, e.src, s.st.center)
		w.set(6, row, e.why, s.st.text)
		w.endRow(row, max(fitHeight(e.name, cols[1].width, sizeBody), fitHeight(e.why, cols[5].width, sizeBody)))
	}
	return w.close()
}

// internal is the right-hand page header of the summary's sheets: 内部资料
// when a unit is vetoed, since the 说明 column then gives the veto's reason.
func (s *summary) internal() string {
	for i := range s.r.Units {
		if u := s.r.Units[i].Unit; u != nil && u.Veto != nil {
			return internalMark
		}
	}
	return ""
}
