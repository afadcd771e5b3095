package docx_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"mofan/generator/build"
	"mofan/generator/compose"
	"mofan/generator/docx"
	"mofan/generator/input"
	"mofan/generator/layout"
	"mofan/generator/notice"
	"mofan/generator/plan"
	"mofan/generator/score"
	"mofan/internal/readers"
)

const root = "../.."

// needTool skips without the tool, but fails under CI.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required under CI: %v", name, err)
		}
		t.Skipf("%s not installed (apt-get install libreoffice-writer-nogui poppler-utils); skipping", name)
	}
}

// gongwen returns the 公文 of the shipped 2020 seeds by file name.
func gongwen(t *testing.T) map[string]*layout.Document {
	t.Helper()
	p, err := plan.Load(filepath.Join(root, "seeds", "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := input.Load(filepath.Join(root, "seeds", "2020"), 2020, p)
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Compose(filepath.Join(root, "templates", "表彰通知.md"), p, in.Year, score.Compute(p, in))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*layout.Document{"实施方案": compose.Plan(p), "表彰通知": n}
}

var (
	rePageNumber = regexp.MustCompile(`—\s*\d+\s*—`)
	reSpace      = regexp.MustCompile(`\s+`)
)

// tableHeaders returns the header rows of doc's tables (column titles
// when a table names no header rows).
func tableHeaders(doc *layout.Document) [][]string {
	var out [][]string
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		header := b.Table.Header
		if len(header) == 0 {
			var titles []string
			for _, c := range b.Table.Columns {
				titles = append(titles, c.Title)
			}
			header = [][]string{titles}
		}
		out = append(out, header...)
	}
	return out
}

// squash removes what differs by pagination alone (page numbers, the
// running header) and all white space, leaving the sequence of characters.
func squash(s string, doc *layout.Document) string {
	if doc.Header != "" {
		s = strings.ReplaceAll(s, doc.Header, "")
	}
	s = rePageNumber.ReplaceAllString(s, "")
	return reSpace.ReplaceAllString(s, "")
}

// split cuts a squashed text where its first table starts, after the text
// of the block before it (an attachment's title): before that the two PDFs
// must agree character by character; from there on pdftotext interleaves
// the lines of a row's cells by their height on the page, and reads
// repeated header rows in no fixed order, both of which differ between
// renderers, so tables are compared by their characters.
func split(s string, doc *layout.Document) (body, tables string) {
	for k, b := range doc.Blocks {
		if b.Kind != layout.TableBlock || k == 0 {
			continue
		}
		prev := reSpace.ReplaceAllString(doc.Blocks[k-1].Text, "")
		if i := strings.LastIndex(s, prev); prev != "" && i >= 0 {
			return s[:i+len(prev)], s[i+len(prev):]
		}
		break
	}
	return s, ""
}

// tableRunes counts the characters of the tables' text, leaving out header
// rows (repeated on every page) and the text of group cells (mofan's PDF
// repeats a group cell where a page break splits it, Word and LibreOffice
// do not).
func tableRunes(s string, doc *layout.Document) map[rune]int {
	for _, row := range tableHeaders(doc) {
		for _, cell := range row {
			if h := reSpace.ReplaceAllString(cell, ""); h != "" {
				s = strings.ReplaceAll(s, h, "")
			}
		}
	}
	group := map[rune]bool{}
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		rows := b.Table.Rows
		for r := 0; r+1 < len(rows); r++ {
			for c, cell := range rows[r].Cells {
				if c < len(rows[r+1].Cells) && rows[r+1].Cells[c].Merge && !cell.Merge {
					for _, ch := range cell.Text {
						group[ch] = true
					}
				}
			}
		}
	}
	out := map[rune]int{}
	for _, r := range s {
		if !group[r] {
			out[r]++
		}
	}
	return out
}

// TestLibreOfficeText converts each 公文's .docx to PDF with LibreOffice and
// compares its text with the text of mofan's own PDF of the same document.
func TestLibreOfficeText(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice round trip skipped in -short mode")
	}
	needTool(t, "soffice")
	needTool(t, "pdftotext")
	e, err := build.NewEngine(filepath.Join(root, "fonts", "fonts.toml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docs := gongwen(t)
	var files []string
	for name, doc := range docs {
		pages, err := layout.Layout(doc, e.Fonts)
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := e.PDF(doc)
		if err != nil {
			t.Fatal(err)
		}
		b, err := docx.Write(doc, pages)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	lo := filepath.Join(dir, "lo")
	if err := readers.Convert("pdf", lo, files...); err != nil {
		t.Fatal(err)
	}
	text := func(path string) string {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		return string(out)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			mine := text(filepath.Join(dir, name+".pdf"))
			theirs := text(filepath.Join(lo, name+".pdf"))
			if doc.Header != "" && !strings.Contains(theirs, doc.Header) {
				t.Errorf("LibreOffice's PDF lacks the running header %q", doc.Header)
			}
			if !rePageNumber.MatchString(theirs) {
				t.Error("LibreOffice's PDF has no page numbers `— N —`")
			}
			bodyA, tablesA := split(squash(mine, doc), doc)
			bodyB, tablesB := split(squash(theirs, doc), doc)
			if n := utf8.RuneCountInString(bodyA); n < 500 {
				t.Fatalf("mofan's PDF gave only %d characters of text", n)
			}
			a, b := []rune(bodyA), []rune(bodyB)
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			if i < len(a) || i < len(b) {
				ctx := func(r []rune) string { return string(r[max(0, i-30):min(len(r), i+30)]) }
				t.Errorf("text differs at character %d of %d/%d:\n mofan PDF: …%s…\nLibreOffice: …%s…", i, len(a), len(b), ctx(a), ctx(b))
			}
			ca, cb := tableRunes(tablesA, doc), tableRunes(tablesB, doc)
			for r, n := range ca {
				if cb[r] != n {
					t.Errorf("tables: %q occurs %d times in mofan's PDF, %d times in LibreOffice's", r, n, cb[r])
				}
			}
			for r, n := range cb {
				if _, ok := ca[r]; !ok {
					t.Errorf("tables: %q occurs %d times in LibreOffice's PDF only", r, n)
				}
			}
			t.Logf("%d characters of body text in sequence, %d of tables agree", len(b), utf8.RuneCountInString(tablesB))
		})
	}
}
