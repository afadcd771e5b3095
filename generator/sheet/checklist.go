package sheet

import (
	"fmt"
	"mofan/generator/model"

	"github.com/xuri/excelize/v2"
)

// run is a stretch of consecutive points sharing a key: a category, or a
// 考评内容 group within 创建内容.
type run struct {
	first, last int // indices into plan.Points
	category    model.Category
	group       string // "" outside 创建内容
}

// runs splits the points into stretches of equal category (byGroup false) or
// equal category and group (byGroup true).
func runs(points []model.Point, byGroup bool) []run {
	var out []run
	for i, pt := range points {
		g := ""
		if byGroup {
			g = pt.Group
		}
		if n := len(out); n > 0 && out[n-1].category == pt.Category && out[n-1].group == g {
			out[n-1].last = i
			continue
		}
		out = append(out, run{first: i, last: i, category: pt.Category, group: g})
	}
	return out
}

// pointText is the 考评要点 as printed, with its 备注 appended on forms that
// have no 备注 column.
func pointText(pt model.Point, withNote bool) string {
	if withNote && pt.Note != "" {
		return pt.Text + "（备注：" + pt.Note + "）"
	}
	return pt.Text
}

// Checklist builds the unit's scoring-point checklist 考评要点/NN-<单位>.xlsx
// as model.ChecklistSpec specifies it: 类型 | 考评内容 | 编号 | 考评要点 | 分值
// | 备注, with the 类型 and 考评内容 cells merged over their points and a 合计
// row.
//
// Its File comes from the frame pool (openFrameBook).
func Checklist(p *model.Plan, y *model.Year, u *model.Unit) ([]byte, error) {
	return checklist(p, y, u, openFrameBook)
}

// checklist is Checklist with the book opened by open.
func checklist(p *model.Plan, y *model.Year, u *model.Unit, open func(string) (*book, *styles, error)) ([]byte, error) {
	spec := &model.ChecklistSpec
	name := spec.Sheet
	cc := spec.Columns
	cCat, cGroup, cID, cText, cMax, cNote := cc.Index(model.ColCategory), cc.Index(model.ColContent), cc.Index(model.ColID),
		cc.Index(model.ColText), cc.Index(model.ColMax), cc.Index(model.ColNote)
	b, st, err := open(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	cols := columnsOf(spec.Columns)
	head := spec.HeaderRow
	err = b.setUp(fmt.Sprint(cols, head), func(f *excelize.File) error { return checklistSettings(f, name, cols, head) })
	if err != nil {
		return nil, err
	}
	if err := setHeaderFooter(b.f, name, page{header: [2]string{u.Name, fmt.Sprintf("%d年度考评要点", y.Year)}}); err != nil {
		return nil, err
	}
	ncol := len(cols)
	w := b.writer(name)
	title := fmt.Sprintf("%s（%s）", yearTitle(p.PointsTitle, y.Year), u.Name)
	w.merge(1, 1, ncol, 1, title, st.title)
	var total model.Tenths
	for i := range p.Points {
		total += maxOf(y, i)
	}
	w.merge(1, 2, 3, 2, fmt.Sprintf("共%d项，满分%s分", len(p.Points), total), st.subtitle)
	if !y.Forms.IssueDate.IsZero() {
		w.merge(4, 2, ncol, 2, "印发日期："+chineseDate(y.Forms.IssueDate), st.subtitleR)
	}
	for i, c := range cols {
		w.set(i+1, head, c.head, st.header)
	}
	sz := newRowSizer(22)
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	sz.fit(head, head, "", 1, sizeBody)
	row := func(i int) int { return head + 1 + i }
	for i, pt := range p.Points {
		r := row(i)
		w.set(cID, r, pt.ID, st.center)
		w.set(cText, r, pt.Text, st.text)
		w.set(cMax, r, number(maxOf(y, i)), st.number)
		w.set(cNote, r, pt.Note, st.text)
		sz.fit(r, r, pt.Text, cols[cText-1].width, sizeBody)
		sz.fit(r, r, pt.Note, cols[cNote-1].width, sizeBody)
	}
	checklistGroups(w, st, sz, cols, p.Points, row, cCat, cGroup)
	tr := row(len(p.Points))
	w.merge(1, tr, cMax-1, tr, spec.Total, st.bold)
	w.set(cMax, tr, number(total), st.bold)
	for c := cMax + 1; c <= ncol; c++ {
		w.set(c, tr, "", st.text)
	}
	sz.fit(tr, tr, "", 1, sizeBody)
	sz.apply(w)
	b.setProps(p, y, title)
	if err := b.setCustomProps(unitProps(spec.Kind, y, u)...); err != nil {
		return nil, err
	}
	return b.bytes()
}

// checklistSettings makes the settings of a checklist's sheet, the same
// for every unit: the columns, the header (row head) frozen and printed on
// every page, the print setup but the page header.
func checklistSettings(f *excelize.File, sheet string, cols []column, head int) error {
	if err := setColumns(f, sheet, cols); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: cell(1, head+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return setupPrint(f, sheet, page{titleRows: [2]int{head, head}})
}

// checklistGroups merges the 类型 and 考评内容 cells over their points
// (row gives a point's sheet row; cCat and cGroup are the two columns).
func checklistGroups(w *sheetWriter, st *styles, sz *rowSizer, cols []column, points []model.Point, row func(int) int, cCat, cGroup int) {
	for _, c := range runs(points, false) {
		if c.category == model.Content {
			// Two characters a line in the narrow 类型 column: 创建/内容.
			label := splitHalf(string(c.category))
			w.merge(cCat, row(c.first), cCat, row(c.last), label, st.center)
			sz.fit(row(c.first), row(c.last), label, cols[cCat-1].width, sizeBody)
			continue
		}
		// Categories without 考评内容 groups: 类型 spans both columns.
		w.merge(cCat, row(c.first), cGroup, row(c.last), string(c.category), st.center)
		sz.fit(row(c.first), row(c.last), string(c.category), cols[cCat-1].width+cols[cGroup-1].width, sizeBody)
	}
	for _, g := range runs(points, true) {
		if g.category != model.Content {
			continue
		}
		w.merge(cGroup, row(g.first), cGroup, row(g.last), g.group, st.text)
		sz.fit(row(g.first), row(g.last), g.group, cols[cGroup-1].width, sizeBody)
	}
}

// unitProps are the custom properties of a unit's workbook: mofan.kind and
// those that identify the unit.
func unitProps(kind string, y *model.Year, u *model.Unit) []excelize.CustomProperty {
	return []excelize.CustomProperty{
		{Name: "mofan.kind", Value: kind},
		{Name: "mofan.unit", Value: u.Name},
		{Name: "mofan.unit_no", Value: int32(u.No)},
		{Name: "mofan.year", Value: int32(y.Year)},
	}
}

// kindProps are the custom properties of a year's workbook: mofan.kind and mofan.year.
func kindProps(kind string, y *model.Year) []excelize.CustomProperty {
	return []excelize.CustomProperty{{Name: "mofan.kind", Value: kind}, {Name: "mofan.year", Value: int32(y.Year)}}
}

func totalWidth(cols []column) float64 {
	t := 0.0
	for _, c := range cols {
		t += c.width
	}
	return t
}

// splitHalf breaks a short label into two lines of equal length.
func splitHalf(s string) string {
	rs := []rune(s)
	if len(rs) < 4 || len(rs)%2 != 0 {
		return s
	}
	return string(rs[:len(rs)/2]) + "\n" + string(rs[len(rs)/2:])
}
