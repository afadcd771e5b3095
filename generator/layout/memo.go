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
// bounded: when the estimate passes its limit it starts over empty. A
// cached layout is identical to an uncached one. A Memo is safe for use by
// several goroutines; it belongs to one Fonts.
type Memo struct {
	fonts Fonts
	limit int // bytes

	mu    sync.Mutex
	cells map[cellKey][][]Item
	size  int                 // bytes held by cells, estimated
	seen  map[uint64]struct{} // hashes of keys asked for once
	seed  maphash.Seed
}

// cellKey is what a table cell's runs depend on.
type cellKey struct {
	text     string
	st       style
	x, avail float64 // the left edge of the text and its width, pt
	align    halign
}

// DefaultMemoLimit is the memory a Memo made with limit 0 holds at most.
const DefaultMemoLimit = 16 << 20

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

// cell returns the remembered runs of the cell key.
func (m *Memo) cell(key cellKey) ([][]Item, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	lines, ok := m.cells[key]
	return lines, ok
}

// addCell remembers the runs of cell key, if it was asked for before.
func (m *Memo) addCell(key cellKey, lines [][]Item) {
	if m == nil {
		return
	}
	h := m.hash(key)
	n := cellSize(key, lines)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.seen[h]; !ok {
		if m.seen == nil || len(m.seen) >= m.limit/64 {
			m.seen = make(map[uint64]struct{}) // ~50 bytes an entry: the same bound
		}
		m.seen[h] = struct{}{}
		return
	}
	if n > m.limit {
		return
	}
	if m.cells == nil || m.size+n > m.limit {
		m.cells, m.size = make(map[cellKey][][]Item), 0
	}
	if _, ok := m.cells[key]; !ok {
		m.cells[key] = lines
		m.size += n
	}
}

func (m *Memo) hash(key cellKey) uint64 {
	var h maphash.Hash
	h.SetSeed(m.seed)
	h.WriteString(key.text)
	h.WriteString(string(key.st.role))
	var b [8]byte
	for _, f := range []float64{key.st.size, key.x, key.avail} {
		u := math.Float64bits(f)
		for i := range b {
			b[i] = byte(u >> (8 * i))
		}
		h.Write(b[:])
	}
	h.Write([]byte{key.st.color.R, key.st.color.G, key.st.color.B, b2i(key.st.bold), byte(key.align)})
	return h.Sum64()
}

func b2i(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// cellSize estimates the bytes a memo entry holds: its key, its map slot,
// the line slices and the runs with their texts.
func cellSize(key cellKey, lines [][]Item) int {
	n := len(key.text) + int(unsafe.Sizeof(key)) + 64 + len(lines)*int(unsafe.Sizeof(lines[0:0]))
	for _, ln := range lines {
		n += len(ln) * int(unsafe.Sizeof(Item{}))
		for _, it := range ln {
			n += len(it.Text)
		}
	}
	return n
}
