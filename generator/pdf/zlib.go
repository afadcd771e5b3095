package pdf

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"

	"mofan/internal/deflate"
)

// Compression. A deflate writer holds about 1 MB of tables, so writers are
// pooled by level and reset, never allocated per stream. A zlib stream here
// is built of pieces ("chunks"), each deflated from a fresh state and ended
// with a sync flush: such chunks can be concatenated into one valid deflate
// stream, which lets a font program reuse chunks deflated once per run.

// Compression levels, one for each kind of stream: glyph outlines (and the
// constant tables and images) are deflated once per run and reused, so they
// get the best level; what is new in every document (content streams, the
// small tables of each font, ToUnicode maps) is small, and gets BestSpeed.
var (
	levelShared    = deflate.BestCompression
	levelContent   = deflate.BestSpeed
	levelTables    = deflate.BestSpeed
	levelToUnicode = deflate.BestSpeed
)

// writerPools keep idle writers by level.
var writerPools = func() (ps [deflate.BestCompression + 1]*deflate.Pool) {
	for level := range ps {
		ps[level] = deflate.NewPool(level)
	}
	return ps
}()

// chunk appends data deflated at level as a chunk (not final, byte-aligned).
func chunk(dst []byte, level int, data ...[]byte) []byte {
	b := bytes.NewBuffer(dst)
	w := writerPools[level].Get(b)
	for _, d := range data {
		w.Write(d)
	}
	w.Flush()
	writerPools[level].Put(w) // (a reset to let go of b would clear its tables once more)
	return b.Bytes()
}

// zpiece is a piece of a zlib stream: its deflated chunk, and the length
// and Adler-32 of the bytes it holds.
type zpiece struct {
	z     []byte
	n     int
	adler uint32
	sum   uint32 // for glyph chunks: their TrueType checksum
}

func newPiece(level int, data ...[]byte) zpiece {
	n := 0
	h := adler32.New()
	for _, d := range data {
		n += len(d)
		h.Write(d)
	}
	return zpiece{z: chunk(nil, level, data...), n: n, adler: h.Sum32()}
}

// zstream assembles a zlib stream from pieces, without copying them.
type zstream struct {
	parts [][]byte
	size  int // bytes of the zlib stream so far
	n     int // bytes it holds
	adler uint32
}

var zlibHeader = []byte{0x78, 0x9C}

func newZstream() *zstream {
	return &zstream{parts: [][]byte{zlibHeader}, size: 2, adler: 1}
}

func (s *zstream) add(p zpiece) {
	s.parts = append(s.parts, p.z)
	s.size += len(p.z)
	s.adler = adler32Combine(s.adler, p.adler, p.n)
	s.n += p.n
}

// addRaw deflates data at level and appends it.
func (s *zstream) addRaw(level int, data []byte) {
	s.add(zpiece{z: chunk(nil, level, data), n: len(data), adler: adler32.Checksum(data)})
}

// finish ends the stream (an empty final block and the checksum).
func (s *zstream) finish() {
	s.parts = append(s.parts, binary.BigEndian.AppendUint32([]byte{0x03, 0x00}, s.adler))
	s.size += 6
}

// bytes returns the whole stream in one slice.
func (s *zstream) bytes() []byte {
	out := make([]byte, 0, s.size)
	for _, p := range s.parts {
		out = append(out, p...)
	}
	return out
}

// zlibBytes deflates data as a whole zlib stream.
func zlibBytes(level int, data []byte) []byte {
	out := chunk(append(make([]byte, 0, len(data)/3+64), zlibHeader...), level, data)
	out = append(out, 0x03, 0x00)
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(data))
}

// adler32Combine returns the Adler-32 of A followed by B from the checksums
// of A (a1) and of B (a2, n2 bytes long), as zlib's adler32_combine does.
func adler32Combine(a1, a2 uint32, n2 int) uint32 {
	const base = 65521
	rem := uint32(n2 % base)
	sum1 := a1 & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}
