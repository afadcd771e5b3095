package sheet

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
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

// reCoreElem matches the start and end tags of the core properties that
// belong to the cp namespace.
var reCoreElem = regexp.MustCompile(`<(/?)(coreProperties|keywords|lastModifiedBy|revision|category|contentStatus|lastPrinted|version)([\s>/])`)

// fixCoreProps writes the core properties with the cp: prefix.
func fixCoreProps(data []byte) ([]byte, error) {
	decl := []byte(`xmlns="` + nsCoreProps + `"`)
	if !bytes.Contains(data, decl) {
		return data, nil // already prefixed
	}
	data = bytes.Replace(data, decl, []byte(`xmlns:cp="`+nsCoreProps+`"`), 1)
	return reCoreElem.ReplaceAll(data, []byte(`<${1}cp:${2}${3}`)), nil
}

var reCalcID = regexp.MustCompile(`<calcPr calcId="\d+"`)

// fixWorkbook writes the current calcId.
func fixWorkbook(data []byte) ([]byte, error) {
	return reCalcID.ReplaceAll(data, []byte(`<calcPr calcId="`+excelCalcID+`"`)), nil
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
	reFilterMode = regexp.MustCompile(` filterMode="(?:true|1)"`)
	reDimension  = regexp.MustCompile(`<dimension ref="[^"]*"\s*(?:/>|></dimension>)`)
	reCols       = regexp.MustCompile(`<cols>(.*?)</cols>`)
	reCol        = regexp.MustCompile(`<col [^>]*?(?:/>|></col>)`)
	reColMin     = regexp.MustCompile(` min="(\d+)"`)
)

// fixHead rewrites the head of a worksheet.
func (r *sheetRewriter) fixHead(head []byte) ([]byte, error) {
	head = reFilterMode.ReplaceAll(head, nil)
	if r.dim != "" {
		head = reDimension.ReplaceAll(head, []byte(`<dimension ref="`+r.dim+`"/>`))
	}
	var err error
	head = reCols.ReplaceAllFunc(head, func(cols []byte) []byte {
		list := reCol.FindAll(cols, -1)
		mins := make([]int, len(list))
		for i, c := range list {
			m := reColMin.FindSubmatch(c)
			if m == nil {
				err = fmt.Errorf("a <col> without min: %s", c)
				return cols
			}
			mins[i], _ = strconv.Atoi(string(m[1]))
		}
		idx := make([]int, len(list))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return mins[a] - mins[b] })
		out := []byte("<cols>")
		for _, i := range idx {
			out = append(out, list[i]...)
		}
		return append(out, "</cols>"...)
	})
	return head, err
}
