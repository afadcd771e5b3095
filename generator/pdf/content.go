package pdf

import (
	"crypto/sha256"
	"strconv"

	"mofan/generator/layout"
)

// boldStroke is the width of the outline stroked around synthetic bold
// text (text render mode 2, fill then stroke), in em: it thickens every stem
// by this much.
const boldStroke = 0.03

// gstate is what the content stream has set, so that operators are written
// only when something changes. Text state (font, Tc, Tz, Tr) persists across
// text objects.
type gstate struct {
	inText     bool
	face       int
	size       float64
	fill       *layout.Color
	stroke     *layout.Color
	lineWidth  float64
	spacing    float64
	hscale     float64
	renderMode int
	fontChosen bool
}

// content returns the content stream of page p, appended to b.
func (r *Renderer) content(b []byte, p *layout.Page, fonts []*docFont, imgs map[[32]byte]int) []byte {
	s := gstate{hscale: 1, lineWidth: -1}
	endText := func() {
		if s.inText {
			b = append(b, "ET\n"...)
			s.inText = false
		}
	}
	for _, it := range p.Items {
		switch it.Kind {
		case layout.TextItem:
			if it.Text == "" {
				continue
			}
			if !s.inText {
				b = append(b, "BT\n"...)
				s.inText = true
			}
			b = s.text(b, it, fonts[it.Face])
		case layout.RuleItem:
			endText()
			b = s.setStroke(b, it.Color, it.Width)
			b = appendNum(b, it.X)
			b = append(b, ' ')
			b = appendNum(b, layout.PageHeight-it.Y)
			b = append(b, " m "...)
			b = appendNum(b, it.X2)
			b = append(b, ' ')
			b = appendNum(b, layout.PageHeight-it.Y2)
			b = append(b, " l S\n"...)
		case layout.RectItem:
			endText()
			b = s.setFill(b, it.Color)
			x0, x1 := min(it.X, it.X2), max(it.X, it.X2)
			y0, y1 := min(it.Y, it.Y2), max(it.Y, it.Y2)
			b = appendNums(b, x0, layout.PageHeight-y1, x1-x0, y1-y0)
			b = append(b, " re f\n"...)
		case layout.ImageItem:
			endText()
			x0, x1 := min(it.X, it.X2), max(it.X, it.X2)
			y0, y1 := min(it.Y, it.Y2), max(it.Y, it.Y2)
			b = append(b, "q "...)
			b = appendNums(b, x1-x0, 0, 0, y1-y0, x0, layout.PageHeight-y1)
			b = append(b, " cm /Im"...)
			b = strconv.AppendInt(b, int64(imgs[sha256.Sum256(it.Image)]), 10)
			b = append(b, " Do Q\n"...)
		}
	}
	endText()
	return b
}

func (s *gstate) text(b []byte, it layout.Item, f *docFont) []byte {
	if !s.fontChosen || s.face != it.Face || s.size != it.Size {
		b = append(b, "/F"...)
		b = strconv.AppendInt(b, int64(it.Face), 10)
		b = append(b, ' ')
		b = appendNum(b, it.Size)
		b = append(b, " Tf\n"...)
		s.face, s.size, s.fontChosen = it.Face, it.Size, true
	}
	b = s.setFill(b, it.Color)
	h := it.HScale
	if h <= 0 {
		h = 1
	}
	if h != s.hscale {
		b = appendNum(b, h*100)
		b = append(b, " Tz\n"...)
		s.hscale = h
	}
	// Tc is scaled by Tz; the layout's spacing is not.
	if sp := it.Spacing / h; sp != s.spacing {
		b = appendNum(b, sp)
		b = append(b, " Tc\n"...)
		s.spacing = sp
	}
	mode := 0
	if it.Bold {
		mode = 2
		b = s.setStroke(b, it.Color, boldStroke*it.Size)
	}
	if mode != s.renderMode {
		b = strconv.AppendInt(b, int64(mode), 10)
		b = append(b, " Tr\n"...)
		s.renderMode = mode
	}
	b = append(b, "1 0 0 1 "...)
	b = appendNums(b, it.X, layout.PageHeight-it.Y)
	b = append(b, " Tm("...)
	for _, c := range it.Text {
		id := f.cid[c]
		for _, x := range [2]byte{byte(id >> 8), byte(id)} {
			switch x {
			case '(', ')', '\\':
				b = append(b, '\\', x)
			case '\r':
				b = append(b, '\\', 'r')
			case '\n':
				b = append(b, '\\', 'n')
			default:
				b = append(b, x)
			}
		}
	}
	return append(b, ")Tj\n"...)
}

func (s *gstate) setFill(b []byte, c layout.Color) []byte {
	if s.fill != nil && *s.fill == c {
		return b
	}
	s.fill = &c
	b = appendColor(b, c)
	return append(b, " rg\n"...)
}

func (s *gstate) setStroke(b []byte, c layout.Color, width float64) []byte {
	if s.stroke == nil || *s.stroke != c {
		s.stroke = &c
		b = appendColor(b, c)
		b = append(b, " RG\n"...)
	}
	if width != s.lineWidth {
		b = appendNum(b, width)
		b = append(b, " w\n"...)
		s.lineWidth = width
	}
	return b
}

func appendColor(b []byte, c layout.Color) []byte {
	return appendNums(b, float64(c.R)/255, float64(c.G)/255, float64(c.B)/255)
}

func appendNums(b []byte, vs ...float64) []byte {
	for i, v := range vs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v)
	}
	return b
}
