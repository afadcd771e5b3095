package layout

import (
	"mofan/generator/fontset"
)

// FontSet adapts a *fontset.Set to Fonts. It is safe for concurrent use, as
// the set is.
type FontSet struct {
	set   *fontset.Set
	faces []*fontset.Face
}

// NewFontSet wraps s for Layout.
func NewFontSet(s *fontset.Set) *FontSet {
	return &FontSet{set: s, faces: s.Faces()}
}

// Pick implements Fonts.
func (f *FontSet) Pick(role fontset.Role, r rune) (int, bool) { return f.set.Pick(role, r) }

// Advance implements Fonts.
func (f *FontSet) Advance(face int, r rune) float64 { return f.faces[face].Advance(r) }
