package pdf

import (
	"bytes"
	"testing"
)

// TestChunkCachePolicy checks when a glyph chunk is kept: at its first use
// while the run's cache is under eagerCached, at its second use after that,
// and never beyond maxCached; and that a chunk's bytes are the same whether
// it came from the cache or was deflated again.
func TestChunkCachePolicy(t *testing.T) {
	set := loadFonts(t)
	tests := []struct {
		name     string
		cached   int64 // bytes the run has cached already
		keepAt   int   // the use at which the chunk is cached (0: never)
		seenOnly bool  // after the first use, only its key is kept
	}{
		{"small run: cached at first use", 0, 1, false},
		{"budget for first use spent: cached at second use", eagerCached, 2, true},
		{"cache full: never cached", maxCached, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := New(set)
			if err != nil {
				t.Fatal(err)
			}
			r.cached.Store(tc.cached)
			f := r.faces[0]
			var gs []uint16
			for _, c := range "模范机关" {
				gs = append(gs, f.cmap.at(c))
			}
			key := string(chunkKey(gs))
			first := f.piece(gs)
			v, ok := f.chunks.Load(key)
			_, isPiece := v.(*zpiece)
			_, isSeen := v.(seenOnce)
			if want := tc.keepAt == 1; isPiece != want {
				t.Errorf("after the first use: cached %v, want %v", isPiece, want)
			}
			if isSeen != tc.seenOnly {
				t.Errorf("after the first use: only the key kept %v, want %v", isSeen, tc.seenOnly)
			}
			if want := tc.keepAt != 0; ok != want {
				t.Errorf("after the first use: an entry %v (%T), want %v", ok, v, want)
			}
			second := f.piece(gs)
			v, _ = f.chunks.Load(key)
			_, isPiece = v.(*zpiece)
			if want := tc.keepAt == 1 || tc.keepAt == 2; isPiece != want {
				t.Errorf("after the second use: cached %v, want %v", isPiece, want)
			}
			third := f.piece(gs)
			for i, p := range []zpiece{second, third} {
				if !bytes.Equal(p.z, first.z) || p.n != first.n || p.adler != first.adler || p.sum != first.sum {
					t.Errorf("use %d: the chunk differs from its first deflating", i+2)
				}
			}
			if tc.cached >= maxCached && r.cached.Load() <= tc.cached {
				t.Errorf("a full cache still counts what it refuses: %d", r.cached.Load())
			}
		})
	}
}
