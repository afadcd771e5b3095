package sheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDraftMark: the workbooks that state results (考评汇总, 表彰通知,
// 三年总评), made from sample or incomplete data, say 草稿 after the title of
// every sheet that has one, in the page header of every sheet (so that it
// prints on every page) and in the document title, as the PDF drafts do; made
// from complete data they say it nowhere. Read back with excelize.
func TestDraftMark(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		name  string
		build func(draft bool) ([]byte, error)
	}{
		{"考评汇总", func(d bool) ([]byte, error) { return Summary(fx.p, fx.y, fx.r, d) }},
		{"表彰通知", func(d bool) ([]byte, error) { return CommendList(fx.p, fx.y, fx.r, d) }},
		{"三年总评", func(d bool) ([]byte, error) { return Overall(fx.p, fx.y, fx.o, d) }},
	} {
		for _, draft := range []bool{false, true} {
			data, err := c.build(draft)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			titled := 0
			for _, sh := range f.GetSheetList() {
				hf, err := f.GetHeaderFooter(sh)
				if err != nil {
					t.Fatal(err)
				}
				if got := hf != nil && strings.Contains(hf.OddHeader, "&C") && strings.Contains(hf.OddHeader, draftMark); got != draft {
					t.Errorf("%s draft=%v: sheet %s's page header %q", c.name, draft, sh, hf.OddHeader)
				}
				title, err := f.GetCellValue(sh, "A1")
				if err != nil {
					t.Fatal(err)
				}
				if title == "" {
					continue // the chart sheet: no title row
				}
				titled++
				if got := strings.HasSuffix(title, "（草稿）"); got != draft {
					t.Errorf("%s draft=%v: sheet %s's title %q", c.name, draft, sh, title)
				}
			}
			if titled == 0 {
				t.Errorf("%s: no sheet with a title", c.name)
			}
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(props.Title, draftMark); got != draft {
				t.Errorf("%s draft=%v: document title %q", c.name, draft, props.Title)
			}
			f.Close()
		}
	}
}

// TestLibreOfficePDFDraft: printed by LibreOffice, every page of a draft
// 考评汇总 and 表彰通知 shows 草稿.
func TestLibreOfficePDFDraft(t *testing.T) {
	dir, _ := libreOffice(t)
	for _, name := range []string{"考评汇总-草稿", "表彰通知-草稿"} {
		pages := pageTexts(pdfWords(t, dir, name))
		if len(pages) == 0 {
			t.Fatalf("%s: no pages", name)
		}
		for i, p := range pages {
			if !strings.Contains(p, draftMark) {
				t.Errorf("%s page %d of %d has no %s: %.80s", name, i+1, len(pages), draftMark, p)
			}
		}
	}
	for i, p := range pageTexts(pdfWords(t, dir, "考评汇总")) {
		if strings.Contains(p, draftMark) {
			t.Errorf("考评汇总 of complete data, page %d says %s", i+1, draftMark)
		}
	}
}
