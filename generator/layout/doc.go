// Package layout turns a document (a 公文 or a form) into pages of positioned
// text runs and rules, laid out to GB/T 9704-2012: A4, a 156 × 225 mm text
// block 37 mm from the top and 28 mm from the left, 3号 body text on a grid of
// 22 lines × 28 characters, CJK line breaking (GB/T 15834, W3C clreq), tables
// split across pages with repeated headers, page numbers `— N —`.
//
// The package is pure Go and knows no PDF library: generator/pdf draws the
// pages it returns. Fonts come in through the small Fonts interface, which
// *fontset.Set satisfies (layout itself links no font parser).
package layout

import (
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// Document is the input of Layout: a 公文 (with a 版头) or a form.
type Document struct {
	Info          Info  // PDF metadata
	Head          *Head // 版头; nil = none (forms, lists)
	Blocks        []Block
	Colophon      *Colophon // 版记 at the bottom of the last page; nil = none
	NoPageNumbers bool      // page numbers `— N —` are on by default
	Header        string    // optional small running header text (forms: unit name), may be empty
	// ColophonOnEven puts the 版记 on an even page (double-sided printing),
	// adding an unnumbered blank page before it when needed.
	ColophonOnEven bool
	// Draft marks every page, blank ones included, with a red “草稿” in 2号
	// 黑体 at the top right, in the margin above the text block, so that a
	// draft can never be taken for the issued document.
	Draft bool
}

// Info is the PDF metadata. Created comes from the inputs, never the clock.
type Info struct {
	Title, Author, Subject string // Author is the issuer
	Created                time.Time
}

// Head is the 版头: the red 发文机关标志 (title face, red, centred, its top
// 35 mm below the top of the block, 36 pt, squeezed horizontally when
// needed so that it fits the width of the block), the 发文字号 centred in 3号仿宋 two blank lines below,
// and the red separator (1 pt) 4 mm below that, as wide as the block.
type Head struct {
	Issuer string // 发文机关标志, e.g. 中共焦作市委市直机关工委
	Number string // 发文字号, e.g. 焦直文〔2020〕140号
	// Letter sets the 版头 of a 函 in the letter format (信函格式, GB/T
	// 9704-2012 10.1): the 标志 in red, centred, its top 30 mm from the top
	// of the paper; 4 mm below it a red double rule (thick over thin), and 20
	// mm above the bottom of the paper another (thin over thick), both 170 mm
	// long and centred on the page; the 发文字号 flush with the right edge of
	// the block, 7/8 of a 3号 character below the first rule; the title two
	// lines below it. The first page has no page number, and the 版记 is the
	// 抄送 alone, without rules (the 印发机关 and 印发日期 are left out).
	Letter bool
}

// Colophon is the 版记 at the bottom of the last page: 抄送 on the first line,
// 印发机关 left and “2021年1月20日印发” right on the second, 4号仿宋, rules of
// 0.35/0.25 mm, the last rule on the bottom edge of the text block.
type Colophon struct {
	CC        string // 抄送 list without the “抄送：” prefix; empty = no 抄送 line
	Printer   string // 印发机关
	PrintDate string // e.g. 2021年1月20日 (“印发” is appended)
}

// Kind is the kind of a Block.
type Kind int

// Block kinds.
const (
	Title      Kind = iota // 2号小标宋 centred, broken at sensible points into balanced lines; Text
	Subtitle               // centred 3号 body font (e.g. “（共70家）”, “（2020年度）”)
	Addressee              // 主送机关, flush left, ends with ：
	Para                   // body paragraph, 3号仿宋, first line indented 2 chars
	Heading1               // 一、 黑体, indented 2 chars
	Heading2               // （一） 楷体, indented 2 chars
	Heading3               // 1. 仿宋 (bold look optional), indented 2 chars
	AttachNote             // 附件说明: Items; “附件：1．XXX” two chars in, continuation aligned after “附件：”
	Signature              // Text = 署名, Date = 成文日期; sealed layout (7.3.5.1) unless Unsealed
	Attachment             // new page; Label “附件1” (3号黑体, flush left), Text = title centred on line 3
	PageBreak              // the next block starts a new page
	Blank                  // one empty grid line
	TableBlock             // Table (named TableBlock: the name Table is the type below)
	Lines                  // form footer lines: Items, each a line of body text flush left
	Heading4               // （1） 仿宋, indented 2 chars (same look as Para; separate for callers' clarity)
	Note                   // 附注: Text in full-width parentheses, two characters in, on the line after the date
)

// String returns the kind's name, as used in golden dumps.
func (k Kind) String() string {
	names := [...]string{"Title", "Subtitle", "Addressee", "Para", "Heading1", "Heading2", "Heading3",
		"AttachNote", "Signature", "Attachment", "PageBreak", "Blank", "TableBlock", "Lines", "Heading4", "Note"}
	if int(k) >= 0 && int(k) < len(names) {
		return names[k]
	}
	return "Kind?"
}

// Block is one element of the document body.
type Block struct {
	Kind  Kind
	Text  string
	Label string // Attachment label, e.g. 附件1
	Date  string // Signature date, e.g. 2021年1月20日
	Items []string
	Table *Table
	Pos   diag.Pos // where the text came from, for error messages
	// Tail is run-in body text (仿宋) that follows a heading in the same
	// paragraph, e.g. Text “（一）坚持政治统领。” (楷体) + Tail “把加强……”.
	Tail string
	// Unsealed sets a Signature in the unsealed layout (GB/T 9704-2012
	// 7.3.5.2: 署名 two characters in from the right, 成文日期 below it two
	// characters further right). The default is the sealed layout (7.3.5.1):
	// 成文日期 four characters in from the right, 署名 centred over it, and
	// room for the seal, centred on them, its top within one line of the
	// text above.
	Unsealed bool
	// Seal is an optional seal image drawn in the sealed layout's seal area;
	// nil leaves the area empty for a stamp on paper.
	Seal *Seal
}

// Seal is a seal image: a PNG, ideally red on a transparent background.
type Seal struct {
	PNG      []byte
	Diameter float64 // mm; 0 = SealDiameter
}

// SealDiameter is the diameter of the seal area when Seal.Diameter is 0 (mm):
// the usual size of a Party committee's round seal.
const SealDiameter = 42

// Table is a ruled table. Header rows are repeated on every page it spans.
type Table struct {
	Columns  []Column
	Header   [][]string // header rows, repeated on every page
	Rows     []Row
	FontSize float64 // pt; 0 = 12 (小四) for forms; body tables use 14 (四号) or 12
}

// Align is the horizontal alignment of text in a table column.
type Align int

// Alignments.
const (
	Left Align = iota
	Center
	Right
)

// Column describes one table column.
type Column struct {
	Title string
	Width float64 // mm; the widths of a table sum to 156
	Align Align
	Role  model.Role // "" = body
}

// Row is one table row.
type Row struct {
	Cells []Cell
	Pos   diag.Pos
}

// Cell is one table cell.
type Cell struct {
	Text string
	// Merge marks a cell that vertically continues the cell above (a group
	// cell): no top border, text drawn once at the top of the merged run and
	// repeated when a page break splits the run. Its own Text is ignored.
	Merge bool
	Bold  bool
}

// Fonts is what layout needs from a font set; *fontset.Set satisfies it.
type Fonts interface {
	// Pick returns the face to draw r with in role: the role's face if it has
	// r, else the fallback; ok is false when no face has r.
	Pick(role model.Role, r rune) (face int, ok bool)
	// Advance returns the advance width of r in face, in em units (1 = the font size).
	Advance(face int, r rune) float64
}

// Page is one laid-out A4 page. Coordinates are in pt from the page's top-left.
type Page struct {
	Number     int  // 1-based physical page number
	ShowNumber bool // draw `— N —`
	Items      []Item
	// Marks are the bookmarks that start on this page (each title and each
	// 附件), in order; the PDF writer makes the document outline of them.
	Marks []Mark
}

// Mark is a bookmark: a title or an attachment and where it starts on its page.
type Mark struct {
	Text string
	Y    float64 // pt from the top of the page, the top of the first line
}

// ItemKind tells a text run from a rule or an image.
type ItemKind int

// Item kinds.
const (
	TextItem ItemKind = iota
	RuleItem
	RectItem  // a rectangle from (X, Y) to (X2, Y2) filled with Color
	ImageItem // Image (a PNG, transparency kept) drawn into the box from (X, Y) to (X2, Y2)
)

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Colours used by layout.
var (
	Black = Color{0, 0, 0}
	Red   = Color{0xFF, 0, 0}
)

// Item is a positioned text run or a rule on a page.
//
// A text run starts at (X, Y), Y being the baseline; every character but the
// last is followed by its advance at Size (times HScale) plus Spacing (pt). A rule goes from
// (X, Y) to (X2, Y2) with line width Width; a rectangle or an image fills the
// box from (X, Y), its top-left corner, to (X2, Y2).
type Item struct {
	Kind    ItemKind
	X, Y    float64
	Size    float64 // pt
	Face    int     // font index into the Fonts (fontset.Set.Faces())
	Color   Color
	Spacing float64 // pt added after each character (character spacing)
	Text    string
	Bold    bool // fake bold (stroke), for Cell.Bold and Heading3
	X2, Y2  float64
	Width   float64 // rule width, pt
	// HScale squeezes (or widens) the glyphs of a text run horizontally:
	// each character's advance at Size is multiplied by it before Spacing is
	// added. 0 means 1 (no scaling).
	HScale float64
	Image  []byte // ImageItem: the PNG file
}
