// Package pdf draws the pages of generator/layout as PDF, with a small writer
// of its own (no PDF library): Type0/CIDFontType2 fonts subset per document
// (font.go), Identity-H text with ToUnicode maps so that text extracts
// exactly, character spacing (Tc) and horizontal scaling (Tz), synthetic
// bold by fill-and-stroke, rules and filled rectangles in colour, PNG images
// with transparency, a document outline and document information.
//
// A Renderer parses every font once (New) and is then shared by all
// documents of a run and by any number of goroutines. Output is
// deterministic: no clock is read, no map is ranged over into the output,
// and the same document and pages give the same bytes whatever else the
// renderer drew before or at the same time.
package pdf

import (
	"crypto/md5"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf16"

	"mofan/generator/fontset"
	"mofan/generator/layout"
)

// Renderer renders laid-out documents with one set of fonts.
type Renderer struct {
	faces  []*face
	cached atomic.Int64 // bytes of deflated glyph chunks kept (font.go)
	images imageCache
}

// New parses the faces of fonts once, in their fixed order (the face index is
// the font id of layout.Item.Face).
func New(fonts *fontset.Set) (*Renderer, error) {
	if fonts == nil {
		return nil, errors.New("pdf: 没有字体")
	}
	r := &Renderer{}
	seen := map[string]bool{}
	for _, f := range fonts.Faces() {
		idx, err := indexFace(f.TTF)
		if err == nil && idx.cmap.n == 0 {
			err = errors.New("字体没有 Unicode 字符映射（cmap）")
		}
		if err != nil {
			return nil, fmt.Errorf("pdf: 字体 %s（%s）无法用于 PDF：%w", f.File, f.Role, err)
		}
		r.faces = append(r.faces, newFace(idx, psName(f, seen), f.File, &r.cached))
	}
	return r, nil
}

// psName returns the face's PostScript name as PDF allows it in a name,
// unique within the set.
func psName(f *fontset.Face, seen map[string]bool) string {
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
	return ps
}

// Part is one document of a book (RenderBook): its pages as laid out.
type Part struct {
	Doc   *layout.Document
	Pages []layout.Page
}

// Render draws pages (from layout.Layout(doc, …)) as a PDF with doc's
// metadata; the titles and attachments marked on the pages make its outline.
// It is safe to call from several goroutines at once.
func (r *Renderer) Render(doc *layout.Document, pages []layout.Page) ([]byte, error) {
	var info layout.Info
	if doc != nil {
		info = doc.Info
	}
	return r.render(info, []Part{{Doc: doc, Pages: pages}}, false)
}

// RenderBook draws several documents into one PDF, one after the other,
// each starting on an odd page (a blank page is added after a document with
// an odd number of pages, for double-sided printing). The outline has one
// entry for each document (its title) holding the marks of its pages.
func (r *Renderer) RenderBook(info layout.Info, parts []Part) ([]byte, error) {
	return r.render(info, parts, true)
}

// outlineItem is a bookmark: a title, where it points, and its children.
type outlineItem struct {
	title string
	page  int     // index into the PDF's pages
	y     float64 // from the top
	kids  []*outlineItem
}

// render draws parts into one PDF; book makes it a book (see RenderBook).
func (r *Renderer) render(info layout.Info, parts []Part, book bool) ([]byte, error) {
	pages, outline := pdfPages(parts, book)
	used, imgs, imgIndex, err := r.scanPages(pages)
	if err != nil {
		return nil, err
	}
	fonts, fontOrder := r.docFonts(used)

	// the font programs first: they are most of the file
	programs := make([]*zstream, len(fonts))
	size := 64 << 10
	for _, i := range fontOrder {
		programs[i] = fonts[i].program()
		size += programs[i].size + 4<<10
	}
	w := &writer{}
	w.header(size + len(pages)*8<<10)
	catalog, pagesObj, infoObj := w.alloc(), w.alloc(), w.alloc()
	resources := w.alloc()
	fontObj := make([]int, len(fonts))
	for _, i := range fontOrder {
		fontObj[i] = w.alloc()
	}
	imgObj := make([]int, len(imgs))
	for k := range imgs {
		imgObj[k] = w.alloc()
	}
	pageObj := make([]int, len(pages))
	for k := range pages {
		pageObj[k] = w.alloc()
	}
	r.writePages(w, pages, pageObj, pagesObj, resources, fonts, imgIndex)
	writeResources(w, resources, fontOrder, fontObj, imgObj)
	// fonts
	for _, i := range fontOrder {
		r.writeFont(w, fontObj[i], fonts[i], programs[i])
	}
	// images
	for k, im := range imgs {
		im.write(w, imgObj[k])
	}
	// outline
	outlineObj := 0
	if len(outline) > 0 {
		outlineObj = w.alloc()
		writeOutline(w, outlineObj, outline, pageObj)
	}
	// info and catalog
	writeInfo(w, infoObj, info)
	w.begin(catalog)
	w.printf("<</Type/Catalog/Pages %d 0 R/Lang(zh-CN)", pagesObj)
	if outlineObj != 0 {
		w.printf("/Outlines %d 0 R/PageMode/UseOutlines", outlineObj)
	}
	w.printf(">>")
	w.end()
	return w.finish(catalog, infoObj), nil
}

// pdfPages lists the pages of the PDF and its outline. In a book each part
// gets an outline entry (its title, or its first mark when that opens its
// first page) holding its marks, and a blank page after an odd page count;
// otherwise the outline is the marks of all pages.
func pdfPages(parts []Part, book bool) ([]*layout.Page, []*outlineItem) {
	var pages []*layout.Page
	var outline []*outlineItem
	blank := &layout.Page{}
	for _, part := range parts {
		first := len(pages)
		var marks []*outlineItem
		for i := range part.Pages {
			p := &part.Pages[i]
			for _, m := range p.Marks {
				marks = append(marks, &outlineItem{title: m.Text, page: len(pages), y: m.Y})
			}
			pages = append(pages, p)
		}
		if !book {
			outline = append(outline, marks...)
			continue
		}
		title := ""
		if part.Doc != nil {
			title = part.Doc.Info.Title
		}
		if len(marks) > 0 && marks[0].page == first && (title == "" || marks[0].title == title) {
			title, marks = marks[0].title, marks[1:]
		}
		if title == "" {
			title = fmt.Sprintf("第%d份", len(outline)+1)
		}
		if len(part.Pages) > 0 {
			outline = append(outline, &outlineItem{title: title, page: first, kids: marks})
		}
		if len(part.Pages)%2 == 1 {
			pages = append(pages, blank)
		}
	}
	return pages, outline
}

// scanPages collects the characters each face draws on pages, refusing a
// face that does not exist or lacks a character, and the distinct images in
// order of first use, indexed by the SHA-256 of their bytes.
func (r *Renderer) scanPages(pages []*layout.Page) (used []runeSet, imgs []*pdfImage, imgIndex map[[32]byte]int, err error) {
	used = make([]runeSet, len(r.faces))
	imgIndex = map[[32]byte]int{}
	for _, p := range pages {
		for _, it := range p.Items {
			switch it.Kind {
			case layout.TextItem:
				if it.Face < 0 || it.Face >= len(r.faces) {
					return nil, nil, nil, fmt.Errorf("pdf: 第%d页使用了不存在的字体编号 %d", p.Number, it.Face)
				}
				f := r.faces[it.Face]
				for _, c := range it.Text {
					if !f.cmap.has(c) {
						return nil, nil, nil, fmt.Errorf("pdf: 第%d页：字体 %s 不含字符“%c”（U+%04X）", p.Number, f.file, c, c)
					}
					used[it.Face].add(c)
				}
			case layout.ImageItem:
				im, err := r.images.get(it.Image)
				if err != nil {
					return nil, nil, nil, fmt.Errorf("pdf: 第%d页的图片：%w", p.Number, err)
				}
				if k := sha256.Sum256(it.Image); !containsKey(imgIndex, k) {
					imgIndex[k] = len(imgs)
					imgs = append(imgs, im)
				}
			}
		}
	}
	return used, imgs, imgIndex, nil
}

// runeSet is a set of characters of the Basic Multilingual Plane, as a
// bitmap: a document adds every character it draws (a map cost 47 ms of a
// year's build), and the subset wants them in order.
type runeSet struct {
	bits []uint64 // 1024 words once the first character is added
	n    int
}

// add adds c, which must be in the BMP.
func (s *runeSet) add(c rune) {
	if s.bits == nil {
		s.bits = make([]uint64, 0x10000/64)
	}
	w, b := c>>6, uint64(1)<<(c&63)
	if s.bits[w]&b == 0 {
		s.bits[w] |= b
		s.n++
	}
}

// sorted returns the characters in ascending order.
func (s *runeSet) sorted() []rune {
	out := make([]rune, 0, s.n)
	for w, word := range s.bits {
		for word != 0 {
			out = append(out, rune(w<<6+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	return out
}

// docFonts makes the subset font of every face that draws a character
// (indexed like r.faces, nil for the others) and lists those faces in order.
func (r *Renderer) docFonts(used []runeSet) ([]*docFont, []int) {
	fonts := make([]*docFont, len(r.faces))
	var fontOrder []int
	for i := range used {
		if used[i].n == 0 {
			continue
		}
		fonts[i] = newDocFont(r.faces[i], i, used[i].sorted())
		fontOrder = append(fontOrder, i)
	}
	return fonts, fontOrder
}

// writePages writes every page, its content stream and the page tree.
func (r *Renderer) writePages(w *writer, pages []*layout.Page, pageObj []int, pagesObj, resources int, fonts []*docFont, imgIndex map[[32]byte]int) {
	var content []byte
	for k, p := range pages {
		content = r.content(content[:0], p, fonts, imgIndex)
		c := w.alloc()
		w.stream(c, "", zlibBytes(levelDoc, content))
		w.begin(pageObj[k])
		w.printf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 %s %s]/Resources %d 0 R/Contents %d 0 R>>",
			pagesObj, fmtNum(layout.PageWidth), fmtNum(layout.PageHeight), resources, c)
		w.end()
	}
	w.begin(pagesObj)
	w.printf("<</Type/Pages/Count %d/Kids[", len(pages))
	for k, o := range pageObj {
		if k > 0 {
			w.printf(" ")
		}
		w.printf("%d 0 R", o)
	}
	w.printf("]>>")
	w.end()
}

// writeResources writes the resource dictionary all pages share: the fonts
// used (as /F<face>) and the images (as /Im<k>).
func writeResources(w *writer, resources int, fontOrder, fontObj, imgObj []int) {
	w.begin(resources)
	w.printf("<</ProcSet[/PDF/Text/ImageC]")
	if len(fontOrder) > 0 {
		w.printf("/Font<<")
		for _, i := range fontOrder {
			w.printf("/F%d %d 0 R", i, fontObj[i])
		}
		w.printf(">>")
	}
	if len(imgObj) > 0 {
		w.printf("/XObject<<")
		for k := range imgObj {
			w.printf("/Im%d %d 0 R", k, imgObj[k])
		}
		w.printf(">>")
	}
	w.printf(">>")
	w.end()
}

// writeInfo writes the document information dictionary: title, author and
// subject when set, creator and producer, and the dates when info has one.
func writeInfo(w *writer, infoObj int, info layout.Info) {
	w.begin(infoObj)
	w.printf("<<")
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}} {
		if kv[1] != "" {
			w.printf("/%s", kv[0])
			w.buf = appendText(w.buf, kv[1])
		}
	}
	w.printf("/Creator(mofan)/Producer(mofan)")
	if !info.Created.IsZero() {
		d := pdfDate(info)
		w.printf("/CreationDate(%s)/ModDate(%s)", d, d)
	}
	w.printf(">>")
	w.end()
}

func containsKey(m map[[32]byte]int, k [32]byte) bool {
	_, ok := m[k]
	return ok
}

// pdfDate formats the creation date as a PDF date, D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(info layout.Info) string {
	t := info.Created
	s := t.Format("20060102150405")
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	if off == 0 {
		return "D:" + s + "Z"
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", s, sign, off/3600, off%3600/60)
}

// writeFont writes the Type0 font (object obj) with its descendant, its
// descriptor, font program and ToUnicode map.
func (r *Renderer) writeFont(w *writer, obj int, d *docFont, program *zstream) {
	cid, desc, file, tu := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	f := d.face
	name := d.tag + "+" + f.name
	w.begin(obj)
	w.printf("<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>", name, cid, tu)
	w.end()
	w.begin(cid)
	w.printf("<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor %d 0 R/CIDToGIDMap/Identity", name, desc)
	w.buf = d.widths(w.buf)
	w.printf(">>")
	w.end()
	w.begin(desc)
	w.printf("<</Type/FontDescriptor/FontName/%s/Flags 4/FontBBox[%d %d %d %d]/ItalicAngle 0/Ascent %d/Descent %d/CapHeight %d/StemV 80/FontFile2 %d 0 R>>",
		name, f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3], f.ascent, f.descent, f.capHeight, file)
	w.end()
	w.begin(file)
	w.printf("<</Filter/FlateDecode/Length %d/Length1 %d>>stream\n", program.size, program.n)
	// the program depends only on the glyphs, which the font's name (its
	// tag) identifies: the file identifier need not hash its bytes
	start := len(w.buf)
	for _, p := range program.parts {
		w.buf = append(w.buf, p...)
	}
	w.unhashed = append(w.unhashed, [2]int{start, len(w.buf)})
	w.printf("\nendstream")
	w.end()
	w.stream(tu, "", zlibBytes(levelDoc, d.toUnicode()))
}

// writeOutline writes the outline tree rooted at object root.
func writeOutline(w *writer, root int, items []*outlineItem, pageObj []int) {
	var count func(its []*outlineItem) int
	count = func(its []*outlineItem) int {
		n := len(its)
		for _, it := range its {
			n += count(it.kids)
		}
		return n
	}
	var level func(parent int, its []*outlineItem) (first, last int)
	level = func(parent int, its []*outlineItem) (int, int) {
		objs := make([]int, len(its))
		for k := range its {
			objs[k] = w.alloc()
		}
		for k, it := range its {
			first, last := 0, 0
			if len(it.kids) > 0 {
				first, last = level(objs[k], it.kids)
			}
			w.begin(objs[k])
			w.printf("<</Title")
			w.buf = appendText(w.buf, it.title)
			w.printf("/Parent %d 0 R", parent)
			if k > 0 {
				w.printf("/Prev %d 0 R", objs[k-1])
			}
			if k+1 < len(its) {
				w.printf("/Next %d 0 R", objs[k+1])
			}
			if first != 0 {
				w.printf("/First %d 0 R/Last %d 0 R/Count %d", first, last, count(it.kids))
			}
			w.printf("/Dest[%d 0 R/XYZ 0 %s null]>>", pageObj[it.page], fmtNum(layout.PageHeight-it.y))
			w.end()
		}
		return objs[0], objs[len(objs)-1]
	}
	first, last := level(root, items)
	w.begin(root)
	w.printf("<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>", first, last, count(items))
	w.end()
}

// writer builds a PDF file: objects with numbers allocated up front, a
// classic cross-reference table.
type writer struct {
	buf      []byte
	offs     []int    // by object number - 1
	unhashed [][2]int // byte ranges the file identifier leaves out, in order
}

func (w *writer) header(capacity int) {
	w.buf = append(make([]byte, 0, capacity), "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
}

func (w *writer) alloc() int {
	w.offs = append(w.offs, -1)
	return len(w.offs)
}

func (w *writer) begin(n int) {
	w.offs[n-1] = len(w.buf)
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
	w.buf = append(w.buf, " 0 obj\n"...)
}

func (w *writer) end() { w.buf = append(w.buf, "\nendobj\n"...) }

func (w *writer) printf(format string, args ...any) {
	if len(args) == 0 {
		w.buf = append(w.buf, format...)
		return
	}
	w.buf = fmt.Appendf(w.buf, format, args...)
}

// stream writes object n as a FlateDecode stream of z (already deflated);
// extra is added to the stream dictionary.
func (w *writer) stream(n int, extra string, z []byte) {
	w.begin(n)
	w.printf("<</Filter/FlateDecode/Length %d%s>>stream\n", len(z), extra)
	w.buf = append(w.buf, z...)
	w.buf = append(w.buf, "\nendstream"...)
	w.end()
}

// finish writes the cross-reference table and the trailer. The file
// identifier is a digest of the file's bytes (but for font programs, named
// by their glyphs), so equal files have equal ids.
func (w *writer) finish(root, info int) []byte {
	h := md5.New()
	at := 0
	for _, r := range w.unhashed {
		h.Write(w.buf[at:r[0]])
		at = r[1]
	}
	h.Write(w.buf[at:])
	var id [16]byte
	h.Sum(id[:0])
	at = len(w.buf)
	w.buf = fmt.Appendf(w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offs)+1)
	for _, o := range w.offs {
		w.buf = fmt.Appendf(w.buf, "%010d 00000 n \n", o)
	}
	w.buf = fmt.Appendf(w.buf, "trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/ID[<%x><%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offs)+1, root, info, id, id, at)
	return w.buf
}

// appendText appends s as a PDF text string: literal ASCII when it is, else
// UTF-16BE with a byte order mark, in hex.
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}

// fmtNum formats a coordinate with at most three decimals.
func fmtNum(v float64) string { return string(appendNum(nil, v)) }

func appendNum(b []byte, v float64) []byte {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		v = 0 // no -0
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}
