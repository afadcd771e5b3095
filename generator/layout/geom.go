package layout

// Page geometry of GB/T 9704-2012, in pt (1 pt = 1/72 inch) unless named MM.
const (
	PtPerMM = 72 / 25.4

	PageWidth  = 210 * PtPerMM // A4
	PageHeight = 297 * PtPerMM

	BlockLeft   = 28 * PtPerMM  // 订口
	BlockTop    = 37 * PtPerMM  // 天头
	BlockWidth  = 156 * PtPerMM // 版心 width
	BlockHeight = 225 * PtPerMM // 版心 height
	BlockRight  = BlockLeft + BlockWidth
	BlockBottom = BlockTop + BlockHeight

	GridLines = 22 // lines per page
	GridChars = 28 // characters per line

	// LinePitch is the distance between grid lines: 225 mm / 22 = 28.99 pt.
	LinePitch = BlockHeight / GridLines

	BodySize = 16 // 3号
	// BodySpacing is the character spacing of 3号 text that puts exactly 28
	// characters in 156 mm, the first glyph's left edge on the left edge of the
	// block and the 28th glyph's right edge on its right edge (−0.215 pt).
	BodySpacing = (BlockWidth - GridChars*BodySize) / (GridChars - 1)
	// CharPitch is the advance of one body character on the grid (15.785 pt).
	CharPitch = BodySize + BodySpacing

	TitleSize     = 22 // 2号
	ColophonSize  = 14 // 4号
	PageNumSize   = 14 // 4号
	HeaderSize    = 10.5
	TableFontSize = 12 // 小四, the default for tables

	// emTop is the height of the ideographic em box above the baseline, as a
	// fraction of the font size (CJK fonts: 0.88 above, 0.12 below).
	emTop = 0.88
	emBot = 0.12
)

// lineTop returns the y of the top of grid line i (0-based) of a page.
func lineTop(i int) float64 { return BlockTop + float64(i)*LinePitch }

// baselineIn returns the baseline of text of the given size centred in the
// grid cell whose top is top.
func baselineIn(top, pitch, size float64) float64 {
	return top + (pitch-size)/2 + emTop*size
}

// GridBaseline returns the baseline of body text (16 pt) on grid line i
// (0-based) of a page.
func GridBaseline(i int) float64 { return baselineIn(lineTop(i), LinePitch, BodySize) }
