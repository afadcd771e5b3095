package deflate

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"sync"
	"testing"
)

// inflate decodes a raw deflate stream with the standard library's reader,
// an implementation independent of the compressor.
func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return out
}

var levels = []int{HuffmanOnly, NoCompression, BestSpeed, 2, 3, 4, 5, 6, 7, 8, BestCompression}

// TestPoolReuse checks that a writer given back is handed out again, reset
// to its new destination, and that what it writes is what a new writer of
// the level writes, whatever the writer compressed before.
func TestPoolReuse(t *testing.T) {
	data := []byte(strings.Repeat("模范机关 model organ ", 200))
	before := [][]byte{ // earlier streams: similar text, other text, a long one
		[]byte(strings.Repeat("模范机关 model ", 300)),
		[]byte(strings.Repeat("0123456789abcdef", 5000)),
		nil,
	}
	for _, level := range levels {
		p := NewPool(level)
		var want bytes.Buffer
		fw := p.Get(&want)
		fw.Write(data)
		fw.Close()
		p.Put(fw)
		if got := inflate(t, want.Bytes()); !bytes.Equal(got, data) {
			t.Fatalf("level %d: decodes to %d bytes, want %d", level, len(got), len(data))
		}
		for i, prev := range before {
			w := p.Get(io.Discard)
			if w != fw {
				t.Errorf("level %d, use %d: a new writer, not the one given back", level, i)
			}
			w.Write(prev)
			w.Flush()
			var got bytes.Buffer
			w.Reset(&got)
			w.Write(data)
			w.Close()
			p.Put(w)
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("level %d, after %d bytes: %d bytes differ from a new writer's %d", level, len(prev), got.Len(), want.Len())
			}
		}
	}
}

// TestManyResets: the fast levels move a position counter on every reset
// and rebuild their tables when it nears 2³¹ (after about 65,000 streams,
// fewer than a 10,000-unit build gives one writer); the output stays that
// of a new writer across that rebuild.
func TestManyResets(t *testing.T) {
	if testing.Short() {
		t.Skip("66,000 streams a level")
	}
	data := []byte(strings.Repeat("模范机关 model organ ", 200))
	small := []byte(strings.Repeat("单位 unit ", 8))
	for level := BestSpeed; level <= 6; level++ {
		p := NewPool(level)
		var want bytes.Buffer
		w := p.Get(&want)
		w.Write(data)
		w.Flush()
		for i := 0; i < 66000; i++ {
			w.Reset(io.Discard)
			w.Write(small)
			w.Flush()
		}
		var got bytes.Buffer
		w.Reset(&got)
		w.Write(data)
		w.Flush()
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("level %d: after 66,000 streams %d bytes differ from a new writer's %d", level, got.Len(), want.Len())
		}
	}
}

// TestFlushedChunksConcatenate: streams ended with Flush, each from a reset
// writer, concatenate into one stream (the PDF writer's glyph chunks rely
// on it).
func TestFlushedChunksConcatenate(t *testing.T) {
	parts := []string{"", "a", strings.Repeat("字形 glyph ", 900), "end"}
	for _, level := range levels {
		p := NewPool(level)
		var all bytes.Buffer
		for _, s := range parts {
			w := p.Get(&all)
			w.Write([]byte(s))
			w.Flush()
			p.Put(w)
		}
		all.Write([]byte{0x03, 0x00}) // an empty final block
		if got, want := string(inflate(t, all.Bytes())), strings.Join(parts, ""); got != want {
			t.Errorf("level %d: concatenated chunks decode to %d bytes, want %d", level, len(got), len(want))
		}
	}
}

// TestNewPoolRejectsLevel: a level the compressor does not know is a
// programming error, caught when the pool is made.
func TestNewPoolRejectsLevel(t *testing.T) {
	for _, level := range []int{-4, -3, -1, 10} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewPool(%d) did not panic", level)
				}
			}()
			NewPool(level)
		}()
	}
}

// TestCompressor writes a zip with the compressor registered and reads it
// back with archive/zip; the writers return to the pool.
func TestCompressor(t *testing.T) {
	comp := Compressor(BestSpeed)
	files := map[string]string{"a.xml": strings.Repeat("<w:p/>", 500), "b.txt": "短", "c": ""}
	for round := 0; round < 2; round++ {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		zw.RegisterCompressor(zip.Deflate, comp)
		for _, name := range []string{"a.xml", "b.txt", "c"} {
			f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(f, files[name])
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			if err != nil || string(got) != files[f.Name] {
				t.Errorf("round %d, %s: got %d bytes (%v), want %d", round, f.Name, len(got), err, len(files[f.Name]))
			}
		}
	}
	w, _ := comp(io.Discard)
	w.Write([]byte("x"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("y")); err == nil {
		t.Error("write after Close: no error")
	}
	if err := w.Close(); err == nil {
		t.Error("second Close: no error")
	}
}

// TestPoolConcurrent uses a pool from several goroutines (run with -race).
func TestPoolConcurrent(t *testing.T) {
	p := NewPool(BestSpeed)
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
