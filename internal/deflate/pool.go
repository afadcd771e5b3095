// Package deflate keeps idle compress/flate writers for reuse. A writer
// holds about a megabyte of tables, so the PDF and workbook writers take
// one from a Pool for each stream rather than allocating it. Unlike a
// sync.Pool, a Pool is not emptied by the garbage collector, which in a
// long build runs often enough to make every document allocate its writers
// anew; it holds at most as many writers as were ever in use at once
// (about one per worker).
package deflate

import (
	"compress/flate"
	"io"
	"sync"
)

// Pool keeps idle writers of one compression level. It is safe for
// concurrent use.
type Pool struct {
	level int
	mu    sync.Mutex
	free  []*flate.Writer
}

// NewPool returns an empty pool of writers at level (a compress/flate
// level, from HuffmanOnly to BestCompression).
func NewPool(level int) *Pool { return &Pool{level: level} }

// Get returns a writer compressing into w: an idle one reset, or a new one.
func (p *Pool) Get(w io.Writer) *flate.Writer {
	p.mu.Lock()
	if n := len(p.free); n > 0 {
		fw := p.free[n-1]
		p.free = p.free[:n-1]
		p.mu.Unlock()
		fw.Reset(w)
		return fw
	}
	p.mu.Unlock()
	fw, err := flate.NewWriter(w, p.level)
	if err != nil {
		panic(err) // an invalid level: a programming error
	}
	return fw
}

// Put gives back a writer that Get returned and that is no longer used.
func (p *Pool) Put(fw *flate.Writer) {
	p.mu.Lock()
	p.free = append(p.free, fw)
	p.mu.Unlock()
}
