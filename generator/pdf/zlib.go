package pdf

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"

	"mofan/internal/deflate"
)

// Compression. A deflate writer holds up to 1 MB of tables, so writers are
// pooled by level and reset, never allocated per stream. A zlib stream here
// is built of pieces ("chunks"), each deflated from a fresh state and ended
// with a sync flush: such chunks can be concatenated into one valid deflate
// stream, which lets a font program reuse chunks deflated once per run.

// Compression levels, one for each kind of stream, chosen by measuring the
// streams of the 2020 build (deflated bytes; CPU of one thread, best of 9)
// and whole builds (README, dependency section).
//
// levelShared is for glyph chunks, the constant tables of a font and
// images: each is deflated once per run and copied into every document
// that uses it, so its bytes count many times. Level 9 makes the 2020 build
// 210 KB smaller than level 8 and 800 KB smaller than level 6, for 17 ms
// more CPU than level 8 (1,275 chunks: 73 against 90 ms).
//
// The others are new in every document. Level 6 is where more CPU stops
// buying bytes; against level 1 it makes them 3 to 8 % smaller for about
// 1.5 times the CPU, and level 7 saves 1 % more for 1.5 to 2.5 times the
// CPU of level 6. Content streams (1,255 of them, 5.0 MB): 2,102 KB in
// 28 ms at level 1, 1,932 KB in 43 ms at 6, 1,916 KB in 61 ms at 7. Font
// tables: 820, 804, 801 KB in 10, 14, 24 ms. ToUnicode maps: 983, 915,
// 898 KB in 11, 16, 39 ms. Huffman-only coding and the stateless mode
// cost less CPU but more bytes: ToUnicode maps 1,147 KB in 5 ms and
// 960 KB in 11 ms. Only for font tables under 1 KB does Huffman-only win
// both (277 against 281 KB, 5 against 8 ms): 4 KB and 3 ms a year, not
// worth a rule of its own.
//
// So level 1 is used for them. In whole builds level 1 for every
// per-document stream, workbook and Word parts included, takes 7.5 % less
// CPU for 1.2 % more bytes: 2020, six alternating runs on a quiet machine,
// 1.29 → 1.20 s CPU, best 0.68 → 0.63 s wall, 93.5 → 94.6 MB; in a profile
// of 10,000 units level 6 was 17 % of all CPU. The year's bytes are far
// from their target either way (they need fewer copies of each PDF, see
// the README), and the time targets are near.
var (
	levelShared    = deflate.BestCompression
	levelContent   = 1
	levelTables    = 1
	levelToUnicode = 1
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

// deflatedCap is the room to make for n bytes deflated, so that the output
// rarely grows: glyph outlines deflate to about 65 %, tables and content
// streams to less.
func deflatedCap(n int) int { return n*3/4 + 64 }

func newPiece(level int, data ...[]byte) zpiece {
	n := 0
	h := adler32.New()
	for _, d := range data {
		n += len(d)
		h.Write(d)
	}
	return zpiece{z: chunk(make([]byte, 0, deflatedCap(n)), level, data...), n: n, adler: h.Sum32()}
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
	s.add(zpiece{z: chunk(make([]byte, 0, deflatedCap(len(data))), level, data), n: len(data), adler: adler32.Checksum(data)})
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
