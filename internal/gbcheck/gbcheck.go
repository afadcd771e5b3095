// Package gbcheck measures PDFs the way a reader would, from the outside:
// it asks pdftotext for every word's box and qpdf for the fonts' declared
// ascent and descent, groups the words by baseline, and checks the result
// against GB/T 9704-2012 (text block, grid, page numbers) and the line-
// breaking rules (no forbidden mark at a line start or end). Tests of several
// packages use it; it needs poppler-utils and qpdf.
package gbcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// NeedTools skips the test when a tool is missing, and fails it under CI
// (where .ci/run installs them).
func NeedTools(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (apt-get install poppler-utils qpdf)", tool)
			}
			t.Skipf("%s is missing: install poppler-utils and qpdf to run this test", tool)
		}
	}
}

// Geometry of the text block (pt from the page's top-left), GB/T 9704.
const (
	MM          = 72 / 25.4
	BlockLeft   = 28 * MM
	BlockRight  = (28 + 156) * MM
	BlockTop    = 37 * MM
	BlockBottom = (37 + 225) * MM
	LinePitch   = 225 * MM / 22
	BodySize    = 16
)

// Line is a run of words on one baseline, measured from the PDF.
type Line struct {
	Base float64 // baseline, pt from the top
	Size float64 // font size, pt
	XMin float64
	XMax float64
	Text string
}

// bbox-layout output of pdftotext
type bboxDoc struct {
	Pages []struct {
		Flows []struct {
			Blocks []struct {
				Lines []struct {
					Words []bboxWord `xml:"word"`
				} `xml:"line"`
			} `xml:"block"`
		} `xml:"flow"`
	} `xml:"body>doc>page"`
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type metric struct{ asc, desc float64 }

var (
	reObject  = regexp.MustCompile(`(?s)\d+ 0 obj.*?endobj`)
	reAscent  = regexp.MustCompile(`/Ascent (-?[0-9.]+)`)
	reDescent = regexp.MustCompile(`/Descent (-?[0-9.]+)`)
)

func run(name string, args ...string) ([]byte, error) {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out, nil
}

// fontMetrics reads the ascent and descent of every font descriptor.
func fontMetrics(path string) ([]metric, error) {
	dir, err := os.MkdirTemp("", "gbcheck")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	qdf := filepath.Join(dir, "qdf.pdf")
	if _, err := run("qpdf", "--qdf", "--object-streams=disable", path, qdf); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(qdf)
	if err != nil {
		return nil, err
	}
	var ms []metric
	for _, d := range reObject.FindAll(data, -1) {
		if !bytes.Contains(d, []byte("/Type /FontDescriptor")) {
			continue
		}
		a, dd := reAscent.FindSubmatch(d), reDescent.FindSubmatch(d)
		if a == nil || dd == nil {
			continue
		}
		av, _ := strconv.ParseFloat(string(a[1]), 64)
		dv, _ := strconv.ParseFloat(string(dd[1]), 64)
		ms = append(ms, metric{av / 1000, -dv / 1000})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("%s: no font descriptors found", path)
	}
	return ms, nil
}

// Words reads the words of every page, each with its baseline and size.
// pdftotext's word boxes span the font's declared ascent and descent, so a
// word's size is (yMax − yMin) / (ascent + descent) for the font whose
// metrics give a whole or half point size, and its baseline is
// yMax − descent × size. Words are sorted by baseline, then from the left.
func Words(path string) ([][]Line, error) {
	ms, err := fontMetrics(path)
	if err != nil {
		return nil, err
	}
	out, err := run("pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-")
	if err != nil {
		return nil, err
	}
	if k := bytes.Index(out, []byte("<html")); k >= 0 {
		out = out[k:]
	}
	var doc bboxDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		return nil, fmt.Errorf("bbox xml: %v", err)
	}
	var pages [][]Line
	for _, p := range doc.Pages {
		var words []Line
		for _, f := range p.Flows {
			for _, b := range f.Blocks {
				for _, l := range b.Lines {
					for _, w := range l.Words {
						h := w.YMax - w.YMin
						best, size, base := math.Inf(1), 0.0, 0.0
						for _, m := range ms {
							s := h / (m.asc + m.desc)
							if d := math.Abs(s*2 - math.Round(s*2)); d < best {
								best, size, base = d, math.Round(s*2)/2, w.YMax-m.desc*s
							}
						}
						words = append(words, Line{Base: base, Size: size, XMin: w.XMin, XMax: w.XMax, Text: w.Text})
					}
				}
			}
		}
		sort.SliceStable(words, func(i, j int) bool {
			if math.Abs(words[i].Base-words[j].Base) > 0.3 {
				return words[i].Base < words[j].Base
			}
			return words[i].XMin < words[j].XMin
		})
		pages = append(pages, words)
	}
	return pages, nil
}

// Measure returns each page's printed lines: words on one baseline joined.
// (pdftotext's own lines are not used: squeezed punctuation makes it split
// one printed line into several.)
func Measure(path string) ([][]Line, error) {
	pages, err := Words(path)
	if err != nil {
		return nil, err
	}
	for i, words := range pages {
		pages[i] = join(words, math.Inf(1))
	}
	return pages, nil
}

// join merges consecutive words on the same baseline whose gap is at most
// maxGap × their size.
func join(words []Line, maxGap float64) []Line {
	var merged []Line
	for _, w := range words {
		if n := len(merged); n > 0 && math.Abs(merged[n-1].Base-w.Base) <= 0.3 && w.XMin-merged[n-1].XMax <= maxGap*w.Size {
			l := &merged[n-1]
			l.XMin = math.Min(l.XMin, w.XMin)
			l.XMax = math.Max(l.XMax, w.XMax)
			l.Text += w.Text
			continue
		}
		merged = append(merged, w)
	}
	return merged
}

// Segments returns each page's runs of text: words on one baseline with no
// gap wider than half a character between them, i.e. one line of a
// paragraph or of a table cell.
func Segments(path string) ([][]Line, error) {
	pages, err := Words(path)
	if err != nil {
		return nil, err
	}
	for i, words := range pages {
		pages[i] = join(words, 0.5)
	}
	return pages, nil
}

// Marks that may not start or end a line (GB/T 15834, W3C clreq).
const (
	NoStart = "、，。：；！？”’）》」』〕】·～"
	NoEnd   = "“‘（《「『〔【"
)

var rePageNumber = regexp.MustCompile(`^—\s*\d+\s*—$`)

// BreakViolations lists the segments that start or end with a forbidden
// mark, or split a —— or ……, as "page N: text".
func BreakViolations(pages [][]Line) []string {
	var out []string
	for i, segs := range pages {
		for _, s := range segs {
			t := strings.TrimSpace(s.Text)
			if t == "" || rePageNumber.MatchString(t) {
				continue
			}
			rs := []rune(t)
			first, last := rs[0], rs[len(rs)-1]
			switch {
			case strings.ContainsRune(NoStart, first):
				out = append(out, fmt.Sprintf("page %d: starts with %c: %s", i+1, first, t))
			case strings.ContainsRune(NoEnd, last):
				out = append(out, fmt.Sprintf("page %d: ends with %c: %s", i+1, last, t))
			case split(rs, '—') || split(rs, '…'):
				out = append(out, fmt.Sprintf("page %d: a —— or …… is split: %s", i+1, t))
			}
		}
	}
	return out
}

// split reports whether a line ends with a lone c or starts with a lone c
// (half of a two-character —— or ……). A line may start with a whole pair.
func split(rs []rune, c rune) bool {
	n := len(rs)
	run := 0
	for run < n && rs[n-1-run] == c {
		run++
	}
	if run%2 == 1 {
		return true
	}
	run = 0
	for run < n && rs[run] == c {
		run++
	}
	return run%2 == 1
}

// GeometryViolations checks what GB/T 9704 fixes on every page of a
// document: body lines (3号) begin at the left edge of the text block or
// two characters in and do not run past its right edge; consecutive body
// lines are a whole number of grid lines apart; and page numbers `— N —`
// sit 7 mm below the block, one character in from the right on odd pages
// and from the left on even pages.
func GeometryViolations(pages [][]Line) []string {
	var out []string
	const char = 156 * MM / 28
	for i, lines := range pages {
		var prev *Line
		for k := range lines {
			l := &lines[k]
			t := strings.TrimSpace(l.Text)
			if rePageNumber.MatchString(t) {
				if want := fmt.Sprintf("—%d—", i+1); strings.ReplaceAll(t, " ", "") != want {
					out = append(out, fmt.Sprintf("page %d: number %q", i+1, t))
				}
				if (i+1)%2 == 1 {
					if d := (BlockRight - 14 - l.XMax) / MM; math.Abs(d) > 0.5 {
						out = append(out, fmt.Sprintf("page %d: number ends %.2f mm off one character in from the right", i+1, d))
					}
				} else if d := (l.XMin - BlockLeft - 14) / MM; math.Abs(d) > 0.5 {
					out = append(out, fmt.Sprintf("page %d: number starts %.2f mm off one character in from the left", i+1, d))
				}
				if d := (l.Base - 0.30*14 - BlockBottom) / MM; math.Abs(d-7) > 0.5 {
					out = append(out, fmt.Sprintf("page %d: number %.2f mm below the block, want 7", i+1, d))
				}
				continue
			}
			if l.Size != BodySize || l.Base < BlockTop || l.Base > BlockBottom {
				continue
			}
			right := BlockRight + 0.5*MM
			if rs := []rune(t); strings.ContainsRune(NoStart, rs[len(rs)-1]) {
				// A closing mark at the line end is set half width; pdftotext
				// still reports its full advance.
				right += char / 2
			}
			if l.XMin < BlockLeft-0.5*MM || l.XMax > right {
				out = append(out, fmt.Sprintf("page %d: body line outside the block (%.1f–%.1f mm): %s", i+1, l.XMin/MM, l.XMax/MM, t))
			}
			// Paragraph lines start at the block's edge or two characters in;
			// table cells and centred lines are not on the grid's columns.
			if math.Abs(l.XMin-BlockLeft) > 0.5*MM && math.Abs(l.XMin-BlockLeft-2*char) > 0.5*MM {
				continue
			}
			if prev != nil {
				d := (l.Base - prev.Base) / LinePitch
				if math.Abs(d-math.Round(d))*LinePitch > 0.2 {
					out = append(out, fmt.Sprintf("page %d: body line %.2f grid lines below the previous: %s", i+1, d, t))
				}
			}
			prev = l
		}
	}
	return out
}

// Sealed layout (GB/T 9704-2012 7.3.5.1): the 成文日期 ends four characters
// in from the right edge of the block, the 署名 stands one line above it,
// centred over it, and the seal, centred on both with them a little below
// its centre, has its top within one line of the text above.
const (
	// SealDiameter is the seal area the checks keep clear (mm).
	SealDiameter = 42
	// sealLift is how far the seal's centre lies above the middle of 署名 and
	// 日期 (mm): “署名和成文日期居印章中心偏下位置”.
	sealLift = 3
)

var reDate = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)

// Seal describes a sealed signature found on a page.
type Seal struct {
	Page       int     // 1-based
	Sig, Date  Line    // the 署名 and 成文日期 lines
	CX, CY     float64 // the seal area's centre, pt
	Radius     float64 // pt
	TextBottom float64 // the bottom of the text line above the seal, pt (0 if none)
}

// FindSeal finds the last 成文日期 of a document set in body size inside the
// block with a line one grid line above it (the 署名), and the seal area on
// them. ok is false when the document has no such signature.
func FindSeal(pages [][]Line) (s Seal, ok bool) {
	for i := len(pages) - 1; i >= 0; i-- {
		lines := pages[i]
		for k := len(lines) - 1; k > 0; k-- {
			d := lines[k]
			if d.Size != BodySize || !reDate.MatchString(strings.TrimSpace(d.Text)) || d.Base > BlockBottom {
				continue
			}
			var sig *Line
			for j := k - 1; j >= 0; j-- {
				if math.Abs(d.Base-lines[j].Base-LinePitch) < 0.5 {
					sig = &lines[j]
					break
				}
			}
			if sig == nil {
				continue
			}
			mid := func(l Line) float64 { return l.Base - 0.38*l.Size }
			s = Seal{Page: i + 1, Sig: *sig, Date: d, CX: (d.XMin + d.XMax) / 2,
				CY: (mid(*sig)+mid(d))/2 - sealLift*MM, Radius: SealDiameter * MM / 2}
			for j := range lines {
				l := lines[j]
				if l.Base < sig.Base-0.5 && l.Base+0.12*l.Size > s.TextBottom {
					s.TextBottom = l.Base + 0.12*l.Size
				}
			}
			return s, true
		}
	}
	return Seal{}, false
}

// SealViolations checks a sealed signature: the date's right edge four
// characters in (unless the 署名 needs the whole width), the 署名 centred
// over the date, no other text in the seal area, the seal's top below the
// text above and within one line of it, and the seal inside the block.
func SealViolations(pages [][]Line, s Seal) []string {
	const char = 156 * MM / 28
	var out []string
	at := fmt.Sprintf("page %d: ", s.Page)
	if s.Sig.XMax < BlockRight-0.5*MM {
		if d := (BlockRight - 4*char - s.Date.XMax) / MM; math.Abs(d) > 0.5 {
			out = append(out, fmt.Sprintf("%sthe date ends %.2f mm off four characters in from the right", at, d))
		}
	}
	if d := ((s.Sig.XMin+s.Sig.XMax)/2 - s.CX) / MM; math.Abs(d) > 0.5 {
		out = append(out, fmt.Sprintf("%sthe signature is centred %.2f mm off the date's centre", at, d))
	}
	top := s.CY - s.Radius
	if s.TextBottom > 0 {
		if top < s.TextBottom {
			out = append(out, fmt.Sprintf("%sthe seal's top lies %.2f mm above the bottom of the text above it", at, (s.TextBottom-top)/MM))
		} else if top-s.TextBottom > LinePitch {
			out = append(out, fmt.Sprintf("%sthe seal's top lies %.2f mm below the text, more than one line", at, (top-s.TextBottom)/MM))
		}
	}
	if s.CY+s.Radius > BlockBottom+0.5*MM {
		out = append(out, fmt.Sprintf("%sthe seal reaches %.2f mm below the block", at, (s.CY+s.Radius-BlockBottom)/MM))
	}
	for _, l := range pages[s.Page-1] {
		if l == s.Sig || l == s.Date {
			continue
		}
		// the nearest point of the line's box to the seal's centre
		x := math.Max(l.XMin, math.Min(s.CX, l.XMax))
		y := math.Max(l.Base-0.88*l.Size, math.Min(s.CY, l.Base+0.12*l.Size))
		if math.Hypot(x-s.CX, y-s.CY) < s.Radius {
			out = append(out, fmt.Sprintf("%stext in the seal area: %s", at, l.Text))
		}
	}
	return out
}

// DashLengths renders page (1-based) of a PDF at 600 dpi with pdftoppm and
// returns the lengths, in mm, of the horizontal strokes longer than 2.6 mm
// (wider than any 4号 digit, 2.47 mm) between 3 and 12 mm below the text
// block: the dashes of the page number `— N —`, left to right.
func DashLengths(path string, page int) ([]float64, error) {
	const dpi = 600
	out, err := run("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), path)
	if err != nil {
		return nil, err
	}
	w, h, pix, err := readPGM(out)
	if err != nil {
		return nil, err
	}
	px := dpi / 25.4 // pixels per mm
	y0, y1 := int((262+3)*px), min(h, int((262+12)*px))
	longest := map[int]int{} // start column (rounded to 0.5 mm) → longest run
	for y := y0; y < y1; y++ {
		row := pix[y*w : (y+1)*w]
		for x := 0; x < w; {
			if row[x] >= 128 {
				x++
				continue
			}
			s := x
			for x < w && row[x] < 128 {
				x++
			}
			if n := x - s; float64(n) > 2.6*px {
				k := int(float64(s) / px * 2)
				if n > longest[k] && n > longest[k-1] && n > longest[k+1] {
					delete(longest, k-1)
					delete(longest, k+1)
					longest[k] = n
				}
			}
		}
	}
	keys := make([]int, 0, len(longest))
	for k := range longest {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var lens []float64
	for _, k := range keys {
		lens = append(lens, float64(longest[k])/px)
	}
	return lens, nil
}

// readPGM decodes a binary PGM (P5, 8-bit) image.
func readPGM(b []byte) (w, h int, pix []byte, err error) {
	var maxv int
	fields := 0
	i := 0
	vals := [3]int{}
	if !bytes.HasPrefix(b, []byte("P5")) {
		return 0, 0, nil, fmt.Errorf("not a PGM image")
	}
	i = 2
	for fields < 3 && i < len(b) {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		if i < len(b) && b[i] == '#' {
			for i < len(b) && b[i] != '\n' {
				i++
			}
			continue
		}
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		vals[fields], _ = strconv.Atoi(string(b[s:i]))
		fields++
	}
	w, h, maxv = vals[0], vals[1], vals[2]
	i++ // the single whitespace after the header
	if maxv != 255 || w <= 0 || h <= 0 || len(b)-i < w*h {
		return 0, 0, nil, fmt.Errorf("unexpected PGM image %dx%d max %d", w, h, maxv)
	}
	return w, h, b[i : i+w*h], nil
}
