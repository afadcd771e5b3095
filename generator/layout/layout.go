package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// Text styles of the document parts.
var (
	stBody   = style{role: model.RoleBody, size: BodySize, color: Black}
	stHei    = style{role: model.RoleHei, size: BodySize, color: Black}
	stKai    = style{role: model.RoleKai, size: BodySize, color: Black}
	stTitle  = style{role: model.RoleTitle, size: TitleSize, color: Black}
	stIssuer = style{role: model.RoleTitle, color: Red} // size chosen to fit
	stPgNum  = style{role: model.RoleFallback, size: PageNumSize, color: Black}
	stColo   = style{role: model.RoleBody, size: ColophonSize, color: Black}
	stHeader = style{role: model.RoleBody, size: HeaderSize, color: Black}
)

// Issuer sizes: the 发文机关标志 is set at issuerMax pt, squeezed
// horizontally when it would not fit in the width of the block.
const issuerMax = 36

// issuerMinScale is the narrowest the 发文机关标志 is squeezed (Tz) to fit
// the block before its size is reduced.
const issuerMinScale = 0.6

// Layout lays doc out on A4 pages. Characters no font has are reported, all
// at once, as a *diag.List naming the character, its code point and the
// block's position.
//
// Layout adds the blank lines the standard requires: two between the red
// rule and the title, one after a title (with its subtitles), one before the
// 附件说明 and one before the signature. Page numbers, when shown, are part
// of each page's Items.
func Layout(doc *Document, fonts Fonts) ([]Page, error) {
	return layoutDoc(doc, fonts, nil)
}

// layoutDoc is Layout, with table cells taken from and added to memo (nil:
// none).
func layoutDoc(doc *Document, fonts Fonts, memo *Memo) ([]Page, error) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	l := &layouter{doc: doc, fonts: fonts, errs: &diag.List{}, memo: memo, scratch: sc}
	l.sh = newShaper(fonts, l.errs)
	l.newPage(false)
	if doc.Head != nil {
		l.head(doc.Head)
	}
	for i := range doc.Blocks {
		l.block(i)
	}
	if doc.Colophon != nil {
		l.colophon(doc.Colophon)
	}
	l.finish()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	pages := make([]Page, len(l.pages))
	for i, p := range l.pages {
		pages[i] = p.Page
	}
	return pages, nil
}

type pageState struct {
	Page
	content bool // something of the body is on the page
	blank   bool // deliberately blank (before an even 版记 page)
	coloOn  bool // the 版记 is on this page
}

type layouter struct {
	doc     *Document
	fonts   Fonts
	errs    *diag.List
	sh      *shaper
	memo    *Memo // nil: none
	scratch *scratch

	pages []*pageState
	cur   *pageState
	line  int // next free grid line on cur

	overflowTop bool // cur was started because the previous page was full
	lastBody    int  // grid line of the last body paragraph line on cur, -1 if none
	afterTitle  bool // the last blocks were a title group: a blank line is due
}

func (l *layouter) newPage(overflow bool) {
	p := &pageState{Page: Page{Number: len(l.pages) + 1}}
	l.pages = append(l.pages, p)
	l.cur = p
	l.line = 0
	l.overflowTop = overflow
	l.lastBody = -1
}

// need makes sure n grid lines are free on the current page.
func (l *layouter) need(n int) {
	if l.line+n > GridLines && l.line > 0 {
		l.newPage(true)
	}
}

// blank skips one grid line, unless at the top of a page.
func (l *layouter) blank() {
	if l.line > 0 && l.line < GridLines {
		l.line++
	}
}

func (l *layouter) add(items ...Item) {
	l.cur.Items = append(l.cur.Items, items...)
	l.cur.content = true
}

// putLine puts placed glyphs on the next grid line (body size cells).
func (l *layouter) putLine(ps []placed, size, spacing float64) {
	l.need(1)
	l.cur.Items = appendRuns(l.cur.Items, ps, baselineIn(lineTop(l.line), LinePitch, size), spacing)
	l.cur.content = true
	l.line++
}

// place is the package's place into a buffer of l's: what it returns is
// valid until the next call.
func (l *layouter) place(ln line, x0, sp float64, align halign) []placed {
	l.scratch.placed = appendPlaced(l.scratch.placed[:0], ln, x0, sp, align)
	return l.scratch.placed
}

// scratch is the working space of a layout, kept in scratchPool for the
// next: nothing in it outlives the call that fills it.
type scratch struct {
	placed []placed  // a line being placed
	items  []Item    // a page's table items before their rules are merged
	keys   []ruleKey // the rules being merged, in order
	rules  []Item    // the merged rules
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (l *layouter) shape(text string, st style, pos diag.Pos, where string) []glyph {
	return l.sh.shape([]span{{text, st}}, pos, where)
}

// para sets a paragraph on the grid: first line indented fi, the others ri (pt).
func (l *layouter) para(gs []glyph, fi, ri float64, align halign) {
	l.paraSpec(gs, fi, ri, align, false)
}

// paraSpec is para; words breaks lines only at spaces where it can.
func (l *layouter) paraSpec(gs []glyph, fi, ri float64, align halign, words bool) {
	lines := breakLines(gs, lineSpec{first: BlockWidth - fi, rest: BlockWidth - ri, spacing: BodySpacing, words: words})
	for k, ln := range lines {
		if n := len(lines); n >= 2 && k == n-2 && l.line == GridLines-1 {
			// the last line would stand alone at the top of the next page
			// (a widow): the line before it goes along
			l.newPage(true)
		}
		x := BlockLeft + ri
		if k == 0 {
			x = BlockLeft + fi
		}
		size := float64(BodySize)
		if len(ln.gs) > 0 {
			size = ln.gs[0].st.size
		}
		l.putLine(l.place(ln, x, BodySpacing, align), size, BodySpacing)
	}
}

// title sets title lines centred, one grid line each, kept together. A
// newline in the text forces a break.
func (l *layouter) title(gs []glyph, mark string) {
	var lines []line
	for len(gs) > 0 {
		k := 0
		for k < len(gs) && gs[k].cls != clsBreak {
			k++
		}
		lines = append(lines, breakTitle(gs[:k], BlockWidth)...)
		if k == len(gs) {
			break
		}
		gs = gs[k+1:]
	}
	if len(lines) <= GridLines {
		l.need(len(lines))
	}
	if mark != "" {
		l.cur.Marks = append(l.cur.Marks, Mark{Text: mark, Y: lineTop(l.line)})
	}
	for _, ln := range lines {
		l.putLine(l.place(ln, BlockLeft, 0, alignCenter), TitleSize, 0)
	}
}

// markText is a title as a bookmark: one line, trimmed.
func markText(s string) string {
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}

// trimPara trims spaces, tabs, newlines and ideographic spaces from both
// ends of s.
func trimPara(s string) string {
	return strings.TrimLeft(strings.TrimRight(s, " \t\r\n　"), " \t\r\n　")
}

// block sets block i of the document from the current grid line on; a
// block other than a title (or a blank, a page break, an attachment) after
// a title is preceded by an empty line.
func (l *layouter) block(i int) {
	b := &l.doc.Blocks[i]
	where := ""
	if b.Pos == (diag.Pos{}) {
		where = fmt.Sprintf("第%d段", i+1)
	}
	if l.afterTitle {
		switch b.Kind {
		case Title, Subtitle:
		case Blank, PageBreak, Attachment:
			l.afterTitle = false
		default:
			l.blank()
			l.afterTitle = false
		}
	}
	switch b.Kind {
	case Title:
		l.title(l.shape(trimPara(b.Text), stTitle, b.Pos, where), markText(b.Text))
		l.afterTitle = true
	case Subtitle:
		gs := l.shape(trimPara(b.Text), stBody, b.Pos, where)
		lines := breakLines(gs, lineSpec{first: BlockWidth, rest: BlockWidth, spacing: BodySpacing})
		for _, ln := range lines {
			l.putLine(l.place(ln, BlockLeft, BodySpacing, alignCenter), BodySize, BodySpacing)
		}
		l.afterTitle = true
	case Addressee:
		t := trimPara(b.Text)
		if t != "" && !strings.HasSuffix(t, "：") && !strings.HasSuffix(t, ":") {
			t += "："
		}
		l.para(l.shape(t, stBody, b.Pos, where), 0, 0, alignJustify)
	case Para, Heading1, Heading2, Heading3, Heading4:
		l.paraBlock(i, where)
	case AttachNote:
		l.blank()
		l.attachNote(b, where)
	case Signature:
		if b.Unsealed {
			l.blank()
			l.signature(b, where)
		} else {
			l.sealed(b, where)
		}
	case Note:
		t := trimPara(b.Text)
		if !strings.HasPrefix(t, "（") {
			t = "（" + t + "）"
		}
		l.para(l.shape(t, stBody, b.Pos, where), 2*CharPitch, 0, alignJustify)
	case Attachment:
		l.attachment(b, where)
	case PageBreak:
		if l.cur.content || l.line > 0 {
			l.newPage(false)
		}
	case Blank:
		if l.line == 0 && l.overflowTop {
			break
		}
		l.need(1)
		l.line++
	case TableBlock:
		if b.Table != nil {
			l.table(b)
		}
	case Lines:
		l.itemLines(b, where)
	}
}

// paraBlock sets block i, a paragraph or a heading (in 黑体 for level 1,
// 楷体 for level 2) with its run-in Tail in the body face, indented two
// characters. A heading without a tail starts a new page rather than be
// left alone at the bottom of one.
func (l *layouter) paraBlock(i int, where string) {
	b := &l.doc.Blocks[i]
	st := stBody
	switch b.Kind {
	case Heading1:
		st = stHei
	case Heading2:
		st = stKai
	}
	spans := []span{{trimPara(b.Text), st}}
	if b.Tail != "" {
		spans = append(spans, span{strings.TrimRight(b.Tail, " \t\r\n　"), stBody})
	}
	gs := l.sh.shape(spans, b.Pos, where)
	if b.Kind != Para && b.Tail == "" && i+1 < len(l.doc.Blocks) {
		// keep a heading with the first line of what follows: never
		// alone at the bottom of a page
		n := len(breakLines(gs, lineSpec{first: BlockWidth - 2*CharPitch, rest: BlockWidth, spacing: BodySpacing}))
		if l.line > 0 && l.line+n < GridLines+1 && firstPageLines(l.nextLines(i+1), GridLines-l.line-n) == 0 {
			l.newPage(true)
		}
	}
	l.para(gs, 2*CharPitch, 0, alignJustify)
	if b.Kind == Para && l.line > 0 {
		l.lastBody = l.line - 1
	}
}

// attachment starts attachment b on a new page: its label (附件N) in 黑体
// on the first line, its title from the third, and a bookmark.
func (l *layouter) attachment(b *Block, where string) {
	if l.cur.content || l.line > 0 {
		l.newPage(false)
	}
	if m := markText(b.Label + " " + b.Text); m != "" {
		l.cur.Marks = append(l.cur.Marks, Mark{Text: m, Y: lineTop(l.line)})
	}
	if b.Label != "" {
		gs := l.shape(trimPara(b.Label), stHei, b.Pos, where)
		l.putLine(l.place(line{gs: gs, avail: BlockWidth}, BlockLeft, BodySpacing, alignLeft), BodySize, BodySpacing)
		l.line = 2
	}
	if t := trimPara(b.Text); t != "" {
		l.title(l.shape(t, stTitle, b.Pos, where), "")
		l.afterTitle = true
	}
}

// itemLines sets the items of b each as its own left-aligned line or lines;
// an empty item is an empty line.
func (l *layouter) itemLines(b *Block, where string) {
	for _, it := range b.Items {
		gs := l.shape(strings.TrimRight(it, " \t\r\n　"), stBody, b.Pos, where)
		if len(gs) == 0 {
			l.need(1)
			l.line++
			continue
		}
		l.paraSpec(gs, 0, 0, alignLeft, true)
	}
}

// nextLines returns how many lines block j takes when it is a paragraph or
// a heading, else 1 (a table's header row, a blank line: anything that needs
// at least one line below a heading).
func (l *layouter) nextLines(j int) int {
	b := &l.doc.Blocks[j]
	switch b.Kind {
	case Para, Heading1, Heading2, Heading3, Heading4:
	default:
		return 1
	}
	sh := newShaper(l.fonts, &diag.List{}) // problems are reported when the block itself is set
	spans := []span{{trimPara(b.Text), stBody}}
	if b.Tail != "" {
		spans = append(spans, span{b.Tail, stBody})
	}
	gs := sh.shape(spans, b.Pos, "")
	return max(1, len(breakLines(gs, lineSpec{first: BlockWidth - 2*CharPitch, rest: BlockWidth, spacing: BodySpacing})))
}

// firstPageLines returns how many of a paragraph's n lines stay on a page
// with free lines left, under the widow rule of paraSpec.
func firstPageLines(n, free int) int {
	switch {
	case free <= 0:
		return 0
	case n <= free:
		return n
	case n >= 2 && free == n-1:
		return free - 1
	}
	return free
}

// attachNote sets “附件：1．XXX”: two characters in, wrapped lines aligned
// with the attachment name, no final punctuation.
func (l *layouter) attachNote(b *Block, where string) {
	var items []string
	for _, it := range b.Items {
		it = strings.TrimRight(trimPara(it), "。；，、,.;")
		it = StripNumber(it)
		if it != "" {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return
	}
	head := l.shape("附件：", stBody, b.Pos, where)
	headW := width(head, BodySpacing) + BodySpacing
	for k, it := range items {
		prefix := ""
		if len(items) > 1 {
			prefix = fmt.Sprintf("%d．", k+1)
		}
		num := l.shape(prefix, stBody, b.Pos, where)
		numW := 0.0
		if len(num) > 0 {
			numW = width(num, BodySpacing) + BodySpacing
		}
		var gs []glyph
		fi := 2*CharPitch + headW
		if k == 0 {
			gs = append(gs, head...)
			fi = 2 * CharPitch
		}
		gs = append(gs, num...)
		gs = append(gs, l.shape(it, stBody, b.Pos, where)...)
		l.para(gs, fi, 2*CharPitch+headW+numW, alignJustify)
	}
}

// StripNumber removes a leading “1．”, “1.” or “1、” from an attachment name.
func StripNumber(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return s
	}
	for _, p := range []string{"．", ".", "、"} {
		if strings.HasPrefix(s[i:], p) {
			return strings.TrimSpace(s[i+len(p):])
		}
	}
	return s
}

// signature sets the unsealed signature: 署名 two characters in from the
// right, 成文日期 on the next line two characters right of the 署名's start,
// or flush with the right limit when it is the longer one.
func (l *layouter) signature(b *Block, where string) {
	sig := l.shape(trimPara(b.Text), stBody, b.Pos, where)
	date := l.shape(trimPara(b.Date), stBody, b.Pos, where)
	right := BlockRight - 2*CharPitch
	sigW, dateW := width(sig, BodySpacing), width(date, BodySpacing)
	sigX := right - sigW
	dateX := sigX + 2*CharPitch
	if len(sig) == 0 {
		dateX = right - dateW
	}
	if dateX+dateW > right+0.01 {
		dateX = right - dateW
		sigX = dateX - 2*CharPitch
	}
	n := 0
	if len(sig) > 0 {
		n++
	}
	if len(date) > 0 {
		n++
	}
	l.need(n)
	if len(sig) > 0 {
		l.putLine(l.place(line{gs: sig, avail: sigW}, math.Max(BlockLeft, sigX), BodySpacing, alignLeft), BodySize, BodySpacing)
	}
	if len(date) > 0 {
		l.putLine(l.place(line{gs: date, avail: dateW}, math.Max(BlockLeft, dateX), BodySpacing, alignLeft), BodySize, BodySpacing)
	}
}

// Sealed layout (GB/T 9704-2012 7.3.5.1): the 成文日期 ends four characters
// in from the right edge of the block; the 署名 is centred over it; the
// seal, centred on both, presses on them from slightly above their middle.
// The signature stands two blank lines below the text, so that the seal's
// top lies SealGap below the text's last line: within one line of it.
const (
	sealDateIndent = 4           // characters between the date's end and the block's right edge
	sealBlankLines = 2           // blank grid lines between the text and the 署名
	sealLift       = 3 * PtPerMM // the seal's centre lies this far above the middle of 署名 and 日期
)

// SealBox returns the seal area of a sealed signature whose 署名 is set on
// grid line sigLine (0-based), centred horizontally at cx, for a seal of
// diameter d (mm): its top-left corner and its size, in pt.
func SealBox(sigLine int, cx, d float64) (x, y, size float64) {
	size = d * PtPerMM
	cy := lineTop(sigLine+1) - sealLift // the boundary between 署名 and 日期, lifted
	return cx - size/2, cy - size/2, size
}

// sealed sets the signature in the sealed layout, with room for the seal and
// the seal image when b.Seal has one. 署名, 日期 and the seal stay on one
// page with the text's last line: when they do not fit, the last line(s) of
// the text move to the next page with them.
func (l *layouter) sealed(b *Block, where string) {
	sig := l.shape(trimPara(b.Text), stBody, b.Pos, where)
	date := l.shape(trimPara(b.Date), stBody, b.Pos, where)
	sigW, dateW := width(sig, BodySpacing), width(date, BodySpacing)
	dateRight := BlockRight - sealDateIndent*CharPitch
	cx := dateRight - dateW/2
	if len(date) == 0 {
		cx = dateRight - sigW/2
	}
	if cx+sigW/2 > BlockRight { // a long 署名: keep it inside the block, the date centred under it
		cx = BlockRight - sigW/2
	}
	d := float64(SealDiameter)
	if b.Seal != nil && b.Seal.Diameter > 0 {
		d = b.Seal.Diameter
	}
	// lines: blank lines, 署名, 日期, and the seal's lower part below the date
	_, _, size := SealBox(0, 0, d)
	below := int(math.Ceil((lineTop(1)-sealLift+size/2-lineTop(2))/LinePitch - 0.001))
	n := sealBlankLines + 2 + max(below, 0)
	if l.line+n > GridLines && l.line > 0 {
		l.carry(n)
	}
	l.line += sealBlankLines
	sigLine := l.line
	if len(sig) > 0 {
		l.putLine(l.place(line{gs: sig, avail: sigW}, cx-sigW/2, BodySpacing, alignLeft), BodySize, BodySpacing)
	}
	if len(date) > 0 {
		l.putLine(l.place(line{gs: date, avail: dateW}, cx-dateW/2, BodySpacing, alignLeft), BodySize, BodySpacing)
	}
	if b.Seal != nil && len(b.Seal.PNG) > 0 {
		x, y, size := SealBox(sigLine, cx, d)
		l.add(Item{Kind: ImageItem, X: x, Y: y, X2: x + size, Y2: y + size, Image: b.Seal.PNG})
	}
}

// carry starts a new page for a block that needs n free lines, taking the
// last two lines of body text above along, with what follows them (the
// 附件说明): GB/T 9704 7.3.5.4 wants no signature on a page without text.
// Without body text on the page it takes the last two lines.
func (l *layouter) carry(n int) {
	prev := l.cur
	last := l.line
	first := last - 2
	if l.lastBody >= 1 && l.lastBody < last {
		first = l.lastBody - 1
	}
	l.newPage(true)
	if first < 1 || last-first+n > GridLines {
		return
	}
	// the items of the lines from first on move, keeping their places on the grid
	from := lineTop(first)
	var keep, moved []Item
	for _, it := range prev.Items {
		if it.Kind == TextItem && it.Y > from && it.Y < lineTop(last) {
			moved = append(moved, it)
		} else {
			keep = append(keep, it)
		}
	}
	if len(moved) == 0 {
		return
	}
	prev.Items = keep
	shift := lineTop(0) - from
	for i := range moved {
		moved[i].Y += shift
	}
	l.add(moved...)
	l.line = last - first
}

// head sets the 版头 on page 1 and moves the cursor to the title line.
func (l *layouter) head(h *Head) {
	top := BlockTop + 35*PtPerMM
	if h.Letter {
		top = letterIssuerTop
	}
	size := l.issuer(h.Issuer, top)
	if h.Letter {
		l.letterHead(h, top+size)
		return
	}
	issuerLine := int((top + size - BlockTop) / LinePitch)
	numLine := issuerLine + 3
	numBase := GridBaseline(numLine)
	if n := l.shape(strings.TrimSpace(h.Number), stBody, diag.Pos{}, "发文字号"); len(n) > 0 {
		l.cur.Items = appendRuns(l.cur.Items, l.place(line{gs: n, avail: BlockWidth}, BlockLeft, BodySpacing, alignCenter), numBase, BodySpacing)
		l.cur.content = true
	}
	ruleY := numBase + emBot*BodySize + 4*PtPerMM
	l.add(Item{Kind: RuleItem, X: BlockLeft, Y: ruleY, X2: BlockRight, Y2: ruleY, Width: 1, Color: Red})
	ruleLine := int((ruleY - BlockTop) / LinePitch)
	l.line = ruleLine + 3
}

// The letter format (Head.Letter), in pt from the top-left of the paper.
const (
	letterIssuerTop = 30 * PtPerMM                  // the top of the 发文机关标志
	letterRuleLeft  = (PageWidth - 170*PtPerMM) / 2 // the double rules: 170 mm, centred
	letterRuleRight = letterRuleLeft + 170*PtPerMM
	letterBottom    = PageHeight - 20*PtPerMM // the lower double rule
	letterThick     = 1.5                     // pt: the double rules' thick line
	letterThin      = 0.5                     // pt: their thin line
	letterGap       = 1                       // pt between the two lines
)

// letterHead sets the rest of a letter's 版头 (Head.Letter) below the
// 发文机关标志, whose lower edge is at bottom: the two double rules, the
// 发文字号, and the grid line of the title.
func (l *layouter) letterHead(h *Head, bottom float64) {
	y := bottom + 4*PtPerMM // the upper double rule, thick over thin
	l.add(l.doubleRule(y, letterThick, letterThin)...)
	below := y + letterThick + letterGap + letterThin
	l.add(l.doubleRule(letterBottom-letterThin-letterGap-letterThick, letterThin, letterThick)...)
	numBase := below + BodySize*7/8 + emTop*BodySize
	if n := l.shape(strings.TrimSpace(h.Number), stBody, diag.Pos{}, "发文字号"); len(n) > 0 {
		l.cur.Items = appendRuns(l.cur.Items, l.place(line{gs: n, avail: BlockWidth}, BlockLeft, BodySpacing, alignRight), numBase, BodySpacing)
		l.cur.content = true
	}
	mid := numBase - (emTop-0.5)*BodySize      // the middle of the 发文字号's characters
	l.line = int((mid-BlockTop)/LinePitch) + 3 // its grid line, two blank lines, then the title
}

// doubleRule returns a red double rule across the letter format's 170 mm,
// its top at y: a line upper pt wide, letterGap, a line lower pt wide.
func (l *layouter) doubleRule(y, upper, lower float64) []Item {
	ya, yb := y+upper/2, y+upper+letterGap+lower/2
	return []Item{
		{Kind: RuleItem, X: letterRuleLeft, Y: ya, X2: letterRuleRight, Y2: ya, Width: upper, Color: Red},
		{Kind: RuleItem, X: letterRuleLeft, Y: yb, X2: letterRuleRight, Y2: yb, Width: lower, Color: Red},
	}
}

// issuer sets the red 发文机关标志 centred on the block, its top at top, and
// returns its size.
func (l *layouter) issuer(text string, top float64) float64 {
	gs := l.shape(strings.TrimSpace(text), stIssuer, diag.Pos{}, "发文机关标志")
	emW := 0.0
	for i := range gs {
		if isWide(gs[i].r) {
			emW++
		} else {
			emW += l.fonts.Advance(gs[i].face, gs[i].r)
		}
	}
	// Too long for the block at issuerMax: squeezed horizontally (down to
	// issuerMinScale), and only below that made smaller.
	size, scale := float64(issuerMax), 1.0
	if emW > 0 && emW*size > BlockWidth {
		scale = math.Floor(BlockWidth/(emW*size)*1000) / 1000
		if scale < issuerMinScale {
			scale = issuerMinScale
			size = math.Floor(BlockWidth/(emW*scale)*10) / 10
		}
	}
	for i := range gs {
		gs[i].st.size = size
		gs[i].adv = l.fonts.Advance(gs[i].face, gs[i].r) * size * scale
		gs[i].slot = gs[i].adv
		if isWide(gs[i].r) {
			gs[i].slot = size * scale
			gs[i].off = (size*scale - gs[i].adv) / 2
		}
	}
	if len(gs) > 0 {
		ln := line{gs: gs, avail: BlockWidth}
		items := runs(l.place(ln, BlockLeft, 0, alignCenter), top+emTop*size, 0)
		if scale != 1 {
			for i := range items {
				items[i].HScale = scale
				if math.Abs(items[i].Spacing) < 1e-4 {
					items[i].Spacing = 0
				}
			}
		}
		l.add(items...)
	}
	return size
}

// colophon sets the 版记 at the bottom of the last page: rules of 0.35 mm
// (first and last) and 0.25 mm (between), the last on the bottom edge of the
// block; 抄送 and 印发 lines in 4号, one character in from each side.
func (l *layouter) colophon(c *Colophon) {
	ind := float64(ColophonSize)
	avail := BlockWidth - 2*ind
	ccLines := l.colophonCC(c.CC, avail)
	printer := l.shape(trimPara(c.Printer), stColo, diag.Pos{}, "版记")
	date := ""
	if l.letter() {
		printer = nil // a letter's 版记 is the 抄送 alone
	} else if d := trimPara(c.PrintDate); d != "" {
		date = d
		if !strings.HasSuffix(d, "印发") {
			date += "印发"
		}
	}
	dateGs := l.shape(date, stColo, diag.Pos{}, "版记")
	n := len(ccLines)
	hasPrint := len(printer) > 0 || len(dateGs) > 0
	if hasPrint {
		n++
	}
	if n == 0 {
		return
	}
	first := GridLines - n
	if l.line > first || n > GridLines {
		l.newPage(false)
	}
	if l.doc.ColophonOnEven && l.cur.Number%2 == 1 {
		if l.cur.content {
			l.newPage(false)
		} else {
			l.cur.blank = true
			l.newPage(false)
		}
	}
	l.cur.coloOn = true
	thick, thin := 0.35*PtPerMM, 0.25*PtPerMM
	rule := func(y, w float64) {
		if l.letter() {
			return // a letter's 版记 has no rules
		}
		l.cur.Items = append(l.cur.Items, Item{Kind: RuleItem, X: BlockLeft, Y: y, X2: BlockRight, Y2: y, Width: w, Color: Black})
	}
	ln := max(first, 0)
	rule(lineTop(ln), thick)
	for k, cl := range ccLines {
		x := BlockLeft + ind
		if k > 0 {
			x += avail - cl.avail
		}
		l.cur.Items = appendRuns(l.cur.Items, l.place(cl, x, 0, alignJustify), baselineIn(lineTop(ln), LinePitch, ColophonSize), 0)
		ln++
	}
	if hasPrint {
		if len(ccLines) > 0 {
			rule(lineTop(ln), thin)
		}
		y := baselineIn(lineTop(ln), LinePitch, ColophonSize)
		if len(printer) > 0 {
			l.cur.Items = appendRuns(l.cur.Items, l.place(line{gs: printer, avail: avail}, BlockLeft+ind, 0, alignLeft), y, 0)
		}
		if len(dateGs) > 0 {
			l.cur.Items = appendRuns(l.cur.Items, l.place(line{gs: dateGs, avail: avail}, BlockLeft+ind, 0, alignRight), y, 0)
		}
	}
	rule(BlockBottom, thick)
}

// colophonCC breaks the 抄送 line of the 版记 into lines of avail points,
// the lines after the first indented by the width of "抄送：".
func (l *layouter) colophonCC(cc string, avail float64) []line {
	var ccLines []line
	if cc := trimPara(cc); cc != "" {
		cc = strings.TrimRight(cc, "。")
		if !strings.HasPrefix(cc, "抄送") {
			cc = "抄送：" + cc
		}
		gs := l.shape(cc+"。", stColo, diag.Pos{}, "版记")
		head := l.shape("抄送：", stColo, diag.Pos{}, "版记")
		ri := width(head, 0)
		ccLines = breakLines(gs, lineSpec{first: avail, rest: avail - ri})
		for k := range ccLines {
			if k > 0 {
				ccLines[k].avail = avail - ri
			}
		}
	}
	return ccLines
}

// finish adds page numbers and the running header.
func (l *layouter) finish() {
	// a trailing empty page (e.g. after a final page break) is dropped
	if n := len(l.pages); n > 1 && !l.pages[n-1].content && !l.pages[n-1].coloOn && len(l.pages[n-1].Items) == 0 {
		l.pages = l.pages[:n-1]
	}
	letter := l.letter()
	var header []Item // the running header's runs at baseline 0, made for the first page that has it
	for _, p := range l.pages {
		onlyColophon := p.coloOn && !p.content
		p.ShowNumber = !l.doc.NoPageNumbers && !p.blank && !onlyColophon && !(letter && p.Number == 1)
		p.Items = slices.Grow(p.Items, len(header)+pageExtras)
		if l.doc.Header != "" && !p.blank {
			if header == nil {
				gs := l.shape(l.doc.Header, stHeader, diag.Pos{}, "页眉")
				header = runs(l.place(line{gs: gs, avail: BlockWidth}, BlockLeft, 0, alignLeft), 0, 0)
			}
			y := BlockTop - 6*PtPerMM
			if letter && p.Number == 1 {
				y = letterIssuerTop - 3*PtPerMM // above the 发文机关标志
			}
			for _, it := range header {
				it.Y = y
				p.Items = append(p.Items, it)
			}
		}
		if p.ShowNumber {
			p.Items = append(p.Items, l.pageNumber(p.Number)...)
		}
		if l.doc.Draft {
			p.Items = append(p.Items, l.draftMark()...)
		}
	}
}

// letter reports whether the document is a letter (Head.Letter).
func (l *layouter) letter() bool { return l.doc.Head != nil && l.doc.Head.Letter }

// DraftMark is the text Document.Draft puts on every page.
const DraftMark = "草稿"

// draftMark returns the 草稿 mark: 2号 黑体, red, right-aligned with the
// text block, its baseline 12 mm above the block (within the 37 mm top
// margin, clear of the running header 6 mm above the block).
func (l *layouter) draftMark() []Item {
	st := style{role: model.RoleHei, size: TitleSize, color: Red}
	gs := l.shape(DraftMark, st, diag.Pos{}, "草稿标记")
	if len(gs) == 0 {
		return nil
	}
	w := width(gs, 0)
	return runs(l.place(line{gs: gs, avail: w}, BlockRight-w, 0, alignLeft), BlockTop-12*PtPerMM, 0)
}

// pageNumber returns `— N —` in 4号 宋体: its dashes 7 mm below the block,
// right-aligned one character in from the right edge on odd pages,
// left-aligned one character in from the left edge on even pages.
//
// The dashes are 一字线, one em of 4号 long (4.94 mm). Latin-style em dashes,
// such as the one of the fallback 宋体 (Noto Serif SC: 0.80 em of ink, 3.98
// mm), are too short, so the dashes come from the body face when its em
// dash fills the em (FandolFang, 仿宋_GB2312 and the like), and are drawn
// as rules of one em otherwise.
func (l *layouter) pageNumber(n int) []Item {
	dash := stPgNum
	face, ok := l.fonts.Pick(model.RoleBody, '—')
	fullDash := ok && l.fonts.Advance(face, '—') >= 0.99
	if fullDash {
		dash.role = model.RoleBody
	}
	num := fmt.Sprintf(" %d ", n)
	gs := l.sh.shape([]span{{"—", dash}, {num, stPgNum}, {"—", dash}}, diag.Pos{}, "页码")
	if len(gs) == 0 {
		return nil
	}
	w := width(gs, 0)
	x := BlockLeft + PageNumSize
	if n%2 == 1 {
		x = BlockRight - PageNumSize - w
	}
	// the top of the em dash lies 7 mm below the block (一字线上距版心下边缘7mm)
	y := BlockBottom + 7*PtPerMM + dashRise*PageNumSize
	ps := l.place(line{gs: gs, avail: w}, x, 0, alignLeft)
	items := runs(ps, y, 0)
	if !fullDash && len(ps) > 0 {
		// rules of one em over the short glyphs, at the glyphs' height
		thick := dashThick * PageNumSize
		for _, p := range []placed{ps[0], ps[len(ps)-1]} {
			x0 := p.x - p.off
			yy := y - (dashRise-dashThick/2)*PageNumSize
			items = append(items, Item{Kind: RuleItem, X: x0, Y: yy, X2: x0 + PageNumSize, Y2: yy, Width: thick, Color: Black})
		}
	}
	return items
}

// dashThick is the stroke of the drawn 一字线, in em (the em dash of 宋体
// faces is 0.05–0.06 em thick).
const dashThick = 0.055

// dashRise is the height of the top of the em dash above the baseline, in
// em (measured on Noto Serif SC: 0.30; 宋体 is within 0.02).
const dashRise = 0.30
