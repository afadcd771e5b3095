package pdf

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"regexp"
	"slices"
	"strconv"
	"sync"
)

// The PDF library deflates embedded fonts at zlib's default level, which
// costs about 40 ms per MB of glyph outlines: most of the time a document
// takes. The renderer therefore hands the library hollow fonts (metrics and
// glyph ids, no outlines), and afterwards swaps each FontFile2 stream for
// the real font deflated at BestSpeed with its glyphs cached (compress),
// fixing the cross-reference table.

var (
	reFontFile  = regexp.MustCompile(`/FontFile2 (\d+) 0 R\n/FontName /([^\s/]+)`)
	reStartXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\s*$`)
)

// embedded is a font to embed: its TrueType bytes and their zlib stream.
type embedded struct {
	font, z []byte
}

// fwriters reuses deflate writers (each holds about 1 MB of tables).
var fwriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// chunk deflates data on its own, ending in a sync flush and not marked
// final, so that chunks can be concatenated into one deflate stream: no
// chunk refers back into another.
func chunk(dst, data []byte) []byte {
	b := bytes.NewBuffer(dst)
	w := fwriters.Get().(*flate.Writer)
	w.Reset(b)
	w.Write(data)
	w.Flush()
	fwriters.Put(w)
	return b.Bytes()
}

// compress returns font as a zlib stream. A subset's outlines are most of
// its bytes and recur in every document, so each simple glyph is deflated
// once per run and cached; only the small tables around them and composite
// glyphs (whose component ids are renumbered) are deflated per document.
func (fi *faceIndex) compress(font []byte, spans []glyphSpan) []byte {
	glyf := tableOffset(font, "glyf")
	out := make([]byte, 0, len(font)*3/4)
	out = append(out, 0x78, 0x01) // zlib header: deflate, 32 KB window, fastest
	if glyf < 0 || len(spans) == 0 {
		out = chunk(out, font)
	} else {
		out = chunk(out, font[:glyf+spans[0].start])
		for _, sp := range spans {
			data := font[glyf+sp.start : glyf+sp.end]
			if !sp.simple || sp.end == sp.start {
				out = chunk(out, data)
				continue
			}
			z := fi.zglyph[sp.gid].Load()
			if z == nil {
				c := chunk(nil, data)
				fi.zglyph[sp.gid].Store(&c)
				z = &c
			}
			out = append(out, *z...)
		}
		out = chunk(out, font[glyf+spans[len(spans)-1].end:])
	}
	out = append(out, 0x03, 0x00) // an empty final block
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(font))
}

// tableOffset returns where a table starts in a TrueType file, or -1.
func tableOffset(font []byte, tag string) int {
	if len(font) < 12 {
		return -1
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n && 12+16*i+16 <= len(font); i++ {
		e := font[12+16*i:]
		if string(e[:4]) == tag {
			return int(binary.BigEndian.Uint32(e[8:]))
		}
	}
	return -1
}

// replaceFontFiles swaps the FontFile2 stream of each font named in fonts
// (BaseFont name → TrueType bytes) and rewrites the xref table. It expects
// the library's output: a classic xref table, objects in ascending order.
func replaceFontFiles(pdf []byte, fonts map[string]embedded) ([]byte, error) {
	m := reStartXref.FindSubmatchIndex(pdf)
	if m == nil {
		return nil, fmt.Errorf("pdf: startxref not found")
	}
	xrefAt, err := strconv.Atoi(string(pdf[m[2]:m[3]]))
	if err != nil || xrefAt >= len(pdf) {
		return nil, fmt.Errorf("pdf: bad startxref")
	}
	// xref table: "xref\n0 N\n" then N entries of 20 bytes
	x := pdf[xrefAt:]
	var n int
	hdr := 0
	if _, err := fmt.Sscanf(string(x[:min(len(x), 32)]), "xref\n0 %d\n", &n); err != nil {
		return nil, fmt.Errorf("pdf: bad xref header: %w", err)
	}
	hdr = bytes.IndexByte(x[5:], '\n') + 6
	if hdr+20*n > len(x) {
		return nil, fmt.Errorf("pdf: short xref table")
	}
	offs := make([]int, n)
	for i := 1; i < n; i++ {
		e := x[hdr+20*i:]
		if offs[i], err = strconv.Atoi(string(e[:10])); err != nil {
			return nil, fmt.Errorf("pdf: bad xref entry %d", i)
		}
	}
	// object i spans [offs[i], the next larger offset)
	sorted := slices.Clone(offs[1:])
	slices.Sort(sorted)
	end := func(o int) int {
		k, _ := slices.BinarySearch(sorted, o+1)
		if k < len(sorted) {
			return sorted[k]
		}
		return xrefAt
	}
	repl := map[int][]byte{} // object number → new object bytes
	for _, fm := range reFontFile.FindAllSubmatch(pdf[:xrefAt], -1) {
		obj, _ := strconv.Atoi(string(fm[1]))
		font, ok := fonts[string(fm[2])]
		if !ok {
			continue
		}
		if obj <= 0 || obj >= n {
			return nil, fmt.Errorf("pdf: bad FontFile2 reference %d", obj)
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", obj, len(font.z), len(font.font))
		b.Write(font.z)
		b.WriteString("\nendstream\nendobj\n")
		old := pdf[offs[obj]:end(offs[obj])]
		if !bytes.HasPrefix(old, fmt.Appendf(nil, "%d 0 obj\n", obj)) {
			return nil, fmt.Errorf("pdf: object %d not where the xref says", obj)
		}
		repl[obj] = b.Bytes()
	}
	if len(repl) != len(fonts) {
		return nil, fmt.Errorf("pdf: found %d of %d embedded fonts", len(repl), len(fonts))
	}
	// rebuild: copy objects in file order, replacing some
	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })
	out := make([]byte, 0, len(pdf)+len(pdf)/2)
	first := xrefAt
	if len(order) > 0 {
		first = offs[order[0]]
	}
	out = append(out, pdf[:first]...)
	newOffs := make([]int, n)
	for _, i := range order {
		newOffs[i] = len(out)
		if r, ok := repl[i]; ok {
			out = append(out, r...)
		} else {
			out = appendObject(out, i, pdf[offs[i]:end(offs[i])])
		}
	}
	newXref := len(out)
	out = append(out, x[:hdr]...)
	out = append(out, x[hdr:hdr+20]...) // entry 0
	for i := 1; i < n; i++ {
		e := x[hdr+20*i : hdr+20*i+20]
		out = fmt.Appendf(out, "%010d", newOffs[i])
		out = append(out, e[10:]...)
	}
	tail := x[hdr+20*n:]
	k := bytes.LastIndex(tail, []byte("startxref\n"))
	if k < 0 {
		return nil, fmt.Errorf("pdf: startxref not found in the trailer")
	}
	out = append(out, tail[:k]...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out, nil
}

// appendObject copies one object, deflating it on the way if it is a stream
// the library left uncompressed (Render asks it for no compression, because
// it allocates a new 1 MB compressor for every stream; here they are pooled).
func appendObject(out []byte, num int, obj []byte) []byte {
	head := fmt.Appendf(nil, "%d 0 obj\n<<\n/Length ", num)
	if !bytes.HasPrefix(obj, head) {
		return append(out, obj...)
	}
	rest := obj[len(head):]
	nl := bytes.IndexByte(rest, '\n')
	length, err := strconv.Atoi(string(rest[:max(nl, 0)]))
	const open = "\n>>\nstream\n"
	if nl < 0 || err != nil || !bytes.HasPrefix(rest[nl:], []byte(open)) || nl+len(open)+length > len(rest) {
		return append(out, obj...)
	}
	data := rest[nl+len(open) : nl+len(open)+length]
	z := zlibStream(data)
	out = fmt.Appendf(out, "%d 0 obj\n<<\n/Filter/FlateDecode/Length %d\n>>\nstream\n", num, len(z))
	out = append(out, z...)
	return append(out, rest[nl+len(open)+length:]...)
}

// zlibStream deflates data as a zlib stream with a pooled compressor.
func zlibStream(data []byte) []byte {
	out := make([]byte, 0, len(data)/2+64)
	out = append(out, 0x78, 0x01)
	out = chunk(out, data)
	out = append(out, 0x03, 0x00)
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(data))
}
