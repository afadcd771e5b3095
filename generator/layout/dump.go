package layout

import (
	"fmt"
	"strings"
)

// Dump prints pages as text, one item a line, for golden tests and debugging:
//
//	page 1 (— 1 —)
//	  T 79.37,125.45 16pt f1 sp=-0.2146 "text"
//	  R 79.37,341.70 → 521.57,341.70 w=1.00 #FF0000
func Dump(pages []Page) string {
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&b, "page %d", p.Number)
		if p.ShowNumber {
			fmt.Fprintf(&b, " (— %d —)", p.Number)
		}
		b.WriteByte('\n')
		for _, it := range p.Items {
			col := ""
			if it.Color != Black {
				col = fmt.Sprintf(" #%02X%02X%02X", it.Color.R, it.Color.G, it.Color.B)
			}
			switch it.Kind {
			case TextItem:
				bold := ""
				if it.Bold {
					bold = " bold"
				}
				if it.HScale != 0 && it.HScale != 1 {
					bold += fmt.Sprintf(" hs=%.3f", it.HScale)
				}
				fmt.Fprintf(&b, "  T %.2f,%.2f %gpt f%d sp=%.4f%s%s %q\n", it.X, it.Y, it.Size, it.Face, it.Spacing, col, bold, it.Text)
			case ImageItem:
				fmt.Fprintf(&b, "  I %.2f,%.2f %.2f×%.2f png=%dB\n", it.X, it.Y, it.X2-it.X, it.Y2-it.Y, len(it.Image))
			case RuleItem:
				fmt.Fprintf(&b, "  R %.2f,%.2f → %.2f,%.2f w=%.2f%s\n", it.X, it.Y, it.X2, it.Y2, it.Width, col)
			}
		}
	}
	return b.String()
}
