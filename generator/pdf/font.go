package pdf

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Fonts are embedded as Type0 fonts with a CIDFontType2 descendant, encoded
// Identity-H: a character's code in the content stream is its CID, and the
// CID is the glyph id in the embedded subset (CIDToGIDMap /Identity).
//
// Building the subset is most of what a document costs, and the documents
// of a run draw mostly the same characters (70 checklists differ only in a
// unit's name). So the subset's glyph outlines, sorted by glyph id, are cut
// into chunks at points that depend only on the glyph ids themselves (a
// glyph ends a chunk when a hash of its id is 0 modulo chunkGlyphs), and each
// chunk is deflated once per run at the best level and cached. Two documents
// whose characters differ in a few places share every other chunk; a
// document embeds exactly the glyphs it draws, and its bytes depend on
// nothing but its own characters, so output is the same in any order and on
// any number of workers. The tables that vary per document (hmtx, loca, and
// a few words of head, hhea, maxp) are small and deflated per document; the
// constant tables of a face are deflated once.

// chunkGlyphs is the mean number of glyphs in a cached chunk of outlines.
// Fewer means less to deflate again for a character a document adds; more
// means better compression. Measured on the 140 checklists and forms of the
// 2020 seeds (TestChunkSizes, CPU time of one process on 2 cores): 1 glyph
// 43.9 MB; 4: 39.9 MB, 4.0 ms a document; 8: 39.0 MB, 3.9 ms; 16: 38.1 MB,
// 5.3 ms; 64: 37.4 MB, 9.4 ms; one chunk per document (a subset deflated
// whole): 36.9 MB, 21 ms.
var chunkGlyphs uint32 = 8

// maxCached bounds the bytes of deflated chunks kept per run; beyond it
// chunks are deflated every time they are needed (same bytes, more CPU).
const maxCached = 96 << 20

// eagerCached is how many bytes of chunks a run caches at their first use
// (see face.piece).
const eagerCached = 16 << 20

// face is a font of the set as the renderer uses it: parsed once, read-only
// but for its chunk cache.
type face struct {
	*faceIndex
	name string // PostScript name, for BaseFont
	file string // for messages

	// The tables that are the same in every subset of the face ("OS/2",
	// "cvt ", "fpgm", "name" shortened, "post" as version 3, "prep"; the
	// hinting ones only for a face that keeps its hints), written just
	// before glyf, and .notdef's outline that starts glyf: deflated once.
	constTags   []string
	constSums   []uint32
	constLens   []int
	constPiece  zpiece
	constLen    int // padded bytes of the constant tables (without .notdef)
	notdef      []byte
	upem        float64
	bbox        [4]int
	ascent      int
	descent     int
	capHeight   int
	chunks      sync.Map // chunk key → *zpiece
	cachedBytes *atomic.Int64

	// keepHints keeps the hinting programs of a font that needs them
	// (isTricky); outlines holds each glyph as embedded (outline.go),
	// filled on first use.
	keepHints bool
	outlines  []atomic.Pointer[[]byte]
}

func pad4(n int) int { return (n + 3) &^ 3 }

func newFace(idx *faceIndex, name, file string, cached *atomic.Int64) *face {
	f := &face{faceIndex: idx, name: name, file: file, upem: float64(idx.unitsPerEm), cachedBytes: cached,
		keepHints: isTricky(name), outlines: make([]atomic.Pointer[[]byte], idx.numGlyphs)}
	var data [][]byte
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "name", "post", "prep"} {
		t := idx.tables[tag]
		if t == nil || !f.keepHints && (tag == "cvt " || tag == "fpgm" || tag == "prep") {
			continue
		}
		if tag == "name" {
			t = embeddedNames(t)
		}
		if tag == "post" { // version 3: no glyph names (ids change in a subset)
			t = append([]byte(nil), t[:min(len(t), 32)]...)
			t = append(t, make([]byte, 32-len(t))...)
			binary.BigEndian.PutUint32(t, 0x00030000)
		}
		f.constTags = append(f.constTags, tag)
		f.constSums = append(f.constSums, checksum(t))
		f.constLens = append(f.constLens, len(t))
		data = append(data, t, make([]byte, pad4(len(t))-len(t)))
		f.constLen += pad4(len(t))
	}
	f.notdef = padded(f.outline(0))
	data = append(data, f.notdef)
	f.constPiece = newPiece(levelShared, data...)
	head, hhea := idx.tables["head"], idx.tables["hhea"]
	for i := range f.bbox {
		f.bbox[i] = f.scale(int(int16(be16(head, 36+2*i))))
	}
	f.ascent = f.scale(int(int16(be16(hhea, 4))))
	f.descent = f.scale(int(int16(be16(hhea, 6))))
	f.capHeight = f.ascent
	if os2 := idx.tables["OS/2"]; len(os2) >= 90 && be16(os2, 0) >= 2 {
		f.capHeight = f.scale(int(int16(be16(os2, 88))))
	}
	return f
}

// scale converts font units to the PDF's 1/1000 em.
func (f *face) scale(v int) int { return int(math.Round(float64(v) * 1000 / f.upem)) }

// outline returns glyph g as subsets embed it (faceIndex.embedded), worked
// out once per face.
func (f *face) outline(g uint16) []byte {
	if int(g) >= len(f.outlines) {
		return nil
	}
	if p := f.outlines[g].Load(); p != nil {
		return *p
	}
	b := f.embedded(g, f.keepHints)
	f.outlines[g].Store(&b) // a racing goroutine stores the same bytes
	return b
}

// padded returns a glyph's outline padded to a multiple of 4 bytes, so that
// every glyph starts word-aligned and table checksums add up by chunk.
func padded(g []byte) []byte {
	if len(g)%4 == 0 {
		return g
	}
	return append(append(make([]byte, 0, pad4(len(g))), g...), make([]byte, pad4(len(g))-len(g))...)
}

// advance returns the advance width of glyph g in font units.
func (f *face) advance(g uint16) int {
	src := f.tables["hmtx"]
	if int(g) < f.numHMetrics {
		return int(be16(src, 4*int(g)))
	}
	return int(be16(src, 4*(f.numHMetrics-1)))
}

func (f *face) lsb(g uint16) uint16 {
	src := f.tables["hmtx"]
	if int(g) < f.numHMetrics {
		return be16(src, 4*int(g)+2)
	}
	return be16(src, 4*f.numHMetrics+2*(int(g)-f.numHMetrics))
}

// boundary reports whether glyph g ends a chunk.
func boundary(g uint16) bool {
	h := uint32(g)*0x9E3779B1 ^ 0x5bd1e995
	h ^= h >> 15
	h *= 0x2c1b3c6d
	h ^= h >> 12
	return h%chunkGlyphs == 0
}

// piece returns the deflated outlines of glyphs gs (ids in the face), from
// the cache or deflated now. Until the run's chunks hold eagerCached bytes,
// a chunk is cached the first time it is asked for; after that, the second
// time: the first time only its key is kept. Most chunks that one document
// asks for are asked for by many, and those that hold a character of its own
// (a person's name) by none other; caching all of those filled the cache
// with pieces never used again (96 MB at 10,000 units, marked by every
// garbage collection). A run of a year's 70 units caches everything at
// first use (3.2 MB), which saves the second deflating of 376 of its 1,275
// chunks; at 10,000 units the chunks every document shares are cached by
// the first documents, before the budget is spent.
func (f *face) piece(gs []uint16) zpiece {
	key := chunkKey(gs)
	v, seen := f.chunks.Load(string(key))
	if p, ok := v.(*zpiece); ok {
		return *p
	}
	data := make([][]byte, len(gs))
	var sum uint32
	for i, g := range gs {
		data[i] = padded(f.outline(g))
		sum += checksum(data[i])
	}
	p := newPiece(levelShared, data...)
	p.sum = sum
	keep := seen || f.cachedBytes.Load() < eagerCached
	cost := int64(len(key) + seenCost)
	if keep {
		cost = int64(len(key) + len(p.z))
	}
	if f.cachedBytes.Add(cost) <= maxCached {
		if keep {
			f.chunks.Store(string(key), &p)
		} else {
			f.chunks.LoadOrStore(string(key), seenOnce{})
		}
	}
	return p
}

// chunkKey is the cache key of the chunk of glyphs gs.
func chunkKey(gs []uint16) []byte {
	key := make([]byte, 2*len(gs))
	for i, g := range gs {
		binary.BigEndian.PutUint16(key[2*i:], g)
	}
	return key
}

// seenOnce marks in a face's chunk cache a chunk asked for once.
type seenOnce struct{}

// seenCost is about what a seenOnce entry of the cache holds in memory,
// besides its key.
const seenCost = 64

// docFont is one face as embedded in one document.
type docFont struct {
	face  *face
	index int             // the face's index in the set
	cid   map[rune]uint16 // character → CID (= glyph id in the subset)
	gids  []uint16        // the subset's glyphs: their ids in the face; gids[0] = .notdef
	uni   []rune          // the character of each CID (0 for .notdef)
	tag   string          // subset tag, six capital letters
}

// newDocFont chooses the glyphs of a subset drawing runes (sorted, unique,
// all in the face). Glyph ids keep the face's order; a glyph drawn for two
// characters is copied, so that every CID maps to one character and text
// extracts exactly.
func newDocFont(f *face, index int, runes []rune) *docFont {
	d := &docFont{face: f, index: index, cid: make(map[rune]uint16, len(runes))}
	type rg struct {
		r rune
		g uint16
	}
	rgs := make([]rg, len(runes))
	for i, r := range runes {
		rgs[i] = rg{r, f.cmap.at(r)}
	}
	slices.SortStableFunc(rgs, func(a, b rg) int { return int(a.g) - int(b.g) })
	d.gids = append(make([]uint16, 0, len(rgs)+1), 0)
	d.uni = append(make([]rune, 0, len(rgs)+1), 0)
	var dups []rg
	for i, x := range rgs {
		if i > 0 && rgs[i-1].g == x.g {
			dups = append(dups, x)
			continue
		}
		d.cid[x.r] = uint16(len(d.gids))
		d.gids = append(d.gids, x.g)
		d.uni = append(d.uni, x.r)
	}
	for _, x := range dups {
		d.cid[x.r] = uint16(len(d.gids))
		d.gids = append(d.gids, x.g)
		d.uni = append(d.uni, x.r)
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/", index, f.name)
	binary.Write(h, binary.BigEndian, d.gids)
	binary.Write(h, binary.BigEndian, d.uni)
	v := h.Sum64()
	tag := make([]byte, 6)
	for k := range tag {
		tag[k] = byte('A' + v%26)
		v /= 26
	}
	d.tag = string(tag)
	return d
}

// program returns the subset as a TrueType font program deflated as a zlib
// stream (in pieces, most of them shared with other documents).
func (d *docFont) program() *zstream {
	f := d.face
	n := len(d.gids)
	loca, glyfLen := d.loca()
	hmtx := d.hmtx()
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	pieces, tail, glyfSum := d.glyphPieces()

	front := [][]byte{head, hhea, maxp, hmtx, loca}
	dir, total, glyfAt := f.tableDirectory(front, []string{"head", "hhea", "maxp", "hmtx", "loca"}, glyfSum, glyfLen)
	binary.BigEndian.PutUint32(head[8:], 0xB1B0AFBA-total)

	frontBytes := make([]byte, 0, glyfAt-f.constLen)
	frontBytes = append(frontBytes, dir...)
	for _, t := range front {
		frontBytes = append(frontBytes, t...)
		frontBytes = append(frontBytes, make([]byte, pad4(len(t))-len(t))...)
	}
	zs := newZstream()
	zs.addRaw(levelDoc, frontBytes)
	zs.add(f.constPiece)
	for _, p := range pieces {
		zs.add(p)
	}
	if len(tail) > 0 {
		zs.add(newPiece(levelDoc, tail...))
	}
	zs.finish()
	return zs
}

// sortedRun is where the sorted run of unique glyphs in d.gids ends (the
// copies for characters sharing a glyph follow it).
func (d *docFont) sortedRun() int {
	n := len(d.gids)
	for i := 2; i < n; i++ {
		if d.gids[i] <= d.gids[i-1] {
			return i
		}
	}
	return n
}

// loca returns the subset's long loca table (.notdef first, every glyph
// padded to 4 bytes) and the length of its glyf table.
func (d *docFont) loca() ([]byte, int) {
	f := d.face
	n := len(d.gids)
	loca := make([]byte, 4*(n+1))
	off := len(f.notdef)
	binary.BigEndian.PutUint32(loca[4:], uint32(off))
	for i := 1; i < n; i++ {
		off += pad4(len(f.outline(d.gids[i])))
		binary.BigEndian.PutUint32(loca[4*(i+1):], uint32(off))
	}
	return loca, off
}

// hmtx returns the subset's hmtx table: advance and left side bearing of
// every glyph.
func (d *docFont) hmtx() []byte {
	f := d.face
	hmtx := make([]byte, 4*len(d.gids))
	for i, g := range d.gids {
		binary.BigEndian.PutUint16(hmtx[4*i:], uint16(f.advance(g)))
		binary.BigEndian.PutUint16(hmtx[4*i+2:], f.lsb(g))
	}
	return hmtx
}

// glyphPieces returns the glyf table after .notdef as cached pieces of the
// sorted run of unique glyphs (cut where boundary says, so that documents
// share them), then the padded copies for characters sharing a glyph, and
// the checksum of the whole glyf table.
func (d *docFont) glyphPieces() (pieces []zpiece, tail [][]byte, glyfSum uint32) {
	f := d.face
	n := len(d.gids)
	sorted := d.sortedRun()
	glyfSum = checksum(f.notdef)
	start := 1
	for i := 1; i < sorted; i++ {
		if boundary(d.gids[i]) || i == sorted-1 {
			p := f.piece(d.gids[start : i+1])
			pieces = append(pieces, p)
			start = i + 1
		}
	}
	for _, p := range pieces {
		glyfSum += p.sum
	}
	for i := sorted; i < n; i++ {
		g := padded(f.outline(d.gids[i]))
		glyfSum += checksum(g)
		tail = append(tail, g)
	}
	return pieces, tail, glyfSum
}

// tableDirectory lays out the font file: the per-document tables front
// (tagged frontTags) first, then the face's constant ones, then glyf, and
// returns the table directory (entries sorted by tag), the checksum of the
// directory and all tables, and the offset where glyf starts.
func (f *face) tableDirectory(front [][]byte, frontTags []string, glyfSum uint32, glyfLen int) (dir []byte, total uint32, glyfAt int) {
	type entry struct {
		tag           string
		sum           uint32
		offset, lengt int
	}
	numTables := len(front) + len(f.constTags) + 1
	pos := 12 + 16*numTables
	var es []entry
	for i, t := range front {
		es = append(es, entry{frontTags[i], checksum(t), pos, len(t)})
		pos += pad4(len(t))
	}
	for i, tag := range f.constTags {
		es = append(es, entry{tag, f.constSums[i], pos, f.constLens[i]})
		pos += pad4(f.constLens[i])
	}
	es = append(es, entry{"glyf", glyfSum, pos, glyfLen})
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.tag, b.tag) })
	dir = make([]byte, 12+16*numTables)
	binary.BigEndian.PutUint32(dir[0:], 0x00010000)
	binary.BigEndian.PutUint16(dir[4:], uint16(numTables))
	sr, es2 := 1, 0
	for sr*2 <= numTables {
		sr *= 2
		es2++
	}
	binary.BigEndian.PutUint16(dir[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(dir[8:], uint16(es2))
	binary.BigEndian.PutUint16(dir[10:], uint16(16*numTables-16*sr))
	total = checksum(dir[:12])
	for i, e := range es {
		p := dir[12+16*i:]
		copy(p, e.tag)
		binary.BigEndian.PutUint32(p[4:], e.sum)
		binary.BigEndian.PutUint32(p[8:], uint32(e.offset))
		binary.BigEndian.PutUint32(p[12:], uint32(e.lengt))
		total += e.sum
	}
	total += checksum(dir[12:])
	return dir, total, pos
}

// width returns the advance of glyph g in thousandths of an em, to a
// hundredth: whole for a font of 1000 (or 250, 500…) units per em, and for
// others (2048: 1229 units are 600.1) as close as layout's advances.
func (f *face) width(g uint16) float64 {
	return math.Round(float64(f.advance(g))*100000/f.upem) / 100
}

// widths writes the /DW and /W entries: the most common width as the
// default, the others as runs of consecutive CIDs.
func (d *docFont) widths(b []byte) []byte {
	ws := make([]float64, len(d.gids))
	count := map[float64]int{}
	for i, g := range d.gids {
		ws[i] = d.face.width(g)
		if i > 0 {
			count[ws[i]]++
		}
	}
	dw, best := 1000.0, -1
	for w, c := range count {
		if c > best || c == best && w < dw {
			dw, best = w, c
		}
	}
	b = append(b, "/DW "...)
	b = strconv.AppendFloat(b, dw, 'f', -1, 64)
	b = append(b, "/W["...)
	for i := 1; i < len(ws); {
		if ws[i] == dw {
			i++
			continue
		}
		j := i
		for j < len(ws) && ws[j] != dw {
			j++
		}
		b = fmt.Appendf(b, "%d[", i)
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = strconv.AppendFloat(b, ws[k], 'f', -1, 64)
		}
		b = append(b, ']')
		i = j
	}
	return append(b, ']')
}

// toUnicode returns the ToUnicode CMap mapping every CID back to its
// character: ranges where consecutive CIDs map to consecutive characters,
// single entries elsewhere.
func (d *docFont) toUnicode() []byte {
	b := []byte("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n" +
		"/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
	type rng struct{ lo, hi int }
	var ranges, singles []rng
	for i := 1; i < len(d.uni); {
		j := i
		for j+1 < len(d.uni) && d.uni[j+1] == d.uni[j]+1 && (j+1)&0xFF != 0 && d.uni[j+1]&0xFF != 0 {
			j++
		}
		if j > i {
			ranges = append(ranges, rng{i, j})
		} else {
			singles = append(singles, rng{i, i})
		}
		i = j + 1
	}
	for k := 0; k < len(singles); k += 100 {
		part := singles[k:min(k+100, len(singles))]
		b = fmt.Appendf(b, "%d beginbfchar\n", len(part))
		for _, s := range part {
			b = fmt.Appendf(b, "<%04X><%04X>\n", s.lo, d.uni[s.lo])
		}
		b = append(b, "endbfchar\n"...)
	}
	for k := 0; k < len(ranges); k += 100 {
		part := ranges[k:min(k+100, len(ranges))]
		b = fmt.Appendf(b, "%d beginbfrange\n", len(part))
		for _, s := range part {
			b = fmt.Appendf(b, "<%04X><%04X><%04X>\n", s.lo, s.hi, d.uni[s.lo])
		}
		b = append(b, "endbfrange\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n"...)
}

// checksum is the TrueType table checksum: the sum of big-endian words.
func checksum(b []byte) uint32 {
	var s uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) {
		var w [4]byte
		copy(w[:], b[n:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
