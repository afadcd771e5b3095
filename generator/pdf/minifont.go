package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
)

// The PDF library embeds a subset of a font but copies the font's whole hmtx
// and loca tables (about 250 KB for a 30,000-glyph CJK font) and deflates
// the result at the default level, for every document. Rather than hand it
// the full faces, the renderer indexes each face once (New) and builds, per
// document, a small TrueType font holding only the glyphs that document
// uses; the library then parses a few kilobytes and compresses little.
// Glyph outlines and metrics are copied unchanged.

// faceIndex is a parsed TrueType face, read-only after New.
type faceIndex struct {
	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	loca        []uint32 // numGlyphs+1 offsets into glyf
	cmap        map[rune]uint16
	// zglyph caches each simple glyph's outline deflated on its own (see
	// compress), shared by every document and goroutine.
	zglyph []atomic.Pointer[[]byte]
}

func be16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func be32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// indexFace parses the tables of a standalone TrueType font.
func indexFace(ttf []byte) (*faceIndex, error) {
	if len(ttf) < 12 {
		return nil, errors.New("字体文件太短")
	}
	if v := be32(ttf, 0); v != 0x00010000 && v != 0x74727565 {
		return nil, errors.New("不是 TrueType 字体（需要 glyf 轮廓）")
	}
	n := int(be16(ttf, 4))
	if len(ttf) < 12+16*n {
		return nil, errors.New("字体表目录不完整")
	}
	fi := &faceIndex{tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		e := ttf[12+16*i:]
		tag := string(e[:4])
		off, ln := int(be32(e, 8)), int(be32(e, 12))
		if off < 0 || ln < 0 || off+ln > len(ttf) {
			return nil, fmt.Errorf("字体表 %q 越界", tag)
		}
		fi.tables[tag] = ttf[off : off+ln]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "OS/2", "name", "post"} {
		if fi.tables[tag] == nil {
			return nil, fmt.Errorf("字体缺少 %s 表", tag)
		}
	}
	head, hhea, maxp := fi.tables["head"], fi.tables["hhea"], fi.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("字体的 head/hhea/maxp 表不完整")
	}
	fi.numGlyphs = int(be16(maxp, 4))
	fi.numHMetrics = int(be16(hhea, 34))
	if fi.numHMetrics < 1 || len(fi.tables["hmtx"]) < 4*fi.numHMetrics+2*(fi.numGlyphs-fi.numHMetrics) {
		return nil, errors.New("字体的 hmtx 表不完整")
	}
	loca := fi.tables["loca"]
	long := be16(head, 50) == 1
	fi.zglyph = make([]atomic.Pointer[[]byte], fi.numGlyphs)
	fi.loca = make([]uint32, fi.numGlyphs+1)
	for g := 0; g <= fi.numGlyphs; g++ {
		if long {
			if 4*g+4 > len(loca) {
				return nil, errors.New("字体的 loca 表不完整")
			}
			fi.loca[g] = be32(loca, 4*g)
		} else {
			if 2*g+2 > len(loca) {
				return nil, errors.New("字体的 loca 表不完整")
			}
			fi.loca[g] = 2 * uint32(be16(loca, 2*g))
		}
		if g > 0 && (fi.loca[g] < fi.loca[g-1] || int(fi.loca[g]) > len(fi.tables["glyf"])) {
			return nil, errors.New("字体的 loca 表有误")
		}
	}
	cm, err := parseCmap(fi.tables["cmap"])
	if err != nil {
		return nil, err
	}
	fi.cmap = cm
	return fi, nil
}

// parseCmap reads the Unicode BMP mapping (3,1 format 4) or the full one
// (3,10 or 0,4 format 12).
func parseCmap(t []byte) (map[rune]uint16, error) {
	if len(t) < 4 {
		return nil, errors.New("字体的 cmap 表不完整")
	}
	n := int(be16(t, 2))
	var off4, off12 int
	for i := 0; i < n && 4+8*i+8 <= len(t); i++ {
		pid, eid, off := be16(t, 4+8*i), be16(t, 6+8*i), int(be32(t, 8+8*i))
		if off+4 > len(t) {
			continue
		}
		switch f := be16(t, off); {
		case f == 12 && (pid == 3 && eid == 10 || pid == 0 && eid == 4):
			off12 = off
		case f == 4 && (pid == 3 && eid == 1 || pid == 0 && eid == 3):
			off4 = off
		}
	}
	m := make(map[rune]uint16)
	switch {
	case off12 > 0:
		if off12+16 > len(t) {
			return nil, errors.New("cmap 格式 12 不完整")
		}
		ng := int(be32(t, off12+12))
		if off12+16+12*ng > len(t) {
			return nil, errors.New("cmap 格式 12 不完整")
		}
		for i := 0; i < ng; i++ {
			g := t[off12+16+12*i:]
			start, end, gid := be32(g, 0), be32(g, 4), be32(g, 8)
			if end > 0xFFFF {
				end = 0xFFFF // the writer draws only the BMP
			}
			for c := start; c <= end && end-start < 0x10000; c++ {
				m[rune(c)] = uint16(gid + c - start)
			}
		}
	case off4 > 0:
		if off4+14 > len(t) {
			return nil, errors.New("cmap 格式 4 不完整")
		}
		seg := int(be16(t, off4+6)) / 2
		ends := off4 + 14
		starts := ends + 2*seg + 2
		deltas := starts + 2*seg
		ranges := deltas + 2*seg
		if ranges+2*seg > len(t) {
			return nil, errors.New("cmap 格式 4 不完整")
		}
		for s := 0; s < seg; s++ {
			end, start := int(be16(t, ends+2*s)), int(be16(t, starts+2*s))
			delta, ro := be16(t, deltas+2*s), int(be16(t, ranges+2*s))
			for c := start; c <= end && c != 0xFFFF; c++ {
				var gid uint16
				if ro == 0 {
					gid = uint16(c) + delta
				} else {
					p := ranges + 2*s + ro + 2*(c-start)
					if p+2 > len(t) {
						continue
					}
					if gid = be16(t, p); gid != 0 {
						gid += delta
					}
				}
				if gid != 0 {
					m[rune(c)] = gid
				}
			}
		}
	default:
		return nil, errors.New("字体没有 Unicode 字符映射（cmap 3,1 或 3,10）")
	}
	return m, nil
}

func (fi *faceIndex) glyph(g uint16) []byte {
	if int(g) >= fi.numGlyphs {
		return nil
	}
	return fi.tables["glyf"][fi.loca[g]:fi.loca[g+1]]
}

// components returns the glyph ids a composite glyph refers to, and the
// offsets of those ids in its data.
func components(data []byte) (ids []uint16, offs []int) {
	if len(data) < 10 || int16(be16(data, 0)) >= 0 {
		return nil, nil
	}
	p := 10
	for p+4 <= len(data) {
		flags := be16(data, p)
		ids = append(ids, be16(data, p+2))
		offs = append(offs, p+2)
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return ids, offs
}

// glyphSpan is one glyph's padded outline inside a subset's glyf table.
type glyphSpan struct {
	start, end int    // offsets into the glyf table
	gid        uint16 // the glyph's id in the full face
	simple     bool   // not a composite: the bytes depend on the glyph alone
}

// subset builds a TrueType font with .notdef and the glyphs of runes (which
// the face must have), mapped by a format 4 cmap. It returns the font, its
// hollow twin (the same tables, glyph ids and metrics, but no outlines), and
// where each glyph lies in the glyf table.
func (fi *faceIndex) subset(runes []rune) (font, hollow []byte, spans []glyphSpan) {
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	olds := []uint16{0}
	newID := map[uint16]uint16{0: 0}
	add := func(g uint16) {
		if _, ok := newID[g]; !ok && int(g) < fi.numGlyphs {
			newID[g] = uint16(len(olds))
			olds = append(olds, g)
		}
	}
	var mapped []rune
	for _, r := range runes {
		if g, ok := fi.cmap[r]; ok && r <= 0xFFFF {
			add(g)
			mapped = append(mapped, r)
		}
	}
	for i := 0; i < len(olds); i++ { // composite closure
		ids, _ := components(fi.glyph(olds[i]))
		for _, id := range ids {
			add(id)
		}
	}
	n := len(olds)

	// glyf and loca
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	for i, g := range olds {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		data := fi.glyph(g)
		start := len(glyf)
		glyf = append(glyf, data...)
		ids, offs := components(data)
		for k, id := range ids {
			binary.BigEndian.PutUint16(glyf[start+offs[k]:], newID[id])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		spans = append(spans, glyphSpan{start: start, end: len(glyf), gid: g, simple: len(ids) == 0})
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	// hmtx
	src := fi.tables["hmtx"]
	hmtx := make([]byte, 4*n)
	for i, g := range olds {
		var adv, lsb uint16
		if int(g) < fi.numHMetrics {
			adv, lsb = be16(src, 4*int(g)), be16(src, 4*int(g)+2)
		} else {
			adv = be16(src, 4*(fi.numHMetrics-1))
			lsb = be16(src, 4*fi.numHMetrics+2*(int(g)-fi.numHMetrics))
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], lsb)
	}

	head := slices.Clone(fi.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(fi.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(fi.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	post := make([]byte, 32)
	copy(post, fi.tables["post"])
	binary.BigEndian.PutUint32(post[0:], 0x00030000) // no glyph names

	tables := map[string][]byte{
		"cmap": cmap4(mapped, func(r rune) uint16 { return newID[fi.cmap[r]] }),
		"glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx, "loca": loca, "maxp": maxp,
		"name": fi.tables["name"], "OS/2": fi.tables["OS/2"], "post": post,
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t := fi.tables[tag]; t != nil {
			tables[tag] = t
		}
	}
	font = assemble(tables)
	tables["glyf"] = nil
	tables["loca"] = make([]byte, len(loca))
	return font, assemble(tables), spans
}

// cmap4 builds a cmap table with one (3,1) format 4 subtable mapping runes
// (sorted, BMP) to glyph ids, one segment per run of consecutive characters
// with consecutive ids.
func cmap4(runes []rune, gid func(rune) uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, r := range runes {
		c, g := uint16(r), gid(r)
		if k := len(segs); k > 0 && segs[k-1].end+1 == c && segs[k-1].delta == g-c {
			segs[k-1].end = c
			continue
		}
		segs = append(segs, seg{c, c, g - c})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	sc := len(segs)
	sub := make([]byte, 16+8*sc)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*sc))
	sr, es := 1, 0
	for sr*2 <= sc {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(2*sr))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*sc-2*sr))
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], s.end)
		binary.BigEndian.PutUint16(sub[16+2*sc+2*i:], s.start)
		binary.BigEndian.PutUint16(sub[16+4*sc+2*i:], s.delta)
		// idRangeOffset stays 0
	}
	t := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(t[2:], 1)  // one subtable
	binary.BigEndian.PutUint16(t[4:], 3)  // platform Windows
	binary.BigEndian.PutUint16(t[6:], 1)  // Unicode BMP
	binary.BigEndian.PutUint32(t[8:], 12) // offset
	return append(t, sub...)
}

// assemble writes a TrueType file from its tables, sorted by tag.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*sr))
	for i, tag := range tags {
		t := tables[tag]
		e := 12 + 16*i
		copy(out[e:], tag)
		binary.BigEndian.PutUint32(out[e+4:], checksum(t))
		binary.BigEndian.PutUint32(out[e+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[e+12:], uint32(len(t)))
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
