package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"testing"

	"mofan/generator/layout"
)

// TestSubsetRoundTrip checks that a per-document font keeps the outlines and
// advances of the glyphs it holds, for every face of the shipped set.
func TestSubsetRoundTrip(t *testing.T) {
	set := loadFonts(t)
	runes := []rune("中共焦作市委〔2021〕5号，。“”——……（一）AaZz09 %/-堃")
	for _, f := range set.Faces() {
		full, err := indexFace(f.TTF)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		var have []rune
		for _, r := range runes {
			if _, ok := full.cmap[r]; ok {
				have = append(have, r)
			}
		}
		font, _, _ := full.subset(have)
		sub, err := indexFace(font)
		if err != nil {
			t.Fatalf("%s subset: %v", f.Name, err)
		}
		if sub.numGlyphs > len(have)+1+8 { // .notdef, the glyphs, a few components
			t.Errorf("%s: subset holds %d glyphs for %d characters", f.Name, sub.numGlyphs, len(have))
		}
		for _, r := range have {
			og, ng := full.cmap[r], sub.cmap[r]
			if ng == 0 {
				t.Errorf("%s: %q lost", f.Name, r)
				continue
			}
			if a, b := full.advance(og), sub.advance(ng); a != b {
				t.Errorf("%s: %q advance %d, was %d", f.Name, r, b, a)
			}
			od, nd := full.glyph(og), sub.glyph(ng)
			if ids, _ := components(od); len(ids) == 0 && !bytes.Equal(od, nd[:len(od)]) {
				t.Errorf("%s: %q outline changed", f.Name, r)
			}
		}
	}
}

func (fi *faceIndex) advance(g uint16) uint16 {
	src := fi.tables["hmtx"]
	if int(g) < fi.numHMetrics {
		return be16(src, 4*int(g))
	}
	return be16(src, 4*(fi.numHMetrics-1))
}

// TestXrefAfterFontSwap checks without external tools that every xref entry
// of a rendered document points at its object, and that the embedded fonts
// are the complete per-document fonts.
func TestXrefAfterFontSwap(t *testing.T) {
	r := renderer(t)
	doc := sampleDoc()
	pages, err := layout.Layout(doc, loadFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := r.Render(doc, pages)
	if err != nil {
		t.Fatal(err)
	}
	m := reStartXref.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[at:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", at)
	}
	var n int
	fmt.Sscanf(string(pdf[at:at+20]), "xref\n0 %d\n", &n)
	hdr := bytes.IndexByte(pdf[at+5:], '\n') + 6
	for i := 1; i < n; i++ {
		off, _ := strconv.Atoi(string(pdf[at+hdr+20*i : at+hdr+20*i+10]))
		if want := fmt.Sprintf("%d 0 obj\n", i); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("xref entry %d → %d: %q", i, off, pdf[off:off+12])
		}
	}
	fonts := reFontFile.FindAllSubmatch(pdf, -1)
	if len(fonts) != 5 {
		t.Fatalf("%d embedded fonts, want 5", len(fonts))
	}
	for _, f := range fonts {
		obj, _ := strconv.Atoi(string(f[1]))
		off, _ := strconv.Atoi(string(pdf[at+hdr+20*obj : at+hdr+20*obj+10]))
		s := pdf[off:]
		k := bytes.Index(s, []byte("stream\n"))
		var zlen, flen int
		fmt.Sscanf(string(s[bytes.Index(s, []byte("/Length ")):]), "/Length %d\n/Filter /FlateDecode\n/Length1 %d", &zlen, &flen)
		zr, err := zlib.NewReader(bytes.NewReader(s[k+7 : k+7+zlen]))
		if err != nil {
			t.Fatalf("%s: %v", f[2], err)
		}
		data, err := io.ReadAll(zr)
		if err != nil || len(data) != flen {
			t.Fatalf("%s: %d bytes (%v), Length1 %d", f[2], len(data), err, flen)
		}
		fi, err := indexFace(data)
		if err != nil {
			t.Fatalf("%s: %v", f[2], err)
		}
		if len(fi.tables["glyf"]) == 0 {
			t.Errorf("%s: embedded font has no outlines", f[2])
		}
	}
}
