package pdf

import (
	"encoding/binary"
	"math"
	"strings"
)

// A subset embeds each glyph's outline re-encoded (embedded): the same
// points, in the fewest bytes the glyf format allows, without hinting
// instructions (PDF viewers and printers draw outlines unhinted, and a
// page is drawn at print resolution), and with composite glyphs resolved
// into simple ones, since a composite names its parts by glyph ids that a
// subset renumbers. A glyph's embedded bytes depend on the face alone, so
// the cached chunks of outlines stay shared by every document of a run.

// Flags of a simple glyph's points.
const (
	flagOnCurve = 0x01
	flagXShort  = 0x02
	flagYShort  = 0x04
	flagRepeat  = 0x08
	flagXSame   = 0x10 // with flagXShort: the byte is a positive delta
	flagYSame   = 0x20 // with flagYShort: the byte is a positive delta
	flagOverlap = 0x40 // OVERLAP_SIMPLE, meaningful on the first point
)

// Flags of a composite glyph's components.
const (
	compWords     = 0x0001 // ARG_1_AND_2_ARE_WORDS
	compXY        = 0x0002 // ARGS_ARE_XY_VALUES (else point numbers)
	compScale     = 0x0008 // WE_HAVE_A_SCALE
	compMore      = 0x0020 // MORE_COMPONENTS
	compXYScale   = 0x0040 // WE_HAVE_AN_X_AND_Y_SCALE
	compTwoByTwo  = 0x0080 // WE_HAVE_A_TWO_BY_TWO
	compScaledOff = 0x0800 // SCALED_COMPONENT_OFFSET
)

// maxCompositeDepth bounds nested composites (fonts nest two or three deep;
// a loop in a broken font must end).
const maxCompositeDepth = 8

// trickyFonts are the names (prefixes of the PostScript or family name) of
// fonts that place the strokes of their glyphs by their hinting programs:
// FreeType always hints these ("tricky" fonts), so their instructions are
// kept. The list is FreeType's (ttobjs.c).
var trickyFonts = []string{
	"cpop", "DFGirl-W6-WIN-BF", "DFGothic-EB", "DFGyoSho-Lt", "DFHei", "DFHSGothic-W5",
	"DFHSMincho-W3", "DFHSMincho-W7", "DFKaiSho-SB", "DFKaiShu", "DFKai-SB", "DFMing", "DLC",
	"HuaTianKaiTi", "HuaTianSongTi", "Ming(for ISO10646)", "MingLiU", "MingMedium", "PMingLiU", "MingLi43",
}

// isTricky reports whether a font named name needs its hinting programs.
func isTricky(name string) bool {
	for _, t := range trickyFonts {
		if strings.HasPrefix(name, t) {
			return true
		}
	}
	return false
}

// glyphPoint is a point of an outline in font units, with its flag bits
// flagOnCurve and flagOverlap.
type glyphPoint struct {
	x, y int
	flag byte
}

// embedded returns glyph g's outline as subsets embed it (see above); with
// keepHints, a simple glyph's instructions are kept. It returns the face's
// own bytes when they are already as short, and an empty outline for a
// composite that cannot be resolved (a broken font).
func (fi *faceIndex) embedded(g uint16, keepHints bool) []byte {
	data := fi.glyph(g)
	if len(data) < 10 {
		return data
	}
	if int16(be16(data, 0)) < 0 {
		ends, pts, ok := fi.flatten(g, 0)
		if !ok {
			return nil
		}
		return encodeSimple(data[2:10], ends, pts, nil)
	}
	ends, pts, instr, ok := decodeSimple(data)
	if !ok {
		return data
	}
	if !keepHints {
		instr = nil
	}
	if out := encodeSimple(data[2:10], ends, pts, instr); len(out) < len(data) {
		return out
	}
	return data
}

// decodeSimple reads a simple glyph: the last point of each contour, the
// points (absolute coordinates) and the instructions.
func decodeSimple(data []byte) (ends []int, pts []glyphPoint, instr []byte, ok bool) {
	n := int(int16(be16(data, 0)))
	if n < 0 || 10+2*n+2 > len(data) {
		return nil, nil, nil, false
	}
	ends = make([]int, n)
	points := 0
	for i := range ends {
		ends[i] = int(be16(data, 10+2*i))
		if ends[i] < points-1 {
			return nil, nil, nil, false
		}
		points = ends[i] + 1
	}
	ilen := int(be16(data, 10+2*n))
	p := 10 + 2*n + 2 + ilen
	if p > len(data) {
		return nil, nil, nil, false
	}
	instr = data[p-ilen : p]
	pts = make([]glyphPoint, 0, points)
	flags := make([]byte, 0, points)
	for len(flags) < points {
		if p >= len(data) {
			return nil, nil, nil, false
		}
		f := data[p] &^ flagRepeat
		k := 1
		if data[p]&flagRepeat != 0 {
			if p+1 >= len(data) {
				return nil, nil, nil, false
			}
			k += int(data[p+1])
			p++
		}
		p++
		for ; k > 0 && len(flags) < points; k-- {
			flags = append(flags, f)
		}
	}
	x, y := 0, 0
	pts = pts[:points]
	for i, f := range flags {
		var d int
		if d, p, ok = readDelta(data, p, f, flagXShort, flagXSame); !ok {
			return nil, nil, nil, false
		}
		x += d
		pts[i] = glyphPoint{x: x, flag: f & (flagOnCurve | flagOverlap)}
	}
	for i, f := range flags {
		var d int
		if d, p, ok = readDelta(data, p, f, flagYShort, flagYSame); !ok {
			return nil, nil, nil, false
		}
		y += d
		pts[i].y = y
	}
	return ends, pts, instr, true
}

// readDelta reads one coordinate delta of a point with flag f.
func readDelta(data []byte, p int, f, short, same byte) (int, int, bool) {
	switch {
	case f&short != 0:
		if p >= len(data) {
			return 0, p, false
		}
		if f&same != 0 {
			return int(data[p]), p + 1, true
		}
		return -int(data[p]), p + 1, true
	case f&same != 0:
		return 0, p, true
	}
	if p+2 > len(data) {
		return 0, p, false
	}
	return int(int16(be16(data, p))), p + 2, true
}

// encodeSimple writes a simple glyph with bounding box bbox (8 bytes as in
// the glyph header) in the fewest bytes: a zero delta as a "same" flag, a
// delta below 256 as one byte, runs of three or more equal flags repeated.
func encodeSimple(bbox []byte, ends []int, pts []glyphPoint, instr []byte) []byte {
	if len(ends) == 0 {
		return nil
	}
	out := make([]byte, 0, 12+2*len(ends)+len(instr)+5*len(pts))
	out = binary.BigEndian.AppendUint16(out, uint16(len(ends)))
	out = append(out, bbox[:8]...)
	for _, e := range ends {
		out = binary.BigEndian.AppendUint16(out, uint16(e))
	}
	out = binary.BigEndian.AppendUint16(out, uint16(len(instr)))
	out = append(out, instr...)
	flags := make([]byte, len(pts))
	px, py := 0, 0
	for i, p := range pts {
		flags[i] = p.flag | deltaFlag(p.x-px, flagXShort, flagXSame) | deltaFlag(p.y-py, flagYShort, flagYSame)
		px, py = p.x, p.y
	}
	for i := 0; i < len(flags); {
		j := i + 1
		for j < len(flags) && j-i < 256 && flags[j] == flags[i] {
			j++
		}
		if j-i >= 3 {
			out = append(out, flags[i]|flagRepeat, byte(j-i-1))
		} else {
			out = append(out, flags[i:j]...)
		}
		i = j
	}
	px = 0
	for _, p := range pts {
		out = appendDelta(out, p.x-px)
		px = p.x
	}
	py = 0
	for _, p := range pts {
		out = appendDelta(out, p.y-py)
		py = p.y
	}
	return out
}

// deltaFlag returns the flag bits that encode delta d most briefly.
func deltaFlag(d int, short, same byte) byte {
	switch {
	case d == 0:
		return same
	case d > 0 && d < 256:
		return short | same
	case d < 0 && d > -256:
		return short
	}
	return 0
}

// appendDelta appends the bytes of delta d as deltaFlag encodes it.
func appendDelta(out []byte, d int) []byte {
	switch {
	case d == 0:
		return out
	case d > 0 && d < 256:
		return append(out, byte(d))
	case d < 0 && d > -256:
		return append(out, byte(-d))
	}
	return binary.BigEndian.AppendUint16(out, uint16(int16(d)))
}

// flatten returns the contours of glyph g with its components, if it is a
// composite, placed and transformed as simple contours.
func (fi *faceIndex) flatten(g uint16, depth int) (ends []int, pts []glyphPoint, ok bool) {
	data := fi.glyph(g)
	if len(data) < 10 {
		return nil, nil, true // an empty glyph
	}
	if int16(be16(data, 0)) >= 0 {
		ends, pts, _, ok = decodeSimple(data)
		return ends, pts, ok
	}
	if depth >= maxCompositeDepth {
		return nil, nil, false
	}
	for p := 10; ; {
		if p+4 > len(data) {
			return nil, nil, false
		}
		flags, id := be16(data, p), be16(data, p+2)
		p += 4
		var a1, a2 int
		switch {
		case flags&compWords != 0 && p+4 <= len(data):
			a1, a2 = int(int16(be16(data, p))), int(int16(be16(data, p+2)))
			p += 4
		case flags&compWords == 0 && p+2 <= len(data):
			if flags&compXY != 0 {
				a1, a2 = int(int8(data[p])), int(int8(data[p+1]))
			} else {
				a1, a2 = int(data[p]), int(data[p+1])
			}
			p += 2
		default:
			return nil, nil, false
		}
		m := [4]float64{1, 0, 0, 1} // x' = m0·x + m2·y, y' = m1·x + m3·y
		f2 := func(k int) float64 { return float64(int16(be16(data, p+2*k))) / 16384 }
		switch {
		case flags&compScale != 0 && p+2 <= len(data):
			m[0], m[3] = f2(0), f2(0)
			p += 2
		case flags&compXYScale != 0 && p+4 <= len(data):
			m[0], m[3] = f2(0), f2(1)
			p += 4
		case flags&compTwoByTwo != 0 && p+8 <= len(data):
			m = [4]float64{f2(0), f2(1), f2(2), f2(3)}
			p += 8
		case flags&(compScale|compXYScale|compTwoByTwo) != 0:
			return nil, nil, false
		}
		cends, cpts, ok := fi.flatten(id, depth+1)
		if !ok {
			return nil, nil, false
		}
		moved := make([]glyphPoint, len(cpts))
		for i, q := range cpts {
			x, y := float64(q.x), float64(q.y)
			moved[i] = glyphPoint{x: roundUnit(m[0]*x + m[2]*y), y: roundUnit(m[1]*x + m[3]*y), flag: q.flag &^ flagOverlap}
		}
		var dx, dy int
		switch {
		case flags&compXY != 0 && flags&compScaledOff != 0:
			dx, dy = roundUnit(m[0]*float64(a1)+m[2]*float64(a2)), roundUnit(m[1]*float64(a1)+m[3]*float64(a2))
		case flags&compXY != 0:
			dx, dy = a1, a2
		default: // point a1 of the glyph so far meets point a2 of the component
			if a1 >= len(pts) || a2 >= len(moved) {
				return nil, nil, false
			}
			dx, dy = pts[a1].x-moved[a2].x, pts[a1].y-moved[a2].y
		}
		for _, e := range cends {
			ends = append(ends, len(pts)+e)
		}
		for _, q := range moved {
			pts = append(pts, glyphPoint{x: q.x + dx, y: q.y + dy, flag: q.flag})
		}
		if flags&compMore == 0 {
			return ends, pts, true
		}
	}
}

// roundUnit rounds a transformed coordinate to a font unit.
func roundUnit(v float64) int { return int(math.Round(v)) }
