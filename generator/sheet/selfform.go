package sheet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mofan/generator/model"
	"strings"
	"sync"

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
var evidenceLines = sync.OnceValue(func() int {
	return textLines(strings.Repeat("国", model.MaxEvidence), selfSpec.Columns.Get(model.ColEvidence).Width, sizeBody)
})

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
// filled in. Its File comes from the frame pool (openFrameBook).
func SelfForm(p *model.Plan, y *model.Year, u *model.Unit) ([]byte, error) {
	return selfForm(p, y, u, openFrameBook)
}

// selfForm is SelfForm with the book opened by open.
func selfForm(p *model.Plan, y *model.Year, u *model.Unit, open func(string) (*book, *styles, error)) ([]byte, error) {
	spec := selfSpec
	name := spec.Sheet
	b, st, err := open(name)
	if err != nil {
		return nil, err
	}
	defer b.close()
	cols := columnsOf(spec.Columns)
	head := spec.HeaderRow
	maxes := make([]model.Tenths, len(p.Points))
	for i := range maxes {
		maxes[i] = maxOf(y, i)
	}
	evidence := spec.Columns.Get(model.ColEvidence)
	err = b.setUp(fmt.Sprint(cols, head, maxes, evidence), func(f *excelize.File) error {
		return formSettings(f, cols, head, maxes, evidence)
	})
	if err != nil {
		return nil, err
	}
	fw := &formWriter{p: p, y: y, u: u, b: b, st: st, w: b.writer(name), cols: cols, sz: newRowSizer(24),
		head: spec.HeaderRow, rows: formRows(p, y)}
	title := fw.heading()
	fw.scores()
	fw.contacts(fw.total() + 2)
	fw.sz.apply(fw.w)
	return fw.finish(title)
}

// formWriter writes the self-assessment form's one sheet, top to bottom.
type formWriter struct {
	p    *model.Plan
	y    *model.Year
	u    *model.Unit
	b    *book
	st   *styles
	w    *sheetWriter
	cols []column
	sz   *rowSizer
	head int // the header row; the points follow it
	rows []formRow
}

// row is the sheet row of point i.
func (fw *formWriter) row(i int) int { return fw.head + 1 + i }

// heading writes the title, the unit, the deadline, the 填表说明 and the
// column headers, and returns the title.
func (fw *formWriter) heading() string {
	spec, w, st, cols := selfSpec, fw.w, fw.st, fw.cols
	ncol := len(cols)
	title := spec.Title(fw.y.Year)
	w.merge(1, 1, ncol, 1, title, st.title)
	unitCol, unitRow, _ := excelize.CellNameToCoordinates(spec.UnitCell)
	w.merge(1, unitRow, unitCol-1, unitRow, spec.UnitLabel, st.subtitleR)
	w.merge(unitCol, unitRow, formColMax, unitRow, fw.u.Name, st.subtitle)
	if !fw.y.Forms.Deadline.IsZero() {
		w.merge(formColMax+1, unitRow, ncol, unitRow, "报送截止："+chineseDate(fw.y.Forms.Deadline), st.subtitleR)
	}
	fw.sz.fit(1, 1, title, totalWidth(cols), sizeTitle)
	notes := formNotes(fw.y)
	nr := unitRow + 1
	w.merge(1, nr, ncol, nr, notes, st.note)
	fw.sz.fit(nr, nr, notes, totalWidth(cols), sizeSmall)
	for i, c := range cols {
		w.set(i+1, fw.head, c.head, st.header)
	}
	return title
}

// scores writes one row per point: the point, its 分值, and the unit's score
// and evidence cells (formSettings validates them); then the groups' merged
// cells.
func (fw *formWriter) scores() {
	w, st, cols, sz, u := fw.w, fw.st, fw.cols, fw.sz, fw.u
	blank := heightFor(evidenceLines(), sizeBody)
	for i, fr := range fw.rows {
		r := fw.row(i)
		m := maxOf(fw.y, i)
		w.set(formColID, r, fr.ID, st.center)
		w.set(formColText, r, fr.Text, st.text)
		w.set(formColMax, r, number(m), st.number)
		var score any
		evidence := ""
		if i < len(u.Self) && u.Self[i].Has {
			score = number(u.Self[i].Score)
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
	}
	for _, g := range runs(fw.p.Points, true) {
		text := fw.rows[g.first].Content
		w.merge(formColGroup, fw.row(g.first), formColGroup, fw.row(g.last), text, st.center)
		sz.fit(fw.row(g.first), fw.row(g.last), text, cols[formColGroup-1].width, sizeBody)
	}
}

// total writes the 合计 row and returns its row number. The 合计 is a
// formula with its value cached, so that readers that do not recalculate
// show it too.
func (fw *formWriter) total() int {
	w, st := fw.w, fw.st
	var sum, total model.Tenths
	for i := range fw.rows {
		total += maxOf(fw.y, i)
		if i < len(fw.u.Self) && fw.u.Self[i].Has {
			sum += fw.u.Self[i].Score
		}
	}
	tr := fw.row(len(fw.rows))
	w.merge(1, tr, formColMax-1, tr, selfSpec.Total, st.bold)
	w.set(formColMax, tr, number(total), st.bold)
	scoreCol := colName(formColScore)
	w.formula(formColScore, tr, fmt.Sprintf("SUM(%s%d:%s%d)", scoreCol, fw.row(0), scoreCol, fw.row(len(fw.rows)-1)), number(sum), st.bold)
	for c := formColScore + 1; c <= len(fw.cols); c++ {
		w.set(c, tr, "", st.text)
	}
	fw.sz.fit(tr, tr, "", 1, sizeBody)
	return tr
}

// contacts writes the contact fields from row cr: label (two columns) |
// value, twice a row.
func (fw *formWriter) contacts(cr int) {
	w, st, u := fw.w, fw.st, fw.u
	values := map[string]string{"secretary": u.Secretary, "contact": u.Contact, "phone": u.Phone}
	for k, fd := range selfSpec.Fields {
		r := cr + k/2
		if k%2 == 0 {
			w.merge(1, r, 2, r, fd.Label, st.label)
			w.set(3, r, values[fd.Key], st.inputText)
		} else {
			w.merge(formColMax, r, formColScore, r, fd.Label, st.label)
			w.set(formColProof, r, values[fd.Key], st.inputText)
		}
		fw.sz.fit(r, r, fd.Label, fw.cols[3].width+fw.cols[4].width, sizeBody)
	}
}

// formSettings makes the settings of a form's sheet, the same for every
// unit of a year: the columns; per point (maxes holds their 分值, from the
// row after head) the validation of its score cell, and the validation of
// the evidence cells; the header frozen and printed on every page; the
// print setup but the page header; the protection flags.
func formSettings(f *excelize.File, cols []column, head int, maxes []model.Tenths, evidence model.Column) error {
	name := selfSpec.Sheet
	if err := setColumns(f, name, cols); err != nil {
		return err
	}
	for i, m := range maxes {
		if err := addScoreValidation(f, name, cell(formColScore, head+1+i), m, "自评得分"); err != nil {
			return err
		}
	}
	proofs := fmt.Sprintf("%s:%s", cell(formColProof, head+1), cell(formColProof, head+len(maxes)))
	if err := addTextValidation(f, name, proofs, evidence); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: cell(1, head+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(formColScore, head+1), ActiveCell: cell(formColScore, head+1), Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := setupPrint(f, name, page{titleRows: [2]int{head, head}}); err != nil {
		return err
	}
	return protectSheet(f, name)
}

// finish writes the page header, the protection's password hash and the
// properties, and returns the workbook's bytes.
func (fw *formWriter) finish(title string) ([]byte, error) {
	name, y, u := selfSpec.Sheet, fw.y, fw.u
	if err := setHeaderFooter(fw.b.f, name, page{header: [2]string{u.Name, fmt.Sprintf("%d年度自评表", y.Year)}}); err != nil {
		return nil, err
	}
	fw.b.patchProtection(name, y.Year)
	fw.b.setProps(fw.p, y, fmt.Sprintf("%s（%s）", title, u.Name))
	props := append(unitProps(selfSpec.Kind, y, u), excelize.CustomProperty{Name: "mofan.digest", Value: digest(itoa(y.Year), u.Name, fw.rows)})
	if err := fw.b.setCustomProps(props...); err != nil {
		return nil, err
	}
	return fw.b.bytes()
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
