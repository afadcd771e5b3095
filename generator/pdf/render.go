// Package pdf draws the pages of generator/layout as PDF. It is the only
// package that imports the PDF library (github.com/signintech/gopdf).
//
// A Renderer parses every font once (New) and is then shared by all
// documents of a run and by any number of goroutines. Output is
// deterministic: no clock is read, fonts are registered in a fixed order, and
// the same document and pages give the same bytes.
package pdf

import (
	"compress/zlib"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/signintech/gopdf"

	"mofan/generator/fontset"
	"mofan/generator/layout"
)

// Renderer renders laid-out documents with one set of fonts.
type Renderer struct {
	faces []*faceIndex // by face index, parsed once
	names []string     // PDF BaseFont (and gopdf family) of each face
	files []string     // for messages
}

// New parses the faces of fonts once, in their fixed order (the face index is
// the font id of layout.Item.Face). Each document then embeds a small font
// per face with only the glyphs it uses (see minifont.go and fontfile.go).
func New(fonts *fontset.Set) (*Renderer, error) {
	if fonts == nil {
		return nil, errors.New("pdf: 没有字体")
	}
	r := &Renderer{}
	seen := map[string]bool{}
	for i, f := range fonts.Faces() {
		idx, err := indexFace(f.TTF)
		if err != nil {
			return nil, fmt.Errorf("pdf: 字体 %s（%s）无法用于 PDF：%w", f.File, f.Role, err)
		}
		r.faces = append(r.faces, idx)
		r.names = append(r.names, baseFontName(f, i, seen))
		r.files = append(r.files, f.File)
	}
	// check once that the library accepts the fonts this package writes
	for i, idx := range r.faces {
		var gp gopdf.GoPdf
		gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: layout.PageWidth, H: layout.PageHeight}})
		_, hollow, _ := idx.subset([]rune("中1"))
		if err := gp.AddTTFFontData(r.names[i], hollow); err != nil {
			return nil, fmt.Errorf("pdf: 字体 %s 无法用于 PDF：%w", r.files[i], err)
		}
	}
	return r, nil
}

// baseFontName returns a PDF subset font name for face i: a six-letter tag
// derived from the name (so that pdffonts and Acrobat see a subset) and the
// face's PostScript name, unique within the set.
func baseFontName(f *fontset.Face, i int, seen map[string]bool) string {
	ps := strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return -1
	}, f.Name)
	if ps == "" {
		ps = "Font"
	}
	if seen[ps] {
		ps += "-" + string(f.Role)
	}
	seen[ps] = true
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%s", i, ps)
	v := h.Sum32()
	tag := make([]byte, 6)
	for k := range tag {
		tag[k] = byte('A' + v%26)
		v /= 26
	}
	return string(tag) + "+" + ps
}

// Render draws pages (from layout.Layout(doc, …)) as a PDF with doc's metadata.
// It is safe to call from several goroutines at once.
func (r *Renderer) Render(doc *layout.Document, pages []layout.Page) ([]byte, error) {
	var gp gopdf.GoPdf
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: layout.PageWidth, H: layout.PageHeight}})
	gp.SetNoCompression() // streams are deflated afterwards with pooled compressors (fontfile.go)
	gp.SetCompressLevel(zlib.BestSpeed)
	// register the faces the pages use, in face order, each with the glyphs it draws
	used := make([][]rune, len(r.names))
	for _, p := range pages {
		for _, it := range p.Items {
			if it.Kind != layout.TextItem {
				continue
			}
			if it.Face < 0 || it.Face >= len(used) {
				return nil, fmt.Errorf("pdf: 第%d页使用了不存在的字体编号 %d", p.Number, it.Face)
			}
			for _, c := range it.Text {
				if _, ok := r.faces[it.Face].cmap[c]; !ok || c > 0xFFFF {
					return nil, fmt.Errorf("pdf: 第%d页：字体 %s 不含字符“%c”（U+%04X）", p.Number, r.files[it.Face], c, c)
				}
				used[it.Face] = append(used[it.Face], c)
			}
		}
	}
	fonts := map[string]embedded{}
	for i, rs := range used {
		if len(rs) > 0 {
			font, hollow, spans := r.faces[i].subset(rs)
			if err := gp.AddTTFFontData(r.names[i], hollow); err != nil {
				return nil, fmt.Errorf("pdf: 字体 %s：%w", r.files[i], err)
			}
			fonts[r.names[i]] = embedded{font: font, z: r.faces[i].compress(font, spans)}
		}
	}
	info := gopdf.PdfInfo{Creator: "mofan", Producer: "mofan"}
	if doc != nil {
		info.Title = doc.Info.Title
		info.Author = doc.Info.Author
		info.Subject = doc.Info.Subject
		info.CreationDate = doc.Info.Created
	}
	gp.SetInfo(info)

	for _, p := range pages {
		gp.AddPage()
		st := drawState{face: -1, lineWidth: -1}
		for _, it := range p.Items {
			var err error
			switch it.Kind {
			case layout.TextItem:
				err = r.text(&gp, &st, it)
			case layout.RuleItem:
				st.stroke(&gp, it.Color, it.Width)
				gp.Line(it.X, it.Y, it.X2, it.Y2)
			}
			if err != nil {
				return nil, fmt.Errorf("pdf: 第%d页：%w", p.Number, err)
			}
		}
	}
	out, err := gp.GetBytesPdfReturnErr()
	if err != nil {
		return nil, err
	}
	return replaceFontFiles(out, fonts)
}

// drawState avoids repeating state operators in the content stream.
type drawState struct {
	face        int
	size        float64
	spacing     float64
	textColor   *layout.Color
	strokeColor *layout.Color
	lineWidth   float64
}

func (s *drawState) stroke(gp *gopdf.GoPdf, c layout.Color, w float64) {
	if s.strokeColor == nil || *s.strokeColor != c {
		gp.SetStrokeColor(c.R, c.G, c.B)
		s.strokeColor = &c
	}
	if s.lineWidth != w {
		gp.SetLineWidth(w)
		s.lineWidth = w
	}
}

// boldOffset is how far the second impression of fake bold text is moved
// right, in em. pdftotext drops the overlapping duplicate.
const boldOffset = 0.03

func (r *Renderer) text(gp *gopdf.GoPdf, s *drawState, it layout.Item) error {
	if it.Text == "" {
		return nil
	}
	if s.face != it.Face || s.size != it.Size {
		if err := gp.SetFont(r.names[it.Face], "", it.Size); err != nil {
			return err
		}
		s.face, s.size = it.Face, it.Size
	}
	if s.textColor == nil || *s.textColor != it.Color {
		gp.SetTextColor(it.Color.R, it.Color.G, it.Color.B)
		c := it.Color
		s.textColor = &c
	}
	if s.spacing != it.Spacing {
		if err := gp.SetCharSpacing(it.Spacing); err != nil {
			return err
		}
		s.spacing = it.Spacing
	}
	gp.SetXY(it.X, it.Y)
	if err := gp.Text(it.Text); err != nil {
		return err
	}
	if it.Bold {
		gp.SetXY(it.X+boldOffset*it.Size, it.Y)
		if err := gp.Text(it.Text); err != nil {
			return err
		}
	}
	return nil
}
