package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
)

// The PDF library deflates embedded fonts at zlib's default level, which
// costs about 40 ms per MB of glyph outlines: most of the time a document
// takes. The renderer therefore hands the library hollow fonts (metrics and
// glyph ids, no outlines), and afterwards swaps each FontFile2 stream for
// the real font deflated at BestSpeed (about 3× faster, 6% larger), fixing
// the cross-reference table.

var (
	reFontFile  = regexp.MustCompile(`/FontFile2 (\d+) 0 R\n/FontName /([^\s/]+)`)
	reStartXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\s*$`)
)

// zwriters reuses zlib writers (each holds about 1 MB of tables).
var zwriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// deflate compresses data as a zlib stream at BestSpeed.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) * 3 / 4)
	w := zwriters.Get().(*zlib.Writer)
	w.Reset(&b)
	w.Write(data)
	w.Close()
	zwriters.Put(w)
	return b.Bytes()
}

// replaceFontFiles swaps the FontFile2 stream of each font named in fonts
// (BaseFont name → TrueType bytes) and rewrites the xref table. It expects
// the library's output: a classic xref table, objects in ascending order.
func replaceFontFiles(pdf []byte, fonts map[string][]byte) ([]byte, error) {
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
		z := deflate(font)
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", obj, len(z), len(font))
		b.Write(z)
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
			out = append(out, pdf[offs[i]:end(offs[i])]...)
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
