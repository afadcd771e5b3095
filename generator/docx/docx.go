// Package docx writes a 公文 as an editable Word document (.docx,
// WordprocessingML), from the same layout.Document that the PDF is laid out
// from, so that staff can change the wording in Word or WPS and print it.
//
// The page follows GB/T 9704-2012 as Word expresses it: A4, margins 37 mm
// top and 28 mm left (a 156 × 225 mm text block), a document grid of 22 lines
// × 28 characters (docGrid type "linesAndChars", linePitch 579 twips,
// charSpace −848: 16 pt − 848/4096 pt = 15.793 pt a character, 28 in 156 mm),
// fonts named by role as offices have them (方正小标宋简体, 仿宋_GB2312, 黑体,
// 楷体_GB2312, 宋体) with alternate names in the font table so that a PC
// without the _GB2312 faces falls back to 仿宋, 楷体 and 宋体. The 版头, the
// red rule, the 版记 at the bottom of the last page and the page numbers
// `— N —` (odd pages right, even pages left) are drawn as in the PDF.
//
// The output is deterministic: fixed zip times, entries in sorted order, and
// dates only from the document's own Info.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/internal/deflate"
)

// zipDeflate compresses the parts of every Word copy: level 1, as for the
// PDF streams made anew for each document (see generator/pdf/zlib.go).
// Level 6 is where more CPU stops buying bytes: the 1,041 parts of the 2020 build take
// 959 KB in 10 ms at level 1, 860 KB in 17 ms at 6 (compress/flate's
// level 5, archive/zip's default, made 877 KB in 57 ms), and 842 KB in
// 81 ms at 9.
var zipDeflate = deflate.Compressor(1)

// Geometry in twips (1/20 pt), from GB/T 9704-2012.
const (
	pageW      = 11906 // 210 mm
	pageH      = 16838 // 297 mm
	marginTop  = 2098  // 37 mm
	marginLeft = 1588  // 28 mm
	marginRigt = 1474  // 26 mm: 210 − 28 − 156
	marginBot  = 1984  // 35 mm: 297 − 37 − 225
	textWidth  = pageW - marginLeft - marginRigt
	// LinePitch is the document grid's line pitch: 225 mm / 22 lines
	// = 28.99 pt, which Word rounds down to 579 twips (28.95 pt).
	LinePitch = 579
	// CharSpace is the grid's character pitch as Word writes it: the space
	// added to each 16 pt character, in 1/4096 pt, so that 28 characters
	// fill 156 mm: (156 mm / 28 − 16 pt) × 4096 = −848.
	CharSpace  = -848
	headerDist = 1531 // 27 mm: the running header's top, about 6 mm above the block
	footerDist = 1418 // 25 mm: the page number's dashes 7 mm below the block
)

// Font names by role, as Word and WPS on an office PC know them.
const (
	FontTitle = "方正小标宋简体"
	FontBody  = "仿宋_GB2312"
	FontHei   = "黑体"
	FontKai   = "楷体_GB2312"
	FontSong  = "宋体"
)

// fontName maps a layout role to the Word font name.
func fontName(r model.Role) string {
	switch r {
	case model.RoleTitle:
		return FontTitle
	case model.RoleHei:
		return FontHei
	case model.RoleKai:
		return FontKai
	case model.RoleFallback:
		return FontSong
	}
	return FontBody
}

// epoch is the time stamped on every zip entry: the DOS epoch.
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write returns doc as a .docx file. pages, when given, are doc's pages as
// laid out for the PDF: the title lines are then broken where the PDF breaks
// them; without them Word breaks the titles itself.
func Write(doc *layout.Document, pages []layout.Page) ([]byte, error) {
	w := &writer{doc: doc, titles: titleLines(pages)}
	w.body()
	parts := map[string]string{
		"[Content_Types].xml":          w.contentTypes(),
		"_rels/.rels":                  rootRels,
		"docProps/app.xml":             appXML,
		"docProps/core.xml":            w.coreXML(),
		"word/_rels/document.xml.rels": w.documentRels(),
		"word/document.xml":            w.documentXML(),
		"word/styles.xml":              stylesXML(),
		"word/settings.xml":            settingsXML,
		"word/fontTable.xml":           fontTableXML(),
		"word/footer1.xml":             footerXML(true),
		"word/footer2.xml":             footerXML(false),
	}
	if doc.Header != "" {
		parts["word/header1.xml"] = headerXML(doc.Header)
	}
	if w.letter() {
		parts["word/header2.xml"] = letterHeaderXML(doc.Head.Issuer, doc.Header)
		parts["word/footer3.xml"] = xmlHead + `<w:ftr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>`
	}
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	z.RegisterCompressor(zip.Deflate, zipDeflate)
	for _, n := range names {
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: epoch}
		h.SetMode(0o644)
		f, err := z.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(parts[n])); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func (w *writer) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlHead)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`)
	b.WriteString(`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>`)
	b.WriteString(`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`)
	b.WriteString(`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`)
	if w.doc.Header != "" {
		b.WriteString(`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`)
	}
	if w.letter() {
		b.WriteString(`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`)
		b.WriteString(`<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`)
	}
	b.WriteString(`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`)
	b.WriteString(`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`)
	b.WriteString(`</Types>`)
	return b.String()
}

const rootRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appXML = xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>mofan</Application><DocSecurity>0</DocSecurity></Properties>`

func (w *writer) coreXML() string {
	var b strings.Builder
	b.WriteString(xmlHead)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	info := w.doc.Info
	if info.Title != "" {
		fmt.Fprintf(&b, `<dc:title>%s</dc:title>`, esc(info.Title))
	}
	if info.Subject != "" {
		fmt.Fprintf(&b, `<dc:subject>%s</dc:subject>`, esc(info.Subject))
	}
	if info.Author != "" {
		fmt.Fprintf(&b, `<dc:creator>%s</dc:creator>`, esc(info.Author))
	}
	if !info.Created.IsZero() {
		d := info.Created.UTC().Format("2006-01-02T15:04:05Z")
		fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`, d)
		fmt.Fprintf(&b, `<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, d)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

func (w *writer) documentRels() string {
	var b strings.Builder
	b.WriteString(xmlHead)
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rel := func(id, typ, target string) {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>`, id, typ, target)
	}
	rel("rId1", "styles", "styles.xml")
	rel("rId2", "settings", "settings.xml")
	rel("rId3", "fontTable", "fontTable.xml")
	rel("rId4", "footer", "footer1.xml")
	rel("rId5", "footer", "footer2.xml")
	if w.doc.Header != "" {
		rel("rId6", "header", "header1.xml")
	}
	if w.letter() {
		rel("rId7", "header", "header2.xml")
		rel("rId8", "footer", "footer3.xml")
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// settingsXML turns on separate odd and even footers (page numbers right on
// odd pages, left on even pages) and Chinese line-breaking rules.
const settingsXML = xmlHead + `<w:settings ` + nsW + `>` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="640"/>` +
	`<w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:useFELayout/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

// font describes one entry of the font table.
type font struct {
	name, alt, panose, family, pitch string
}

// fonts are the role fonts with the names Word and WPS substitute when a PC
// lacks them: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体.
// The GB2312 charset (86) keeps a missing face from being replaced by a
// Western one.
var fonts = []font{
	{FontTitle, FontSong, "02010600030101010101", "auto", "variable"},
	{FontBody, "仿宋", "02010609030101010101", "modern", "fixed"},
	{FontHei, "SimHei", "02010609060101010101", "modern", "fixed"},
	{FontKai, "楷体", "02010609030101010101", "modern", "fixed"},
	{FontSong, "SimSun", "02010600030101010101", "auto", "variable"},
	{"仿宋", "FangSong", "02010609060101010101", "modern", "fixed"},
	{"楷体", "KaiTi", "02010609060101010101", "modern", "fixed"},
}

// fontTableXML returns word/fontTable.xml, the same for every document.
func fontTableXML() string { return fontTable() }

var fontTable = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString(xmlHead)
	b.WriteString(`<w:fonts ` + nsW + `>`)
	for _, f := range fonts {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:altName w:val="%s"/><w:panose1 w:val="%s"/><w:charset w:val="86"/><w:family w:val="%s"/><w:pitch w:val="%s"/></w:font>`,
			f.name, f.alt, f.panose, f.family, f.pitch)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
})

// rFonts names one font for every script, with the East Asian font taking
// the characters Word counts as ambiguous (“” — …), so that quotes and dashes
// are never set in a Western face.
func rFonts(name string) string {
	return fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:eastAsia="%[1]s" w:hAnsi="%[1]s" w:cs="%[1]s" w:hint="eastAsia"/>`, name)
}

// stylesXML defines the 公文 styles by role, so a clerk who edits the text
// keeps the look: 正文 (仿宋 3号, two characters in), 标题 (小标宋 2号),
// headings by level, 版记, 页码.
func stylesXML() string { return styles() }

var styles = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString(xmlHead)
	b.WriteString(`<w:styles ` + nsW + `>`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(FontBody) +
		`<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	style := func(id, name, based string, outline int, pPr, rPr string) {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"`, id)
		if id == "Normal" {
			b.WriteString(` w:default="1"`)
		}
		fmt.Fprintf(&b, `><w:name w:val="%s"/>`, name)
		if based != "" {
			fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, based)
		}
		b.WriteString(`<w:qFormat/>`)
		if outline >= 0 {
			pPr += fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, outline)
		}
		if pPr != "" {
			fmt.Fprintf(&b, `<w:pPr>%s</w:pPr>`, pPr)
		}
		if rPr != "" {
			fmt.Fprintf(&b, `<w:rPr>%s</w:rPr>`, rPr)
		}
		b.WriteString(`</w:style>`)
	}
	indent := `<w:ind w:firstLineChars="200" w:firstLine="640"/>`
	// Text larger or smaller than 3号 keeps its natural width: on the
	// character grid Word would give each character whole grid cells.
	const noGrid = `<w:snapToGrid w:val="0"/>`
	const natural = `<w:w w:val="100"/>`
	exact := func(n int) string {
		return fmt.Sprintf(`<w:spacing w:line="%d" w:lineRule="exact"/>`, n)
	}
	size := func(hp int) string { return fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, hp, hp) }
	style("Normal", "Normal", "", -1, "", `<w:w w:val="98"/>`+size(32))
	style("Body", "公文正文", "Normal", -1, indent, "")
	style("DocTitle", "公文标题", "Normal", -1, `<w:keepNext/><w:snapToGrid w:val="0"/>`+exact(LinePitch)+`<w:jc w:val="center"/>`, rFonts(FontTitle)+noGrid+natural+size(44))
	style("Heading1", "heading 1", "Normal", 0, `<w:keepNext/>`+indent, rFonts(FontHei))
	style("Heading2", "heading 2", "Normal", 1, `<w:keepNext/>`+indent, rFonts(FontKai))
	style("Heading3", "heading 3", "Normal", 2, `<w:keepNext/>`+indent, `<w:b/><w:bCs/>`)
	style("Heading4", "heading 4", "Normal", 3, `<w:keepNext/>`+indent, "")
	style("Issuer", "发文机关标志", "Normal", -1, `<w:snapToGrid w:val="0"/><w:jc w:val="center"/>`, rFonts(FontTitle)+noGrid+`<w:color w:val="FF0000"/>`+natural+size(72))
	style("DocNumber", "发文字号", "Normal", -1, `<w:jc w:val="center"/>`, "")
	style("AttachLabel", "附件标识", "Normal", -1, `<w:keepNext/><w:jc w:val="left"/>`, rFonts(FontHei))
	style("Colophon", "版记", "Normal", -1, `<w:snapToGrid w:val="0"/>`+exact(LinePitch)+`<w:jc w:val="left"/>`, noGrid+natural+size(28))
	style("TableText", "表格文字", "Normal", -1, `<w:snapToGrid w:val="0"/>`, noGrid+natural)
	style("Header", "header", "Normal", -1, `<w:snapToGrid w:val="0"/><w:jc w:val="left"/>`, noGrid+natural+size(21))
	style("Footer", "footer", "Normal", -1, `<w:snapToGrid w:val="0"/>`, rFonts(FontSong)+noGrid+natural+size(28))
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
})

// footerXML is the page number `— N —` in 4号宋体: on odd pages flush right
// one character in from the right edge, on even pages flush left one
// character in from the left edge.
func footerXML(odd bool) string {
	if odd {
		return oddFooter()
	}
	return evenFooter()
}

var (
	oddFooter  = sync.OnceValue(func() string { return makeFooter(true) })
	evenFooter = sync.OnceValue(func() string { return makeFooter(false) })
)

// makeFooter makes footerXML(odd).
func makeFooter(odd bool) string {
	ind, jc := `<w:ind w:right="280"/>`, "right"
	if !odd {
		ind, jc = `<w:ind w:left="280"/>`, "left"
	}
	var b strings.Builder
	b.WriteString(xmlHead)
	b.WriteString(`<w:ftr ` + nsW + `>`)
	fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="Footer"/>%s<w:jc w:val="%s"/></w:pPr>`, ind, jc)
	b.WriteString(`<w:r><w:t xml:space="preserve">— </w:t></w:r>`)
	b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	b.WriteString(`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`)
	return b.String()
}

// headerXML is the small running header (e.g. 样例数据，非正式文件).
func headerXML(text string) string {
	return xmlHead + `<w:hdr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>` + run(text, "") + `</w:p></w:hdr>`
}

// The letterhead's frames (twips from the top-left of the paper): 170 mm
// wide, centred; the 发文机关标志 30 mm from the top, the lower double rule
// 20 mm from the bottom.
const (
	letterX      = 1134  // 20 mm
	letterW      = 9638  // 170 mm
	letterTop    = 1701  // 30 mm
	letterBottom = 15627 // 276 mm less 4 pt: the frame whose bottom border lies at 277 mm
	// letterRunning is the top of the running header on the first page, above
	// the 发文机关标志 (23 mm).
	letterRunning = 1304
)

// letterHeaderXML is the first page's header of a 函 in the letter format
// (layout.Head.Letter): the running header, if any, then two frames placed
// on the page — the red 发文机关标志 with the red double rule (thick over
// thin) 4 mm below it, and the lower double rule (thin over thick) — which
// the body's text does not move.
func letterHeaderXML(issuer, running string) string {
	var b strings.Builder
	b.WriteString(xmlHead + `<w:hdr ` + nsW + `>`)
	frame := func(x, w, y int, h string) string {
		return fmt.Sprintf(`<w:framePr w:w="%d"%s w:wrap="around" w:vAnchor="page" w:hAnchor="page" w:x="%d" w:y="%d"/>`, w, h, x, y)
	}
	if running != "" { // above the 标志, where the PDF has it
		fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="Header"/>%s</w:pPr>%s</w:p>`, frame(marginLeft, textWidth, letterRunning, ""), run(running, ""))
	}
	issuer = trim(issuer)
	fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="Issuer"/>%s<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="11" w:color="FF0000"/></w:pBdr>`+
		`<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>%s</w:p>`,
		frame(letterX, letterW, letterTop, ""), run(issuer, issuerSize(issuer)))
	// The lower rule: the bottom border of a frame 4 pt high holding a
	// 1 pt space (LibreOffice drops the frame of an empty paragraph).
	fmt.Fprintf(&b, `<w:p><w:pPr>%s<w:pBdr><w:bottom w:val="thinThickSmallGap" w:sz="24" w:space="0" w:color="FF0000"/></w:pBdr>`+
		`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="80" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>%s</w:p>`,
		frame(letterX, letterW, letterBottom, ""), run(" ", `<w:sz w:val="2"/><w:szCs w:val="2"/>`))
	// A header ends with a paragraph outside any frame (LibreOffice takes
	// the last one out of its frame otherwise): 1 pt high.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Header"/><w:spacing w:line="20" w:lineRule="exact"/></w:pPr></w:p>`)
	b.WriteString(`</w:hdr>`)
	return b.String()
}

// esc escapes text for XML, dropping characters XML cannot hold.
func esc(s string) string {
	var b strings.Builder
	writeEsc(&b, s)
	return b.String()
}

// writeEsc writes s to b escaped for XML, dropping characters XML cannot
// hold (a byte that is not UTF-8 becomes U+FFFD).
func writeEsc(b *strings.Builder, s string) {
	clean := 0 // s[clean:i] is written as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '<' && c != '>' && c != '&' && c != '"' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if r != 0xFFFE && r != 0xFFFF && !(r == utf8.RuneError && n == 1) {
				i += n
				continue
			}
		}
		b.WriteString(s[clean:i])
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case utf8.RuneError:
			b.WriteRune(r)
		}
		i += n
		clean = i
	}
	b.WriteString(s[clean:])
}

// run writes text as runs with the given run properties; a newline becomes a
// line break and a tab a tab.
func run(text, rPr string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	writeRun(&b, text, rPr)
	return b.String()
}

// writeRun writes run(text, rPr) to b.
func writeRun(b *strings.Builder, text, rPr string) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	if rPr != "" {
		b.WriteString(`<w:rPr>`)
		b.WriteString(rPr)
		b.WriteString(`</w:rPr>`)
	}
	for i := 0; ; i++ {
		part, rest, more := strings.Cut(text, "\n")
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		for j := 0; ; j++ {
			seg, after, tab := strings.Cut(part, "\t")
			if j > 0 {
				b.WriteString(`<w:tab/>`)
			}
			if seg != "" {
				b.WriteString(`<w:t xml:space="preserve">`)
				writeEsc(b, seg)
				b.WriteString(`</w:t>`)
			}
			if !tab {
				break
			}
			part = after
		}
		if !more {
			break
		}
		text = rest
	}
	b.WriteString(`</w:r>`)
}

// ems is the width of s in em of its font size: CJK and full-width
// characters 1, the rest ½ (digits and Latin letters of the 公文 faces).
func ems(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w++
		} else {
			w += 0.5
		}
	}
	return w
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || r == 0x2014 || r == 0x2026 || r == 0x201C || r == 0x201D || r == 0x2018 || r == 0x2019 ||
		r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000)
}

// chars converts a width in em of body text to hundredths of a grid
// character, Word's unit for indents in characters.
func chars(em float64) int { return int(math.Round(em * 100)) }

// twipsOf converts a width in em of 16 pt body text on the grid to twips.
func twipsOf(em float64) int { return int(math.Round(em * float64(textWidth) / 28)) }
