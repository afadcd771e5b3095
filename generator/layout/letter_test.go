package layout

import (
	"math"
	"strings"
	"testing"
)

// TestLetterHead: a 函 in the letter format (信函格式, GB/T 9704-2012 10.1)
// against the same document with the usual 版头.
func TestLetterHead(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.01 }
	mm := func(pt float64) float64 { return pt / PtPerMM }
	for _, letter := range []bool{false, true} {
		doc := sampleDoc()
		doc.Head.Letter = letter
		pages, err := Layout(doc, fakeFonts{})
		if err != nil {
			t.Fatal(err)
		}
		first := pages[0]
		var rules []Item
		var issuer, number *Item
		for i, it := range first.Items {
			switch {
			case it.Kind == RuleItem && it.Color == Red:
				rules = append(rules, it)
			case it.Kind == TextItem && it.Color == Red && strings.HasPrefix(it.Text, "中共"):
				issuer = &first.Items[i]
			case it.Kind == TextItem && strings.HasPrefix(it.Text, "焦直文"):
				number = &first.Items[i]
			}
		}
		if issuer == nil || number == nil {
			t.Fatalf("letter %v: no 发文机关标志 or 发文字号 on page 1", letter)
		}
		if !letter {
			// the usual 版头: one red rule across the block, 文号 centred,
			// a page number on page 1
			if len(rules) != 1 || !near(rules[0].X, BlockLeft) || !near(rules[0].X2, BlockRight) || !first.ShowNumber {
				t.Errorf("the usual 版头: rules %+v, page number %v", rules, first.ShowNumber)
			}
			continue
		}
		// The 标志's top 30 mm from the top of the paper.
		if top := mm(issuer.Y - emTop*issuer.Size); math.Abs(top-30) > 0.01 {
			t.Errorf("发文机关标志 top at %.2f mm, want 30", top)
		}
		// Two double rules, 170 mm, centred on the page: thick over thin
		// 4 mm below the 标志, thin over thick 20 mm above the bottom.
		if len(rules) != 4 {
			t.Fatalf("%d red rules on page 1, want 4: %+v", len(rules), rules)
		}
		for _, r := range rules {
			if !near(mm(r.X2-r.X), 170) || !near(r.X+r.X2, PageWidth) || r.Y != r.Y2 {
				t.Errorf("rule %+v: not 170 mm centred on the page", r)
			}
		}
		upper, lower := rules[:2], rules[2:]
		if !(upper[0].Width > upper[1].Width) || !(lower[0].Width < lower[1].Width) || !(upper[0].Y < upper[1].Y) || !(lower[0].Y < lower[1].Y) {
			t.Errorf("double rules: upper %+v, lower %+v; want thick over thin, then thin over thick", upper, lower)
		}
		issuerBottom := issuer.Y - emTop*issuer.Size + issuer.Size
		if d := mm(upper[0].Y - upper[0].Width/2 - issuerBottom); math.Abs(d-4) > 0.01 {
			t.Errorf("upper double rule %.2f mm below the 标志, want 4", d)
		}
		if d := mm(PageHeight - (lower[1].Y + lower[1].Width/2)); math.Abs(d-20) > 0.01 {
			t.Errorf("lower double rule %.2f mm above the bottom of the paper, want 20", d)
		}
		// The 文号 flush right, 7/8 of a 3号 character below the rule.
		end := 0.0 // the right end of the 文号's last run
		for _, it := range first.Items {
			if it.Kind != TextItem || it.Y != number.Y {
				continue
			}
			x := it.X - it.Spacing
			for _, r := range it.Text {
				x += fakeFonts{}.Advance(0, r)*it.Size + it.Spacing
			}
			end = max(end, x)
		}
		if math.Abs(end-BlockRight) > 0.5 {
			t.Errorf("发文字号 ends at %.2f mm, want the block's right edge %.2f", mm(end), mm(BlockRight))
		}
		if gap := number.Y - emTop*BodySize - (upper[1].Y + upper[1].Width/2); !near(gap, BodySize*7.0/8) {
			t.Errorf("发文字号 %.2f pt below the rule, want %.2f", gap, BodySize*7.0/8)
		}
		// No page number on page 1; the others keep theirs.
		if first.ShowNumber || !pages[1].ShowNumber {
			t.Errorf("page numbers: page 1 %v, page 2 %v; want none on page 1 only", first.ShowNumber, pages[1].ShowNumber)
		}
		// The 版记 is the 抄送 alone, without rules.
		last := pages[len(pages)-1]
		for _, it := range last.Items {
			if it.Kind == RuleItem && it.Color == Black && it.Y > BlockBottom-LinePitch*3 {
				t.Errorf("a rule in the letter's 版记: %+v", it)
			}
			if it.Kind == TextItem && strings.Contains(it.Text, "印发") {
				t.Errorf("the letter's 版记 has 印发: %q", it.Text)
			}
		}
		if text := pageText(last); !strings.Contains(text, "抄送") {
			t.Errorf("the letter's 版记 lacks 抄送:\n%s", text)
		}
	}
}

// pageText joins the text runs of a page.
func pageText(p Page) string {
	var b strings.Builder
	for _, it := range p.Items {
		if it.Kind == TextItem {
			b.WriteString(it.Text)
		}
	}
	return b.String()
}
