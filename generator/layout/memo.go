package layout

import (
	"hash/maphash"
	"math"
	"sync"
	"unsafe"
)

// Memo remembers the table cells laid out for the documents of a run, so
// that a text set again in the same style and column is not shaped, broken
// into lines and placed again: the checklists of a year are one table for
// every unit, the self-assessment forms share their point texts. What it
// holds is each cell's text runs, placed in its column at baseline 0 and
// keyed by the cell's text, style, column position and alignment; a cell
// is taken in only the second time it is asked for, so texts of one
// document (a unit's evidence) do not fill it. The memory it holds is
// bounded: when its estimate of the runs held passes its limit it starts
// over empty, and the hashes of the keys asked for once (8 bytes each) are
// forgotten when there are limit/64 of them, so that the whole stays within
// about 1.25 times the limit. A cached layout is identical to an uncached
// one. A Memo is safe for use by several goroutines; it belongs to one Fonts.
type Memo struct {
	fonts Fonts
	limit int // bytes

	mu    sync.Mutex
	cells map[uint64]*memoCell // by the hash of their key
	size  int                  // bytes held by cells, estimated
	seen  map[uint64]struct{}  // hashes of keys asked for once
	seed  maphash.Seed
}

// memoCell is a remembered cell; next is another with the same hash.
type memoCell struct {
	key   cellKey
	lines [][]Item
	next  *memoCell
}

// cellKey is what a table cell's runs depend on.
type cellKey struct {
	text     string
	st       style
	x, avail float64 // the left edge of the text and its width, pt
	align    halign
}

// DefaultMemoLimit is the memory a Memo made with limit 0 holds at most.
const DefaultMemoLimit = 8 << 20

// NewMemo returns an empty memo for layouts with fonts, holding about
// limit bytes at most (0: DefaultMemoLimit).
func NewMemo(fonts Fonts, limit int) *Memo {
	if limit <= 0 {
		limit = DefaultMemoLimit
	}
	return &Memo{fonts: fonts, limit: limit, seed: maphash.MakeSeed()}
}

// Layout is the package's Layout with m's fonts, reusing the table cells
// that m remembers.
func (m *Memo) Layout(doc *Document) ([]Page, error) { return layoutDoc(doc, m.fonts, m) }

// Size returns the memory the memo holds, estimated, in bytes.
func (m *Memo) Size() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.size
}

// cell returns the remembered runs of the cell key, and the key's hash for
// addCell.
func (m *Memo) cell(key cellKey) (h uint64, lines [][]Item, ok bool) {
	if m == nil {
		return 0, nil, false
	}
	h = m.hash(key)
	lines, ok = m.lookup(h, key)
	return h, lines, ok
}

// lookup returns the remembered runs of the cell key, whose hash is h.
func (m *Memo) lookup(h uint64, key cellKey) ([][]Item, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for c := m.cells[h]; c != nil; c = c.next {
		if c.key == key {
			return c.lines, true
		}
	}
	return nil, false
}

// addCell remembers the runs of cell key, whose hash is h, if it was
// asked for before.
func (m *Memo) addCell(h uint64, key cellKey, lines [][]Item) {
	if m == nil {
		return
	}
	n := cellSize(key, lines)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.seen[h]; !ok {
		if m.seen == nil || len(m.seen) >= m.limit/64 {
			m.seen = make(map[uint64]struct{}) // ~30 bytes an entry: within the limit again
		}
		m.seen[h] = struct{}{}
		return
	}
	if n > m.limit {
		return
	}
	if m.cells == nil || m.size+n > m.limit {
		m.cells, m.size = make(map[uint64]*memoCell), 0
	}
	for c := m.cells[h]; c != nil; c = c.next {
		if c.key == key {
			return
		}
	}
	m.cells[h] = &memoCell{key: key, lines: lines, next: m.cells[h]}
	m.size += n
}

// hash returns the hash of key.
func (m *Memo) hash(key cellKey) uint64 {
	h := maphash.String(m.seed, key.text)
	h = mix(h, maphash.String(m.seed, string(key.st.role)))
	h = mix(h, math.Float64bits(key.st.size))
	h = mix(h, math.Float64bits(key.x))
	h = mix(h, math.Float64bits(key.avail))
	c := key.st.color
	return mix(h, uint64(c.R)|uint64(c.G)<<8|uint64(c.B)<<16|uint64(b2i(key.st.bold))<<24|uint64(key.align)<<32)
}

// mix folds v into the hash h.
func mix(h, v uint64) uint64 {
	h ^= v
	h *= 0x9E3779B97F4A7C15
	return h ^ h>>29
}

func b2i(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// cellSize estimates the bytes a memo entry holds: its key, its entry and
// map slot, the line slices and the runs with their texts.
func cellSize(key cellKey, lines [][]Item) int {
	n := len(key.text) + int(unsafe.Sizeof(memoCell{})) + 32 + len(lines)*int(unsafe.Sizeof(lines[0:0]))
	for _, ln := range lines {
		n += len(ln) * int(unsafe.Sizeof(Item{}))
		for _, it := range ln {
			n += len(it.Text)
		}
	}
	return n
}
