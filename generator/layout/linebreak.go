package layout

import (
	"fmt"
	"math"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// style is how a span of text is drawn.
type style struct {
	role  model.Role
	size  float64
	color Color
	bold  bool
}

// span is a piece of text in one style.
type span struct {
	text string
	st   style
}

// look is how a glyph is drawn: its style without the role (which picked
// its face), so that glyphs hold no pointers for the collector to scan.
type look struct {
	size  float64
	color Color
	bold  bool
}

// glyph is one character ready to be set on a line.
type glyph struct {
	r    rune
	face int
	st   look
	cls  class
	adv  float64 // the font's advance at st.size, pt
	slot float64 // width the glyph takes on the line, before justification
	off  float64 // where the glyph is drawn inside its slot
}

// shaper turns text into glyphs, recording characters no font has.
type shaper struct {
	fonts   Fonts
	errs    *diag.List
	missing map[missKey]bool
	dropped int // characters left out because no font has them, so far
}

type missKey struct {
	pos diag.Pos
	r   rune
}

func newShaper(fonts Fonts, errs *diag.List) *shaper {
	return &shaper{fonts: fonts, errs: errs, missing: make(map[missKey]bool)}
}

// shape converts spans into glyphs. where names the part of the document
// for error messages when pos is unknown.
func (s *shaper) shape(spans []span, pos diag.Pos, where string) []glyph {
	n := 0
	for _, sp := range spans {
		n += utf8.RuneCountInString(sp.text)
	}
	gs := make([]glyph, 0, n)
	for _, sp := range spans {
		for _, r := range sp.text {
			switch r {
			case '\r':
				continue
			case '\t':
				r = ' '
			}
			g := glyph{r: r, st: look{size: sp.st.size, color: sp.st.color, bold: sp.st.bold}, cls: classOf(r)}
			if g.cls == clsBreak {
				gs = append(gs, g)
				continue
			}
			role := sp.st.role
			if (r == '…' || r == '_') && (role == model.RoleBody || role == model.RoleKai) {
				// Fandol (the open 仿宋/楷体) sets … on the baseline, where
				// Chinese usage (GB/T 15834) centres it, and its _ do not
				// join into a line; the fallback 宋体 does both right.
				role = model.RoleFallback
			}
			face, ok := s.fonts.Pick(role, r)
			if !ok && role != sp.st.role {
				face, ok = s.fonts.Pick(sp.st.role, r)
			}
			if !ok || r > 0xFFFF {
				s.dropped++
				s.report(r, pos, where)
				continue
			}
			g.face = face
			g.adv = s.fonts.Advance(face, r) * sp.st.size
			g.slot = g.adv
			if isWide(r) {
				g.slot = sp.st.size
				switch g.cls {
				case clsOpen:
					g.off = g.slot - g.adv
				case clsClose:
					g.off = 0
				default:
					g.off = (g.slot - g.adv) / 2
				}
			}
			gs = append(gs, g)
		}
	}
	// a proportional dash (narrower than its full-width slot) is pushed
	// towards its partner so that —— is one unbroken line
	for i := 0; i+1 < len(gs); i++ {
		a, b := &gs[i], &gs[i+1]
		if a.cls == clsDash && b.cls == clsDash {
			if a.adv < a.slot-0.01 {
				// and over the side bearings of a Latin-style em dash
				a.off = a.slot - a.adv + 0.06*a.st.size
				b.off = -0.06 * b.st.size
			}
			i++
		}
	}
	return gs
}

func (s *shaper) report(r rune, pos diag.Pos, where string) {
	k := missKey{pos, r}
	if s.missing[k] {
		return
	}
	s.missing[k] = true
	prefix := ""
	if where != "" {
		prefix = where + "："
	}
	if r > 0xFFFF {
		s.errs.Add(pos, fmt.Sprintf("%s字符“%c”（U+%04X）在基本多文种平面之外，PDF 中无法正确显示和提取", prefix, r, r),
			"请改用常用字，或用拼音、图片等方式代替")
		return
	}
	s.errs.Add(pos, fmt.Sprintf("%s没有任何字体含有字符“%c”（U+%04X）", prefix, r, r),
		"请改用常用字，或在 fonts/fonts.toml 中为 fallback 角色指定含有该字的字体")
}

// unit is a run of glyphs that is never broken: one CJK character, a mark,
// a Latin word, —— or …….
type unit struct{ start, end int }

// units splits gs into unbreakable units.
func units(gs []glyph) []unit {
	us := make([]unit, 0, len(gs))
	for i := 0; i < len(gs); {
		j := i + 1
		switch c := gs[i].cls; c {
		case clsLatin:
			for j < len(gs) && gs[j].cls == clsLatin {
				j++
			}
		case clsDash, clsEllipsis:
			for j < len(gs) && gs[j].cls == c && j-i < 2 {
				j++
			}
		}
		us = append(us, unit{i, j})
		i = j
	}
	return us
}

// lineSpec is what the breaker needs to know about the lines of a paragraph.
type lineSpec struct {
	first, rest float64 // available widths of the first and the following lines
	spacing     float64 // base character spacing (BodySpacing on the body grid, else 0)
	words       bool    // break only at spaces when possible (form lines of fields)
}

// line is one broken line: glyphs [start,end) of the paragraph, with
// compressed marks and whether it is justified.
type line struct {
	gs      []glyph // copies, slots adjusted for compression
	avail   float64
	justify bool
}

// width returns the natural width of gs with spacing sp between glyphs.
func width(gs []glyph, sp float64) float64 {
	if len(gs) == 0 {
		return 0
	}
	w := 0.0
	for i := range gs {
		w += gs[i].slot
	}
	return w + sp*float64(len(gs)-1)
}

// breakOK reports whether a line may end after unit a and the next start with unit b.
func breakOK(gs []glyph, a, b unit) bool {
	last, first := gs[a.end-1], gs[b.start]
	if last.cls == clsBreak || first.cls == clsBreak {
		return true
	}
	if first.cls == clsSpace || last.cls == clsSpace {
		return !last.cls.noEnd()
	}
	return !last.cls.noEnd() && !first.cls.noStart()
}

// compress tries to make gs fit in avail by squeezing punctuation: a closing
// mark at the line end to half width, then adjacent marks (1.5 em instead of
// 2) from the end backwards. A line ending in a half-width mark may also be
// tightened by up to half an em overall (0.3 pt a gap on the body grid), so
// that 28 characters and a comma fit, as Word's 标点溢出 would put them. It
// returns the adjusted copy and whether it fits.
func compress(gs []glyph, avail, sp float64) ([]glyph, bool) {
	w := width(gs, sp)
	eps := 0.01
	if w <= avail+eps {
		return gs[:len(gs):len(gs)], true // nothing to squeeze: no copy
	}
	out := append([]glyph(nil), gs...)
	n := len(out)
	if n > 0 && out[n-1].cls == clsClose && isWide(out[n-1].r) {
		out[n-1].slot -= out[n-1].st.size / 2
		w -= out[n-1].st.size / 2
		eps += out[n-1].st.size / 2
	}
	for i := n - 2; i >= 0 && w > avail+eps; i-- {
		a, b := &out[i], &out[i+1]
		if !isWide(a.r) || !isWide(b.r) {
			continue
		}
		switch {
		case a.cls == clsClose && (b.cls == clsClose || b.cls == clsOpen || b.cls == clsNoStart) && a.slot == a.st.size:
			a.slot -= a.st.size / 2
			w -= a.st.size / 2
		case b.cls == clsOpen && (a.cls == clsOpen || a.cls == clsClose || a.cls == clsNoStart) && b.slot == b.st.size:
			b.slot -= b.st.size / 2
			b.off -= b.st.size / 2
			w -= b.st.size / 2
		}
	}
	return out, w <= avail+eps
}

// breakLines breaks glyphs into lines by the rules of GB/T 15834 and clreq:
// no line starts with a closing mark or ends with an opening one, —— and
// …… stay whole; a violation is resolved by squeezing punctuation first,
// else by pulling the previous unit down. Full lines are justified.
func breakLines(gs []glyph, spec lineSpec) []line {
	us := units(gs)
	if spec.words {
		us = joinWords(gs, us)
	}
	us = splitWide(gs, us, spec.spacing, math.Min(spec.first, spec.rest))
	var lines []line
	avail := spec.first
	emit := func(a, b int, justify bool) {
		seg := gs[us[a].start:us[b-1].end]
		for len(seg) > 0 && (seg[len(seg)-1].cls == clsSpace || seg[len(seg)-1].cls == clsBreak) {
			seg = seg[:len(seg)-1]
		}
		out, _ := compress(seg, avail, spec.spacing)
		lines = append(lines, line{gs: out, avail: avail, justify: justify})
		avail = spec.rest
	}
	i := 0
	for i < len(us) {
		if len(lines) > 0 || i > 0 {
			for i < len(us) && gs[us[i].start].cls == clsSpace {
				i++
			}
			if i == len(us) {
				break
			}
		}
		j, hard := fill(gs, us, i, avail, spec.spacing)
		if hard {
			if j == i {
				lines = append(lines, line{avail: avail})
				avail = spec.rest
			} else {
				emit(i, j, false)
			}
			i = j + 1
			continue
		}
		if j == len(us) {
			emit(i, j, false)
			break
		}
		end := j
		if !breakOK(gs, us[end-1], us[end]) {
			end = mendBreak(gs, us, i, end, avail, spec.spacing)
		}
		if end == len(us) {
			emit(i, end, false)
			break
		}
		emit(i, end, true)
		i = end
	}
	return lines
}

// joinWords joins the units us of gs between spaces (and breaks) into one
// unit each, for text broken only at spaces.
func joinWords(gs []glyph, us []unit) []unit {
	var ws []unit
	for _, u := range us {
		c := gs[u.start].cls
		if n := len(ws); n > 0 && c != clsSpace && c != clsBreak {
			if p := gs[ws[n-1].end-1].cls; p != clsSpace && p != clsBreak {
				ws[n-1].end = u.end
				continue
			}
		}
		ws = append(ws, u)
	}
	return ws
}

// splitWide breaks the units (Latin words) wider than minAvail between
// their letters.
func splitWide(gs []glyph, us []unit, spacing, minAvail float64) []unit {
	for k := 0; k < len(us); k++ {
		u := us[k]
		if u.end-u.start > 1 && width(gs[u.start:u.end], spacing) > minAvail {
			split := make([]unit, 0, len(us)+u.end-u.start)
			split = append(split, us[:k]...)
			for i := u.start; i < u.end; i++ {
				split = append(split, unit{i, i + 1})
			}
			us = append(split, us[k+1:]...)
			k += u.end - u.start - 1
		}
	}
	return us
}

// fill takes units from us[i] on while they fit in avail (at least one),
// and returns the end of the line and whether it stopped at a hard break
// (us[j] is then the break).
func fill(gs []glyph, us []unit, i int, avail, spacing float64) (j int, hard bool) {
	j = i
	w := 0.0
	for j < len(us) {
		u := us[j]
		if gs[u.start].cls == clsBreak {
			return j, true
		}
		add := width(gs[u.start:u.end], spacing)
		if j > i {
			add += spacing
		}
		if j > i && w+add > avail+0.01 {
			break
		}
		w += add
		j++
	}
	return j, false
}

// mendBreak moves the end of the line us[i:end], where a line may not
// break: up to three following units are pulled up onto it when squeezing
// punctuation makes them fit and the break after them is allowed; else the
// previous units are pulled down to the last allowed break (none: the end
// stays).
func mendBreak(gs []glyph, us []unit, i, end int, avail, spacing float64) int {
	for k := end + 1; k <= len(us) && k <= end+3; k++ {
		if _, fits := compress(gs[us[i].start:us[k-1].end], avail, spacing); !fits {
			break
		}
		if k == len(us) || breakOK(gs, us[k-1], us[k]) {
			return k
		}
	}
	k := end - 1
	for k > i && !breakOK(gs, us[k-1], us[k]) {
		k--
	}
	if k > i {
		return k
	}
	return end
}

// placed is a glyph at its final x.
type placed struct {
	glyph
	x float64 // left edge of the drawn glyph
}

// halign is the alignment of a line inside its available width.
type halign int

const (
	alignJustify halign = iota // justify full lines, last line left
	alignLeft
	alignCenter
	alignRight
)

// place positions the glyphs of l starting at x0 in a box of width l.avail.
func place(l line, x0, sp float64, align halign) []placed {
	return appendPlaced(nil, l, x0, sp, align)
}

// appendPlaced is place, appending to dst.
func appendPlaced(dst []placed, l line, x0, sp float64, align halign) []placed {
	gs := l.gs
	if len(gs) == 0 {
		return dst
	}
	w := width(gs, sp)
	extra := l.avail - w
	e := 0.0
	x := x0
	switch {
	case len(gs) > 1 && (extra < 0 || (align == alignJustify && l.justify)):
		e = extra / float64(len(gs)-1)
	case align == alignCenter:
		x += extra / 2
	case align == alignRight:
		x += extra
	}
	for _, g := range gs {
		dst = append(dst, placed{glyph: g, x: x + g.off})
		x += g.slot + sp + e
	}
	return dst
}

// runs turns placed glyphs on one baseline into text items: one item per
// stretch of glyphs with the same face, size, colour and spacing.
func runs(ps []placed, y float64, defSpacing float64) []Item {
	return appendRuns(nil, ps, y, defSpacing)
}

// appendRuns is runs, appending the items to items.
func appendRuns(items []Item, ps []placed, y float64, defSpacing float64) []Item {
	var cur *Item
	var lastX, lastAdv float64
	var text []byte // the current item's text
	n := 0
	for _, p := range ps {
		if p.cls == clsSpace && cur == nil {
			continue
		}
		if cur != nil && p.face == cur.Face && p.st.size == cur.Size && p.st.color == cur.Color && p.st.bold == cur.Bold {
			sp := p.x - lastX - lastAdv
			if n == 1 || math.Abs(sp-cur.Spacing) < 0.005 {
				if n == 1 {
					cur.Spacing = sp
				}
				text = utf8.AppendRune(text, p.r)
				lastX, lastAdv = p.x, p.adv
				n++
				continue
			}
		}
		if cur != nil {
			cur.Text = string(text)
			items = append(items, trimRun(*cur, n, defSpacing))
		}
		cur = &Item{Kind: TextItem, X: p.x, Y: y, Size: p.st.size, Face: p.face, Color: p.st.color,
			Spacing: defSpacing, Bold: p.st.bold}
		text = utf8.AppendRune(text[:0], p.r)
		lastX, lastAdv = p.x, p.adv
		n = 1
	}
	if cur != nil {
		cur.Text = string(text)
		items = append(items, trimRun(*cur, n, defSpacing))
	}
	return items
}

func trimRun(it Item, n int, def float64) Item {
	if n == 1 {
		it.Spacing = def
	}
	it.Spacing = math.Round(it.Spacing*10000) / 10000
	return it
}
