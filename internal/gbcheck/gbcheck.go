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
