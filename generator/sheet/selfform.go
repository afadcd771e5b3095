package sheet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mofan/generator/model"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The layout of 自评表, shared by SelfForm and ReadForm.
const (
	formSheet     = "自评表"
	formUnitCell  = "C2" // the unit name
	formHeaderRow = 3
	formColID     = 1 // 编号
	formColScore  = 5 // 自评得分
	formColMax    = 4 // 分值
)

// Labels of the form, also used by ReadForm to find its fields.
const (
	labelID        = "编号"
	labelTotal     = "合计"
	labelSecretary = "党组织书记"
	labelContact   = "联系人"
	labelPhone     = "联系电话"
	labelDate      = "填报日期"
)

// selfFormColumns are the columns of 自评表.
var selfFormColumns = []column{
	{labelID, 8.5},
	{"考评内容", 14},
	{"考评要点", 42},
	{"分值", 6},
	{"自评得分", 8},
	{"完成情况/佐证材料", 32},
}

// formRow is the locked content of one row of 自评表.
type formRow struct {
	ID      string
	Content string // 考评内容: the group, or the category outside 创建内容
	Text    string // 考评要点, with any 备注
	Max     string // 分值 as printed, e.g. "4"
}

func formRows(p *model.Plan, y *model.Year) []formRow {
	rows := make([]formRow, len(p.Points))
	for i, pt := range p.Points {
		c := pt.Group
		if c == "" {
			c = string(pt.Category)
		}
		rows[i] = formRow{ID: pt.ID, Content: c, Text: pointText(pt, true), Max: maxOf(y, i).String()}
	}
	return rows
}

// digest is the sha256 (hex) of a form's locked content in a canonical text:
// the year, the unit name, then per row its id, 分值, 考评内容 and 考评要点.
func digest(year, unit string, rows []formRow) string {
	h := sha256.New()
	fmt.Fprintf(h, "mofan 自评表 v1\nyear\t%s\nunit\t%s\n", year, unit)
	for _, r := range rows {
		fmt.Fprintf(h, "point\t%s\t%s\t%s\t%s\n", r.ID, r.Max, r.Content, r.Text)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FormDigest is the mofan.digest property of the unit's 自评表: the sha256
// (hex) of the content the units cannot change (point ids, 分值, 考评内容,
// 考评要点, unit name, year). Compare it with the property, and with
// Returned.Digest, of a returned form.
func FormDigest(p *model.Plan, y *model.Year, u *model.Unit) string {
	return digest(itoa(y.Year), u.Name, formRows(p, y))
}

// SelfForm builds the unit's fillable self-assessment form 自评表/NN-<单位>.xlsx.
//
// Only the 自评得分 and 完成情况/佐证材料 cells and the contact fields are
// unlocked; the sheet is protected with FormPassword. Each score cell accepts a
// decimal between 0 and its 分值. The 合计 is a SUM formula with its value
// cached, so readers that do not recalculate show it too. The workbook carries
// the custom properties mofan.unit, mofan.unit_no, mofan.year and
// mofan.digest (FormDigest). Scores and evidence the unit has already entered
// (Self with Has) are filled in.
func SelfForm(p *model.Plan, y *model.Year, u *model.Unit) ([]byte, error) {
	const name = formSheet
	b, st, err := openBook(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	f := b.f
	cols := selfFormColumns
	if err := setColumns(f, name, cols); err != nil {
		return nil, err
	}
	w := b.writer(name)
	title := fmt.Sprintf("%d年度市直机关创建模范机关自评表", y.Year)
	w.merge(1, 1, 6, 1, title, st.title)
	w.merge(1, 2, 2, 2, "填报单位（盖章）：", st.subtitleR)
	unitCol, unitRow, _ := excelize.CellNameToCoordinates(formUnitCell)
	w.merge(unitCol, unitRow, 4, 2, u.Name, st.subtitle)
	if !y.Forms.Deadline.IsZero() {
		w.merge(5, 2, 6, 2, "报送截止："+chineseDate(y.Forms.Deadline), st.subtitleR)
	}
	head := formHeaderRow
	for i, c := range cols {
		w.set(i+1, head, c.head, st.header)
	}
	sz := newRowSizer(24)
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	rows := formRows(p, y)
	row := func(i int) int { return head + 1 + i }
	var sum model.Tenths
	var total model.Tenths
	for i, fr := range rows {
		r := row(i)
		w.set(1, r, fr.ID, st.center)
		w.set(3, r, fr.Text, st.text)
		w.set(4, r, number(maxOf(y, i)), st.number)
		total += maxOf(y, i)
		var score any
		evidence := ""
		if i < len(u.Self) && u.Self[i].Has {
			score = number(u.Self[i].Score)
			sum += u.Self[i].Score
		}
		if i < len(u.Self) {
			evidence = u.Self[i].Evidence
		}
		w.set(formColScore, r, score, st.inputNum)
		w.set(6, r, evidence, st.inputText)
		sz.fit(r, r, fr.Text, cols[2].width, sizeBody)
		sz.fit(r, r, evidence, cols[5].width, sizeBody)
		if err := addScoreValidation(f, name, cell(formColScore, r), maxOf(y, i)); err != nil {
			return nil, err
		}
	}
	for _, g := range runs(p.Points, true) {
		text := rows[g.first].Content
		w.merge(2, row(g.first), 2, row(g.last), text, st.center)
		sz.fit(row(g.first), row(g.last), text, cols[1].width, sizeBody)
	}
	tr := row(len(rows))
	w.merge(1, tr, 3, tr, labelTotal, st.bold)
	w.set(4, tr, number(total), st.bold)
	// The 合计 is a formula with its value cached, so that readers that do
	// not recalculate show it too.
	scoreCol := colName(formColScore)
	w.formula(formColScore, tr, fmt.Sprintf("SUM(%s%d:%s%d)", scoreCol, row(0), scoreCol, row(len(rows)-1)), number(sum), st.bold)
	w.set(6, tr, "", st.text)
	sz.fit(tr, tr, "", 1, sizeBody)

	// Contact fields: label (two columns) | value, twice a row.
	cr := tr + 2
	fields := []struct {
		label, value string
	}{
		{labelSecretary, u.Secretary}, {labelContact, u.Contact},
		{labelPhone, u.Phone}, {labelDate, ""},
	}
	for k, fd := range fields {
		r := cr + k/2
		if k%2 == 0 {
			w.merge(1, r, 2, r, fd.label, st.label)
			w.set(3, r, fd.value, st.inputText)
		} else {
			w.merge(4, r, 5, r, fd.label, st.label)
			w.set(6, r, fd.value, st.inputText)
		}
		sz.fit(r, r, fd.label, cols[3].width+cols[4].width, sizeBody)
	}
	nr := cr + 3
	notes := formNotes(y)
	w.merge(1, nr, 6, nr, notes, st.note)
	sz.fit(nr, nr, notes, totalWidth(cols), sizeSmall)
	sz.apply(w)
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: cell(1, head+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(formColScore, head+1), ActiveCell: cell(formColScore, head+1), Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	if err := setupPage(f, name, page{titleRows: [2]int{head, head}, header: [2]string{u.Name, fmt.Sprintf("%d年度自评表", y.Year)}}); err != nil {
		return nil, err
	}
	if err := b.protect(name, y.Year); err != nil {
		return nil, err
	}
	if err := setProps(f, p, y, fmt.Sprintf("%s（%s）", title, u.Name)); err != nil {
		return nil, err
	}
	props := append(unitProps("自评表", y, u), excelize.CustomProperty{Name: "mofan.digest", Value: FormDigest(p, y, u)})
	if err := b.setCustomProps(props...); err != nil {
		return nil, err
	}
	return b.bytes()
}

// formNotes is the 填表说明 under the form.
func formNotes(y *model.Year) string {
	notes := []string{
		"浅黄色单元格为填写区，其余内容为考评要点原文，已锁定，请勿改动。",
		"自评得分请填写0至本项分值之间的数，最多保留一位小数；合计自动计算。",
		"完成情况/佐证材料请简要写明工作开展情况及佐证材料名称；内容较多时可调整行高。",
	}
	if !y.Forms.Deadline.IsZero() {
		notes = append(notes, fmt.Sprintf("请于%s前报送本表（Excel格式，请勿改动表格结构）。", chineseDate(y.Forms.Deadline)))
	}
	var b strings.Builder
	b.WriteString("填表说明：")
	for i, n := range notes {
		fmt.Fprintf(&b, "\n%d.%s", i+1, n)
	}
	return b.String()
}

// addScoreValidation lets ref accept only a decimal between 0 and max.
func addScoreValidation(f *excelize.File, sheet, ref string, max model.Tenths) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	if err := dv.SetRange(0, max.Float(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetInput("自评得分", fmt.Sprintf("本项分值%s分，请填写0～%s之间的数，最多保留一位小数。", max, max))
	dv.SetError(excelize.DataValidationErrorStyleStop, "自评得分超出范围", fmt.Sprintf("本项分值%s分，自评得分应在0～%s分之间。", max, max))
	return f.AddDataValidation(sheet, dv)
}
