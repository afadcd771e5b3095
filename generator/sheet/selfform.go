package sheet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mofan/generator/model"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The 自评表 is specified by model.SelfFormSpec; these name the parts of it
// the writer and the reader (ReadForm) both use.
var (
	selfSpec      = &model.SelfFormSpec
	formSheet     = selfSpec.Sheet
	formUnitCell  = selfSpec.UnitCell
	formHeaderRow = selfSpec.HeaderRow
	formColID     = selfSpec.Columns.Index(model.ColID)
	formColText   = selfSpec.Columns.Index(model.ColText)
	formColMax    = selfSpec.Columns.Index(model.ColMax)
	formColScore  = selfSpec.Columns.Index(model.ColSelf)
	formColProof  = selfSpec.Columns.Index(model.ColEvidence)
	formColGroup  = selfSpec.Columns.Index(model.ColContent)
	labelID       = selfSpec.Columns.Get(model.ColID).Head
	labelTotal    = selfSpec.Total
)

// columnsOf turns a spec's columns into the writer's.
func columnsOf(cs model.Columns) []column {
	out := make([]column, len(cs))
	for i, c := range cs {
		out[i] = column{c.Head, c.Width}
	}
	return out
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

// evidenceLines is how many lines an evidence cell shows: enough for
// model.MaxEvidence characters in its column.
func evidenceLines() int {
	return textLines(strings.Repeat("国", model.MaxEvidence), selfSpec.Columns.Get(model.ColEvidence).Width, sizeBody)
}

// SelfForm builds the unit's fillable self-assessment form 自评表/NN-<单位>.xlsx
// as model.SelfFormSpec specifies it: the title, the unit and deadline, the
// 填表说明, the table, the 合计 and the contact fields.
//
// Only the Input columns and the contact fields are unlocked; the sheet is
// protected with FormPassword. Each score cell accepts, as it is typed, a
// number between 0 and its 分值 with at most one decimal (a custom formula
// validation: Excel, WPS and LibreOffice refuse 3.25); each evidence cell at
// most model.MaxEvidence characters, and its row is tall enough to show that
// many. The 合计 is a SUM formula with its value cached, so readers that do
// not recalculate show it too. The workbook carries the custom properties
// mofan.kind, mofan.unit, mofan.unit_no, mofan.year and mofan.digest
// (FormDigest). Scores and evidence already entered (Self with Has) are
// filled in.
func SelfForm(p *model.Plan, y *model.Year, u *model.Unit) ([]byte, error) {
	spec := selfSpec
	name := spec.Sheet
	b, st, err := openBook(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	f := b.f
	cols := columnsOf(spec.Columns)
	ncol := len(cols)
	if err := setColumns(f, name, cols); err != nil {
		return nil, err
	}
	w := b.writer(name)
	title := spec.Title(y.Year)
	w.merge(1, 1, ncol, 1, title, st.title)
	unitCol, unitRow, _ := excelize.CellNameToCoordinates(spec.UnitCell)
	w.merge(1, unitRow, unitCol-1, unitRow, spec.UnitLabel, st.subtitleR)
	w.merge(unitCol, unitRow, formColMax, unitRow, u.Name, st.subtitle)
	if !y.Forms.Deadline.IsZero() {
		w.merge(formColMax+1, unitRow, ncol, unitRow, "报送截止："+chineseDate(y.Forms.Deadline), st.subtitleR)
	}
	sz := newRowSizer(24)
	sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	notes := formNotes(y)
	nr := unitRow + 1
	w.merge(1, nr, ncol, nr, notes, st.note)
	sz.fit(nr, nr, notes, totalWidth(cols), sizeSmall)
	head := spec.HeaderRow
	for i, c := range cols {
		w.set(i+1, head, c.head, st.header)
	}
	rows := formRows(p, y)
	row := func(i int) int { return head + 1 + i }
	blank := heightFor(evidenceLines(), sizeBody)
	var sum, total model.Tenths
	for i, fr := range rows {
		r := row(i)
		m := maxOf(y, i)
		w.set(formColID, r, fr.ID, st.center)
		w.set(formColText, r, fr.Text, st.text)
		w.set(formColMax, r, number(m), st.number)
		total += m
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
		w.set(formColProof, r, evidence, st.inputText)
		sz.fit(r, r, fr.Text, cols[formColText-1].width, sizeBody)
		sz.fit(r, r, evidence, cols[formColProof-1].width, sizeBody)
		if evidence == "" {
			// Room for the longest evidence allowed, which the unit may type.
			sz.height[r] = max(sz.height[r], blank)
		}
		if err := addScoreValidation(f, name, cell(formColScore, r), m, "自评得分"); err != nil {
			return nil, err
		}
	}
	if err := addTextValidation(f, name, fmt.Sprintf("%s:%s", cell(formColProof, row(0)), cell(formColProof, row(len(rows)-1))),
		spec.Columns.Get(model.ColEvidence)); err != nil {
		return nil, err
	}
	for _, g := range runs(p.Points, true) {
		text := rows[g.first].Content
		w.merge(formColGroup, row(g.first), formColGroup, row(g.last), text, st.center)
		sz.fit(row(g.first), row(g.last), text, cols[formColGroup-1].width, sizeBody)
	}
	tr := row(len(rows))
	w.merge(1, tr, formColMax-1, tr, spec.Total, st.bold)
	w.set(formColMax, tr, number(total), st.bold)
	// The 合计 is a formula with its value cached, so that readers that do
	// not recalculate show it too.
	scoreCol := colName(formColScore)
	w.formula(formColScore, tr, fmt.Sprintf("SUM(%s%d:%s%d)", scoreCol, row(0), scoreCol, row(len(rows)-1)), number(sum), st.bold)
	for c := formColScore + 1; c <= ncol; c++ {
		w.set(c, tr, "", st.text)
	}
	sz.fit(tr, tr, "", 1, sizeBody)

	// Contact fields: label (two columns) | value, twice a row.
	cr := tr + 2
	values := map[string]string{"secretary": u.Secretary, "contact": u.Contact, "phone": u.Phone}
	for k, fd := range spec.Fields {
		r := cr + k/2
		if k%2 == 0 {
			w.merge(1, r, 2, r, fd.Label, st.label)
			w.set(3, r, values[fd.Key], st.inputText)
		} else {
			w.merge(formColMax, r, formColScore, r, fd.Label, st.label)
			w.set(formColProof, r, values[fd.Key], st.inputText)
		}
		sz.fit(r, r, fd.Label, cols[3].width+cols[4].width, sizeBody)
	}
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
	props := append(unitProps(spec.Kind, y, u), excelize.CustomProperty{Name: "mofan.digest", Value: FormDigest(p, y, u)})
	if err := b.setCustomProps(props...); err != nil {
		return nil, err
	}
	return b.bytes()
}

// formNotes is the 填表说明 at the top of the form.
func formNotes(y *model.Year) string {
	return selfSpec.NotesTitle + strings.Join(selfSpec.Instructions(y.Forms.Deadline, true), "　")
}

// xmlEscaper escapes a formula for the data validation XML, which excelize
// inserts as it is.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// scoreFormula is the custom validation formula of the score cell ref: a
// number between 0 and max with at most one decimal.
func scoreFormula(ref string, max model.Tenths) string {
	return fmt.Sprintf("AND(ISNUMBER(%[1]s),%[1]s>=0,%[1]s<=%[2]s,ROUND(%[1]s,1)=%[1]s)", ref, max)
}

// addScoreValidation lets the cell ref accept only a number between 0 and
// max with at most one decimal: a custom formula, so that Excel refuses 3.25
// as it is typed (a decimal validation cannot say "one decimal").
func addScoreValidation(f *excelize.File, sheet, ref string, max model.Tenths, what string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	dv.Type = "custom"
	dv.Formula1 = xmlEscaper.Replace(scoreFormula(strings.Split(ref, ":")[0], max))
	dv.SetInput(what, fmt.Sprintf("本项分值%s分，请填写0～%s之间的数，最多一位小数。", max, max))
	dv.SetError(excelize.DataValidationErrorStyleStop, what+"无效", fmt.Sprintf("%s应为0～%s之间的数，最多一位小数（如 3 或 3.5）。", what, max))
	return f.AddDataValidation(sheet, dv)
}

// addTextValidation lets the cells of ref hold at most c.Max characters.
func addTextValidation(f *excelize.File, sheet, ref string, c model.Column) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	if err := dv.SetRange(0, c.Max, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, c.Head+"过长", fmt.Sprintf("%s不超过%d字，请精简，详细材料另附。", c.Head, c.Max))
	return f.AddDataValidation(sheet, dv)
}
