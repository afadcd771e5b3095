package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"mofan/internal/deflate"
)

// zipTime is the modification time of every entry: a fixed date, so that the
// same inputs give the same bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// patchFunc rewrites the content of one package part before it is zipped.
type patchFunc func([]byte) ([]byte, error)

// canonicalZip collects the parts excelize writes and, on Close, writes them
// as a reproducible zip: [Content_Types].xml first, the rest sorted by name,
// every entry with the same fixed time, [Content_Types].xml normalised and
// the registered patches applied.
//
// Parts are deflated as they arrive, so that a workbook in the making holds
// its parts compressed: a part larger than spillSize (the rows of a stream
// sheet) is compressed while excelize copies it in, never held whole.
// [Content_Types].xml and patched parts stay uncompressed until Close.
// Deflating is deterministic (one level, each part compressed on its own), so
// the same parts always give the same bytes; parts that are the same in every
// workbook of a kind (theme, styles, relationships) are compressed once per
// process (see deflateCached).
type canonicalZip struct {
	out     io.Writer
	parts   map[string]*zipPart
	patches map[string][]patchFunc
	spliced map[string]*zipPart // parts that replace what excelize writes
	dims    map[string]string   // sheet part → its used range
	cur     *partWriter
}

// zipPart is one finished part: compressed, or raw when it is still to be
// normalised or patched.
type zipPart struct {
	keep bool   // raw holds the content, to finish at Close
	raw  []byte // the content, when kept
	comp []byte // the deflated content
	crc  uint32
	size uint64 // uncompressed length
}

func newCanonicalZip(out io.Writer, patches map[string][]patchFunc, spliced map[string]*zipPart, dims map[string]string) *canonicalZip {
	return &canonicalZip{out: out, parts: map[string]*zipPart{}, patches: patches, spliced: spliced, dims: dims}
}

func (z *canonicalZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if p, ok := z.spliced[name]; ok {
		z.parts[name] = p
		return io.Discard, nil
	}
	patches := z.patches[name]
	// A worksheet's patches rewrite what follows its rows (book.patch): the
	// rows stream through, and only the rest is held to be patched.
	tailPatched := len(patches) > 0 && strings.HasPrefix(name, "xl/worksheets/")
	keep := name == contentTypesPart || len(patches) > 0 && !tailPatched || fixedParts[name] != nil
	z.cur = newPartWriter(name, keep, z.dims[name])
	if tailPatched && !keep {
		z.cur.patches = patches
	}
	return z.cur, nil
}

// finish stores the part being written; a part written twice keeps its last
// content.
func (z *canonicalZip) finish() error {
	w := z.cur
	if w == nil {
		return nil
	}
	z.cur = nil
	p, err := w.part()
	if err != nil {
		return err
	}
	w.recycle()
	z.parts[w.name] = p
	return nil
}

func (z *canonicalZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		w, _ := z.Create(name)
		_, err = w.Write(data)
		return err
	})
}

func (z *canonicalZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for name, p := range z.spliced {
		z.parts[name] = p
	}
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return partLess(names[i], names[j]) })
	final := make([]*zipPart, len(names))
	size := 22 // the end of central directory record
	for i, name := range names {
		p := z.parts[name]
		if p.keep {
			data := p.raw
			var err error
			if name == contentTypesPart {
				if data, err = normaliseContentTypes(data); err != nil {
					return err
				}
			}
			for _, fix := range z.patches[name] {
				if data, err = fix(data); err != nil {
					return err
				}
			}
			if fix := fixedParts[name]; fix != nil {
				if data, err = fix(data); err != nil {
					return err
				}
			}
			if cacheable(name) {
				p = deflateCached(data)
			} else {
				p = deflatePart(data)
			}
		}
		final[i] = p
		// The local header, the data descriptor and the central directory
		// entry, each with the name and the 9-byte extra field.
		size += 30 + 16 + 46 + 2*(len(name)+9) + len(p.comp)
	}
	if buf, ok := z.out.(*bytes.Buffer); ok {
		buf.Grow(size)
	}
	zw := zip.NewWriter(z.out)
	for i, name := range names {
		p := final[i]
		w, err := zw.CreateRaw(rawHeader(name, p))
		if err != nil {
			return err
		}
		if _, err := w.Write(p.comp); err != nil {
			return err
		}
	}
	z.parts = nil
	return zw.Close()
}

const contentTypesPart = "[Content_Types].xml"

// grabZip compresses one part of the package and discards the rest.
type grabZip struct {
	want string
	dim  string // the sheet's used range
	part *zipPart
	cur  *partWriter
}

func (z *grabZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if name != z.want {
		return io.Discard, nil
	}
	z.cur = newPartWriter(name, false, z.dim)
	return z.cur, nil
}

func (z *grabZip) finish() error {
	if z.cur == nil {
		return nil
	}
	p, err := z.cur.part()
	if err == nil {
		z.cur.recycle()
	}
	z.cur = nil
	z.part = p
	return err
}

func (z *grabZip) AddFS(fs.FS) error { return nil }

func (z *grabZip) Close() error { return z.finish() }

// rawHeader is the header of a deflated entry, the same as zip.Writer's
// CreateHeader writes: a data descriptor, version 2.0, the fixed time as an
// MS-DOS time and an extended timestamp.
func rawHeader(name string, p *zipPart) *zip.FileHeader {
	h := &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		Flags:              0x8,
		CreatorVersion:     20,
		ReaderVersion:      20,
		Modified:           zipTime,
		CRC32:              p.crc,
		CompressedSize64:   uint64(len(p.comp)),
		UncompressedSize64: p.size,
	}
	h.ModifiedDate, h.ModifiedTime = msDosTime(zipTime)
	var ext [9]byte
	binary.LittleEndian.PutUint16(ext[0:], 0x5455) // extended timestamp
	binary.LittleEndian.PutUint16(ext[2:], 5)
	ext[4] = 1 // modification time only
	binary.LittleEndian.PutUint32(ext[5:], uint32(zipTime.Unix()))
	h.Extra = ext[:]
	return h
}

// msDosTime is t as MS-DOS date and time.
func msDosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// spillSize is the size from which a part is compressed as it is written
// rather than when it is complete.
const spillSize = 256 << 10

// partWriter receives one part.
type partWriter struct {
	name    string
	keepRaw bool
	rw      *sheetRewriter // rewrites a sheet part on its way in, or nil
	buf     []byte         // the content so far, until it spills
	fw      *deflate.Writer
	comp    *bytes.Buffer
	crc     hash.Hash32
	size    uint64
	// patches rewrite the part from the end of its sheetData on: the bytes
	// before stream through, those after are held in tail (pend holds the
	// last bytes before, which may begin the end of sheetData).
	patches []patchFunc
	inTail  bool
	pend    []byte
	tail    []byte
}

// newPartWriter starts a part; dim is the used range of a sheet part.
func newPartWriter(name string, keepRaw bool, dim string) *partWriter {
	w := &partWriter{name: name, keepRaw: keepRaw}
	if isSheetPart(name) {
		w.rw = newSheetRewriter(name, dim)
	}
	return w
}

func (w *partWriter) Write(p []byte) (int, error) {
	if w.rw != nil {
		if err := w.rw.write(p, w.take); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if err := w.take(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// The end of a worksheet's rows, as excelize writes it: both are as long.
var sheetDataEnds = [][]byte{[]byte("</sheetData>"), []byte("<sheetData/>")}

// endOfSheetData returns where sheetData ends in data (the index after its
// end tag) and where that tag starts, or -1, -1.
func endOfSheetData(data []byte) (end, start int) {
	for _, m := range sheetDataEnds {
		if i := bytes.Index(data, m); i >= 0 {
			return i + len(m), i
		}
	}
	return -1, -1
}

// take receives the (rewritten) bytes of the part: stored as they come,
// or, with patches, stored up to the end of sheetData and held after it.
func (w *partWriter) take(p []byte) error {
	if w.patches == nil {
		return w.store(p)
	}
	if w.inTail {
		w.tail = append(w.tail, p...)
		return nil
	}
	hold := len(sheetDataEnds[0]) - 1
	if len(p) <= 4*hold { // small: gather
		w.pend = append(w.pend, p...)
		if end, _ := endOfSheetData(w.pend); end >= 0 {
			w.inTail = true
			w.tail = append(w.tail, w.pend[end:]...)
			err := w.store(w.pend[:end])
			w.pend = nil
			return err
		}
		if n := len(w.pend) - hold; n > 0 {
			if err := w.store(w.pend[:n]); err != nil {
				return err
			}
			w.pend = append(w.pend[:0], w.pend[n:]...)
		}
		return nil
	}
	// An end tag that starts in the held bytes and ends in p.
	seam := append(w.pend[:len(w.pend):len(w.pend)], p[:hold]...)
	if end, start := endOfSheetData(seam); start >= 0 && start < len(w.pend) {
		w.inTail = true
		w.tail = append(w.tail, p[end-len(w.pend):]...)
		w.pend = nil
		return w.store(seam[:end])
	}
	if err := w.store(w.pend); err != nil {
		return err
	}
	if end, _ := endOfSheetData(p); end >= 0 {
		w.inTail = true
		w.tail = append(w.tail, p[end:]...)
		w.pend = nil
		return w.store(p[:end])
	}
	w.pend = append(w.pend[:0], p[len(p)-hold:]...)
	return w.store(p[:len(p)-hold])
}

// patchTail applies the patches to the held bytes and stores the result.
func (w *partWriter) patchTail() error {
	data := append(w.pend, w.tail...)
	w.pend, w.tail = nil, nil
	var err error
	for _, fix := range w.patches {
		if data, err = fix(data); err != nil {
			return err
		}
	}
	w.patches = nil
	return w.store(data)
}

// store keeps or compresses the (rewritten) bytes of the part.
func (w *partWriter) store(p []byte) error {
	if w.fw == nil && (w.keepRaw || len(w.buf)+len(p) <= spillSize) {
		if w.buf == nil && !w.keepRaw {
			w.buf = *partBufs.Get().(*[]byte)
		}
		w.buf = append(w.buf, p...)
		return nil
	}
	if w.fw == nil {
		w.comp = &bytes.Buffer{}
		w.fw = flatePool.Get(w.comp)
		w.crc = crc32.NewIEEE()
		if err := w.write(w.buf); err != nil {
			return err
		}
		w.buf = nil
	}
	return w.write(p)
}

func (w *partWriter) write(p []byte) error {
	w.crc.Write(p)
	w.size += uint64(len(p))
	_, err := w.fw.Write(p)
	return err
}

// part finishes the part.
func (w *partWriter) part() (*zipPart, error) {
	if w.rw != nil {
		rw := w.rw
		w.rw = nil
		if err := rw.close(w.take); err != nil {
			return nil, err
		}
	}
	if w.patches != nil {
		if err := w.patchTail(); err != nil {
			return nil, err
		}
	}
	switch {
	case w.fw != nil:
		err := w.fw.Close()
		flatePool.Put(w.fw)
		w.fw = nil
		if err != nil {
			return nil, err
		}
		return &zipPart{comp: w.comp.Bytes(), crc: w.crc.Sum32(), size: w.size}, nil
	case w.keepRaw:
		return &zipPart{keep: true, raw: w.buf}, nil
	case cacheable(w.name):
		return deflateCached(w.buf), nil
	}
	return deflatePart(w.buf), nil
}

// partLevel is the compression level of every part: level 1, as for the
// PDF streams made anew for each document (see generator/pdf/zlib.go).
// Level 6 of internal/deflate's engine is where more CPU stops buying
// bytes: the 464
// parts of the 2020 workbooks up to spillSize take 1,455 KB in 14 ms at
// level 1, 1,313 KB in 23 ms at 6, 1,295 KB in 40 ms at 7; the one large
// part (a summary sheet, 1.35 MB) 88 KB in 3 ms at 6, as compress/flate's
// level 5 made it in 6 ms, and 84 KB in 7 ms at 8.
const partLevel = 1

// flatePool keeps idle deflate writers.
var flatePool = deflate.NewPool(partLevel)

// deflatePart compresses a whole part.
func deflatePart(data []byte) *zipPart {
	var out bytes.Buffer
	fw := flatePool.Get(&out)
	fw.Write(data) // a bytes.Buffer does not fail
	fw.Close()
	flatePool.Put(fw)
	return &zipPart{comp: out.Bytes(), crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}
}

// cacheable tells whether a part is usually the same in every workbook of a
// kind: all but the sheets, their strings, drawings and charts, and the
// properties that name the unit.
func cacheable(name string) bool {
	for _, prefix := range []string{"xl/worksheets/", "xl/sharedStrings", "xl/charts/", "xl/drawings/", "docProps/core", "docProps/custom"} {
		if strings.HasPrefix(name, prefix) {
			return false
		}
	}
	return true
}

// partCache holds the compressed form of recently seen parts, by content.
// The output does not depend on it: a hit gives the bytes compressing would.
var partCache struct {
	sync.Mutex
	m    map[string]*zipPart
	size int
}

const (
	partCacheMaxPart = 64 << 10 // larger parts are not cached
	partCacheMax     = 4 << 20  // the cache is emptied when it holds more
)

// deflateCached is deflatePart through partCache.
func deflateCached(data []byte) *zipPart {
	if len(data) > partCacheMaxPart {
		return deflatePart(data)
	}
	partCache.Lock()
	p, ok := partCache.m[string(data)]
	partCache.Unlock()
	if ok {
		return p
	}
	p = deflatePart(data)
	partCache.Lock()
	if partCache.m == nil || partCache.size > partCacheMax {
		partCache.m, partCache.size = map[string]*zipPart{}, 0
	}
	partCache.m[string(data)] = p
	partCache.size += len(data) + len(p.comp)
	partCache.Unlock()
	return p
}

// partLess orders package parts: [Content_Types].xml, then _rels/.rels, then
// the rest by name.
func partLess(a, b string) bool {
	rank := func(s string) int {
		switch s {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	return a < b
}

// contentTypes is [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name  `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []ctEntry `xml:"Default"`
	Overrides []ctEntry `xml:"Override"`
}

type ctEntry struct {
	Extension   string `xml:"Extension,attr,omitempty"`
	PartName    string `xml:"PartName,attr,omitempty"`
	ContentType string `xml:"ContentType,attr"`
}

// normalisedCT remembers the normalised form of recent [Content_Types].xml
// parts, which are the same for every workbook of a kind.
var normalisedCT struct {
	sync.Mutex
	m map[string][]byte
}

// normaliseContentTypes sorts the Default and Override elements of
// [Content_Types].xml (excelize writes the defaults in map order when a chart
// or picture exists) and drops duplicates.
func normaliseContentTypes(data []byte) ([]byte, error) {
	normalisedCT.Lock()
	out, ok := normalisedCT.m[string(data)]
	normalisedCT.Unlock()
	if ok {
		return out, nil
	}
	out, err := normaliseContentTypesXML(data)
	if err != nil {
		return nil, err
	}
	normalisedCT.Lock()
	if len(normalisedCT.m) >= 64 {
		normalisedCT.m = nil
	}
	if normalisedCT.m == nil {
		normalisedCT.m = map[string][]byte{}
	}
	normalisedCT.m[string(data)] = out
	normalisedCT.Unlock()
	return out, nil
}

func normaliseContentTypesXML(data []byte) ([]byte, error) {
	var ct contentTypes
	if err := xml.Unmarshal(data, &ct); err != nil {
		return nil, fmt.Errorf("[Content_Types].xml: %w", err)
	}
	norm := func(es []ctEntry) []ctEntry {
		sort.Slice(es, func(i, j int) bool {
			a, b := es[i], es[j]
			if a.Extension+a.PartName != b.Extension+b.PartName {
				return a.Extension+a.PartName < b.Extension+b.PartName
			}
			return a.ContentType < b.ContentType
		})
		return slices.Compact(es)
	}
	ct.Defaults, ct.Overrides = norm(ct.Defaults), norm(ct.Overrides)
	out, err := xml.Marshal(ct)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// partBufs holds the buffers of parts that are compressed when complete:
// every unit workbook's sheet passes through one, tens of kilobytes.
var partBufs = sync.Pool{New: func() any { return new([]byte) }}

// recycle gives the part's buffer back to partBufs once part has
// compressed it.
func (w *partWriter) recycle() {
	if w.buf != nil && !w.keepRaw {
		buf := w.buf[:0]
		partBufs.Put(&buf)
	}
	w.buf = nil
}
