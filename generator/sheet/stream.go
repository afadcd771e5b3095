package sheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheetWriter writes the cells of one worksheet through excelize's
// StreamWriter, which writes rows as XML as they come instead of keeping
// every cell as an object: excelize's ordinary API took about 44 KB of heap
// per unit of the summary, the stream takes the rows' XML, about 4 KB for
// the five summary sheets, and moves a sheet's XML to a temporary file past
// 16 MB.
//
// Cells may be set in any order on rows not yet written; writeThrough(r)
// writes the rows up to r, after which they cannot change. Large tables set
// one row and write it; small sheets set everything, and close writes it.
//
// The StreamWriter is created when the first row is written and writes the
// worksheet's settings from excelize's worksheet object: the sheet
// properties and dimension then, the panes and column widths with the first
// row, everything else (filter, protection, validation, print setup,
// drawing) at close. All settings of the sheet must therefore be made
// through the File before the first row is written, and nothing about the
// sheet can change after close: excelize silently drops it.
type sheetWriter struct {
	f       *excelize.File
	sheet   string
	sw      *excelize.StreamWriter
	pending map[int][]any   // row → its cells by column (excelize.Cell, or nil)
	heights map[int]float64 // row → height in points; rows without one keep the default
	merges  [][2]string     // merged ranges, given to the StreamWriter at close
	written int             // the last row written
	used    [4]int          // the cells set: first column, first row, last column, last row (0 when none)
	closed  bool
	err     error
}

// dimension is the sheet's used range as Excel writes it in <dimension>:
// the cells set, from the first to the last, or A1 when there are none.
func (w *sheetWriter) dimension() string {
	u := w.used
	if u[0] == 0 {
		return "A1"
	}
	if u[0] == u[2] && u[1] == u[3] {
		return cell(u[0], u[1])
	}
	return cell(u[0], u[1]) + ":" + cell(u[2], u[3])
}

func newSheetWriter(f *excelize.File, sheet string) *sheetWriter {
	return &sheetWriter{f: f, sheet: sheet, pending: map[int][]any{}, heights: map[int]float64{}}
}

// set writes a value (nil or "" leaves the value as it is) with a style.
func (w *sheetWriter) set(col, row int, v any, style int) {
	c := w.at(col, row)
	if c == nil {
		return
	}
	c.StyleID = style
	if v != nil && v != "" {
		c.Value = v
	}
}

// formula writes a formula with its value cached, so that readers that do
// not recalculate show the value too.
func (w *sheetWriter) formula(col, row int, formula string, cached any, style int) {
	if c := w.at(col, row); c != nil {
		c.StyleID, c.Formula, c.Value = style, formula, cached
	}
}

// merge merges the range c1,r1..c2,r2, writes v into its top-left cell and
// styles every cell of the range, so that its borders print.
func (w *sheetWriter) merge(c1, r1, c2, r2 int, v any, style int) {
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			w.set(c, r, nil, style)
		}
	}
	w.set(c1, r1, v, style)
	if w.err == nil && (c1 != c2 || r1 != r2) {
		w.merges = append(w.merges, [2]string{cell(c1, r1), cell(c2, r2)})
	}
}

// height sets the height of a row not yet written.
func (w *sheetWriter) height(row int, h float64) {
	if w.err == nil && row <= w.written {
		w.err = fmt.Errorf("sheet %s: row %d already written", w.sheet, row)
	}
	if w.err == nil {
		w.heights[row] = h
	}
}

// at returns the cell to fill, creating it; nil after an error.
func (w *sheetWriter) at(col, row int) *excelize.Cell {
	if w.err != nil {
		return nil
	}
	if row <= w.written || col < 1 || row < 1 {
		w.err = fmt.Errorf("sheet %s: cell (%d, %d) set after its row was written", w.sheet, col, row)
		return nil
	}
	if w.used[0] == 0 {
		w.used = [4]int{col, row, col, row}
	} else {
		w.used = [4]int{min(w.used[0], col), min(w.used[1], row), max(w.used[2], col), max(w.used[3], row)}
	}
	cells := w.pending[row]
	for len(cells) < col {
		cells = append(cells, nil)
	}
	c, ok := cells[col-1].(*excelize.Cell)
	if !ok {
		c = &excelize.Cell{}
		cells[col-1] = c
	}
	w.pending[row] = cells
	return c
}

// stream creates the StreamWriter: the sheet's settings are final from here.
func (w *sheetWriter) stream() error {
	if w.sw != nil {
		return nil
	}
	sw, err := w.f.NewStreamWriter(w.sheet)
	w.sw = sw
	return err
}

// writeThrough writes the rows up to last, in order.
func (w *sheetWriter) writeThrough(last int) {
	if w.err != nil || last <= w.written {
		return
	}
	if w.err = w.stream(); w.err != nil {
		return
	}
	// The rows to write: those with cells or a height. A large table writes
	// one row a time; a small sheet a few dozen at close.
	for r := w.written + 1; r <= last; r++ {
		cells, hasCells := w.pending[r]
		h, hasHeight := w.heights[r]
		if !hasCells && !hasHeight {
			continue
		}
		if cells == nil {
			cells = []any{}
		}
		w.err = w.sw.SetRow("A"+itoa(r), cells, excelize.RowOpts{Height: h})
		delete(w.pending, r)
		delete(w.heights, r)
		if w.err != nil {
			return
		}
	}
	w.written = last
}

// close writes the rows left and ends the sheet.
func (w *sheetWriter) close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	last := w.written
	for r := range w.pending {
		last = max(last, r)
	}
	for r := range w.heights {
		last = max(last, r)
	}
	w.writeThrough(last)
	if w.err != nil {
		return w.err
	}
	if w.err = w.stream(); w.err != nil {
		return w.err
	}
	for _, m := range w.merges {
		if w.err = w.sw.MergeCell(m[0], m[1]); w.err != nil {
			return w.err
		}
	}
	w.merges = nil
	w.err = w.sw.Flush()
	return w.err
}

// tableSpec describes a list sheet: a title over the table (row 1), a line
// under it (row 2), the header (row 3) and one row per entry from row 4.
type tableSpec struct {
	sheet      string
	title      string
	sub        string
	subStyle   int
	cols       []column
	minHeight  float64 // the least height of the title, header and entry rows
	fitHeader  bool    // size the header row to its texts (else the default height)
	freezeCols int     // the columns kept in view when scrolling right (0 or 2)
	filter     int     // when > 0, an auto-filter over the header and this many rows
	page       page
	apart      bool // build the sheet apart (see book.apart)
}

// tableHead is the header row of a list sheet.
const tableHead = 3

// tableWriter writes the entry rows of a list sheet one at a time.
type tableWriter struct {
	*sheetWriter
	min     float64
	into    *book // the book of the sheet
	scratch *book // the book the sheet is built in, when apart
}

// close ends the sheet.
func (t *tableWriter) close() error {
	if err := t.sheetWriter.close(); err != nil {
		return err
	}
	if t.scratch == nil {
		return nil
	}
	sb := t.scratch
	t.scratch = nil
	return t.into.splice(sb, t.sheet)
}

// endRow gives row its height, at least the table's least, and writes it.
func (t *tableWriter) endRow(row int, h float64) {
	t.height(row, max(t.min, h))
	t.writeThrough(row)
}

// table sets up a list sheet (columns, filter, frozen panes, print setup)
// and sets its title, subtitle and header rows; the caller then sets each
// entry row and ends it with endRow. Further settings of the sheet (a chart)
// must come before the first endRow.
func (b *book) table(st *styles, t tableSpec) (*tableWriter, error) {
	t.page.draft = b.draft
	t.title = draftTitle(t.title, b.draft)
	if err := setupTable(b.f, t); err != nil {
		return nil, err
	}
	w := &tableWriter{min: t.minHeight, into: b}
	if t.apart {
		sb, err := b.apart(t.sheet)
		if err != nil {
			return nil, err
		}
		if err := setupTable(sb.f, t); err != nil {
			return nil, err
		}
		w.scratch = sb
		w.sheetWriter = sb.writer(t.sheet)
	} else {
		w.sheetWriter = b.writer(t.sheet)
	}
	ncol := len(t.cols)
	w.merge(1, 1, ncol, 1, t.title, st.title)
	w.height(1, max(t.minHeight, fitHeight(t.title, totalWidth(t.cols), sizeTitle)))
	w.merge(1, 2, ncol, 2, t.sub, t.subStyle)
	h := t.minHeight
	for i, c := range t.cols {
		w.set(i+1, tableHead, c.head, st.header)
		h = max(h, fitHeight(c.head, c.width, sizeBody))
	}
	if t.fitHeader {
		w.height(tableHead, h)
	}
	return w, w.err
}

// setupTable makes the settings of a list sheet in f.
func setupTable(f *excelize.File, t tableSpec) error {
	if err := setColumns(f, t.sheet, t.cols); err != nil {
		return err
	}
	last := colName(len(t.cols))
	// AutoFilter replaces the sheet properties, so it comes before setupPage.
	if t.filter > 0 {
		if err := f.AutoFilter(t.sheet, fmt.Sprintf("A%d:%s%d", tableHead, last, tableHead+t.filter), nil); err != nil {
			return err
		}
	}
	first := cell(t.freezeCols+1, tableHead+1)
	panes := &excelize.Panes{Freeze: true, YSplit: tableHead, TopLeftCell: first, ActivePane: "bottomLeft"}
	if t.freezeCols > 0 {
		panes = &excelize.Panes{Freeze: true, XSplit: t.freezeCols, YSplit: tableHead, TopLeftCell: first, ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomRight"}}}
	}
	if err := f.SetPanes(t.sheet, panes); err != nil {
		return err
	}
	return setupPage(f, t.sheet, t.page)
}
