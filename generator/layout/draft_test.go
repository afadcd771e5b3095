package layout

import (
	"strings"
	"testing"
)

// TestDraftMark: with Draft set, every page — the blank one before an even
// 版记 page included — carries 草稿 in red 2号 above the text block, right-
// aligned with it; without, no page does.
func TestDraftMark(t *testing.T) {
	for _, draft := range []bool{false, true} {
		doc := sampleDoc()
		doc.ColophonOnEven = true
		doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: strings.Repeat("正文内容。", 200)})
		doc.Draft = draft
		pages, err := Layout(doc, fakeFonts{})
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) < 2 {
			t.Fatalf("%d pages", len(pages))
		}
		for _, p := range pages {
			marks := 0
			for _, it := range p.Items {
				if it.Kind == TextItem && it.Text == DraftMark {
					marks++
					w := fakeFonts{}.Advance(0, '草') * it.Size * 2
					if it.Color != Red || it.Size != TitleSize || it.Y >= BlockTop || it.Y <= 0 || it.X+w > BlockRight+0.01 || it.X+w < BlockRight-0.01 {
						t.Errorf("page %d: mark %+v", p.Number, it)
					}
				}
			}
			if want := map[bool]int{false: 0, true: 1}[draft]; marks != want {
				t.Errorf("draft %v, page %d: %d marks, want %d", draft, p.Number, marks, want)
			}
		}
	}
}
