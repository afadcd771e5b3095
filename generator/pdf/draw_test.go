package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"mofan/generator/layout"
)

// rasterize renders page n (1-based) of the PDF at path at 72 dpi (one pixel
// a point) with the named tool ("pdftoppm" or "mutool") and decodes it.
func rasterize(t *testing.T, tool, path string, n int) image.Image {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "page.png")
	switch tool {
	case "pdftoppm":
		num := itoa(n)
		run(t, "pdftoppm", "-r", "72", "-png", "-singlefile", "-f", num, "-l", num, path, strings.TrimSuffix(out, ".png"))
	case "mutool":
		run(t, "mutool", "draw", "-q", "-r", "72", "-o", out, path, itoa(n))
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// ink returns the horizontal extent of the non-white pixels in the rows
// [y0, y1) and the number of such pixels; ok is false when there are none.
func ink(img image.Image, y0, y1 int) (x0, x1, n int, ok bool) {
	b := img.Bounds()
	x0, x1 = b.Max.X, -1
	for y := max(y0, b.Min.Y); y < min(y1, b.Max.Y); y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xC000 || g < 0xC000 || bl < 0xC000 {
				n++
				x0, x1 = min(x0, x), max(x1, x)
			}
		}
	}
	return x0, x1, n, n > 0
}

// runEnd returns where a text run's last character ends.
func runEnd(t *testing.T, it layout.Item) float64 {
	fs := loadFonts(t)
	x, h := it.X, it.HScale
	if h == 0 {
		h = 1
	}
	rs := []rune(it.Text)
	for i, c := range rs {
		x += fs.Advance(it.Face, c) * it.Size * h
		if i < len(rs)-1 {
			x += it.Spacing
		}
	}
	return x
}

// TestGlyphsWhereLaidOut renders a full page of body text with poppler and
// with MuPDF and checks, line by line, that the ink lies where the layout
// put the text runs: it starts within a quarter em after the first run's x
// and ends within a quarter em before the last run's end, never outside.
func TestGlyphsWhereLaidOut(t *testing.T) {
	needTools(t, "pdftoppm", "mutool")
	path, pages, _ := renderSample(t)
	const pg = 2 // a full page of body text
	type band struct {
		top, bot, x0, x1, size float64
		first, last            rune
	}
	bands := map[float64]*band{}
	var order []float64
	for _, it := range pages[pg-1].Items {
		if it.Kind != layout.TextItem || strings.TrimSpace(it.Text) == "" {
			continue
		}
		b := bands[it.Y]
		if b == nil {
			b = &band{top: it.Y - 0.88*it.Size, bot: it.Y + 0.12*it.Size, x0: it.X, x1: runEnd(t, it), size: it.Size}
			bands[it.Y] = b
			order = append(order, it.Y)
		}
		rs := []rune(it.Text)
		if it.X <= b.x0 {
			b.x0, b.first = it.X, rs[0]
		}
		if e := runEnd(t, it); e >= b.x1 {
			b.x1, b.last = e, rs[len(rs)-1]
		}
	}
	if len(order) < layout.GridLines {
		t.Fatalf("page %d has %d lines of text", pg, len(order))
	}
	for _, tool := range []string{"pdftoppm", "mutool"} {
		img := rasterize(t, tool, path, pg)
		for _, y := range order {
			b := bands[y]
			x0, x1, _, ok := ink(img, int(math.Ceil(b.top))+1, int(math.Floor(b.bot))-1)
			if !ok {
				t.Errorf("%s: no ink on the line at baseline %.1f", tool, y)
				continue
			}
			// a glyph's ink starts and ends within about a third of an em
			// of its box (narrow characters such as 自 leave 0.29 em), but
			// punctuation sits in one half of it
			q0, q1 := 0.35*b.size, 0.35*b.size
			if !unicode.IsLetter(b.first) && !unicode.IsDigit(b.first) {
				q0 = 0.75 * b.size
			}
			if !unicode.IsLetter(b.last) && !unicode.IsDigit(b.last) {
				q1 = 0.75 * b.size
			}
			if float64(x0) < b.x0-1.5 || float64(x0) > b.x0+q0 || float64(x1) > b.x1+1.5 || float64(x1) < b.x1-q1 {
				t.Errorf("%s: line at baseline %.1f: ink %d–%d pt, laid out %.1f–%.1f", tool, y, x0, x1, b.x0, b.x1)
			}
		}
	}
}

// sealPNG is a red disc on a transparent square, like a seal.
func sealPNG(t *testing.T, size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if math.Hypot(float64(x)+0.5-c, float64(y)+0.5-c) < c*0.9 {
				img.SetNRGBA(x, y, color.NRGBA{0xE6, 0, 0x12, 0xFF})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// featurePage draws the same text plain, squeezed to half its width, and
// bold; a blue rectangle; a red rule; and a seal image.
func featurePage(t *testing.T) (layout.Page, []byte) {
	set := loadFonts(t)
	face, _ := set.Pick("body", '中')
	seal := sealPNG(t, 120)
	text := "中共焦作市委市直机关工委"
	p := layout.Page{Number: 1, Items: []layout.Item{
		{Kind: layout.TextItem, X: 100, Y: 150, Size: 24, Face: face, Text: text},
		{Kind: layout.TextItem, X: 100, Y: 250, Size: 24, Face: face, Text: text, HScale: 0.5},
		{Kind: layout.TextItem, X: 100, Y: 350, Size: 24, Face: face, Text: text, Bold: true},
		{Kind: layout.RectItem, X: 100, Y: 400, X2: 200, Y2: 450, Color: layout.Color{B: 0xFF}},
		{Kind: layout.RuleItem, X: 100, Y: 480, X2: 400, Y2: 480, Width: 2, Color: layout.Red},
		{Kind: layout.ImageItem, X: 300, Y: 500, X2: 420, Y2: 620, Image: seal},
		{Kind: layout.ImageItem, X: 100, Y: 650, X2: 160, Y2: 710, Image: seal},
	}, Marks: []layout.Mark{{Text: "第一节", Y: 120}, {Text: "附件 Seal (test)", Y: 480}}}
	return p, seal
}

func TestDrawingFeatures(t *testing.T) {
	needTools(t, "pdftoppm", "mutool", "qpdf")
	r := renderer(t)
	page, _ := featurePage(t)
	doc := &layout.Document{Info: layout.Info{Title: "测试", Author: "mofan"}}
	data, err := r.Render(doc, []layout.Page{page})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "features.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "qpdf", "--check", path)
	// the content stream says what it does
	cs := contentStreams(t, data)
	for _, op := range []string{"\n50 Tz", "\n2 Tr", " re f", "/Im0 Do", " l S", "0 0 1 rg"} {
		if !strings.Contains(cs, op) {
			t.Errorf("content stream lacks %q", op)
		}
	}
	if n := strings.Count(string(data), "/Subtype/Image"); n != 2 {
		t.Errorf("%d image objects, want 2 (one image and its mask, used twice)", n)
	}
	if !bytes.Contains(data, []byte("/SMask ")) {
		t.Errorf("no soft mask for the transparent image")
	}
	for _, tool := range []string{"pdftoppm", "mutool"} {
		img := rasterize(t, tool, path, 1)
		py0, py1 := 150-22, 150+4
		a0, a1, an, _ := ink(img, py0, py1)
		b0, b1, _, _ := ink(img, py0+100, py1+100)
		_, _, cn, _ := ink(img, py0+200, py1+200)
		if ratio := float64(b1-b0) / float64(a1-a0); math.Abs(ratio-0.5) > 0.04 {
			t.Errorf("%s: squeezed text is %.2f of the plain width, want 0.5", tool, ratio)
		}
		if a0 < 99 || b0 < 99 || a0 > 104 {
			t.Errorf("%s: text starts at %d and %d, want about 100", tool, a0, b0)
		}
		if float64(cn) < 1.15*float64(an) {
			t.Errorf("%s: bold text has %d ink pixels, plain %d: not bolder", tool, cn, an)
		}
		at := func(x, y int) (uint32, uint32, uint32) {
			r, g, b, _ := img.At(x, y).RGBA()
			return r >> 8, g >> 8, b >> 8
		}
		if r, g, b := at(150, 425); r > 30 || g > 30 || b < 220 {
			t.Errorf("%s: rectangle pixel %d,%d,%d, want blue", tool, r, g, b)
		}
		if r, g, b := at(250, 480); r < 200 || g > 60 || b > 60 {
			t.Errorf("%s: rule pixel %d,%d,%d, want red", tool, r, g, b)
		}
		if r, g, b := at(360, 560); r < 200 || g > 40 || b > 60 {
			t.Errorf("%s: seal centre %d,%d,%d, want red", tool, r, g, b)
		}
		if r, g, b := at(302, 502); r < 240 || g < 240 || b < 240 {
			t.Errorf("%s: seal corner %d,%d,%d, want white (transparent)", tool, r, g, b)
		}
	}
	out := run(t, "mutool", "show", path, "outline")
	for _, want := range []string{"第一节", "附件 Seal (test)"} {
		if !strings.Contains(out, want) {
			t.Errorf("outline lacks %q:\n%s", want, out)
		}
	}
	text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if n := strings.Count(text, "中共焦作市委市直机关工委"); n != 3 {
		t.Errorf("text extracts %d times, want 3 (bold is not printed twice):\n%s", n, text)
	}
}

// contentStreams returns every content stream of data inflated, joined.
func contentStreams(t *testing.T, data []byte) string {
	t.Helper()
	re := regexp.MustCompile(`<</Filter/FlateDecode/Length (\d+)>>stream\n`)
	var b strings.Builder
	for _, m := range re.FindAllSubmatchIndex(data, -1) {
		n := 0
		for _, c := range data[m[2]:m[3]] {
			n = 10*n + int(c-'0')
		}
		zr, err := zlib.NewReader(bytes.NewReader(data[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		s, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(s)
	}
	return b.String()
}

// TestBook: documents one after the other, each starting on an odd page,
// with one bookmark per document holding its marks.
func TestBook(t *testing.T) {
	needTools(t, "qpdf", "mutool", "pdfinfo")
	r := renderer(t)
	fs := loadFonts(t)
	doc := sampleDoc()
	pages, err := layout.Layout(doc, fs)
	if err != nil {
		t.Fatal(err)
	}
	form := formDoc(3)
	fpages, err := layout.Layout(form, fs)
	if err != nil {
		t.Fatal(err)
	}
	data, err := r.RenderBook(layout.Info{Title: "打印"}, []Part{{form, fpages}, {doc, pages}, {form, fpages}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.pdf")
	os.WriteFile(path, data, 0o644)
	run(t, "qpdf", "--check", path)
	want := 0
	for _, n := range []int{len(fpages), len(pages), len(fpages)} {
		want += n + n%2
	}
	if info := run(t, "pdfinfo", path); !strings.Contains(info, "Pages:          "+itoa(want)+"\n") && !strings.Contains(info, "Pages:           "+itoa(want)+"\n") {
		t.Errorf("want %d pages:\n%s", want, info)
	}
	out := run(t, "mutool", "show", path, "outline")
	top := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+") || strings.HasPrefix(l, "|\t\"") {
			top++
		}
	}
	for _, w := range []string{doc.Info.Title, "附件1 2020年度市直机关创建模范机关先进单位名单", "2020年度市直机关创建模范机关自评表"} {
		if !strings.Contains(out, w) {
			t.Errorf("outline lacks %q:\n%s", w, out)
		}
	}
	if top != 3 {
		t.Errorf("%d top-level bookmarks, want 3:\n%s", top, out)
	}
}
