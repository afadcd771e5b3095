package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mofan/generator/layout"
)

// wasteful encodes a simple glyph as some tools do: every delta as a word,
// no repeated flags, with instructions.
func wasteful(ends []int, pts []glyphPoint, instr []byte) []byte {
	out := binary.BigEndian.AppendUint16(nil, uint16(len(ends)))
	out = append(out, make([]byte, 8)...) // bounding box: kept as it is
	for _, e := range ends {
		out = binary.BigEndian.AppendUint16(out, uint16(e))
	}
	out = binary.BigEndian.AppendUint16(out, uint16(len(instr)))
	out = append(out, instr...)
	for _, p := range pts {
		out = append(out, p.flag)
	}
	for _, axis := range []func(glyphPoint) int{func(p glyphPoint) int { return p.x }, func(p glyphPoint) int { return p.y }} {
		prev := 0
		for _, p := range pts {
			out = binary.BigEndian.AppendUint16(out, uint16(int16(axis(p)-prev)))
			prev = axis(p)
		}
	}
	return out
}

// TestEncodeSimple re-encodes glyphs written wastefully and checks that the
// points come back unchanged, in the fewest bytes the glyf format allows.
func TestEncodeSimple(t *testing.T) {
	line := make([]glyphPoint, 300) // 300 equal flags: two repeated runs
	for i := range line {
		line[i] = glyphPoint{x: i + 1, flag: flagOnCurve}
	}
	tests := []struct {
		name string
		ends []int
		pts  []glyphPoint
		want int // bytes
	}{
		// header 10, end 2, no instructions 2, flags 4, x 1 (100), y 2 (100, 100)
		{"square", []int{3}, []glyphPoint{{0, 0, 1}, {0, 100, 1}, {100, 100, 1}, {100, 0, 1}}, 21},
		// 10 + 2 + 2, flags 2 + 2, x 300
		{"300 equal steps", []int{299}, line, 318},
		// flags 5 (none equal neighbours); x: 255 → 1, 256 → 2, -255 → 1, -256 → 2, -1 → 1; y: 0
		{"long and short deltas", []int{4}, []glyphPoint{{255, 0, 1}, {511, 0, 0}, {256, 0, 1}, {0, 0, 0}, {-1, 0, 1}}, 10 + 2 + 2 + 5 + 7},
		// the first point's overlap flag stays; two contours; off-curve points
		{"overlap, two contours", []int{2, 5}, []glyphPoint{{10, 10, flagOnCurve | flagOverlap}, {20, 30, 0}, {30, 10, 1}, {-300, -300, 1}, {-300, 300, 0}, {300, 300, 1}}, 10 + 4 + 2 + 6 + 1 + 1 + 1 + 2 + 0 + 2 + 1 + 1 + 1 + 2 + 2 + 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := wasteful(tc.ends, tc.pts, []byte{0xB0, 0, 0x21})
			ends, pts, instr, ok := decodeSimple(src)
			if !ok || !slices.Equal(ends, tc.ends) || !slices.Equal(pts, tc.pts) || len(instr) != 3 {
				t.Fatalf("the wasteful encoding does not read back: %v %v %v", ok, ends, pts)
			}
			got := encodeSimple(src[2:10], ends, pts, nil)
			if len(got) != tc.want {
				t.Errorf("%d bytes, want %d", len(got), tc.want)
			}
			ends2, pts2, instr2, ok := decodeSimple(got)
			if !ok || !slices.Equal(ends2, tc.ends) || !slices.Equal(pts2, tc.pts) || len(instr2) != 0 {
				t.Errorf("re-encoded glyph reads back as %v %v (%d bytes of instructions)", ends2, pts2, len(instr2))
			}
			if again := encodeSimple(got[2:10], ends2, pts2, nil); !bytes.Equal(again, got) {
				t.Error("encoding the encoded glyph again changes it")
			}
		})
	}
}

// TestShippedOutlinesKept checks the glyphs of every shipped face: the
// embedded outline has the same contours and points as the face's, no
// instructions, and is never longer.
func TestShippedOutlinesKept(t *testing.T) {
	r := renderer(t)
	for _, f := range r.faces {
		shorter, n := 0, 0
		for g := 0; g < f.numGlyphs; g += 3 { // a third of them: enough, and quick
			n++
			old, emb := f.glyph(uint16(g)), f.outline(uint16(g))
			if len(emb) > len(old) {
				t.Fatalf("%s glyph %d: %d bytes embedded, %d in the face", f.name, g, len(emb), len(old))
			}
			if len(emb) < len(old) {
				shorter++
			}
			if len(old) < 10 {
				continue
			}
			oe, op, ok := f.flatten(uint16(g), 0)
			ne, np, ni, ok2 := decodeSimple(emb)
			if !ok || !ok2 || !slices.Equal(oe, ne) || !slices.Equal(op, np) || len(ni) != 0 {
				t.Fatalf("%s glyph %d: outline changed (%v %v, %d bytes of instructions)", f.name, g, ok, ok2, len(ni))
			}
		}
		t.Logf("%s: %d of %d glyphs shorter embedded", f.name, shorter, n)
	}
}

// hintedRenderer is the shipped set with body = testdata/hinted-2048.ttf
// (2048 units per em, hinting, composite glyphs; see make-hinted.py).
func hintedRenderer(t *testing.T) *Renderer {
	t.Helper()
	loadFonts(t) // skips without the shipped fonts
	fonts, _ := filepath.Abs("../../fonts")
	hinted, _ := filepath.Abs("testdata/hinted-2048.ttf")
	conf := filepath.Join(t.TempDir(), "fonts.toml")
	text := fmt.Sprintf("[roles]\ntitle = { file = %q }\nbody = { file = %q }\nhei = { file = %q }\nkai = { file = %q }\nfallback = { file = %q }\n",
		filepath.Join(fonts, "NotoSerifSC-Bold.ttf"), hinted, filepath.Join(fonts, "NotoSansSC-Regular.ttf"),
		filepath.Join(fonts, "FandolKai-Regular.ttf"), filepath.Join(fonts, "NotoSerifSC-Regular.ttf"))
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := loadConfig(conf)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestHintedComposite2048 embeds a font with 2048 units per em, hinting and
// composite glyphs: the subset keeps its units per em, drops the hinting,
// holds every composite resolved into the same points, and the PDF states
// widths and metrics in thousandths of an em; poppler and MuPDF draw every
// glyph and the text extracts exactly.
func TestHintedComposite2048(t *testing.T) {
	r := hintedRenderer(t)
	const body = 1
	f := r.faces[body]
	text := "一国的AB口"
	runes := []rune(text)
	slices.Sort(runes)
	d, font := subsetOf(t, r, body, runes)
	sub, err := indexFace(font)
	if err != nil {
		t.Fatal(err)
	}
	if s := checksum(font); s != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %#x, want 0xB1B0AFBA", s)
	}
	if sub.unitsPerEm != 2048 {
		t.Errorf("subset has %d units per em, want 2048", sub.unitsPerEm)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt "} {
		if f.tables[tag] == nil {
			t.Fatalf("test font lacks %q: run testdata/make-hinted.py", tag)
		}
		if sub.tables[tag] != nil {
			t.Errorf("subset keeps hinting table %q", tag)
		}
	}
	composites := 0
	for _, c := range runes {
		og, ng := f.cmap.at(c), d.cid[c]
		if int16(be16(f.glyph(og), 0)) < 0 {
			composites++
		}
		oe, op, ok := f.flatten(og, 0)
		data := sub.glyph(ng)
		ne, np, instr, ok2 := decodeSimple(data)
		if !ok || !ok2 || len(op) == 0 || !slices.Equal(oe, ne) || !slices.Equal(op, np) || len(instr) != 0 {
			t.Errorf("%q: subset outline %v %v, face's resolved %v %v (%d bytes of instructions)", c, ne, np, oe, op, len(instr))
		}
		if !bytes.Equal(data[2:10], f.glyph(og)[2:10]) {
			t.Errorf("%q: bounding box changed", c)
		}
	}
	if composites != 4 {
		t.Fatalf("%d composite glyphs among %q, want 4: run testdata/make-hinted.py", composites, text)
	}
	// 的 places its second bar by matching points: the first bar lies 400
	// units below 一, the second starts where the first's point 1 is.
	if _, pts, _ := f.flatten(f.cmap.at('的'), 0); len(pts) != 8 || pts[0].y != 300 || pts[4] != pts[1] || pts[5].y != 620 {
		t.Errorf("的 resolved as %v", pts)
	}

	size := 48.0
	page := layout.Page{Number: 1, Items: []layout.Item{{Kind: layout.TextItem, X: 72, Y: 144, Size: size, Face: body, Text: text}}}
	pdf, err := r.Render(&layout.Document{}, []layout.Page{page})
	if err != nil {
		t.Fatal(err)
	}
	// CIDs follow glyph ids: 一 国 的 A B 口; A and B are 1229 and 1100
	// units, 600.098 and 537.109 thousandths of an em, as layout has them.
	// The head's box is 100 -100 1900 1600 units; hhea's ascent and
	// descent 1802 and -246, OS/2's cap height 1434.
	for _, want := range []string{"/DW 1000/W[4[600.1 537.11]]", "/FontBBox[49 -49 928 781]", "/Ascent 880/Descent -120/CapHeight 700"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}

	needTools(t, "qpdf", "pdftotext", "pdftoppm", "mutool")
	path := filepath.Join(t.TempDir(), "hinted.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "qpdf", "--check", path)
	if got := strings.TrimSpace(run(t, "pdftotext", "-enc", "UTF-8", path, "-")); got != text {
		t.Errorf("pdftotext: %q, want %q", got, text)
	}
	for _, tool := range []string{"pdftoppm", "mutool"} {
		img := rasterize(t, tool, path, 1)
		x := 72.0
		for _, c := range text {
			adv := float64(f.advance(f.cmap.at(c))) / f.upem * size
			// every glyph draws ink in its own box, none beyond the run
			if _, _, n, ok := inkIn(img, int(x)+1, int(x+adv)-1, int(144-0.9*size), int(144+0.2*size)); !ok || n < 20 {
				t.Errorf("%s: %q draws %d pixels", tool, c, n)
			}
			x += adv
		}
		if _, _, n, ok := inkIn(img, int(x)+2, int(x)+200, 0, 300); ok {
			t.Errorf("%s: %d pixels of ink after the text", tool, n)
		}
	}
}

// inkIn returns the vertical extent of the non-white pixels in the box
// [x0, x1) × [y0, y1) and their number.
func inkIn(img image.Image, x0, x1, y0, y1 int) (top, bottom, n int, ok bool) {
	top, bottom = y1, -1
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0xC000 || g < 0xC000 || b < 0xC000 {
				n++
				top, bottom = min(top, y), max(bottom, y)
			}
		}
	}
	return top, bottom, n, n > 0
}

// nameRecords reads a name table's records: (platform, id) → string bytes.
func nameRecords(t *testing.T, table []byte) map[[2]uint16]string {
	t.Helper()
	n, storage := int(be16(table, 2)), int(be16(table, 4))
	m := map[[2]uint16]string{}
	for i := 0; i < n; i++ {
		r := table[6+12*i:]
		ln, off := int(be16(r, 8)), storage+int(be16(r, 10))
		if off+ln > len(table) {
			t.Fatalf("name record %d lies outside the table", i)
		}
		m[[2]uint16{be16(r, 0), be16(r, 6)}] = string(table[off : off+ln])
	}
	return m
}

// TestEmbeddedNames checks the name table subsets embed: for every shipped
// face, the Windows records of copyright, names, version and licence kept
// to the byte, nothing else, and smaller than the face's.
func TestEmbeddedNames(t *testing.T) {
	r := renderer(t)
	for _, f := range r.faces {
		old := f.tables["name"]
		got := embeddedNames(old)
		if len(got) >= len(old) {
			t.Errorf("%s: name table %d bytes, was %d", f.name, len(got), len(old))
		}
		before, after := nameRecords(t, old), nameRecords(t, got)
		for k, v := range before {
			want := k[0] == 3 && embeddedNameIDs[k[1]]
			if w, ok := after[k]; ok != want || ok && w != v {
				t.Errorf("%s: name record %v kept %v (want %v)", f.name, k, ok, want)
			}
		}
		if len(after) == 0 || after[[2]uint16{3, 6}] == "" || after[[2]uint16{3, 0}] == "" {
			t.Errorf("%s: embedded names lack the PostScript name or the copyright: %v", f.name, after)
		}
	}
}
