package model

import "testing"

func TestWide(t *testing.T) {
	for _, r := range "中文，。“”‘’—…·×①→〇ＡＺ　한あ" {
		if !Wide(r) {
			t.Errorf("%q (U+%04X) should be wide", r, r)
		}
	}
	for _, r := range "aZ09 ,.-()é" {
		if Wide(r) {
			t.Errorf("%q (U+%04X) should be narrow", r, r)
		}
	}
	for i := 1; i < len(wideRanges); i++ {
		if wideRanges[i][0] <= wideRanges[i-1][1] || wideRanges[i][0] > wideRanges[i][1] {
			t.Errorf("ranges out of order at %d: %X", i, wideRanges[i])
		}
	}
}
