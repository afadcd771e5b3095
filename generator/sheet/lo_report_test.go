package sheet

import (
	"strings"
	"testing"
)

// pageTexts joins the words of each page (index 0 is page 1).
func pageTexts(words []pdfWord) []string {
	var pages []string
	for _, w := range words {
		for len(pages) < w.page {
			pages = append(pages, "")
		}
		pages[w.page-1] += w.text
	}
	return pages
}

// TestLibreOfficePDFSummary: printed by LibreOffice, 考评汇总's chart is
// alone on one page with dark labels and a legend telling commended units
// apart, and every page of 考评要点 shows the group label of the points on
// it, a group cut by a page break too.
func TestLibreOfficePDFSummary(t *testing.T) {
	dir, fx := libreOffice(t)
	pages := pageTexts(pdfWords(t, dir, "考评汇总"))
	var chartPages []int
	for i, p := range pages {
		if strings.Contains(p, "表彰单位") && strings.Contains(p, "其他单位") {
			chartPages = append(chartPages, i+1)
			if strings.Contains(p, "单位名称") {
				t.Errorf("page %d: the chart shares its page with a table", i+1)
			}
			// Bars are labelled with one decimal, units by name.
			for _, idx := range fx.r.ByRank[:3] {
				u := &fx.r.Units[idx]
				if !strings.Contains(p, shown(u.Total)) || !strings.Contains(p, u.Unit.Name) {
					t.Errorf("page %d: the chart lacks %s %s", i+1, u.Unit.Name, shown(u.Total))
				}
			}
		}
	}
	if len(chartPages) != 1 {
		t.Errorf("the chart's legend on pages %v, want one page", chartPages)
	}
	label := func(i int) string {
		pt := fx.p.Points[i]
		if pt.Group != "" {
			return []string(strings.SplitAfter(pt.Group, "）"))[0] // （一）
		}
		return string(pt.Category)
	}
	pointPages := 0
	split := false
	for n, p := range pages {
		if !strings.Contains(p, "考评要点") || !strings.Contains(p, "分值") {
			continue
		}
		pointPages++
		found := 0
		for i, pt := range fx.p.Points {
			if !strings.Contains(p, pt.ID) {
				continue
			}
			found++
			if !strings.Contains(p, label(i)) {
				t.Errorf("page %d: %s without its group %s", n+1, pt.ID, label(i))
			}
			if found == 1 && i > 0 && label(i) == label(i-1) {
				split = true
			}
		}
		if found == 0 {
			t.Errorf("page %d: no point", n+1)
		}
	}
	if pointPages < 2 || !split {
		t.Errorf("%d pages of 考评要点, a group continued: %v; the test needs a group cut by a page break", pointPages, split)
	}
}

// TestLibreOfficePDFOverall: 三年总评 of 70 units prints on 3 pages, the 说明
// column wide enough for the usual reason (名额已满（第24名，名额21个）) on
// one line.
func TestLibreOfficePDFOverall(t *testing.T) {
	dir, fx := libreOffice(t)
	words := pdfWords(t, dir, "三年总评")
	if pages := words[len(words)-1].page; pages != 3 {
		t.Errorf("%d pages, want 3 for %d units", pages, len(fx.o.Units))
	}
	for _, u := range fx.o.Units {
		if u.Reason == "" || textLines(u.Reason, overallReasonWidth, sizeBody) > 1 {
			continue // long reasons wrap, as estimated
		}
		block := findBlock(words, u.Reason)
		if block == nil {
			t.Errorf("%s: reason %q not in the PDF", u.Name, u.Reason)
			continue
		}
		for _, w := range block {
			if d := w.center() - block[0].center(); d > 2 || d < -2 {
				t.Errorf("%s: reason %q on more than one line", u.Name, u.Reason)
				break
			}
		}
	}
}
