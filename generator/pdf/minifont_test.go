package pdf

import (
	"bytes"
	"testing"
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
		sub, err := indexFace(full.subset(have))
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
