package layout

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// Table rules are 0.5 pt wide.
const tableRule = 0.5

// tcell is a laid-out table cell.
type tcell struct {
	// lines are the text runs of each line, placed in the cell's column
	// at baseline 0: drawing a line copies them with its baseline. An
	// empty line has none. They may be shared with a Memo: never modified.
	lines  [][]Item
	cont   bool // Merge: continues the group cell above
	runLen int  // rows of the group cell starting here (1 = an ordinary cell)
}

// trow is a laid-out table row.
type trow struct {
	cells []tcell
	h     float64 // full height
}

// tableGeom is the measure of a table: column edges, font size, line
// height and cell padding.
type tableGeom struct {
	xs         []float64 // column edges, len(cols)+1
	fs, lh     float64
	padV, padH float64
}

// need is the height of a row of the given number of lines (at least one).
func (g *tableGeom) need(lines int) float64 {
	if lines < 1 {
		lines = 1
	}
	return float64(lines)*g.lh + 2*g.padV
}

// table sets a ruled table from the current grid line on: header rows
// repeated on every page, rows moved whole to the next page when they fit
// there, else split between lines; group cells (Merge) drawn once per page.
func (l *layouter) table(b *Block) {
	t := b.Table
	if len(t.Columns) == 0 {
		return
	}
	g := newTableGeom(t)
	header := l.tableHeader(b, g)
	headerH := 0.0
	for _, r := range header {
		headerH += r.h
	}
	rows := l.tableRows(b, g)
	sizeRows(rows, g, len(t.Columns))
	l.paginateTable(rows, header, headerH, g)
}

// newTableGeom measures t: its font size, line height, cell padding and the
// column edges, the columns' widths scaled to fill the text block (equal
// widths when none is given).
func newTableGeom(t *Table) *tableGeom {
	fs := t.FontSize
	if fs <= 0 {
		fs = TableFontSize
	}
	g := &tableGeom{fs: fs, lh: math.Round(fs*1.45*100) / 100, padV: math.Round(fs*0.3*100) / 100, padH: math.Round(fs*0.35*100) / 100}
	ncol := len(t.Columns)
	sum := 0.0
	for _, c := range t.Columns {
		sum += math.Max(c.Width, 0)
	}
	g.xs = make([]float64, ncol+1)
	g.xs[0] = BlockLeft
	for i, c := range t.Columns {
		w := BlockWidth / float64(ncol)
		if sum > 0 {
			w = math.Max(c.Width, 0) / sum * BlockWidth
		}
		g.xs[i+1] = g.xs[i] + w
	}
	g.xs[ncol] = BlockRight
	return g
}

// tableCell shapes text in style st, breaks it into lines of the width of
// column col less its padding and places the lines in the column, aligned
// align; a cell laid out before with the same text, style and column
// comes from the memo.
func (l *layouter) tableCell(g *tableGeom, text string, st style, col int, align halign, pos diag.Pos, where string) tcell {
	text = trimPara(text)
	x := g.xs[col] + g.padH
	avail := g.xs[col+1] - g.xs[col] - 2*g.padH
	key := cellKey{text: text, st: st, x: x, avail: avail, align: align}
	h, lines, ok := l.memo.cell(key)
	if ok {
		return tcell{lines: lines, runLen: 1}
	}
	dropped := l.sh.dropped
	gs := l.shape(text, st, pos, where)
	ls := breakLines(gs, lineSpec{first: avail, rest: avail})
	lines = make([][]Item, len(ls))
	for k, ln := range ls {
		if len(ln.gs) == 0 {
			continue
		}
		lines[k] = runs(l.place(ln, x, 0, align), 0, 0)
	}
	if l.sh.dropped == dropped { // a cell missing a character is reported again wherever it is
		l.memo.addCell(h, key, lines)
	}
	return tcell{lines: lines, runLen: 1}
}

// cellAlign is the horizontal alignment of a column aligned a; justified
// by default.
func cellAlign(a Align) halign {
	switch a {
	case Center:
		return alignCenter
	case Right:
		return alignRight
	}
	return alignJustify
}

// tableHeader lays out the header rows of b's table, centred in 黑体: its
// Header rows, else one row of the column titles when any is set.
func (l *layouter) tableHeader(b *Block, g *tableGeom) []trow {
	t := b.Table
	ncol := len(t.Columns)
	hdr := t.Header
	if len(hdr) == 0 {
		var titles []string
		any := false
		for _, c := range t.Columns {
			titles = append(titles, c.Title)
			any = any || c.Title != ""
		}
		if any {
			hdr = [][]string{titles}
		}
	}
	hst := style{role: model.RoleHei, size: g.fs, color: Black}
	var header []trow
	for hi, hr := range hdr {
		row := trow{cells: make([]tcell, ncol)}
		for c := 0; c < ncol; c++ {
			text := ""
			if c < len(hr) {
				text = hr[c]
			}
			where := ""
			if b.Pos == (diag.Pos{}) {
				where = fmt.Sprintf("表头第%d行", hi+1)
			}
			row.cells[c] = l.tableCell(g, text, hst, c, alignCenter, b.Pos, where)
			row.h = math.Max(row.h, g.need(len(row.cells[c].lines)))
		}
		header = append(header, row)
	}
	return header
}

// tableRows lays out the body rows of b's table, each cell in its column's
// role and alignment; a Merge cell (below the first row) becomes a
// continuation of the group cell above. Heights are left to sizeRows.
func (l *layouter) tableRows(b *Block, g *tableGeom) []trow {
	t := b.Table
	ncol := len(t.Columns)
	rows := make([]trow, len(t.Rows))
	for ri, r := range t.Rows {
		pos := r.Pos
		where := ""
		if pos == (diag.Pos{}) {
			pos = b.Pos
			where = fmt.Sprintf("表格第%d行", ri+1)
		}
		row := trow{cells: make([]tcell, ncol)}
		for c := 0; c < ncol; c++ {
			var cell Cell
			if c < len(r.Cells) {
				cell = r.Cells[c]
			}
			if cell.Merge && ri > 0 {
				row.cells[c] = tcell{cont: true}
				continue
			}
			role := t.Columns[c].Role
			if role == "" {
				role = model.RoleBody
			}
			st := style{role: role, size: g.fs, color: Black, bold: cell.Bold}
			row.cells[c] = l.tableCell(g, cell.Text, st, c, cellAlign(t.Columns[c].Align), pos, where)
		}
		rows[ri] = row
	}
	return rows
}

// sizeRows sets the group run length of every cell and the height of every
// row: the tallest ordinary cell, the last row of a group grown when the
// group cell needs more than its rows give.
func sizeRows(rows []trow, g *tableGeom, ncol int) {
	for c := 0; c < ncol; c++ {
		for ri := 0; ri < len(rows); ri++ {
			if rows[ri].cells[c].cont {
				continue
			}
			n := 1
			for ri+n < len(rows) && rows[ri+n].cells[c].cont {
				n++
			}
			rows[ri].cells[c].runLen = n
		}
	}
	for ri := range rows {
		h := g.need(1)
		for _, cell := range rows[ri].cells {
			if !cell.cont && cell.runLen == 1 {
				h = math.Max(h, g.need(len(cell.lines)))
			}
		}
		rows[ri].h = h
	}
	for c := 0; c < ncol; c++ {
		for ri := range rows {
			cell := rows[ri].cells[c]
			if cell.cont || cell.runLen < 2 {
				continue
			}
			total := 0.0
			for k := 0; k < cell.runLen; k++ {
				total += rows[ri+k].h
			}
			if need := g.need(len(cell.lines)); need > total {
				rows[ri+cell.runLen-1].h += need - total
			}
		}
	}
}

// paginateTable draws the sized rows from the current grid line on,
// starting a new page first when the header and the first row do not fit,
// and leaves the grid line below the table.
func (l *layouter) paginateTable(rows, header []trow, headerH float64, g *tableGeom) {
	tp := &tablePager{l: l, g: g, header: header, headerH: headerH, groups: make([]*groupRun, len(g.xs)-1),
		items: l.scratch.items[:0]}
	defer func() { l.scratch.items = tp.items[:0] }()
	if l.line >= GridLines {
		l.newPage(true)
	}
	y := lineTop(l.line)
	first := g.need(1)
	if len(rows) > 0 {
		first = math.Min(rows[0].h, BlockHeight-headerH)
	}
	if y+headerH+first > BlockBottom+0.01 && l.line > 0 {
		l.newPage(true)
		y = BlockTop
	}
	tp.startPage(y)
	for ri := range rows {
		tp.placeRow(rows, ri)
	}
	tp.endPage()
	l.cur.content = true
	l.line = int(math.Ceil((tp.y-BlockTop)/LinePitch - 1e-6))
}

// placeRow draws row ri: whole when it fits on this page, else whole on the
// next page when it fits there, else split between lines over as many pages
// as it takes.
func (tp *tablePager) placeRow(rows []trow, ri int) {
	g := tp.g
	r := &rows[ri]
	from := 0 // first line of the row still to draw
	for {
		rest := r.h
		if from > 0 {
			rest = g.need(maxLines(r, from))
		}
		if tp.y+rest <= BlockBottom+0.01 {
			tp.drawRow(rows, ri, from, rest, from == 0)
			return
		}
		if from == 0 && tp.headerH+rest <= BlockHeight+0.01 && !tp.fresh() {
			tp.breakPage()
			continue
		}
		k := int((BlockBottom - tp.y - 2*g.padV + 0.01) / g.lh)
		if k < 1 || (from == 0 && k >= maxLines(r, 0)) {
			if tp.fresh() {
				k = max(k, 1) // nothing fits even on an empty page: draw and go on
			} else {
				tp.breakPage()
				continue
			}
		}
		tp.drawPart(rows, ri, from, k)
		from += k
		if from >= maxLines(r, 0) {
			return
		}
		tp.breakPage()
	}
}

// maxLines is the number of lines of the tallest ordinary cell of r.
func maxLines(r *trow, from int) int {
	n := 1
	for _, c := range r.cells {
		if !c.cont && c.runLen == 1 && len(c.lines)-from > n {
			n = len(c.lines) - from
		}
	}
	return n
}

// groupRun is a group cell being drawn on the current page.
type groupRun struct {
	cell tcell
	col  int
	top  float64 // top of the run on this page
	end  int     // last row (exclusive) of the run
}

type tablePager struct {
	l       *layouter
	g       *tableGeom
	header  []trow
	headerH float64
	y       float64 // bottom of what is drawn
	bodyTop float64 // y below the header on this page
	items   []Item  // this page's table items, rules merged at endPage
	groups  []*groupRun
}

func (tp *tablePager) fresh() bool { return tp.y <= tp.bodyTop+0.01 }

func (tp *tablePager) startPage(y float64) {
	tp.y = y
	for _, r := range tp.header {
		tp.drawCells(r.cells, 0, r.h, true, -1)
		tp.borders(r.cells, r.h, false)
		tp.y += r.h
	}
	tp.bodyTop = tp.y
	for _, gr := range tp.groups {
		if gr != nil {
			gr.top = tp.y // a run continued from the last page: its text is repeated
		}
	}
}

func (tp *tablePager) breakPage() {
	tp.endPage()
	tp.l.newPage(true)
	tp.startPage(BlockTop)
}

// endPage closes the table on this page: group texts, the bottom rule, and
// merges collinear rules.
func (tp *tablePager) endPage() {
	for _, gr := range tp.groups {
		if gr != nil {
			tp.drawGroup(gr, tp.y)
		}
	}
	tp.items = append(tp.items, Item{Kind: RuleItem, X: tp.g.xs[0], Y: tp.y, X2: tp.g.xs[len(tp.g.xs)-1], Y2: tp.y, Width: tableRule, Color: Black})
	cur := tp.l.cur
	cur.Items = mergeRules(cur.Items, tp.items, tp.l.scratch)
	cur.content = true
	tp.items = tp.items[:0]
}

// drawRow draws row ri (from its line from on) at tp.y with height h.
func (tp *tablePager) drawRow(rows []trow, ri, from int, h float64, centre bool) {
	r := &rows[ri]
	tp.openGroups(rows, ri)
	tp.drawCells(r.cells, from, h, centre, -1)
	tp.borders(r.cells, h, true)
	tp.y += h
	tp.closeGroups(ri)
}

// drawPart draws lines [from, from+k) of row ri and leaves tp.y at its bottom.
func (tp *tablePager) drawPart(rows []trow, ri, from, k int) {
	r := &rows[ri]
	h := tp.g.need(k)
	tp.openGroups(rows, ri)
	tp.drawCells(r.cells, from, h, false, k)
	tp.borders(r.cells, h, true)
	tp.y += h
	if from+k >= maxLines(r, 0) {
		tp.closeGroups(ri)
	}
}

func (tp *tablePager) openGroups(rows []trow, ri int) {
	for c, cell := range rows[ri].cells {
		if !cell.cont && cell.runLen > 1 && (tp.groups[c] == nil || tp.groups[c].end <= ri) {
			tp.groups[c] = &groupRun{cell: cell, col: c, top: tp.y, end: ri + cell.runLen}
		}
	}
}

func (tp *tablePager) closeGroups(ri int) {
	for c, gr := range tp.groups {
		if gr != nil && gr.end == ri+1 {
			tp.drawGroup(gr, tp.y)
			tp.groups[c] = nil
		}
	}
}

// drawGroup draws a group cell's text at the top of [gr.top, bottom], as many
// lines as fit.
func (tp *tablePager) drawGroup(gr *groupRun, bottom float64) {
	g := tp.g
	avail := int((bottom - gr.top - 2*g.padV + 0.01) / g.lh)
	n := min(len(gr.cell.lines), max(avail, 0))
	for k := 0; k < n; k++ {
		tp.drawLine(gr.cell.lines[k], gr.top+g.padV+float64(k)*g.lh)
	}
	gr.top = bottom
}

// drawCells draws the text of ordinary cells in a row of height h at tp.y,
// lines from `from`, at most max lines (-1 = all), vertically centred or at the top.
func (tp *tablePager) drawCells(cells []tcell, from int, h float64, centre bool, maxN int) {
	g := tp.g
	for _, cell := range cells {
		if cell.cont || cell.runLen > 1 {
			continue
		}
		ls := cell.lines
		if from < len(ls) {
			ls = ls[from:]
		} else {
			ls = nil
		}
		if maxN >= 0 && len(ls) > maxN {
			ls = ls[:maxN]
		}
		top := tp.y + g.padV
		if centre {
			top += (h - g.need(len(ls))) / 2
		}
		for k, ln := range ls {
			tp.drawLine(ln, top+float64(k)*g.lh)
		}
	}
}

// drawLine draws the runs of a cell's line in the line whose top is top.
func (tp *tablePager) drawLine(runs []Item, top float64) {
	if len(runs) == 0 {
		return
	}
	y := baselineIn(top, tp.g.lh, tp.g.fs)
	for _, it := range runs {
		it.Y = y
		tp.items = append(tp.items, it)
	}
}

// borders draws the top and side rules of a row of height h at tp.y. The
// top rule is left out over cells that continue a group cell, except on the
// first row of a page.
func (tp *tablePager) borders(cells []tcell, h float64, body bool) {
	g := tp.g
	for c, cell := range cells {
		if body && cell.cont && !tp.fresh() {
			continue
		}
		tp.items = append(tp.items, Item{Kind: RuleItem, X: g.xs[c], Y: tp.y, X2: g.xs[c+1], Y2: tp.y, Width: tableRule, Color: Black})
	}
	for _, x := range g.xs {
		tp.items = append(tp.items, Item{Kind: RuleItem, X: x, Y: tp.y, X2: x, Y2: tp.y + h, Width: tableRule, Color: Black})
	}
}

// ruleKey orders the rules of mergeRules: horizontal ones first, by y then
// x; vertical ones by x then y (rounded to 0.01 pt); i is the rule's index.
type ruleKey struct {
	vert bool
	a, b float64
	i    int
}

// mergeRules appends items to dst, joining collinear touching rules of the
// same width and colour; text items keep their order and come first. dst
// is grown to hold them and a few items more (what finish adds to a page);
// sc's rule buffers are its working space.
func mergeRules(dst, items []Item, sc *scratch) []Item {
	keys := sc.keys[:0]
	for i, it := range items {
		switch {
		case it.Kind != RuleItem:
		case it.X == it.X2:
			keys = append(keys, ruleKey{true, r2(it.X), r2(it.Y), i})
		default:
			keys = append(keys, ruleKey{false, r2(it.Y), r2(it.X), i})
		}
	}
	slices.SortFunc(keys, func(x, y ruleKey) int {
		if x.vert != y.vert {
			if y.vert {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		if c := cmp.Compare(x.b, y.b); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i) // ties keep their order
	})
	rules := sc.rules[:0]
	for _, k := range keys {
		r := items[k.i]
		if n := len(rules); n > 0 {
			p := &rules[n-1]
			if p.Width == r.Width && p.Color == r.Color {
				switch {
				case p.Y == p.Y2 && r.Y == r.Y2 && r2(p.Y) == r2(r.Y) && r.X <= p.X2+0.01:
					p.X2 = math.Max(p.X2, r.X2)
					continue
				case p.X == p.X2 && r.X == r.X2 && r2(p.X) == r2(r.X) && r.Y <= p.Y2+0.01:
					p.Y2 = math.Max(p.Y2, r.Y2)
					continue
				}
			}
		}
		rules = append(rules, r)
	}
	out := slices.Grow(dst, len(items)-len(keys)+len(rules)+pageExtras)
	for _, it := range items {
		if it.Kind != RuleItem {
			out = append(out, it)
		}
	}
	out = append(out, rules...)
	sc.keys, sc.rules = keys[:0], rules[:0]
	return out
}

// pageExtras is room for what finish adds to a page: the running header,
// the page number and the draft mark.
const pageExtras = 8

func r2(v float64) float64 { return math.Round(v*100) / 100 }
