package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"sync"
	"testing"
)

// TestPoolReuse checks that a writer given back is handed out again, reset
// to its new destination, and that what it writes is what a new writer of
// the level writes.
func TestPoolReuse(t *testing.T) {
	for _, level := range []int{flate.BestSpeed, 5, flate.BestCompression} {
		p := NewPool(level)
		data := []byte(strings.Repeat("模范机关 model organ ", 200))
		var want bytes.Buffer
		fw, _ := flate.NewWriter(&want, level)
		fw.Write(data)
		fw.Close()
		var first *flate.Writer
		for i := 0; i < 3; i++ {
			var got bytes.Buffer
			w := p.Get(&got)
			if i == 0 {
				first = w
			} else if w != first {
				t.Errorf("level %d, use %d: a new writer, not the one given back", level, i)
			}
			w.Write(data)
			w.Close()
			p.Put(w)
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("level %d, use %d: %d bytes differ from a new writer's %d", level, i, got.Len(), want.Len())
			}
		}
	}
}

// TestPoolConcurrent uses a pool from several goroutines (run with -race).
func TestPoolConcurrent(t *testing.T) {
	p := NewPool(flate.BestSpeed)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				var b bytes.Buffer
				w := p.Get(&b)
				w.Write([]byte("abc"))
				w.Close()
				p.Put(w)
				out, err := io.ReadAll(flate.NewReader(&b))
				if err != nil || string(out) != "abc" {
					t.Errorf("got %q, %v", out, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(p.free) > 8 {
		t.Errorf("%d idle writers kept for 8 goroutines", len(p.free))
	}
}
