package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The renderer indexes each face once (New): its tables, glyph locations and
// character map. Per document it then embeds a small TrueType font holding
// only the glyphs that document uses (font.go); metrics are copied
// unchanged, outlines re-encoded point for point (outline.go).

// faceIndex is a parsed TrueType face, read-only after New.
type faceIndex struct {
	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	loca        []uint32 // numGlyphs+1 offsets into glyf
	cmap        charMap
	unitsPerEm  int
}

// charMap maps the characters of the Basic Multilingual Plane (all the
// writer draws) to glyph ids, 0 where the face has no glyph. It is a dense
// table rather than a map: it is built for 30,000 characters of every face
// on every run (a map took 37 ms of a build's start) and looked up for
// every character of every document.
type charMap struct {
	gid []uint16 // 0x10000 entries, or nil for a face without a cmap
	n   int      // characters mapped
}

// at returns the glyph of character c, 0 when the face has none.
func (m *charMap) at(c rune) uint16 {
	if c < 0 || c > 0xFFFF || m.gid == nil {
		return 0
	}
	return m.gid[c]
}

// has reports whether the face draws character c.
func (m *charMap) has(c rune) bool { return m.at(c) != 0 }

func (m *charMap) set(c rune, g uint16) {
	if g != 0 && m.gid[c] == 0 {
		m.n++
	}
	m.gid[c] = g
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
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
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
	if fi.unitsPerEm = int(be16(head, 18)); fi.unitsPerEm < 16 {
		return nil, errors.New("字体的 unitsPerEm 有误")
	}
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
	if fi.tables["cmap"] != nil { // an embedded subset has none
		cm, err := parseCmap(fi.tables["cmap"])
		if err != nil {
			return nil, err
		}
		fi.cmap = cm
	}
	return fi, nil
}

// parseCmap reads the Unicode BMP mapping (3,1 format 4) or the full one
// (3,10 or 0,4 format 12), of which it keeps the BMP. A character mapped to
// glyph 0 (.notdef) counts as missing.
func parseCmap(t []byte) (charMap, error) {
	if len(t) < 4 {
		return charMap{}, errors.New("字体的 cmap 表不完整")
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
	m := charMap{gid: make([]uint16, 0x10000)}
	switch {
	case off12 > 0:
		if off12+16 > len(t) {
			return charMap{}, errors.New("cmap 格式 12 不完整")
		}
		ng := int(be32(t, off12+12))
		if off12+16+12*ng > len(t) {
			return charMap{}, errors.New("cmap 格式 12 不完整")
		}
		for i := 0; i < ng; i++ {
			g := t[off12+16+12*i:]
			start, end, gid := be32(g, 0), be32(g, 4), be32(g, 8)
			if end > 0xFFFF {
				end = 0xFFFF // the writer draws only the BMP
			}
			for c := start; c <= end && end-start < 0x10000; c++ {
				m.set(rune(c), uint16(gid+c-start))
			}
		}
	case off4 > 0:
		if off4+14 > len(t) {
			return charMap{}, errors.New("cmap 格式 4 不完整")
		}
		seg := int(be16(t, off4+6)) / 2
		ends := off4 + 14
		starts := ends + 2*seg + 2
		deltas := starts + 2*seg
		ranges := deltas + 2*seg
		if ranges+2*seg > len(t) {
			return charMap{}, errors.New("cmap 格式 4 不完整")
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
				m.set(rune(c), gid)
			}
		}
	default:
		return charMap{}, errors.New("字体没有 Unicode 字符映射（cmap 3,1 或 3,10）")
	}
	return m, nil
}

func (fi *faceIndex) glyph(g uint16) []byte {
	if int(g) >= fi.numGlyphs {
		return nil
	}
	return fi.tables["glyf"][fi.loca[g]:fi.loca[g+1]]
}

// embeddedNameIDs are the names a subset keeps: copyright, family,
// subfamily, unique id, full name, version, PostScript name, trademark,
// licence and its URL, typographic family and subfamily. Designers,
// descriptions, URLs and named instances are left out.
var embeddedNameIDs = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 13: true, 14: true, 16: true, 17: true}

// embeddedNames returns the name table a subset embeds: the records of
// embeddedNameIDs, only the Windows ones (platform 3) when there are any
// (other platforms repeat them in another encoding), as format 0. It
// returns t itself when it cannot read it.
func embeddedNames(t []byte) []byte {
	if len(t) < 6 {
		return t
	}
	n, storage := int(be16(t, 2)), int(be16(t, 4))
	if 6+12*n > len(t) || storage > len(t) {
		return t
	}
	windows := false
	for i := 0; i < n; i++ {
		windows = windows || be16(t, 6+12*i) == 3
	}
	var recs [][]byte
	var strs []byte
	for i := 0; i < n; i++ {
		r := t[6+12*i : 18+12*i]
		id, ln, off := be16(r, 6), int(be16(r, 8)), storage+int(be16(r, 10))
		if !embeddedNameIDs[id] || windows && be16(r, 0) != 3 || off+ln > len(t) {
			continue
		}
		rec := append([]byte(nil), r...)
		binary.BigEndian.PutUint16(rec[10:], uint16(len(strs)))
		recs = append(recs, rec)
		strs = append(strs, t[off:off+ln]...)
	}
	out := binary.BigEndian.AppendUint16(nil, 0)
	out = binary.BigEndian.AppendUint16(out, uint16(len(recs)))
	out = binary.BigEndian.AppendUint16(out, uint16(6+12*len(recs)))
	for _, r := range recs {
		out = append(out, r...)
	}
	return append(out, strs...)
}
