package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"mofan/generator/layout"
)

// subsetOf builds the embedded font program of runes in face i and reads it back.
func subsetOf(t *testing.T, r *Renderer, i int, runes []rune) (*docFont, []byte) {
	t.Helper()
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	d := newDocFont(r.faces[i], i, runes)
	zs := d.program()
	z, n := zs.bytes(), zs.n
	if len(z) != zs.size {
		t.Fatalf("%d bytes of zlib stream, size says %d", len(z), zs.size)
	}
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	font, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: the font program does not inflate: %v", r.faces[i].name, err)
	}
	if len(font) != n {
		t.Fatalf("%s: %d bytes, Length1 says %d", r.faces[i].name, len(font), n)
	}
	return d, font
}

// TestSubsetRoundTrip checks that a per-document font keeps the outlines and
// advances of the glyphs it holds, for every face of the shipped set, that
// its checksums are right, and that a glyph two characters share is copied.
func TestSubsetRoundTrip(t *testing.T) {
	r := renderer(t)
	runes := []rune("中共焦作市委〔2021〕5号，。“”——……（一）AaZz09 %/-堃")
	for i, f := range r.faces {
		var have []rune
		for _, c := range runes {
			if ok := f.cmap.has(c); ok {
				have = append(have, c)
			}
		}
		d, font := subsetOf(t, r, i, have)
		sub, err := indexFace(font)
		if err != nil {
			t.Fatalf("%s subset: %v", f.name, err)
		}
		if sub.numGlyphs != len(d.gids) || sub.numGlyphs > len(have)+1 {
			t.Errorf("%s: subset holds %d glyphs for %d characters", f.name, sub.numGlyphs, len(have))
		}
		if s := checksum(font); s != 0xB1B0AFBA {
			t.Errorf("%s: whole-font checksum %#x, want 0xB1B0AFBA", f.name, s)
		}
		for _, c := range have {
			og, ng := f.cmap.at(c), d.cid[c]
			if d.uni[ng] != c {
				t.Errorf("%s: CID %d maps back to %q, want %q", f.name, ng, d.uni[ng], c)
			}
			sf := &face{faceIndex: sub}
			if a, b := f.advance(og), sf.advance(ng); a != b {
				t.Errorf("%s: %q advance %d, was %d", f.name, c, b, a)
			}
			od, nd := f.glyph(og), sub.glyph(ng)
			if len(nd) < len(od) || !bytes.Equal(od, nd[:len(od)]) {
				t.Errorf("%s: %q outline changed", f.name, c)
			}
		}
	}
	// U+2F00 (KANGXI RADICAL ONE) and U+4E00 share a glyph in Noto: both must extract.
	for i, f := range r.faces {
		a, b := f.cmap.at('⼀'), f.cmap.at('一')
		if a == 0 || a != b {
			continue
		}
		d, _ := subsetOf(t, r, i, []rune("⼀一"))
		if d.cid['⼀'] == d.cid['一'] || len(d.gids) != 3 {
			t.Errorf("%s: a shared glyph is not copied: CIDs %d %d", f.name, d.cid['⼀'], d.cid['一'])
		}
	}
}

var (
	reStartXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	reFontFile  = regexp.MustCompile(`/FontFile2 (\d+) 0 R`)
)

// TestXref checks without external tools that every xref entry of a
// rendered document points at its object, and that every embedded font
// program inflates to its Length1 and parses as TrueType with outlines.
func TestXref(t *testing.T) {
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
	offs := make([]int, n)
	for i := 1; i < n; i++ {
		e := pdf[at+hdr+20*i : at+hdr+20*i+20]
		if len(bytes.TrimRight(e, "\n")) != 19 && e[19] != '\n' {
			t.Fatalf("xref entry %d is not 20 bytes: %q", i, e)
		}
		offs[i], _ = strconv.Atoi(string(e[:10]))
		if want := fmt.Sprintf("%d 0 obj\n", i); !bytes.HasPrefix(pdf[offs[i]:], []byte(want)) {
			t.Errorf("xref entry %d → %d: %q", i, offs[i], pdf[offs[i]:offs[i]+12])
		}
	}
	fonts := reFontFile.FindAllSubmatch(pdf, -1)
	if len(fonts) != 5 {
		t.Fatalf("%d embedded fonts, want 5", len(fonts))
	}
	for _, f := range fonts {
		obj, _ := strconv.Atoi(string(f[1]))
		s := pdf[offs[obj]:]
		var zlen, flen int
		if _, err := fmt.Sscanf(string(s[bytes.Index(s, []byte("/Length ")):]), "/Length %d/Length1 %d>>", &zlen, &flen); err != nil {
			t.Fatalf("object %d: %v: %q", obj, err, s[:80])
		}
		k := bytes.Index(s, []byte("stream\n"))
		zr, err := zlib.NewReader(bytes.NewReader(s[k+7 : k+7+zlen]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil || len(data) != flen {
			t.Fatalf("object %d: %d bytes (%v), Length1 %d", obj, len(data), err, flen)
		}
		fi, err := indexFace(data)
		if err != nil {
			t.Fatalf("object %d: %v", obj, err)
		}
		if len(fi.tables["glyf"]) == 0 {
			t.Errorf("object %d: embedded font has no outlines", obj)
		}
	}
}
