package pdf

import (
	"slices"
	"testing"
)

// TestRuneSet checks the character set a document collects: duplicates
// counted once, characters returned in order, at the ends of the BMP too.
func TestRuneSet(t *testing.T) {
	tests := []struct {
		add  string
		want []rune
	}{
		{"", nil},
		{"模范模范机关", []rune{'关', '机', '模', '范'}},
		{"\uffff\u0000a\u0040\u003f", []rune{0, '?', '@', 'a', 0xFFFF}},
	}
	for _, tc := range tests {
		var s runeSet
		for _, c := range tc.add {
			s.add(c)
		}
		got := s.sorted()
		if s.n != len(tc.want) || !slices.Equal(got, tc.want) && len(tc.want) > 0 {
			t.Errorf("%q: %d %U, want %U", tc.add, s.n, got, tc.want)
		}
	}
}
