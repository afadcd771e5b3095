package sheet

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// Package parts as Excel writes them. excelize v2.11.1 writes several parts
// in a form Excel itself never writes, which some readers refuse or Excel
// treats as damaged or changed; the canonical zip writer rewrites them as the
// parts pass through (see the README's dependency section):
//
//   - docProps/core.xml: keywords, lastModifiedBy and revision in the core
//     properties namespace as the default namespace, without the cp: prefix
//     (ExcelJS 4.4 refuses the file);
//   - a worksheet's or chartsheet's <drawing> with the relationship id as
//     relationships:id and a namespace declared on the element, instead of
//     r:id (ExcelJS refuses the file);
//   - a stream sheet's <col> entries in reverse order, which Excel may
//     report as damaged content;
//   - a stream sheet's <dimension ref="A1"/> whatever the cells (readers such
//     as openpyxl in read-only mode trust it);
//   - <sheetPr filterMode="true"> wherever an auto-filter is set, though
//     the flag means "a filter hides rows", which ours never do;
//   - calcId 122211 (Excel 2007), so that Excel recalculates on open and asks
//     to save on close.

// excelCalcID is the calculation engine id current Excel (2019, 365)
// writes; Excel does not recalculate a workbook saved with its own or a
// later one.
const excelCalcID = "191029"

// fixedParts are rewritten after the book's own patches.
var fixedParts = map[string]patchFunc{
	"docProps/core.xml": fixCoreProps,
	"xl/workbook.xml":   fixWorkbook,
}

const nsCoreProps = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

// coreElems are the core properties that belong to the cp namespace.
var coreElems = []string{"coreProperties", "keywords", "lastModifiedBy", "revision", "category", "contentStatus", "lastPrinted", "version"}

// fixCoreProps writes the core properties with the cp: prefix.
func fixCoreProps(data []byte) ([]byte, error) {
	decl := []byte(`xmlns="` + nsCoreProps + `"`)
	if !bytes.Contains(data, decl) {
		return data, nil // already prefixed
	}
	data = bytes.Replace(data, decl, []byte(`xmlns:cp="`+nsCoreProps+`"`), 1)
	out := make([]byte, 0, len(data)+64)
	done := 0 // data[:done] is in out
	for i := 0; i < len(data); i++ {
		if data[i] != '<' {
			continue
		}
		j := i + 1
		if j < len(data) && data[j] == '/' {
			j++
		}
		for _, name := range coreElems {
			k := j + len(name)
			if k < len(data) && string(data[j:k]) == name && endsName(data[k]) {
				out = append(append(out, data[done:j]...), "cp:"...)
				done = j
				break
			}
		}
	}
	return append(out, data[done:]...), nil
}

// endsName tells whether c may follow an element's name in a tag: white
// space, '>' or '/'.
func endsName(c byte) bool { return isXMLSpace(c) || c == '>' || c == '/' }

var calcIDStart = []byte(`<calcPr calcId="`)

// fixWorkbook writes the current calcId.
func fixWorkbook(data []byte) ([]byte, error) {
	return rewriteEach(data, calcIDStart, func(i int) (int, []byte, bool, error) {
		end := i
		for end < len(data) && data[end] >= '0' && data[end] <= '9' {
			end++
		}
		if end == i || end == len(data) || data[end] != '"' {
			return 0, nil, false, nil
		}
		return end, append(bytes.Clone(calcIDStart), excelCalcID...), true, nil
	})
}

// rewriteEach replaces spans of data that begin with start: at each
// occurrence, span is given the index after start and tells where the span
// ends and what replaces it, or that it is not one (the search goes on
// after start). data is returned as it is when nothing is replaced.
func rewriteEach(data, start []byte, span func(i int) (end int, repl []byte, ok bool, err error)) ([]byte, error) {
	var out []byte
	done := 0 // data[:done] is in out
	for i := 0; ; {
		k := bytes.Index(data[i:], start)
		if k < 0 {
			break
		}
		from := i + k
		i = from + len(start)
		end, repl, ok, err := span(i)
		if err != nil {
			return data, err
		}
		if !ok {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data)+32)
		}
		out = append(append(out, data[done:from]...), repl...)
		done, i = end, end
	}
	if out == nil {
		return data, nil
	}
	return append(out, data[done:]...), nil
}

// isSheetPart tells whether a part is a worksheet or a chartsheet.
func isSheetPart(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml") ||
		strings.HasPrefix(name, "xl/chartsheets/sheet") && strings.HasSuffix(name, ".xml")
}

// relID is how excelize writes a relationship id attribute on <drawing> and
// its kin; the r prefix is declared on the root of every sheet part.
var (
	relIDExcelize = []byte(` xmlns:relationships="http://schemas.openxmlformats.org/officeDocument/2006/relationships" relationships:id="`)
	relIDExcel    = []byte(` r:id="`)
)

// sheetRewriter rewrites a sheet part as it streams through: the head (all
// before <sheetData) is collected and rewritten whole (filter flag,
// dimension, column order); the rest passes through with the relationship
// ids rewritten, holding back only enough bytes to catch an id split
// between writes. A sheet of any size is thus rewritten without being held.
type sheetRewriter struct {
	dim  string // the used range, or "" to leave the dimension as it is
	head bool   // the head is still being collected
	buf  []byte
}

func newSheetRewriter(name, dim string) *sheetRewriter {
	return &sheetRewriter{dim: dim, head: strings.HasPrefix(name, "xl/worksheets/")}
}

var sheetDataStart = []byte("<sheetData")

// write takes the next bytes of the part and passes what is final to emit,
// which must not keep the slice it is given. excelize writes a stream
// sheet's rows in large pieces; they pass without being copied.
func (r *sheetRewriter) write(p []byte, emit func([]byte) error) error {
	if r.head {
		data := p
		if len(r.buf) > 0 {
			r.buf = append(r.buf, p...)
			data = r.buf
		}
		i := bytes.Index(data, sheetDataStart)
		if i < 0 {
			if len(r.buf) == 0 {
				r.buf = append(r.buf, p...)
			}
			return nil
		}
		head, err := r.fixHead(data[:i])
		if err != nil {
			return err
		}
		if err := emit(head); err != nil {
			return err
		}
		r.head = false
		body := data[i:]
		r.buf = nil
		return r.body(body, emit)
	}
	return r.body(p, emit)
}

// body passes the bytes after the head, holding back the last bytes (in
// r.buf), which may begin a relationship id that the next write ends.
func (r *sheetRewriter) body(p []byte, emit func([]byte) error) error {
	hold := len(relIDExcelize) - 1
	// The seam of the held bytes and the new ones, where an id may be split.
	seam := append(r.buf[:len(r.buf):len(r.buf)], p[:min(len(p), hold)]...)
	if bytes.Contains(seam, relIDExcelize) || bytes.Contains(p, relIDExcelize) {
		// Rare (a sheet's drawing): rewrite the held bytes and p together.
		data := bytes.ReplaceAll(append(r.buf, p...), relIDExcelize, relIDExcel)
		r.buf = nil
		return r.emitHolding(data, hold, emit)
	}
	if len(p) < hold {
		data := append(r.buf, p...)
		r.buf = nil
		return r.emitHolding(data, hold, emit)
	}
	if len(r.buf) > 0 {
		if err := emit(r.buf); err != nil {
			return err
		}
	}
	if err := emit(p[:len(p)-hold]); err != nil {
		return err
	}
	r.buf = append(r.buf[:0], p[len(p)-hold:]...)
	return nil
}

// emitHolding emits data but its last hold bytes, which it keeps in r.buf.
func (r *sheetRewriter) emitHolding(data []byte, hold int, emit func([]byte) error) error {
	keep := min(len(data), hold)
	if out := data[:len(data)-keep]; len(out) > 0 {
		if err := emit(out); err != nil {
			return err
		}
	}
	r.buf = append(r.buf[:0], data[len(data)-keep:]...)
	return nil
}

// close passes the rest to emit.
func (r *sheetRewriter) close(emit func([]byte) error) error {
	data := r.buf
	r.buf = nil
	if r.head {
		var err error
		if data, err = r.fixHead(data); err != nil {
			return err
		}
	}
	data = bytes.ReplaceAll(data, relIDExcelize, relIDExcel)
	if len(data) == 0 {
		return nil
	}
	return emit(data)
}

var (
	filterModes = [][]byte{[]byte(` filterMode="true"`), []byte(` filterMode="1"`)}
	dimStart    = []byte(`<dimension ref="`)
	colsStart   = []byte(`<cols>`)
	colsEnd     = []byte(`</cols>`)
	colStart    = []byte(`<col `)
	colEnd      = []byte(`></col>`)
	colMinAttr  = []byte(` min="`)
)

// fixHead rewrites the head of a worksheet: it drops the filter flag, sets
// the dimension and puts the <col> entries in order.
func (r *sheetRewriter) fixHead(head []byte) ([]byte, error) {
	for _, m := range filterModes {
		if bytes.Contains(head, m) {
			head = bytes.ReplaceAll(head, m, nil)
		}
	}
	if r.dim != "" {
		head = replaceDimension(head, r.dim)
	}
	return sortCols(head)
}

// replaceDimension rewrites every <dimension ref="…"/> of head (also
// written <dimension ref="…"></dimension>) as <dimension ref="dim"/>.
func replaceDimension(head []byte, dim string) []byte {
	repl := []byte(`<dimension ref="` + dim + `"/>`)
	out, _ := rewriteEach(head, dimStart, func(i int) (int, []byte, bool, error) {
		q := bytes.IndexByte(head[i:], '"')
		if q < 0 {
			return 0, nil, false, nil
		}
		end := i + q + 1
		for end < len(head) && isXMLSpace(head[end]) {
			end++
		}
		switch rest := head[end:]; {
		case bytes.HasPrefix(rest, []byte("/>")):
			return end + 2, repl, true, nil
		case bytes.HasPrefix(rest, []byte("></dimension>")):
			return end + len("></dimension>"), repl, true, nil
		}
		return 0, nil, false, nil
	})
	return out
}

// isXMLSpace tells whether c is white space in XML (or \f).
func isXMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// sortCols puts the <col> entries of every <cols> element of head in the
// order of their min attribute (a stream sheet writes them in reverse).
func sortCols(head []byte) ([]byte, error) {
	return rewriteEach(head, colsStart, func(i int) (int, []byte, bool, error) {
		e := bytes.Index(head[i:], colsEnd)
		if e < 0 || bytes.IndexByte(head[i:i+e], '\n') >= 0 {
			return 0, nil, false, nil // no end, or not one line: left as it is
		}
		list, mins, err := colEntries(head[i : i+e])
		if err != nil {
			return 0, nil, false, err
		}
		idx := make([]int, len(list))
		for j := range idx {
			idx[j] = j
		}
		slices.SortStableFunc(idx, func(a, b int) int { return mins[a] - mins[b] })
		out := append(make([]byte, 0, e+len(colsStart)+len(colsEnd)), colsStart...)
		for _, j := range idx {
			out = append(out, list[j]...)
		}
		return i + e + len(colsEnd), append(out, colsEnd...), true, nil
	})
}

// colEntries returns the <col …/> (or <col …></col>) elements in cols and
// their min attributes.
func colEntries(cols []byte) (list [][]byte, mins []int, err error) {
	for i := 0; ; {
		k := bytes.Index(cols[i:], colStart)
		if k < 0 {
			return list, mins, nil
		}
		start := i + k
		i = start + len(colStart)
		gt := bytes.IndexByte(cols[i:], '>')
		if gt < 0 {
			return list, mins, nil
		}
		end := i + gt // at the first '>'
		switch {
		case cols[end-1] == '/' && end-1 >= i:
			end++
		case bytes.HasPrefix(cols[end:], colEnd):
			end += len(colEnd)
		default:
			continue
		}
		c := cols[start:end]
		n, ok := colMin(c)
		if !ok {
			return nil, nil, fmt.Errorf("a <col> without min: %s", c)
		}
		list, mins = append(list, c), append(mins, n)
		i = end
	}
}

// colMin reads the first min="N" attribute of a <col> element.
func colMin(c []byte) (int, bool) {
	for i := 0; ; {
		m := bytes.Index(c[i:], colMinAttr)
		if m < 0 {
			return 0, false
		}
		j := i + m + len(colMinAttr)
		n, k := 0, j
		for k < len(c) && c[k] >= '0' && c[k] <= '9' {
			n = n*10 + int(c[k]-'0')
			k++
		}
		if k > j && k < len(c) && c[k] == '"' {
			return n, true
		}
		i = j
	}
}
