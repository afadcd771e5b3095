package docx

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mofan/generator/layout"
)

// writer builds word/document.xml's body from a layout.Document.
type writer struct {
	doc    *layout.Document
	titles []string // title lines of the PDF, in order
	ti     int      // next unused entry of titles

	b          strings.Builder
	breakNext  bool // the next paragraph starts a new page
	afterTitle bool // a blank line is due after a title group
}

// pp are the paragraph properties the writer uses, written in the order
// the schema requires (Word refuses a file whose pPr children are out of order).
type pp struct {
	style    string
	keepNext int // 1 on, -1 off (overriding the style), 0 as the style says
	bdr      string
	tabs     string
	spacing  string
	ind      string
	jc       string
}

func (w *writer) p(props pp, runs string) {
	w.pPr(props)
	w.b.WriteString(runs)
	w.b.WriteString(`</w:p>`)
}

// pRun is p with one run of text in rPr, written in place.
func (w *writer) pRun(props pp, text, rPr string) {
	w.pPr(props)
	writeRun(&w.b, text, rPr)
	w.b.WriteString(`</w:p>`)
}

// pPr opens a paragraph and writes its properties.
func (w *writer) pPr(props pp) {
	b := &w.b
	b.WriteString(`<w:p><w:pPr>`)
	if props.style != "" {
		b.WriteString(`<w:pStyle w:val="`)
		b.WriteString(props.style)
		b.WriteString(`"/>`)
	}
	switch props.keepNext {
	case 1:
		b.WriteString(`<w:keepNext/>`)
	case -1:
		b.WriteString(`<w:keepNext w:val="0"/>`)
	}
	if w.breakNext {
		b.WriteString(`<w:pageBreakBefore/>`)
		w.breakNext = false
	}
	if props.bdr != "" {
		b.WriteString(`<w:pBdr>` + props.bdr + `</w:pBdr>`)
	}
	if props.tabs != "" {
		b.WriteString(`<w:tabs>` + props.tabs + `</w:tabs>`)
	}
	b.WriteString(props.spacing)
	b.WriteString(props.ind)
	if props.jc != "" {
		b.WriteString(`<w:jc w:val="`)
		b.WriteString(props.jc)
		b.WriteString(`"/>`)
	}
	b.WriteString(`</w:pPr>`)
}

// blank is one empty grid line.
func (w *writer) blank() {
	w.pPr(pp{})
	w.b.WriteString(`</w:p>`)
}

// indChars is an indent of left characters (first line: first) of body text.
func indChars(left, hanging, right float64) string {
	if left == 0 && hanging == 0 && right == 0 {
		return noInd
	}
	var b strings.Builder
	b.WriteString(`<w:ind`)
	if left != 0 {
		fmt.Fprintf(&b, ` w:leftChars="%d" w:left="%d"`, chars(left), twipsOf(left))
	}
	if right != 0 {
		fmt.Fprintf(&b, ` w:rightChars="%d" w:right="%d"`, chars(right), twipsOf(right))
	}
	switch {
	case hanging > 0:
		fmt.Fprintf(&b, ` w:hangingChars="%d" w:hanging="%d"`, chars(hanging), twipsOf(hanging))
	case hanging < 0:
		fmt.Fprintf(&b, ` w:firstLineChars="%d" w:firstLine="%d"`, chars(-hanging), twipsOf(-hanging))
	default:
		b.WriteString(` w:firstLineChars="0" w:firstLine="0"`)
	}
	b.WriteString(`/>`)
	return b.String()
}

// noInd is indChars(0, 0, 0): no indent, the style's first-line indent cancelled.
const noInd = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`

func trim(s string) string { return strings.Trim(s, " \t\r\n　") }

// body writes word/document.xml up to the body's end; documentXML adds the
// section and returns it.
func (w *writer) body() {
	w.b.Grow(bodySize(w.doc))
	w.b.WriteString(xmlHead)
	w.b.WriteString(`<w:document ` + nsW + `><w:body>`)
	if w.doc.Head != nil {
		w.head(w.doc.Head)
	}
	for i := range w.doc.Blocks {
		w.block(&w.doc.Blocks[i])
	}
	if c := w.doc.Colophon; c != nil {
		w.colophon(c)
	}
	// A document ends with a paragraph; after a floating 版记 it is the
	// table's anchor.
	w.breakNext = false
	w.tiny()
}

// bodySize estimates the length of doc's body in WordprocessingML: its
// text and the markup around each paragraph and table cell.
func bodySize(doc *layout.Document) int {
	n := 5120 // the document's head and section
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		n += 200 + len(b.Text) + len(b.Tail) + len(b.Label) + len(b.Date)
		for _, it := range b.Items {
			n += 256 + len(it)
		}
		if t := b.Table; t != nil {
			n += 1024 + 400*len(t.Columns)*(len(t.Rows)+len(t.Header)+1)
			for _, r := range t.Rows {
				for _, c := range r.Cells {
					n += len(c.Text)
				}
			}
		}
	}
	return n
}

// issuerSize returns the run properties of the 发文机关标志: 36 pt, smaller
// when it would not fit the width of the block.
func issuerSize(issuer string) string {
	size := 36.0
	if em := ems(issuer); em*size > float64(textWidth)/20 {
		size = math.Floor(float64(textWidth)/20/em*2) / 2
	}
	hp := int(size * 2)
	return fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, hp, hp)
}

// tiny is an empty paragraph 1 pt high, which never needs a page of its own.
func (w *writer) tiny() {
	w.pRun(pp{spacing: `<w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>`}, " ", `<w:sz w:val="2"/><w:szCs w:val="2"/>`)
}

// head writes the 版头 on the grid as the PDF has it: the red 发文机关标志
// (two grid lines, its top about 35 mm below the top of the block), two blank
// lines, the 发文字号 on line 8 with the red rule under it, and three lines
// down to the title.
func (w *writer) head(h *layout.Head) {
	if h.Letter {
		// The letterhead is in the first page's header (letterHeaderXML);
		// the 发文字号 flush right on the second grid line, below its
		// double rule, and two blank lines down to the title.
		w.blank()
		w.pRun(pp{style: "DocNumber", jc: "right"}, trim(h.Number), "")
		w.blank()
		w.blank()
		return
	}
	for range 3 {
		w.blank()
	}
	issuer := trim(h.Issuer)
	w.p(pp{style: "Issuer", spacing: fmt.Sprintf(`<w:spacing w:line="%d" w:lineRule="exact"/>`, 2*LinePitch)},
		run(issuer, issuerSize(issuer)))
	w.blank()
	w.blank()
	w.pRun(pp{style: "DocNumber", bdr: `<w:bottom w:val="single" w:sz="8" w:space="4" w:color="FF0000"/>`}, trim(h.Number), "")
	for range 3 {
		w.blank()
	}
}

func (w *writer) block(b *layout.Block) {
	if w.afterTitle {
		switch b.Kind {
		case layout.Title, layout.Subtitle:
		case layout.Blank, layout.PageBreak, layout.Attachment:
			w.afterTitle = false
		default:
			w.blank()
			w.afterTitle = false
		}
	}
	switch b.Kind {
	case layout.Title:
		w.title(b.Text)
	case layout.Subtitle:
		w.pRun(pp{jc: "center", ind: indChars(0, 0, 0)}, trim(b.Text), "")
		w.afterTitle = true
	case layout.Addressee:
		t := trim(b.Text)
		if t != "" && !strings.HasSuffix(t, "：") && !strings.HasSuffix(t, ":") {
			t += "："
		}
		w.pRun(pp{}, t, "")
	case layout.Para:
		w.pRun(pp{style: "Body"}, trim(b.Text), "")
	case layout.Heading1, layout.Heading2, layout.Heading3, layout.Heading4:
		style := map[layout.Kind]string{layout.Heading1: "Heading1", layout.Heading2: "Heading2",
			layout.Heading3: "Heading3", layout.Heading4: "Heading4"}[b.Kind]
		props := pp{style: style}
		runs := run(trim(b.Text), "")
		if b.Tail != "" {
			props.keepNext = -1
			rPr := rFonts(FontBody)
			if b.Kind == layout.Heading3 {
				rPr += `<w:b w:val="0"/><w:bCs w:val="0"/>`
			}
			runs += run(strings.TrimRight(b.Tail, " \t\r\n　"), rPr)
		}
		w.p(props, runs)
	case layout.AttachNote:
		w.blank()
		w.attachNote(b)
	case layout.Signature:
		w.blank()
		w.signature(b)
	case layout.Note:
		t := trim(b.Text)
		if !strings.HasPrefix(t, "（") {
			t = "（" + t + "）"
		}
		w.pRun(pp{style: "Body"}, t, "")
	case layout.Attachment:
		w.breakNext = true
		if l := trim(b.Label); l != "" {
			w.pRun(pp{style: "AttachLabel"}, l, "")
			w.blank()
		}
		if t := trim(b.Text); t != "" {
			w.title(t)
		}
	case layout.PageBreak:
		w.breakNext = true
	case layout.Blank:
		w.blank()
	case layout.TableBlock:
		if b.Table != nil {
			if w.breakNext {
				w.tiny()
			}
			w.table(b.Table)
		}
	case layout.Lines:
		for _, it := range b.Items {
			w.pRun(pp{jc: "left"}, strings.TrimRight(it, " \t\r\n　"), "")
		}
	}
}

// title writes a title centred in 2号小标宋, one grid line a line, broken
// where the PDF breaks it.
func (w *writer) title(text string) {
	text = trim(text)
	if lines := w.titleBreaks(text); lines != nil {
		text = strings.Join(lines, "\n")
	}
	w.pRun(pp{style: "DocTitle"}, text, "")
	w.afterTitle = true
}

// titleBreaks returns text's lines as the PDF set them, or nil when the
// pages were not given or do not show this title next.
func (w *writer) titleBreaks(text string) []string {
	want := squash(text)
	var got []string
	have := ""
	for k := w.ti; k < len(w.titles); k++ {
		have += squash(w.titles[k])
		if !strings.HasPrefix(want, have) {
			return nil
		}
		got = append(got, w.titles[k])
		if have == want {
			w.ti = k + 1
			return got
		}
	}
	return nil
}

// squash removes white space, so that texts compare by their characters.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '　' {
			return -1
		}
		return r
	}, s)
}

// titleLines returns the text of every title line (2号, black) of pages, in
// page order.
func titleLines(pages []layout.Page) []string {
	var out []string
	for _, pg := range pages {
		y, open := 0.0, false
		for _, it := range pg.Items {
			if it.Kind != layout.TextItem || it.Size != layout.TitleSize || it.Color != layout.Black {
				open = false
				continue
			}
			if open && math.Abs(it.Y-y) < 0.01 {
				out[len(out)-1] += it.Text
				continue
			}
			out = append(out, it.Text)
			y, open = it.Y, true
		}
	}
	return out
}

// attachNote writes “附件：1．XXX” two characters in, the continuation lines
// (and the names after the first) aligned with the first name.
func (w *writer) attachNote(b *layout.Block) {
	var items []string
	for _, it := range b.Items {
		it = strings.TrimRight(trim(it), "。；，、,.;")
		it = layout.StripNumber(it)
		if it != "" {
			items = append(items, it)
		}
	}
	head := ems("附件：")
	for k, it := range items {
		prefix := ""
		if len(items) > 1 {
			prefix = fmt.Sprintf("%d．", k+1)
		}
		num := ems(prefix)
		left := 2 + head + num
		hang := num
		text := prefix + it
		if k == 0 {
			hang += head
			text = "附件：" + text
		}
		w.pRun(pp{ind: indChars(left, hang, 0)}, text, "")
	}
}

// signature writes the unsealed signature: 署名 two characters in from the
// right, 成文日期 below it starting two characters further right, or flush
// with the same right limit when it is the longer.
func (w *writer) signature(b *layout.Block) {
	sig, date := trim(b.Text), trim(b.Date)
	sigW, dateW := ems(sig), ems(date)
	sigR, dateR := 2.0, sigW-dateW
	if sig == "" || dateR < 2 {
		dateR = 2
		if sig != "" {
			sigR = 2 + dateW + 2 - sigW
		}
	}
	if sig != "" {
		w.pRun(pp{jc: "right", keepNext: 1, ind: indChars(0, 0, math.Max(sigR, 0))}, sig, "")
	}
	if date != "" {
		w.pRun(pp{jc: "right", ind: indChars(0, 0, math.Max(dateR, 0))}, date, "")
	}
}

// colophon writes the 版记 as a one-column table floating at the bottom of
// the text block of the page where the document ends (Word and WPS place
// it there; LibreOffice 7.4 sets it inline after the body): 抄送 and 印发
// lines in 4号, one character in from each side, rules of 0.35 mm (first
// and last) and 0.25 mm (between) across the whole block.
func (w *writer) colophon(c *layout.Colophon) {
	cc := trim(c.CC)
	if cc != "" {
		cc = strings.TrimRight(cc, "。")
		if !strings.HasPrefix(cc, "抄送") {
			cc = "抄送：" + cc
		}
		cc += "。"
	}
	printer := trim(c.Printer)
	date := trim(c.PrintDate)
	if date != "" && !strings.HasSuffix(date, "印发") {
		date += "印发"
	}
	letter := w.doc.Head != nil && w.doc.Head.Letter
	if letter {
		printer, date = "", "" // a letter's 版记 is the 抄送 alone, without rules
	}
	if cc == "" && printer == "" && date == "" {
		return
	}
	const thick, thin = 8, 6 // eighths of a point: 0.35 mm, 0.25 mm
	const inset = 280        // one 4号 character, 14 pt
	// Two tables in a row would join into one: a 1 pt paragraph keeps the
	// 版记 apart from a table that ends the body.
	w.tiny()
	b := &w.b
	b.WriteString(`<w:tbl><w:tblPr>`)
	b.WriteString(`<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom"/>`)
	b.WriteString(`<w:tblOverlap w:val="never"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, textWidth)
	fmt.Fprintf(b, `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="%[1]d" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="%[1]d" w:type="dxa"/></w:tblCellMar>`, inset)
	fmt.Fprintf(b, `</w:tblPr><w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, textWidth)
	hasPrint := printer != "" || date != ""
	row := func(top, bottom int, props pp, runs string) {
		fmt.Fprintf(b, `<w:tr><w:trPr><w:trHeight w:val="%d" w:hRule="atLeast"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:tcBorders>`, LinePitch, textWidth)
		switch {
		case letter:
			b.WriteString(`<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>`)
		case top > 0:
			fmt.Fprintf(b, `<w:top w:val="single" w:sz="%d" w:space="0" w:color="000000"/>`, top)
		}
		if !letter {
			fmt.Fprintf(b, `<w:left w:val="nil"/><w:bottom w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:right w:val="nil"/>`, bottom)
		}
		b.WriteString(`</w:tcBorders><w:vAlign w:val="center"/></w:tcPr>`)
		props.style = "Colophon"
		w.p(props, runs)
		b.WriteString(`</w:tc></w:tr>`)
	}
	if cc != "" {
		hang := 3 * inset // “抄送：”: continuation lines align with the first name
		bottom := thick
		if hasPrint {
			bottom = thin
		}
		row(thick, bottom, pp{ind: fmt.Sprintf(`<w:ind w:left="%d" w:hanging="%d"/>`, hang, hang), jc: "both"}, run(cc, ""))
	}
	if hasPrint {
		top := 0
		if cc == "" {
			top = thick
		}
		tab := fmt.Sprintf(`<w:tab w:val="right" w:pos="%d"/>`, textWidth-2*inset)
		row(top, thick, pp{tabs: tab}, run(printer+"\t"+date, ""))
	}
	b.WriteString(`</w:tbl>`)
}

// table writes a ruled table: fixed column widths in the PDF's proportions,
// header rows repeated on every page, group cells merged vertically.
func (w *writer) table(t *layout.Table) {
	ncol := len(t.Columns)
	if ncol == 0 {
		return
	}
	fs := t.FontSize
	if fs <= 0 {
		fs = layout.TableFontSize
	}
	widths := columnWidths(t)
	hp := int(math.Round(fs * 2))
	padH, padV := int(math.Round(fs*7)), int(math.Round(fs*6))
	lineH := int(math.Round(fs * 29)) // 1.45 × the size, as the PDF's tables
	b := &w.b
	b.WriteString(`<w:tbl>`)
	tableProps(b, widths, padV, padH)
	props := pp{style: "TableText", spacing: `<w:spacing w:line="` + strconv.Itoa(lineH) + `" w:lineRule="exact"/>`, ind: noInd}
	size := `<w:sz w:val="` + strconv.Itoa(hp) + `"/><w:szCs w:val="` + strconv.Itoa(hp) + `"/>`
	// what each column's cells begin with, and their run properties,
	// plain and bold
	tcs := make([]string, ncol)
	plain, bold := make([]string, ncol), make([]string, ncol)
	for c, col := range t.Columns {
		tcs[c] = `<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(widths[c]) + `" w:type="dxa"/>`
		fonts := ""
		if col.Role != "" {
			fonts = rFonts(fontName(col.Role))
		}
		plain[c], bold[c] = fonts+size, fonts+`<w:b/><w:bCs/>`+size
	}
	cell := func(c int, text string, rPr, jc, vMerge string) {
		b.WriteString(tcs[c])
		b.WriteString(vMerge)
		b.WriteString(`</w:tcPr>`)
		props.jc = jc
		w.pRun(props, trim(text), rPr)
		b.WriteString(`</w:tc>`)
	}
	if hdr := headerRows(t); len(hdr) > 0 {
		rPr := rFonts(FontHei) + size
		for _, hr := range hdr {
			b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
			for c := 0; c < ncol; c++ {
				text := ""
				if c < len(hr) {
					text = hr[c]
				}
				cell(c, text, rPr, "center", `<w:vAlign w:val="center"/>`)
			}
			b.WriteString(`</w:tr>`)
		}
	}
	for ri, r := range t.Rows {
		b.WriteString(`<w:tr>`)
		for c := 0; c < ncol; c++ {
			var cl layout.Cell
			if c < len(r.Cells) {
				cl = r.Cells[c]
			}
			vMerge := ""
			if cl.Merge && ri > 0 {
				cell(c, "", "", "", `<w:vMerge/>`)
				continue
			}
			if ri+1 < len(t.Rows) && c < len(t.Rows[ri+1].Cells) && t.Rows[ri+1].Cells[c].Merge {
				vMerge = `<w:vMerge w:val="restart"/>`
			}
			col := t.Columns[c]
			rPr := plain[c]
			if cl.Bold {
				rPr = bold[c]
			}
			jc := "both"
			switch col.Align {
			case layout.Center:
				jc = "center"
			case layout.Right:
				jc = "right"
			}
			cell(c, cl.Text, rPr, jc, vMerge)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// columnWidths returns the widths of t's columns in twips, in the
// proportions of their Width (equal when none is given), filling the text
// width exactly: the last column takes what rounding leaves.
func columnWidths(t *layout.Table) []int {
	ncol := len(t.Columns)
	sum := 0.0
	for _, c := range t.Columns {
		sum += math.Max(c.Width, 0)
	}
	widths := make([]int, ncol)
	used := 0
	for i, c := range t.Columns {
		wd := float64(textWidth) / float64(ncol)
		if sum > 0 {
			wd = math.Max(c.Width, 0) / sum * float64(textWidth)
		}
		widths[i] = int(math.Round(wd))
		used += widths[i]
	}
	widths[ncol-1] += textWidth - used
	return widths
}

// tableProps writes a table's properties and grid: full text width,
// centred, 0.5 pt rules all round and between cells, fixed layout, cell
// margins padV and padH (twips), and the column widths.
func tableProps(b *strings.Builder, widths []int, padV, padH int) {
	b.WriteString(`<w:tblPr>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, textWidth)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	fmt.Fprintf(b, `<w:tblCellMar><w:top w:w="%[1]d" w:type="dxa"/><w:left w:w="%[2]d" w:type="dxa"/><w:bottom w:w="%[1]d" w:type="dxa"/><w:right w:w="%[2]d" w:type="dxa"/></w:tblCellMar>`, padV, padH)
	b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
}

// headerRows returns t's header rows: its Header, else one row of the
// column titles when any is set.
func headerRows(t *layout.Table) [][]string {
	if len(t.Header) > 0 {
		return t.Header
	}
	var titles []string
	any := false
	for _, c := range t.Columns {
		titles = append(titles, c.Title)
		any = any || c.Title != ""
	}
	if any {
		return [][]string{titles}
	}
	return nil
}

// documentXML wraps the body with the section: A4, the GB/T 9704 margins,
// the 28 × 22 grid, odd and even footers.
func (w *writer) documentXML() string {
	b := &w.b
	b.WriteString(`<w:sectPr>`)
	if w.doc.Header != "" {
		b.WriteString(`<w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="even" r:id="rId6"/>`)
	}
	if w.letter() {
		b.WriteString(`<w:headerReference w:type="first" r:id="rId7"/>`)
	}
	if !w.doc.NoPageNumbers {
		b.WriteString(`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`)
	}
	if w.letter() {
		b.WriteString(`<w:footerReference w:type="first" r:id="rId8"/>`)
	}
	b.WriteString(pageSetup)
	if w.letter() {
		b.WriteString(`<w:titlePg/>`) // the letterhead, and no page number, on page 1
	}
	b.WriteString(docGrid)
	b.WriteString(`</w:sectPr></w:body></w:document>`)
	return b.String()
}

// pageSetup and docGrid are the fixed parts of the section: the paper,
// the margins, the columns; the grid.
var (
	pageSetup = fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d"/>`, pageW, pageH) +
		fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
			marginTop, marginRigt, marginBot, marginLeft, headerDist, footerDist) +
		`<w:cols w:space="425"/>`
	docGrid = fmt.Sprintf(`<w:docGrid w:type="linesAndChars" w:linePitch="%d" w:charSpace="%d"/>`, LinePitch, CharSpace)
)

// letter reports whether the document is a 函 in the letter format
// (layout.Head.Letter).
func (w *writer) letter() bool { return w.doc.Head != nil && w.doc.Head.Letter }
