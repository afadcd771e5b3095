package sheet

import (
	"fmt"
	"mofan/generator/model"
	"os"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Returned is a 自评表 as a unit sent it back, read without judging it: every
// text is as found in the workbook. The collect stage validates it.
type Returned struct {
	Path   string
	Sheet  string            // the worksheet read: the first one
	Sheets []string          // every worksheet, in order
	Props  map[string]string // custom document properties, e.g. mofan.unit, mofan.digest
	Title  string            // the title cell, e.g. 2020年度市直机关创建模范机关自评表
	Unit   string            // the unit-name cell
	Rows   []ReturnedRow     // the point rows, between the header row and 合计
	Total  string            // the 合计 cell's stored (cached) value

	Secretary, Contact, Phone, Date string // the contact fields; Date as displayed
	// Labels maps each contact label found to the cell of its value, e.g.
	// 联系人 → F31, for messages.
	Labels map[string]string
	// Found lists the contact labels that were found, so that a missing label
	// can be told from an empty field.
	Found map[string]bool

	// Created and Modified are the dates of docProps/core.xml as written
	// (W3CDTF, e.g. 2021-01-10T09:30:00Z); "" when absent. Excel, WPS and
	// LibreOffice set Modified when they save.
	Created, Modified string
}

// ReturnedRow is one point row of a returned form.
type ReturnedRow struct {
	Row      int    // the worksheet row, for messages
	ID       string // 编号
	Content  string // 考评内容 (a merged cell's value on each of its rows)
	Text     string // 考评要点
	Max      string // 分值
	ScoreRef string // the 自评得分 cell, e.g. E4
	Score    string // 自评得分 as stored, e.g. "3.5"; "" when empty
	// EvidenceRef is the 完成情况/佐证材料 cell, e.g. F5.
	EvidenceRef string
	Evidence    string // 完成情况/佐证材料
}

// Digest recomputes the form digest (see FormDigest) from what was read: the
// mofan.year property, the unit cell and the rows. It differs from the
// mofan.digest property when locked content was changed.
func (r *Returned) Digest() string {
	rows := make([]formRow, len(r.Rows))
	for i, x := range r.Rows {
		rows[i] = formRow{ID: x.ID, Content: x.Content, Text: x.Text, Max: x.Max}
	}
	return digest(r.Props["mofan.year"], r.Unit, rows)
}

// FormRows is the locked content of the point rows of the unit's 自评表 as
// SelfForm writes it, for comparison with a returned form: Row, ID, Content,
// Text, Max and ScoreRef are set.
func FormRows(p *model.Plan, y *model.Year) []ReturnedRow {
	rows := formRows(p, y)
	out := make([]ReturnedRow, len(rows))
	for i, fr := range rows {
		r := formHeaderRow + 1 + i
		out[i] = ReturnedRow{Row: r, ID: fr.ID, Content: fr.Content, Text: fr.Text, Max: fr.Max, ScoreRef: cell(formColScore, r)}
	}
	return out
}

// Kind tells which of mofan's workbooks the file at path is: the
// model.*Spec Kind of a 自评表, 考评要点 or 审核评分表, or "" when it is none of
// them (or cannot be opened; ReadForm then says why). The mofan.kind property
// decides when it names a known kind; a program that garbles non-ASCII
// properties (SheetJS) leaves the worksheet names and the title, which
// decide otherwise.
func Kind(path string, maxBytes int64) string {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() > maxBytes {
		return ""
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return ""
	}
	defer f.Close()
	kinds := []string{model.SelfFormSpec.Kind, model.ChecklistSpec.Kind, model.ReviewBookSpec.Kind}
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			if p.Name != "mofan.kind" {
				continue
			}
			for _, k := range kinds {
				if fmt.Sprint(p.Value) == k {
					return k
				}
			}
		}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return ""
	}
	title, _ := f.GetCellValue(sheets[0], "A1")
	switch {
	case sheets[0] == model.ReviewBookSpec.Sheet || strings.Contains(title, model.ReviewBookSpec.Kind):
		return model.ReviewBookSpec.Kind
	case sheets[0] == model.SelfFormSpec.Sheet:
		return model.SelfFormSpec.Kind
	case sheets[0] == model.ChecklistSpec.Sheet:
		return model.ChecklistSpec.Kind
	}
	if _, ok := model.SelfFormSpec.YearOfTitle(title); ok {
		return model.SelfFormSpec.Kind
	}
	if strings.Contains(title, "考评要点") {
		return model.ChecklistSpec.Kind
	}
	return ""
}

// Size limits of ReadForm on the unzipped content (a returned form is well
// under 1 MB; the limits stop zip bombs).
const (
	unzipLimit    = 64 << 20
	unzipXMLLimit = 16 << 20
)

// ReadForm reads a returned 自评表. Files larger than maxBytes are refused
// before they are opened; the unzipped size is limited too.
func ReadForm(path string, maxBytes int64) (*Returned, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件：%w", err)
	}
	if fi.Size() > maxBytes {
		return nil, fmt.Errorf("文件过大（%d 字节，上限 %d 字节），不像是自评表", fi.Size(), maxBytes)
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, fmt.Errorf("无法作为 Excel 工作簿打开：%w", err)
	}
	defer f.Close()
	r := &Returned{Path: path, Props: map[string]string{}, Found: map[string]bool{}, Labels: map[string]string{}}
	props, err := f.GetCustomProps()
	if err != nil {
		return nil, fmt.Errorf("无法读取文档属性：%w", err)
	}
	for _, p := range props {
		r.Props[p.Name] = fmt.Sprint(p.Value)
	}
	if dp, err := f.GetDocProps(); err == nil {
		r.Created, r.Modified = strings.TrimSpace(dp.Created), strings.TrimSpace(dp.Modified)
	}
	sheets := f.GetSheetList()
	r.Sheets = sheets
	if len(sheets) == 0 {
		return nil, fmt.Errorf("工作簿中没有工作表")
	}
	r.Sheet = sheets[0]
	g := &grid{f: f, sheet: r.Sheet}
	if err := g.load(); err != nil {
		return nil, err
	}
	r.Title = g.text("A1")
	r.Unit = g.text(formUnitCell)

	row, err := readFormRows(g, r)
	if err != nil {
		return nil, err
	}
	readFormContacts(g, r, row)
	return r, nil
}

// readFormRows finds the header row (the one whose first cell is 编号) and
// reads the points' rows after it up to the 合计; it returns the row after
// the last one read.
func readFormRows(g *grid, r *Returned) (int, error) {
	head := 0
	for row := 1; row <= g.rows && head == 0; row++ {
		if strings.TrimSpace(g.text(cell(formColID, row))) == labelID {
			head = row
		}
	}
	if head == 0 {
		return 0, fmt.Errorf("工作表“%s”中找不到表头（第一列为“编号”的行）", r.Sheet)
	}
	row := head + 1
	for ; row <= g.rows; row++ {
		id := strings.TrimSpace(g.text(cell(formColID, row)))
		if id == labelTotal {
			r.Total = g.raw(cell(formColScore, row))
			break
		}
		if id == "" && g.text(cell(formColText, row)) == "" {
			break
		}
		ref := cell(formColScore, row)
		r.Rows = append(r.Rows, ReturnedRow{
			Row: row, ID: id, Content: g.text(cell(formColGroup, row)), Text: g.text(cell(formColText, row)),
			Max: g.raw(cell(formColMax, row)), ScoreRef: ref, Score: strings.TrimSpace(g.raw(ref)),
			EvidenceRef: cell(formColProof, row), Evidence: g.text(cell(formColProof, row)),
		})
	}
	return row, nil
}

// readFormContacts reads the contact fields from row on: each value is the
// cell right of its label (after the label's merge).
func readFormContacts(g *grid, r *Returned, row int) {
	byKey := map[string]*string{"secretary": &r.Secretary, "contact": &r.Contact, "phone": &r.Phone, "date": &r.Date}
	dst := map[string]*string{}
	for _, fd := range selfSpec.Fields {
		dst[fd.Label] = byKey[fd.Key]
	}
	for ; row <= g.rows && len(r.Found) < len(dst); row++ {
		for col := 1; col <= g.cols; col++ {
			label := strings.TrimSpace(g.text(cell(col, row)))
			p, ok := dst[label]
			if !ok || r.Found[label] {
				continue
			}
			r.Found[label] = true
			end := col
			if m, ok := g.mergeEnd[cell(col, row)]; ok {
				end = m
			}
			r.Labels[label] = cell(end+1, row)
			*p = strings.TrimSpace(g.text(cell(end+1, row)))
		}
	}
}

// grid reads cells of one sheet, giving every cell of a merged range the
// value of its top-left cell.
type grid struct {
	f          *excelize.File
	sheet      string
	rows, cols int
	origin     map[string]string // a merged cell → the top-left cell of its range
	mergeEnd   map[string]int    // a range's top-left cell → its last column
}

func (g *grid) load() error {
	rows, err := g.f.GetRows(g.sheet)
	if err != nil {
		return fmt.Errorf("无法读取工作表“%s”：%w", g.sheet, err)
	}
	g.rows = len(rows)
	for _, r := range rows {
		g.cols = max(g.cols, len(r))
	}
	merges, err := g.f.GetMergeCells(g.sheet)
	if err != nil {
		return fmt.Errorf("无法读取合并单元格：%w", err)
	}
	g.origin, g.mergeEnd = map[string]string{}, map[string]int{}
	sort.Slice(merges, func(i, j int) bool { return merges[i].GetStartAxis() < merges[j].GetStartAxis() })
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || (r2-r1+1)*(c2-c1+1) > 10000 {
			continue
		}
		g.mergeEnd[m.GetStartAxis()] = c2
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				g.origin[cell(c, r)] = m.GetStartAxis()
			}
		}
	}
	return nil
}

func (g *grid) resolve(ref string) string {
	if o, ok := g.origin[ref]; ok {
		return o
	}
	return ref
}

// text is the cell's displayed text.
func (g *grid) text(ref string) string {
	v, _ := g.f.GetCellValue(g.sheet, g.resolve(ref))
	return v
}

// raw is the cell's stored value (a number unformatted).
func (g *grid) raw(ref string) string {
	v, _ := g.f.GetCellValue(g.sheet, g.resolve(ref), excelize.Options{RawCellValue: true})
	return v
}
