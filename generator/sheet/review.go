package sheet

import (
	"fmt"
	"os"
	"strings"

	"mofan/generator/model"

	"github.com/xuri/excelize/v2"
)

// Review builds the committee's review workbook 评审/审核评分表.xlsx as
// model.ReviewBookSpec specifies it.
//
// The sheet 审核评分 has a row per unit and point (70 × 24 = 1,680 rows for
// the shipped plan), in 附件1 order: the unit's number and name, the point's
// 编号, 考评要点 and 分值, the unit's 自评得分 and 完成情况/佐证材料, and the
// 审核得分 to fill in. So each review cell sits beside the self score and
// evidence it judges, the auto-filter shows one unit at a time, and the
// clerk works straight down the sheet. The sheet 加扣分和否决 has a row per
// unit: 加分 and 扣分 with their reasons, and 一票否决 with its source
// (a drop-down of model.VetoSources) and reason.
//
// Only the fill-in columns are unlocked; both sheets are protected. The
// scores are validated as they are typed (0..分值, or 0..model.MaxAdjust,
// at most one decimal), the reasons by length. Everything already recorded
// (units' Review, Adjust and Veto) is filled in; several adjustments of one
// kind show as their sum with the reasons joined by "；".
func Review(p *model.Plan, y *model.Year, units []*model.Unit) ([]byte, error) {
	spec := &model.ReviewBookSpec
	b, st, err := openBook(spec.Sheet)
	if err != nil {
		return nil, err
	}
	defer b.close()
	if err := b.addSheet(spec.AdjustSheet); err != nil {
		return nil, err
	}
	title := spec.Title(y.Year)
	notes := spec.NotesTitle + strings.Join(numbered(spec.Notes), "　")
	nrows := len(units) * len(p.Points)
	cs := spec.Columns
	cols := columnsOf(cs)
	head := spec.HeaderRow
	first, last := head+1, head+max(nrows, 1)
	cMax, cReview := colName(cs.Index(model.ColMax)), colName(cs.Index(model.ColReview))
	// One validation for the whole column: the formula's references are
	// relative, so each row compares with its own 分值.
	if err := addRowScoreValidation(b.f, spec.Sheet, fmt.Sprintf("%s%d:%s%d", cReview, first, cReview, last),
		fmt.Sprintf("%s%d", cReview, first), fmt.Sprintf("%s%d", cMax, first), cs.Get(model.ColReview).Head); err != nil {
		return nil, err
	}
	if err := b.protect(spec.Sheet, y.Year); err != nil {
		return nil, err
	}
	tw, err := b.table(st, tableSpec{
		sheet: spec.Sheet, title: title, sub: notes, subStyle: st.note, cols: cols, minHeight: 20, fitHeader: true,
		freezeCols: 2, filter: nrows, page: page{landscape: true, titleRows: [2]int{head, head}, header: [2]string{title, ""}},
	})
	if err != nil {
		return nil, err
	}
	tw.height(2, fitHeight(notes, totalWidth(cols), sizeSmall))
	// A point's text and a unit's name recur on many rows: their heights
	// are estimated once.
	memo := rowHeights{model.ColText: {}, model.ColUnit: {}}
	texts := make([]string, len(p.Points))
	for i, pt := range p.Points {
		texts[i] = pointText(pt, true)
	}
	r := first
	for _, u := range units {
		for i, pt := range p.Points {
			cells := reviewCells(y, u, i, pt.ID, texts[i])
			columnRow(tw, st, cs, r, cells, memo)
			r++
		}
	}
	if err := tw.close(); err != nil {
		return nil, err
	}
	if err := adjustSheet(b, st, p, y, units); err != nil {
		return nil, err
	}
	b.setProps(p, y, title)
	if err := b.setCustomProps(kindProps(spec.Kind, y)...); err != nil {
		return nil, err
	}
	return b.bytes()
}

// numbered numbers notes 1., 2., …
func numbered(notes []string) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = fmt.Sprintf("%d.%s", i+1, n)
	}
	return out
}

// adjustSheet writes the sheet 加扣分和否决: a row per unit.
func adjustSheet(b *book, st *styles, p *model.Plan, y *model.Year, units []*model.Unit) error {
	spec := &model.ReviewBookSpec
	cs := spec.AdjustColumns
	cols := columnsOf(cs)
	head := spec.HeaderRow
	first, last := head+1, head+max(len(units), 1)
	if err := adjustValidations(b, cs, first, last); err != nil {
		return err
	}
	if err := b.protect(spec.AdjustSheet, y.Year); err != nil {
		return err
	}
	title := spec.Title(y.Year) + "（加扣分和一票否决）"
	tw, err := b.table(st, tableSpec{
		sheet: spec.AdjustSheet, title: title, sub: "每个单位一行；加分、扣分写明原因，一票否决选择来源并写明原因。", subStyle: st.note,
		cols: cols, minHeight: 22, fitHeader: true, freezeCols: 2, filter: len(units),
		page: page{landscape: true, titleRows: [2]int{head, head}, header: [2]string{title, ""}},
	})
	if err != nil {
		return err
	}
	r := first
	for _, u := range units {
		cells := adjustCells(u)
		columnRow(tw, st, cs, r, cells, nil)
		r++
	}
	return tw.close()
}

// reviewCells are the values of a unit's point i (its id and text as
// printed) in the review sheet.
func reviewCells(y *model.Year, u *model.Unit, i int, id, text string) map[model.ColumnKey]any {
	cells := map[model.ColumnKey]any{
		model.ColUnitNo: u.No, model.ColUnit: u.Name, model.ColID: id, model.ColText: text,
		model.ColMax: number(maxOf(y, i)),
	}
	if i < len(u.Self) && u.Self[i].Has {
		cells[model.ColSelf] = number(u.Self[i].Score)
	}
	if i < len(u.Self) {
		cells[model.ColEvidence] = u.Self[i].Evidence
	}
	if i < len(u.Review) && u.Review[i].Has {
		cells[model.ColReview] = number(u.Review[i].Score)
	}
	return cells
}

// rowHeights remembers, for some columns, the height each text needs.
type rowHeights map[model.ColumnKey]map[string]float64

// columnRow writes row r of a sheet laid out by cs from cells: fill-in
// columns in the input styles (text when left-aligned), the others centred
// or left-aligned; the row is as tall as its tallest text. The heights of
// the texts of memo's columns are taken from it, or estimated and kept in it.
func columnRow(tw *tableWriter, st *styles, cs model.Columns, r int, cells map[model.ColumnKey]any, memo rowHeights) {
	h := 0.0
	for k, c := range cs {
		style := st.center
		switch {
		case c.Input && c.Left:
			style = st.inputText
		case c.Input:
			style = st.inputNum
		case c.Left:
			style = st.text
		}
		v := cells[c.Key]
		tw.set(k+1, r, v, style)
		s, ok := v.(string)
		if !ok {
			continue
		}
		m := memo[c.Key]
		ch, known := m[s]
		if !known {
			ch = fitHeight(s, c.Width, sizeBody)
			if m != nil {
				m[s] = ch
			}
		}
		h = max(h, ch)
	}
	tw.endRow(r, h)
}

// adjustValidations restricts the input columns of the adjustments sheet,
// rows first to last.
func adjustValidations(b *book, cs model.Columns, first, last int) error {
	sheet := model.ReviewBookSpec.AdjustSheet
	for _, c := range cs {
		if !c.Input {
			continue
		}
		col := colName(cs.Index(c.Key))
		ref := fmt.Sprintf("%s%d:%s%d", col, first, col, last)
		var err error
		switch {
		case c.Score:
			err = addScoreValidation(b.f, sheet, ref, c.ScoreMax, c.Head)
		case c.Choices != nil:
			dv := excelize.NewDataValidation(true)
			dv.Sqref = ref
			if err = dv.SetDropList(c.Choices); err == nil {
				dv.SetError(excelize.DataValidationErrorStyleStop, c.Head+"无效", "请从下拉列表中选择："+strings.Join(c.Choices, "、"))
				err = b.f.AddDataValidation(sheet, dv)
			}
		case c.Max > 0:
			err = addTextValidation(b.f, sheet, ref, c)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// adjustCells are a unit's values in the adjustments sheet: its bonus and
// deduction totals with their reasons joined, and its veto.
func adjustCells(u *model.Unit) map[model.ColumnKey]any {
	cells := map[model.ColumnKey]any{model.ColUnitNo: u.No, model.ColUnit: u.Name}
	for _, kind := range []struct {
		k      model.AdjustKind
		points model.ColumnKey
		why    model.ColumnKey
	}{{model.Bonus, model.ColBonus, model.ColBonusWhy}, {model.Deduction, model.ColDeduct, model.ColDeductWhy}} {
		var sum model.Tenths
		var why []string
		for _, a := range u.Adjust {
			if a.Kind == kind.k {
				sum += a.Points
				why = append(why, a.Reason)
			}
		}
		if len(why) > 0 {
			cells[kind.points] = number(sum)
			cells[kind.why] = strings.Join(why, "；")
		}
	}
	if u.Veto != nil {
		cells[model.ColVeto] = u.Veto.Source
		cells[model.ColVetoWhy] = u.Veto.Reason
	}
	return cells
}

// addRowScoreValidation lets the cells of ref accept a number between 0
// and the 分值 in the same row, with at most one decimal; cell and maxCell
// are the first row's.
func addRowScoreValidation(f *excelize.File, sheet, ref, cell, maxCell, what string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	dv.Type = "custom"
	dv.Formula1 = xmlEscaper.Replace(fmt.Sprintf("AND(ISNUMBER(%[1]s),%[1]s>=0,%[1]s<=%[2]s,ROUND(%[1]s,1)=%[1]s)", cell, maxCell))
	dv.SetInput(what, "请填写0至本项分值之间的数，最多一位小数；空着表示尚未审核。")
	dv.SetError(excelize.DataValidationErrorStyleStop, what+"无效", what+"应为0至本项分值之间的数，最多一位小数（如 3 或 3.5）。")
	return f.AddDataValidation(sheet, dv)
}

// ReturnedReview is a review workbook as the committee saved it, read
// without judging it; mofan collect checks it.
type ReturnedReview struct {
	Path              string
	Props             map[string]string
	Title             string // A1 of the scores sheet
	Rows              []ReviewRow
	Adjust            []AdjustRow
	Created, Modified string // docProps/core.xml, as ReadForm
}

// ReviewRow is one row of the scores sheet.
type ReviewRow struct {
	Row                   int
	UnitNo, Unit, ID, Max string // locked cells as found
	Ref                   string // the 审核得分 cell, e.g. H4
	Score                 string // as stored; "" when empty
}

// AdjustRow is one row of the 加扣分和否决 sheet; Refs maps each column
// key to its cell, for messages.
type AdjustRow struct {
	Row          int
	UnitNo, Unit string
	Values       map[model.ColumnKey]string
	Refs         map[model.ColumnKey]string
}

// ReadReview reads a returned review workbook. Its columns are found by
// their headers (model.ReviewBookSpec), its sheets by name.
func ReadReview(path string, maxBytes int64) (*ReturnedReview, error) {
	spec := &model.ReviewBookSpec
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件：%w", err)
	}
	if fi.Size() > maxBytes {
		return nil, fmt.Errorf("文件过大（%d 字节，上限 %d 字节）", fi.Size(), maxBytes)
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, fmt.Errorf("无法作为 Excel 工作簿打开：%w", err)
	}
	defer f.Close()
	r := &ReturnedReview{Path: path, Props: map[string]string{}}
	if props, err := f.GetCustomProps(); err == nil {
		for _, p := range props {
			r.Props[p.Name] = fmt.Sprint(p.Value)
		}
	}
	if dp, err := f.GetDocProps(); err == nil {
		r.Created, r.Modified = strings.TrimSpace(dp.Created), strings.TrimSpace(dp.Modified)
	}
	rows, refs, err := readTable(f, spec.Sheet, spec.Columns)
	if err != nil {
		return nil, err
	}
	r.Title, _ = f.GetCellValue(spec.Sheet, "A1")
	for _, x := range rows {
		r.Rows = append(r.Rows, ReviewRow{Row: x.row, UnitNo: x.v[model.ColUnitNo], Unit: x.v[model.ColUnit], ID: x.v[model.ColID],
			Max: x.v[model.ColMax], Ref: refs(model.ColReview, x.row), Score: x.v[model.ColReview]})
	}
	arows, arefs, err := readTable(f, spec.AdjustSheet, spec.AdjustColumns)
	if err != nil {
		return nil, err
	}
	for _, x := range arows {
		a := AdjustRow{Row: x.row, UnitNo: x.v[model.ColUnitNo], Unit: x.v[model.ColUnit], Values: x.v, Refs: map[model.ColumnKey]string{}}
		for _, c := range spec.AdjustColumns {
			a.Refs[c.Key] = arefs(c.Key, x.row)
		}
		r.Adjust = append(r.Adjust, a)
	}
	return r, nil
}

type tableRow struct {
	row int
	v   map[model.ColumnKey]string
}

// readTable reads the rows under the header row of sheet whose cells are
// the heads of cols (in any order), up to the first empty row. Numbers are
// read as stored, texts as displayed.
func readTable(f *excelize.File, sheet string, cols model.Columns) ([]tableRow, func(model.ColumnKey, int) string, error) {
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, nil, fmt.Errorf("找不到工作表“%s”（表格结构被改动，请用生成的审核评分表填写）", sheet)
	}
	g := &grid{f: f, sheet: sheet}
	if err := g.load(); err != nil {
		return nil, nil, err
	}
	at := map[model.ColumnKey]int{}
	head := 0
	for row := 1; row <= min(g.rows, 20) && head == 0; row++ {
		found := map[model.ColumnKey]int{}
		for col := 1; col <= g.cols; col++ {
			t := strings.TrimSpace(g.text(cell(col, row)))
			for _, c := range cols {
				if t == c.Head {
					found[c.Key] = col
				}
			}
		}
		if len(found) == len(cols) {
			head, at = row, found
		}
	}
	if head == 0 {
		return nil, nil, fmt.Errorf("工作表“%s”中找不到表头（应有：%s）", sheet, strings.Join(cols.Heads(), "、"))
	}
	ref := func(k model.ColumnKey, row int) string { return cell(at[k], row) }
	var out []tableRow
	for row := head + 1; row <= g.rows; row++ {
		v := map[model.ColumnKey]string{}
		empty := true
		for _, c := range cols {
			s := g.text(ref(c.Key, row))
			if c.Score || c.Key == model.ColMax || c.Key == model.ColUnitNo {
				s = g.raw(ref(c.Key, row))
			}
			s = strings.TrimSpace(s)
			v[c.Key] = s
			if s != "" {
				empty = false
			}
		}
		if empty {
			break
		}
		out = append(out, tableRow{row, v})
	}
	return out, ref, nil
}
